"""The roll-up's numbers match the reports; the spreadsheet and the draft report open again."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from functools import partial
from pathlib import Path

import pytest
from province_tables import OWN_ROWS, ROWS, import_province_bank, new_report
from rollup_helpers import TEMPORARY, make_city_with, ok, trust, unit_of, zicha

from report.answers import load_answers
from report.models import AREA_KEYS, STATUSES
from rollup.city import CityStore
from rollup.summary import build_rollup

NAMES = ("青禾县", "白水县", "东山区")


def _worse(text: str) -> str:
    # 白水县 marks two more points as not complying, so the units' numbers differ.
    return text.replace("status: 符合", "status: 不符合", 2)


@pytest.fixture
def city_with_three(tmp_path: Path, city: Path) -> tuple[Path, Path]:
    make_city_with(tmp_path, city, NAMES, drafts={"东山区"}, edits={"白水县": _worse})
    return tmp_path, city


def expected_counts(root: Path, name: str) -> dict[str, Counter]:
    report = load_answers(root / f"{name}.yaml").new_report()
    return {
        area: Counter(p.status for p in report.section(area).points if not p.skipped)
        for area in AREA_KEYS
    }


def test_summary_xlsx_numbers_match_the_reports(city_with_three) -> None:
    from openpyxl import load_workbook

    root, city = city_with_three
    out = root / "汇总.xlsx"
    text = ok(zicha(city, "rollup", "summary", "--year", "2026", "-o", str(out), user="市管理员"))
    assert "已汇总 3 个单位" in text
    wb = load_workbook(out)
    assert wb.sheetnames == ["总表", "问题清单", "整改台账汇总"]
    ws = wb["总表"]
    rows = {r[0]: r for r in ws.iter_rows(min_row=4, values_only=True) if r[0]}
    for name in NAMES:
        row = rows[unit_of(name)]
        counts = expected_counts(root, name)
        col = 2
        for area in AREA_KEYS:
            assert list(row[col : col + 4]) == [counts[area].get(s, 0) for s in STATUSES], (
                name,
                area,
            )
            col += 4
        report = load_answers(root / f"{name}.yaml").new_report()
        assert row[col + 1] == len(report.section("rectification").points)
    assert rows[unit_of("东山区")][1] == "草稿" and rows[unit_of("东山区")][-1] == "草稿"
    assert rows[unit_of("青禾县")][1] == "已审定"
    total = rows["合计"]
    assert total[2] == sum(expected_counts(root, n)["organization"].get("符合", 0) for n in NAMES)

    problems = list(wb["问题清单"].iter_rows(min_row=3, values_only=True))
    counts = [p[3] for p in problems]
    assert counts == sorted(counts, reverse=True)  # most frequent first
    weak_total = sum(
        c.get("基本符合", 0) + c.get("不符合", 0)
        for n in NAMES
        for c in expected_counts(root, n).values()
    )
    assert sum(len(str(p[5]).splitlines()) for p in problems) == weak_total
    assert any(unit_of("白水县") in str(p[4]) for p in problems)


def test_summary_docx_is_an_official_draft(city_with_three) -> None:
    import docx

    root, city = city_with_three
    out = root / "汇总报告.docx"
    ok(
        zicha(
            city,
            "rollup",
            "summary",
            "--year",
            "2026",
            "--format",
            "docx",
            "-o",
            str(out),
            user="市管理员",
        )
    )
    doc = docx.Document(str(out))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "汇总报告" in text and "共收到3个单位的自查报告" in text
    assert "已审定2份、草稿1份" in text
    assert "东山区社会保险事业局以草稿报送" in text
    assert "一、组织机构控制" in text
    header = "\n".join(p.text for p in doc.sections[0].header.paragraphs)
    assert "征求意见稿" in header


def test_missing_units_and_overdue(city_with_three, tmp_path: Path) -> None:
    root, city = city_with_three
    ok(trust(city, root, "青禾县"))
    with CityStore(city) as store:
        late = build_rollup(store, 2026, today=dt.date(2030, 1, 1))
        now = build_rollup(store, 2026, today=dt.date(2026, 1, 1))
    items = late.items()
    assert items and all(
        i.overdue(late.today) == (i.due is not None and i.progress != "已完成") for _, i in items
    )
    assert sum(u.overdue(now.today) for u in now.units) == 0
    assert late.missing == []


def test_summary_without_bundles_says_so(city: Path, tmp_path: Path) -> None:
    result = zicha(
        city, "rollup", "summary", "--year", "2026", "-o", str(tmp_path / "x.xlsx"), user="市管理员"
    )
    assert result.exit_code == 1 and "还没有接收" in result.output


def county_on_bank(root: Path, city: Path, rows, answers: str) -> Path:
    """南湖县 answers on a bank imported from rows, sends its draft to the city, which sums it
    up: the 汇总.xlsx."""
    import zipfile

    home = root / "南湖县"
    ok(zicha(home, "user", "add", "管理员"))
    ok(
        zicha(
            home,
            "user",
            "add",
            "张三",
            "--role",
            "officer",
            user="管理员",
            ZICHA_NEW_PASSWORD=TEMPORARY,
        )
    )
    ok(zicha(home, "user", "passwd", "张三", user="张三", ZICHA_PASSWORD=TEMPORARY))
    ok(zicha(home, "key", "new", user="管理员"))
    as_officer = partial(zicha, home, user="张三")
    import_province_bank(as_officer, root, rows=rows)
    new_report(as_officer, "--bank", "省表", unit=unit_of("南湖县"))
    ok(zicha(home, "interview", "1", "--no-library", user="张三", input=answers))
    out = root / "南湖县.zicha"
    ok(zicha(home, "bundle", "export", "1", "-o", str(out), "--draft", user="张三"))
    with zipfile.ZipFile(out) as zf:
        assert "score.xlsx" in zf.namelist()
    ok(zicha(home, "key", "export-public", "-o", str(root / "南湖县.pub"), user="管理员"))
    ok(trust(city, root, "南湖县"))
    ok(zicha(city, "rollup", "import", str(out), user="市管理员"))
    sheet = root / "汇总.xlsx"
    ok(zicha(city, "rollup", "summary", "--year", "2026", "-o", str(sheet), user="市管理员"))
    return sheet


def test_scored_bank_travels_with_its_score(tmp_path: Path, city: Path) -> None:
    from openpyxl import load_workbook

    answer = "我们成立了内控领导小组，局长任组长，内控牵头科室是稽核科，有正式发文。\n\n"
    sheet = county_on_bank(tmp_path, city, ROWS, answer)
    ws = load_workbook(sheet)["总表"]
    row = next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[0] == unit_of("南湖县"))
    assert row[2 + 5 * 4] == 4  # ORG-01 符合: its full 4 points out of 100


def test_a_bank_with_its_own_sections_is_summed_without_the_five_areas(
    tmp_path: Path, city: Path
) -> None:
    from openpyxl import load_workbook

    answers = (
        "我们关键岗位每三年轮岗一次，轮岗记录都归档了，今年轮岗了3人。\n\n"
        "经办人员都持证上岗，但是今年有两个人没有参加业务培训，培训计划没有落实。\n\n"
        "/状态 不符合\n/扣分\n"
    )
    sheet = county_on_bank(tmp_path, city, OWN_ROWS, answers)
    workbook = load_workbook(sheet)
    row = next(
        r
        for r in workbook["总表"].iter_rows(min_row=4, values_only=True)
        if r[0] == unit_of("南湖县")
    )
    assert row[2 : 2 + 5 * 4] == (0,) * 20  # its points belong to none of the five areas
    assert row[2 + 5 * 4] == 13  # but its score counts: SA-01 10 + SA-02 5 − 2
    problems = list(workbook["问题清单"].iter_rows(min_row=3, values_only=True))
    assert [p[2] for p in problems] == ["岗位与人员管理"]  # listed under the section's title
