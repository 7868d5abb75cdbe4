"""The example report ships inside the package (an installed zicha has no examples/ folder)."""

from pathlib import Path

from report.examples import EXAMPLE_MARK, load_example

REPO = Path(__file__).resolve().parents[2]


def test_packaged_example_is_the_repository_example():
    packaged = REPO / "report" / "example_answers.yaml"
    assert packaged.read_bytes() == (REPO / "examples" / "answers.yaml").read_bytes()


def test_example_report_is_marked():
    report = load_example()
    assert report.unit.endswith(EXAMPLE_MARK)
    assert EXAMPLE_MARK in (report.display_title() or "")
    assert sum(len(s.points) for s in report.sections) > 10
