"""Preflight tells the truth (issue 9): unanswered points, filler left in hand edits and weak
points without a rectification item are errors that block submission; a 征求意见稿 still exports."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from exports.preflight import ERROR
from interview.bank import load_bank
from interview.engine import InterviewEngine
from report import snapshots, users
from report.answers import load_answers
from report.store import ReportStore
from tui.app import ZichaApp
from tui.cli import main
from tui.readiness import full_preflight, submission_refusal
from tui.screens.review import ReviewScreen

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"


def _errors(report) -> list[str]:
    return [i.message for i in full_preflight(report) if i.level == ERROR]


def test_unanswered_points_are_errors(store, blank_report):
    rid = store.create(blank_report).id
    engine = InterviewEngine(store, rid, bank=load_bank())
    engine.start()
    for _ in range(24):  # 24 of 36 answered: 12 unanswered
        engine.answer(engine.current().control.example)
    errors = _errors(engine.report)
    unanswered = [m for m in errors if "尚未回答" in m]
    assert sum(int(m.split("有 ")[1].split(" 个")[0]) for m in unanswered) == 12


def test_filler_in_a_hand_edit_and_a_filler_only_answer_are_errors(store, complete_answers):
    report = load_answers(complete_answers).new_report()
    assert _errors(report) == []
    org = report.section("organization").points
    org[0].drafted, org[0].hand_edited = "我局都有制度，岗位职责每年修订。", True
    org[1].drafted = "都按要求执行。"  # drafted from an answer that said nothing else
    errors = _errors(report)
    assert any("手工改写" in m and "「我局都有制度」" in m for m in errors)
    assert any("只有笼统说法" in m and "都按要求执行" in m for m in errors)


def test_weak_point_without_rectification_item_is_an_error(complete_answers):
    report = load_answers(complete_answers).new_report()
    report.section("rectification").points = []
    errors = _errors(report)
    assert sum("没有对应的整改措施" in m for m in errors) == 4  # ORG-06 BUS-09 INF-04 SUP-03


def _officer(home: Path) -> dict:
    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", "admin-pass-1", "本机用户")
        users.add_user(store.conn, "zhang", "officer", "zhang-pass-1", "admin")
        # a password set by the admin is temporary: zhang has chosen his own
        store.conn.execute("UPDATE users SET must_change = 0 WHERE name = 'zhang'")
        store.conn.commit()
    return {"ZICHA_HOME": str(home), "ZICHA_USER": "zhang", "ZICHA_PASSWORD": "zhang-pass-1"}


def test_review_submit_refused_with_errors_but_draft_exports(home: Path, tmp_path: Path):
    env = _officer(home)
    runner = CliRunner()
    r = runner.invoke(main, ["report", "new", "--from", str(EXAMPLE)], env=env)
    rid = r.output.strip().splitlines()[-1]
    r = runner.invoke(main, ["review", "submit", rid], env=env)
    assert r.exit_code == 1
    assert "不能提交审核" in r.output and "尚未回答" in r.output
    with ReportStore.open(home) as store:
        assert store.get(int(rid)).status == "draft"  # nothing changed
        assert snapshots.list_snapshots(store.conn, int(rid)) == []
    out = tmp_path / "征求意见稿.docx"
    r = runner.invoke(main, ["export", rid, "-o", str(out)], env=env)
    assert r.exit_code == 0 and out.exists()
    assert "征求意见稿" in r.output and "不能提交审核" in r.output


async def test_tui_submit_refused_with_errors(home: Path):
    _officer(home)
    with ReportStore.open(home) as store:
        rid = store.create(load_answers(EXAMPLE).new_report(), actor="zhang").id
        assert "尚未回答" in (submission_refusal(store.get(rid)) or "")
    app = ZichaApp(home, actor="zhang", resume=False)
    async with app.run_test(size=(140, 40)) as pilot:
        app.push_screen(ReviewScreen(rid))
        await pilot.pause()
        await pilot.press("t")  # 提交 (S resolves a comment on the review screen)
        await app.workers.wait_for_complete()
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("不能提交审核" in m for m in messages), messages
    with ReportStore.open(home) as store:
        assert store.get(rid).status == "draft"


def test_unconfirmed_status_is_an_error(complete_answers):
    report = load_answers(complete_answers).new_report()
    p = report.section("business").points[0]
    p.status_confirmed = False
    errors = [i for i in full_preflight(report) if i.level == ERROR]
    assert [(i.point_id, "尚待确认" in i.message) for i in errors] == [(p.id, True)]
    assert "尚待确认" in (submission_refusal(report) or "")
