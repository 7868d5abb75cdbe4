"""Home's progress column counts the question bank (17/36), filled in after the table shows."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from report.models import Point
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens import home as home_screen
from tui.screens.home import HomeScreen


def progress_text(app: ZichaApp, report_id: int) -> str:
    table = app.screen.query_one("#reports", DataTable)
    return str(table.get_row(str(report_id))[4]).strip()


async def settle(app: ZichaApp, pilot) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_progress_counts_bank_points_not_paragraphs(home: Path, example_report) -> None:
    # The example answers 17 of the bank's 36 points; an own paragraph is not a bank point.
    example_report.section("organization").points.append(Point(text="自拟要点", custom=True))
    with ReportStore.open(home) as store:
        report = store.create(example_report)
    assert sum(len(s.points) for s in report.sections[:5]) == 18
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert progress_text(app, report.id) == "17/36"


async def test_table_shows_before_the_bank_is_counted(home: Path, blank_report, monkeypatch):
    with ReportStore.open(home) as store:
        report = store.create(blank_report)
    calls: list[list[int]] = []
    real = home_screen.bank_progress

    def slow_progress(db_path, bank, ids):
        calls.append(list(ids))
        return real(db_path, bank, ids)

    monkeypatch.setattr(home_screen, "bank_progress", slow_progress)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        table = app.screen.query_one("#reports", DataTable)
        assert table.row_count == 1  # rows are there whatever the worker is doing
        await settle(app, pilot)
        assert progress_text(app, report.id) == "0/36"
        assert calls == [[report.id]]

        # Back on Home without changes: nothing is recounted.
        app.screen.refresh_reports()
        await settle(app, pilot)
        assert calls == [[report.id]]


async def test_progress_follows_changes_and_recounts_only_changed_reports(
    home: Path, blank_report, monkeypatch
) -> None:
    with ReportStore.open(home) as store:
        first = store.create(blank_report)
        second = store.create(blank_report)
    calls: list[list[int]] = []
    real = home_screen.bank_progress
    monkeypatch.setattr(
        home_screen,
        "bank_progress",
        lambda db, bank, ids: calls.append(sorted(ids)) or real(db, bank, ids),
    )
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert progress_text(app, first.id) == "0/36"
        # Answer one bank point of the first report and skip another (as the interview would).
        report = app.store.get(first.id)
        org = report.section("organization")
        org.points.append(Point(text="岗位职责已成文。", control_point="ORG-01"))
        org.points.append(Point(text="未作答", control_point="ORG-02", skipped=True))
        app.store.save(report, app.actor, action="answer", detail="test")
        assert isinstance(app.screen, HomeScreen)
        app.screen.refresh_reports()
        await settle(app, pilot)
        # a skipped point is not answered (issue 9: Home, report list and coverage agree)
        assert progress_text(app, first.id) == "1/36"
        assert progress_text(app, second.id) == "0/36"
        assert calls == [sorted([first.id, second.id]), [first.id]]


async def test_question_bank_is_loaded_once_per_app(home: Path, monkeypatch) -> None:
    import interview.bank

    loads: list[int] = []
    real = interview.bank.load_bank
    monkeypatch.setattr(interview.bank, "load_bank", lambda *a: loads.append(1) or real(*a))
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)):
        bank = app.question_bank()
        assert app.question_bank() is bank
        assert len(bank.points("organization")) >= 6
    assert loads == [1]
    other = ZichaApp(home, resume=False)
    assert other._bank is None  # cached on the instance, not in a global


async def test_a_skipped_point_does_not_count(home: Path, blank_report, example_report) -> None:
    from interview.bank import load_bank
    from interview.engine import InterviewEngine

    with ReportStore.open(home) as store:
        report = store.create(blank_report)
        engine = InterviewEngine(store, report.id, bank=load_bank(), retriever=None)
        engine.skip()
        engine.skip()
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(app, pilot)
        assert progress_text(app, report.id) == "0/36"
