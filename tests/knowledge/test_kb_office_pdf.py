"""A PDF as an office produces it: the fixture regulation written by Word-compatible LibreOffice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from kb_docs import FIXTURE_NUMBER, FIXTURE_TITLE

from knowledge.library import Library


@pytest.mark.slow
def test_libreoffice_pdf_imports_with_articles_and_metadata(
    kb_lib: Library, tmp_path: Path, regulation_docx_and_pdf: tuple[Path, Path]
) -> None:
    pdf = Path(shutil.copy(regulation_docx_and_pdf[1], tmp_path))  # the PDF alone
    [outcome] = kb_lib.import_paths([pdf]).outcomes
    assert outcome.status == "imported", outcome.message
    assert outcome.chunks == 30
    [doc] = [d for d in kb_lib.documents() if not d.is_starter]
    assert (doc.title, doc.doc_number) == (FIXTURE_TITLE, FIXTURE_NUMBER)
    hits = kb_lib.search("银行存款余额调节表")
    assert f"《{FIXTURE_TITLE}》（{FIXTURE_NUMBER}）第十九条" in [h.citation for h in hits]
