"""The example report (a fictitious county agency) shipped inside the package.

`examples/answers.yaml` in the repository is the same file (a test keeps them equal); the
copy here is what an installed zicha loads, where no repository checkout exists.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # Home reads EXAMPLE_MARK before pydantic is loaded
    from .models import Report

EXAMPLE_MARK = "（示例）"
EXAMPLE_FILE = Path(__file__).with_name("example_answers.yaml")  # package data


def load_example() -> Report:
    """The example answers as a new report, its unit marked 示例 on every screen and page."""
    from .answers import load_answers

    report = load_answers(EXAMPLE_FILE).new_report()
    if not report.unit.endswith(EXAMPLE_MARK):
        report.unit += EXAMPLE_MARK
    return report


def is_example(unit: str) -> bool:
    return unit.endswith(EXAMPLE_MARK)
