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
