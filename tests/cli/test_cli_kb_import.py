"""a folder of .doc/.wps files must not import nothing in silence with exit code 0."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from knowledge.library import Library
from report.home import knowledge_db_path
from tui.cli import main


def kb_import(home: Path, *paths: Path):
    return CliRunner().invoke(main, ["--home", str(home), "kb", "import", *map(str, paths)])


def imported_titles(home: Path) -> list[str]:
    with Library(knowledge_db_path(home)) as lib:
        return [d.title for d in lib.documents() if not d.is_starter]


def test_folder_of_unsupported_files_says_so_and_fails(tmp_path: Path):
    folder = tmp_path / "法规"
    (folder / "旧").mkdir(parents=True)
    (folder / "通知.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "旧" / "办法.wps").write_bytes(b"\xd0\xcf\x11\xe0")
    home = tmp_path / "home"
    result = kb_import(home, folder)
    assert result.exit_code == 1, result.output
    assert "已跳过 2 个不支持的文件" in result.output
    assert "通知.doc" in result.output and "另存为 .docx" in result.output
    assert imported_titles(home) == []


def test_mixed_folder_imports_the_good_file_and_names_the_skipped_one(tmp_path: Path):
    folder = tmp_path / "法规"
    folder.mkdir()
    (folder / "稽核办法.txt").write_text(
        "社会保险稽核办法\n第一条 稽核机构应当对缴费基数进行稽核。\n", "utf-8"
    )
    (folder / "附件.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    home = tmp_path / "home"
    result = kb_import(home, folder)
    assert result.exit_code == 0, result.output
    assert "已跳过 1 个不支持的文件（附件.xls）" in result.output
    assert imported_titles(home) == ["社会保险稽核办法"]


def test_empty_folder_is_a_failure_with_a_reason(tmp_path: Path):
    folder = tmp_path / "空"
    folder.mkdir()
    result = kb_import(tmp_path / "home", folder)
    assert result.exit_code == 1, result.output
    assert "没有找到可导入的文件" in result.output
