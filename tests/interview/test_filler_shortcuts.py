"""interview/phrasing.py tries the filler patterns one at a time and skips those a clause cannot
match (export speed, issue 16): the answer must be the one the patterns as one regex give."""

from __future__ import annotations

import glob
from pathlib import Path

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from interview.phrasing import (
    _core,
    _filler_regex,
    _matches_a_pattern,
    _pattern_sets,
    filler_rules,
)

DATA = Path(__file__).resolve().parents[2] / "interview" / "data"


def _labelled_clauses() -> list[str]:
    texts = []
    for name in sorted(glob.glob(str(DATA / "filler*.yaml"))):
        data = yaml.safe_load(Path(name).read_text(encoding="utf-8"))
        for item in data.get("items", []) if isinstance(data, dict) else []:
            if isinstance(item, dict) and isinstance(item.get("text"), str):
                texts.append(item["text"])
    return texts


def test_every_labelled_clause_gets_the_one_regex_answer():
    clauses = _labelled_clauses()
    assert len(clauses) > 100
    for clause in clauses:
        core = _core(clause)
        assert _matches_a_pattern(core) == bool(_filler_regex().fullmatch(core)), clause


# Characters the patterns spell, with a few they do not.
_union, _literal, _other = _pattern_sets()
PATTERN_TEXT = st.text(alphabet=st.sampled_from(sorted(_union) + list("岗账册表一二")), max_size=12)


@settings(max_examples=600, deadline=None)
@given(PATTERN_TEXT)
def test_random_clauses_get_the_one_regex_answer(core: str):
    assert _matches_a_pattern(core) == bool(_filler_regex().fullmatch(core))


def test_every_pattern_is_tried_one_way_or_the_other():
    patterns = [p for group in filler_rules().patterns.values() for p in group]
    assert sorted(patterns) == sorted([p for _, p in _literal] + list(_other))
