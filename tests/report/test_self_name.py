"""The unit's self-name follows its name (某县医疗保障事务中心 -> 我中心) unless the officer chose one."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from report.answers import load_answers
from report.models import Report
from report.naming import default_short_name
from tui.cli import main


@pytest.mark.parametrize(
    ("unit", "expected"),
    [
        ("某县社会保险事业局", "我局"),
        ("某县医疗保障事务中心", "我中心"),
        ("某市社会保险基金管理处", "我处"),
        ("某县人民医院", "我院"),
        ("某区社会保险事务所", "我所"),
        ("某乡劳动保障服务站", "我站"),
        ("某县社会保险事业局（本级）", "我局"),
        ("某某合作社", "我单位"),
    ],
)
def test_default_short_name(unit, expected):
    assert default_short_name(unit) == expected


def _report(**kw) -> Report:
    return Report(
        addressee="市医疗保障局",
        year=2026,
        basis_title="关于开展内部控制检查评估工作的通知",
        basis_number="某医保函〔2026〕8号",
        **kw,
    )


def test_model_takes_self_name_from_unit_and_keeps_a_chosen_one():
    r = _report(unit="某县医疗保障事务中心")
    assert r.short_name == "我中心"
    assert "我中心高度重视" in r.display_opening()
    assert _report(unit="某县医疗保障事务中心", short_name="本中心").short_name == "本中心"


def test_answers_file_without_short_name(tmp_path: Path):
    f = tmp_path / "a.yaml"
    f.write_text(
        "unit: 某县医疗保障事务中心\naddressee: 市医疗保障局\nyear: 2026\n"
        "basis: {title: 关于开展内控检查的通知, number: 某医保函〔2026〕8号}\n",
        encoding="utf-8",
    )
    assert load_answers(f).new_report().short_name == "我中心"
    f.write_text(f.read_text(encoding="utf-8") + "short_name: 本中心\n", encoding="utf-8")
    assert load_answers(f).new_report().short_name == "本中心"


def test_cli_report_new_defaults_from_unit(home: Path):
    args = [
        "report", "new", "--unit", "某县医疗保障事务中心", "--to", "市医疗保障局",
        "--year", "2026", "--basis-title", "关于开展内控检查的通知",
        "--basis-number", "某医保函〔2026〕8号",
    ]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    shown = CliRunner().invoke(main, ["report", "show", result.output.split()[-1]])
    assert "我中心高度重视" in shown.output
    assert "我局" not in shown.output
