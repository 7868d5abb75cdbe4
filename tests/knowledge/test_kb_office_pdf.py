"""A PDF as an office produces it: the fixture regulation written by Word-compatible LibreOffice."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from kb_docs import FIXTURE_NUMBER, FIXTURE_REGULATION, FIXTURE_TITLE, write_docx

from knowledge.library import Library

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_pdf_imports_with_articles_and_metadata(
    kb_lib: Library, tmp_path: Path
) -> None:
    src = write_docx(tmp_path / "rules.docx", FIXTURE_REGULATION)
    profile = tmp_path / "lo-profile"
    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(src),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "rules.pdf"
    src.unlink()
    [outcome] = kb_lib.import_paths([pdf]).outcomes
    assert outcome.status == "imported", outcome.message
    assert outcome.chunks == 30
    [doc] = [d for d in kb_lib.documents() if not d.is_starter]
    assert (doc.title, doc.doc_number) == (FIXTURE_TITLE, FIXTURE_NUMBER)
    hits = kb_lib.search("银行存款余额调节表")
    assert f"《{FIXTURE_TITLE}》（{FIXTURE_NUMBER}）第十九条" in [h.citation for h in hits]
