"""`zicha interview` on a terminal: lines broken by the 避头尾 rules at the terminal's width.

The terminal itself breaks a long line anywhere: 「，出纳不得兼管……」 started a line and 2025
was cut into 20 / 25. On a terminal the line mode now breaks lines itself; piped output
(scripts) stays unbroken.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from report.linebreak import CLOSING, cells
from report.store import ReportStore
from tui.cli import interview_cmd, main

WIDTH = 60


def _new_report(home: Path, blank_report) -> int:
    with ReportStore.open(home) as store:
        created = store.create(blank_report).id
    assert created is not None
    return created


def test_interview_lines_fit_the_terminal(
    home: Path, blank_report, monkeypatch: pytest.MonkeyPatch
) -> None:
    rid = _new_report(home, blank_report)
    monkeypatch.setattr(interview_cmd, "_terminal_width", lambda: WIDTH)
    answer = (
        "我中心按2019年印发的三定方案设置4个股室，核定编制15名，现有在编12人，岗位职责每年修订。"
    )
    result = CliRunner().invoke(
        main, ["--home", str(home), "interview", str(rid), "--no-library"], input=answer + "\n"
    )
    lines = result.output.splitlines()
    assert any("三定" in line for line in lines), result.output
    for line in lines:
        if line.startswith(">"):
            continue  # the echoed typing: the terminal's own business
        assert cells(line) < WIDTH, (line, cells(line))
        assert line.lstrip()[:1] not in CLOSING, line


def test_piped_interview_output_is_not_broken(home: Path, blank_report) -> None:
    rid = _new_report(home, blank_report)
    result = CliRunner().invoke(
        main, ["--home", str(home), "interview", str(rid), "--no-library"], input="\n"
    )
    assert any(cells(line) > WIDTH for line in result.output.splitlines()), result.output


def test_fit_lines_keeps_the_indent_on_continuations() -> None:
    text = "  [1] " + "经办机构应当建立岗位责任制，" * 8
    lines = interview_cmd.fit_lines(text, 40).splitlines()
    assert len(lines) > 1
    assert all(line.startswith("  ") for line in lines), lines
