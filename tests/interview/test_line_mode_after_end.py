"""Line mode: lines piped after the interview ended are not taken as export paths (issue 11):
each answer-like line is refused with a Chinese sentence, a command is carried out as a command
(issue 9), no file is written, and the run ends cleanly."""

from __future__ import annotations

import os

from interview.console import ConsoleSession
from interview.engine import InterviewEngine
from report.labels import DEFAULT_ACTOR
from tui.cli.interview_cmd import line_mode_exporter

SURPLUS = ["我局还有一句补充说明", "按2.5倍标准执行", "/整改"]


def _session(store, report_id, bank, lines: list[str], out: list[str]) -> ConsoleSession:
    engine = InterviewEngine(store, report_id, bank=bank)
    pending = iter(lines)

    def read(_prompt: str) -> str:
        try:
            return next(pending)
        except StopIteration:
            raise EOFError from None

    exporter = line_mode_exporter(store, report_id, DEFAULT_ACTOR, "runin")
    return ConsoleSession(engine, read, out.append, exporter, actor=DEFAULT_ACTOR)


def test_surplus_piped_lines_after_the_end_write_no_file(
    store, report_id, bank, tmp_path, monkeypatch
):
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    out: list[str] = []
    assert _session(store, report_id, bank, SURPLUS, out).finish() == 0
    assert os.listdir(work) == []  # no document named after an answer
    said = "\n".join(out)
    assert said.count("不是保存路径") == 2, said
    assert "已导出" not in said


def test_a_path_is_still_exported(store, report_id, bank, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    out: list[str] = []
    assert _session(store, report_id, bank, ["自查报告.docx"], out).finish() == 0
    assert (tmp_path / "自查报告.docx").is_file(), out
