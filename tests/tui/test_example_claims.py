"""What Home, F1 and the README say about the example report matches the example: it answers
17 of the 36 points (they called it 完整, and a new user then met 5 preflight errors)."""

from __future__ import annotations

from pathlib import Path

from interview.bank import load_bank
from interview.coverage import compute_coverage
from report.answers import load_answers
from tui import strings
from tui.help_text import SCREEN_HOWTO

ROOT = Path(__file__).resolve().parents[2]


def test_example_is_described_by_its_real_coverage() -> None:
    report = load_answers(ROOT / "examples" / "answers.yaml").new_report()
    cov = compute_coverage(report, load_bank())
    assert cov.answered < cov.total  # not a complete report
    claim = f"答了 {cov.total} 个要点中的 {cov.answered} 个"
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme.count(claim) == 2
    assert claim in SCREEN_HOWTO["HomeScreen"]
    for text in (readme, SCREEN_HOWTO["HomeScreen"], str(strings.HOME)):
        assert "完整报告" not in text and "完整示例" not in text
