"""tui/jobs.py: slow work in a thread worker, the result shown on the UI thread before the
worker ends (so waiting for workers is enough in tests), failures said in Chinese."""

from __future__ import annotations

import threading
from pathlib import Path

from tui_helpers import notices

from report.errors import ZichaError
from tui.app import ZichaApp
from tui.jobs import run_job, run_on_store


async def test_the_job_runs_off_the_ui_thread_and_done_before_the_worker_ends(home: Path):
    app = ZichaApp(home, resume=False)
    seen: dict[str, object] = {}
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        ui = threading.get_ident()

        def job() -> int:
            seen["job_thread"] = threading.get_ident()
            return 42

        def done(result: int) -> None:
            seen["done_thread"] = threading.get_ident()
            seen["result"] = result

        worker = run_job(app, job, done)
        await worker.wait()  # no pause needed: done ran before the worker ended
        assert seen == {"job_thread": seen["job_thread"], "done_thread": ui, "result": 42}
        assert seen["job_thread"] != ui


async def test_a_refusal_and_a_defect_in_done_are_both_said(home: Path):
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()

        def refused() -> None:
            raise ZichaError("报告已被他人修改。")

        def broken(_: None) -> None:
            raise KeyError("no such widget")

        await run_job(app, refused).wait()
        await run_job(app, lambda: None, broken).wait()
        messages = notices(app)
        # the refusal as it is; the defect as the app's notice for an unexpected error
        assert messages[0] == "报告已被他人修改。"
        assert len(messages) == 2, messages


async def test_run_on_store_opens_a_store_for_the_job(home: Path, store, example_report):
    report = store.create(example_report)
    app = ZichaApp(home, resume=False)
    units: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await run_on_store(app, lambda s: s.get(report.id or 0).unit, units.append).wait()
    assert units == [report.unit]
