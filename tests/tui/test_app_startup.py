"""Start-up: when Home is ready it really lists the reports, and nothing has loaded pydantic,
click's subcommands, the models or the question bank yet (they come after the first paint)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from report.store import ReportStore

REPO = Path(__file__).resolve().parents[2]


def test_home_is_ready_with_the_list_before_pydantic_is_loaded(
    tmp_path: Path, example_report, blank_report
) -> None:
    home = tmp_path / "home"
    with ReportStore.open(home) as store:
        store.create(example_report)
        store.create(blank_report)
    code = f"""
        import json, sys
        from tui.cli import main  # the real entry point's imports
        from tui.app import ZichaApp
        seen = {{}}

        def ready(self):
            table = self.screen.query_one("#reports")
            seen["rows"] = [str(table.get_row_at(i)[1]) for i in range(table.row_count)]
            seen["screen"] = type(self.screen).__name__
            seen["loaded"] = sorted(
                m for m in ("pydantic", "report.models", "report.store", "interview.bank")
                if m in sys.modules
            )
            self.exit()

        ZichaApp.home_ready = ready
        ZichaApp({str(home)!r}, resume=False).run(headless=True, size=(100, 30))
        print(json.dumps(seen))
    """
    env = {k: v for k, v in os.environ.items() if k != "ZICHA_HOME"}
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    seen = json.loads(out.stdout.strip().splitlines()[-1])
    assert seen["screen"] == "HomeScreen"
    assert seen["rows"] == ["青禾县社会保险事业局", "某县社会保险事业局"]
    assert seen["loaded"] == []
