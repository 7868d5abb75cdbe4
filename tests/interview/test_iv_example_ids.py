"""The README's example answers file names only control points the question bank knows."""

from pathlib import Path

from interview.bank import load_bank
from report.answers import load_answers

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"


def test_example_points_exist_in_their_section_of_the_bank():
    bank = load_bank()
    answers = load_answers(EXAMPLE)
    for section, points in answers.sections.items():
        known = {p.id for p in bank.files[section].points}
        for p in points:
            assert p.point in known, f"{section}: {p.point} is not in the question bank"
