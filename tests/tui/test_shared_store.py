"""The full-screen app on a shared PostgreSQL report store (issue 18): the home list comes
from the database, and an edit saved on one PC is what the other PC's app shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import DataTable

from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.home import HomeScreen


async def test_two_pcs_share_one_store(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_url: str, example_report
) -> None:
    monkeypatch.delenv("ZICHA_DB", raising=False)
    officer_pc, supervisor_pc = tmp_path / "pc1", tmp_path / "pc2"
    with ReportStore.open(officer_pc, pg_url) as store:
        created = store.create(example_report)
        created.unit = "某县社会保险事业管理局"
        store.save(created)
    # Neither PC has a zicha.db: the app reads the shared database.
    app = ZichaApp(supervisor_pc, resume=False, db=pg_url)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        table = app.screen.query_one("#reports", DataTable)
        assert table.row_count == 1
        assert "某县社会保险事业管理局"[:6] in str(table.get_row(str(created.id))[1])
        assert app.store.backend == "postgresql"
        await app.workers.wait_for_complete()
    assert not (officer_pc / "zicha.db").exists() and not (supervisor_pc / "zicha.db").exists()
