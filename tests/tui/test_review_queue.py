"""at 80x24 the review queue shows each row's status, not a report name cut mid-year."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable
from tui_helpers import press_for

from report import workflow
from tui.app import ZichaApp
from tui.screens.review import ReviewScreen


async def test_queue_fits_its_pane_at_80_columns(home: Path, store, example_report) -> None:
    from report.users import add_user

    add_user(store.conn, "admin", "admin", "admin-pass-1", "本机用户")
    add_user(store.conn, "zhang", "officer", "zhang-pass-1", "admin")
    add_user(store.conn, "li", "supervisor", "li-pass-123", "admin")
    report = store.create(example_report, actor="zhang")
    workflow.submit(store, report.id or 0, "zhang", report.revision)
    app = ZichaApp(home, actor="li", resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await press_for(pilot, "v", ReviewScreen)
        queue = screen.query_one("#review-queue", DataTable)
        assert queue.row_count == 1
        assert queue.get_row_at(0)[2] == "已提交"
        assert queue.virtual_size.width <= queue.scrollable_content_region.width
