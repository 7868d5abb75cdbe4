"""Runs zicha's command line in-process against a home folder."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner, Result

from tui.cli import main


def run(home: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--home", str(home), *args])
