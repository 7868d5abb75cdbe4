"""`-o 报告.rtf` must not write a Word document under an .rtf name (.pdf is a real PDF now)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from report.answers import load_answers
from report.store import ReportStore
from tui.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"


def test_unknown_extension_is_refused_and_nothing_written(tmp_path: Path):
    home = tmp_path / "home"
    with ReportStore.open(home) as store:
        rid = store.create(load_answers(EXAMPLE).new_report()).id
    out = tmp_path / "报告.rtf"
    result = CliRunner().invoke(main, ["--home", str(home), "export", str(rid), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert "不能导出为「.rtf」" in result.output and ".docx" in result.output
    assert not out.exists()
    with ReportStore.open(home) as store:
        assert not [e for e in store.audit_log(rid) if e.action == "export"]


def test_explicit_format_still_wins_over_the_extension(tmp_path: Path):
    home = tmp_path / "home"
    with ReportStore.open(home) as store:
        rid = store.create(load_answers(EXAMPLE).new_report()).id
    out = tmp_path / "报告.doc"
    args = ["--home", str(home), "export", str(rid), "-o", str(out), "--format", "docx"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert out.read_bytes()[:2] == b"PK"
