"""First start: Home explains the three steps, and E loads the marked example report."""

from textual.widgets import DataTable, Static
from tui_helpers import settle

from report.examples import EXAMPLE_MARK
from report.store import ReportStore
from tui.app import ZichaApp


async def test_first_start_guide_and_example_key(home):
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        guide = str(app.screen.query_one("#home-empty", Static).render())
        for step in ("新建报告", "逐项访谈", "成稿导出", "按 E 载入示例报告"):
            assert step in guide
        await pilot.press("e")
        await settle(pilot)
        table = app.screen.query_one("#reports", DataTable)
        assert table.row_count == 1
        assert "示例" in str(table.get_row_at(0)[1])
    with ReportStore.open(home) as store:
        [row] = store.list()
        assert row.unit.endswith(EXAMPLE_MARK)
        assert store.audit_log()[-1].action == "import"
