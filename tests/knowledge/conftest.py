from __future__ import annotations

from pathlib import Path

import pytest
from kb_evaluate import write_fixture

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
