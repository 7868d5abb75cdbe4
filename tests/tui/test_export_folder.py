"""The export folder: last used, else Documents/文档, else the data home's exports folder;
never a system folder such as /root."""

from pathlib import Path

import pytest

from tui.widgets.export_path import (
    default_directory,
    is_system_folder,
    last_directory,
    remember_directory,
)


@pytest.fixture
def user_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "user"
    h.mkdir()
    monkeypatch.setattr(Path, "home", classmethod(lambda cls: h))
    return h


def test_without_documents_the_data_homes_exports_folder(user_home: Path, home: Path) -> None:
    folder = default_directory(home)
    assert folder == home / "exports"
    assert folder.is_dir()


def test_documents_then_last_used(user_home: Path, home: Path, tmp_path: Path) -> None:
    (user_home / "文档").mkdir()
    assert default_directory(home) == user_home / "文档"
    chosen = tmp_path / "报送"
    chosen.mkdir()
    remember_directory(home, chosen / "报告.docx")
    assert last_directory(home) == chosen.resolve()
    assert default_directory(home) == chosen.resolve()


def test_a_system_folder_is_never_proposed(user_home: Path, home: Path) -> None:
    remember_directory(home, Path("/root/报告.docx"))
    assert default_directory(home) == home / "exports"
    for folder in ("/", "/root", "/usr/share", "/etc"):
        assert is_system_folder(Path(folder)), folder
    assert not is_system_folder(user_home)
