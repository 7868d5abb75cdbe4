"""Import hygiene, Harlequin style: each check runs in a fresh interpreter.

The core packages must work without Textual, and starting the app must not pay for
langchain, jieba or python-docx (they are imported by the functions that need them).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
HEAVY = ("langchain", "langchain_core", "langchain_community", "jieba", "docx", "pypdf")


def run_python(code: str, env: dict[str, str] | None = None) -> dict:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_core_packages_do_not_import_textual() -> None:
    result = run_python(
        """
        import importlib, json, pkgutil, sys
        imported = []
        for name in ("report", "interview", "knowledge", "exports"):
            pkg = importlib.import_module(name)
            imported.append(name)
            for info in pkgutil.walk_packages(pkg.__path__, name + "."):
                importlib.import_module(info.name)
                imported.append(info.name)
        print(json.dumps({
            "imported": imported,
            "textual": sorted(m for m in sys.modules if m.split(".")[0] == "textual"),
        }))
        """
    )
    assert "report.store" in result["imported"]
    assert result["textual"] == []


def test_starting_the_app_imports_no_heavy_library(tmp_path: Path) -> None:
    # The real entry point, up to the home screen being drawn, then a clean exit.
    result = run_python(
        f"""
        import json, sys
        from tui.app import ZichaApp
        from tui.cli.context import CliContext
        ctx = CliContext.create({str(tmp_path / "home")!r})
        app = ZichaApp(ctx.home, ctx.actor, exit_when_ready=True)
        app.run(headless=True, size=(80, 24))
        heavy = {HEAVY!r}
        print(json.dumps({{
            "heavy": sorted(m for m in sys.modules if m.split(".")[0] in heavy),
        }}))
        """
    )
    assert result["heavy"] == []
