"""Submissions are numbered in one wording wherever a user reads it: 「第 N 次送审」 in the review
screen's header, the diff picker, the audit log and `zicha review list/show`; 稿 only after a
reopening (「重新打开后第 2 稿」). Before, the header said 「第 1 稿」 beside 「第 2 次送审」."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from textual.widgets import Static
from tui_helpers import settle

from report import audit, comments, users, workflow
from report.answers import load_answers
from report.snapshots import stage_label
from report.store import ReportStore
from tui.app import ZichaApp
from tui.cli import main
from tui.screens.review import ReviewScreen


def _twice_submitted(home: Path, answers: Path) -> int:
    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", "admin-pass-1", "本机用户")
        users.add_user(store.conn, "zhang", "officer", "zhang-pass-1", "admin")
        users.add_user(store.conn, "li", "supervisor", "li-pass-123", "admin")
        rid = store.create(load_answers(answers).new_report(), actor="zhang").id
        workflow.submit(store, rid, "zhang")
        workflow.return_report(store, rid, "li", "请补充轮岗情况。")
        [thread] = comments.threads(store.conn, rid)
        comments.reply(store, thread.comment.id, "zhang", "已补充。")
        workflow.submit(store, rid, "zhang")
        return rid


async def _header(home: Path, rid: int) -> str:
    app = ZichaApp(home, actor="li", resume=False)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(ReviewScreen(rid))
        await settle(pilot)
        return str(app.screen.query_one("#review-info", Static).render())


def _cli(home: Path, *args: str) -> str:
    r = CliRunner().invoke(main, ["--home", str(home), *args])
    assert r.exit_code == 0, r.output
    return r.output


async def test_second_submission_reads_the_same_everywhere(
    home: Path, complete_answers: Path
) -> None:
    rid = _twice_submitted(home, complete_answers)
    header = await _header(home, rid)
    assert "第 2 次送审" in header and "稿" not in header, header
    with ReportStore.open(home) as store:
        details = [e.detail for e in audit.events(store.conn, rid) if e.action == "submit"]
        labels = [s.label for s in store.snapshots(rid)]
    assert details == ["第 1 次送审", "第 2 次送审"]
    assert labels[1].startswith("第 2 次送审（")
    listed = _cli(home, "review", "list")
    assert "第 2 次送审" in listed and "稿" not in listed, listed
    shown = _cli(home, "review", "show", str(rid)).splitlines()
    assert "第 2 次送审" in shown[0] and "稿" not in shown[0], shown[0]
    assert "历次送审：" in shown


async def test_after_a_reopening_the_edition_is_named(home: Path, complete_answers: Path) -> None:
    rid = _twice_submitted(home, complete_answers)
    with ReportStore.open(home) as store:
        users.add_user(store.conn, "wang", "supervisor", "wang-pass-1", "admin")
        workflow.approve(store, rid, "li")
        workflow.reopen(store, rid, "wang", "数字有误。")
        assert stage_label(store.snapshots(rid), 2) == "重新打开后第 2 稿，尚未送审"
        workflow.submit(store, rid, "zhang")
        details = [e.detail for e in audit.events(store.conn, rid) if e.action == "submit"]
    assert details[-1] == "第 3 次送审（重新打开后第 2 稿）"
    header = await _header(home, rid)
    assert "第 3 次送审（重新打开后第 2 稿）" in header, header


def test_never_submitted_says_so() -> None:
    assert stage_label([], 1) == "尚未送审"
