"""What a city office really drops on `zicha rollup import`: several files at once (the shell's
*.zicha), a Word file renamed to .zicha, a path that is not there; each gets its own line."""

from __future__ import annotations

from pathlib import Path

import docx
from rollup_helpers import make_county, ok, trust, zicha
from test_bundles import city_rows


def test_several_files_each_get_a_line(tmp_path: Path, city: Path) -> None:
    county = make_county(tmp_path, "青禾县")
    ok(trust(city, tmp_path, "青禾县"))
    good = tmp_path / "青禾县.zicha"
    ok(zicha(county, "bundle", "export", "1", "-o", str(good), user="张三"))
    renamed = tmp_path / "自查报告.zicha"
    docx.Document().save(str(renamed))  # a Word file someone renamed
    missing = tmp_path / "没有这个.zicha"

    result = zicha(city, "rollup", "import", str(renamed), str(good), str(missing), user="市管理员")
    assert result.exit_code == 1, result.output
    lines = result.output.splitlines()
    assert any(
        line.startswith("拒收：自查报告.zicha：") and "Office 文件" in line for line in lines
    ), lines
    assert any(line.startswith("接收：青禾县.zicha：") for line in lines), lines
    assert any(line.startswith("拒收：没有这个.zicha：") and "找不到" in line for line in lines)
    assert "共 3 个文件：接收 1 个，拒收 2 个。" in lines
    assert len(city_rows(city)) == 1


def test_a_folder_lists_what_it_skipped_and_why(tmp_path: Path, city: Path) -> None:
    """A folder as the counties' mail left it: the bundle is taken, every other file is named
    with the reason in Chinese; skipped files are no refusal (exit code 0)."""
    import shutil

    county = make_county(tmp_path, "青禾县")
    ok(trust(city, tmp_path, "青禾县"))
    inbox = tmp_path / "收到的报送包"
    inbox.mkdir()
    good = inbox / "青禾县.zicha"
    ok(zicha(county, "bundle", "export", "1", "-o", str(good), user="张三"))
    shutil.copyfile(good, inbox / "青禾县2026.zicha.zip")  # renamed by a mail client
    docx.Document().save(str(inbox / "报送函.docx"))
    (inbox / "说明.txt").write_text("请查收", encoding="utf-8")
    (inbox / "旧包").mkdir()

    result = zicha(city, "rollup", "import", str(inbox), user="市管理员")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("接收：青禾县.zicha：") for line in lines), lines
    skipped = {line.split("：")[1]: line for line in lines if line.startswith("跳过：")}
    assert set(skipped) == {"青禾县2026.zicha.zip", "报送函.docx", "说明.txt", "旧包"}, lines
    assert "扩展名改回 .zicha" in skipped["青禾县2026.zicha.zip"]
    assert "Word 文件" in skipped["报送函.docx"]
    assert "「.txt」" in skipped["说明.txt"]
    assert "子文件夹" in skipped["旧包"]
    assert "共 1 个文件：接收 1 个，拒收 0 个。另跳过 4 个不是报送包的文件（见上）。" in lines
    assert len(city_rows(city)) == 1


def test_a_folder_without_bundles_says_what_is_in_it(tmp_path: Path, city: Path) -> None:
    inbox = tmp_path / "收到的报送包"
    inbox.mkdir()
    docx.Document().save(str(inbox / "报送函.docx"))
    result = zicha(city, "rollup", "import", str(inbox), user="市管理员")
    assert result.exit_code == 1, result.output
    assert "中没有 .zicha 报送包" in result.output and "报送函.docx：是 Word 文件" in result.output
    assert city_rows(city) == []
