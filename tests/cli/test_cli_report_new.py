"""`zicha report new` options a script might get wrong."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from report.store import ReportStore
from tui.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"
FIELDS = ["--unit", "某局", "--to", "某处", "--year", "2026", "--basis-title", "通知"]
FIELDS += ["--basis-number", "某函〔2026〕1号"]


def new(home: Path, *args: str):
    return CliRunner().invoke(main, ["--home", str(home), "report", "new", *args])


def test_from_file_with_field_options_is_refused_not_silently_ignored(tmp_path: Path):
    result = new(tmp_path, "--from", str(EXAMPLE), "--unit", "别的局", "--date", "2026-01-05")
    assert result.exit_code == 2, result.output
    assert "--from 不能与 --unit、--date 同时使用" in result.output
    with ReportStore.open(tmp_path) as store:
        assert store.list() == []


def test_bad_date_is_explained_in_chinese(tmp_path: Path):
    result = new(tmp_path, *FIELDS, "--date", "2026-13-01")
    assert result.exit_code == 2, result.output
    assert "成文日期「2026-13-01」不对" in result.output
    assert "does not match" not in result.output
    with ReportStore.open(tmp_path) as store:
        assert store.list() == []


def test_good_date_is_used(tmp_path: Path):
    result = new(tmp_path, *FIELDS, "--date", "2026-02-03")
    assert result.exit_code == 0, result.output
    with ReportStore.open(tmp_path) as store:
        assert store.get(int(result.output.split()[-1])).date.isoformat() == "2026-02-03"


def test_second_report_for_the_same_unit_and_year_gets_a_reminder(tmp_path: Path):
    """Running the same `report new` twice made two identical reports without a word."""
    first = new(tmp_path, *FIELDS)
    assert first.exit_code == 0 and "提醒" not in first.output
    second = CliRunner().invoke(main, ["--home", str(tmp_path), "report", "new", *FIELDS])
    assert second.exit_code == 0, second.output
    assert "提醒：已有某局 2026年度的报告（编号 1）" in second.stderr
    assert second.stdout.strip().splitlines()[-1] == "2"  # the new id stays the last line
