"""The blind held-out sets are data only: each set's labels name real provisions, its counts are
what its README promises, its everyday questions cover most provisions (heldout6-8: every one).
Never a search."""

from __future__ import annotations

from collections import Counter

import pytest
from heldout_sets import HELDOUT4, HELDOUT5, HELDOUT6, HELDOUT7, HELDOUT8, HeldoutSet

SETS = {
    "heldout4": HELDOUT4,
    "heldout5": HELDOUT5,
    "heldout6": HELDOUT6,
    "heldout7": HELDOUT7,
    "heldout8": HELDOUT8,
}
each_set = pytest.mark.parametrize("data", SETS.values(), ids=SETS.keys())


@each_set
def test_one_regulation_per_numbering_with_about_forty_distinct_provisions(
    data: HeldoutSet,
) -> None:
    texts = data.texts()
    assert len(texts) == 2
    low, high = data.provisions_range
    kinds = set()
    for text in texts.values():
        provisions = data.provisions(text)
        assert low <= len(provisions) <= high
        assert len(set(provisions)) == len(provisions)
        kinds.add(provisions[0].endswith("条"))
    assert kinds == {True, False}


@each_set
def test_every_label_names_an_existing_provision(data: HeldoutSet) -> None:
    texts = data.texts()
    for item in data.questions():
        assert set(item) <= {"q", "style", "doc", "at"}
        assert isinstance(item["q"], str) and item["q"].strip()
        if item["style"] == "noise":
            assert "doc" not in item and "at" not in item
            continue
        assert item["style"] in {"everyday", "official"}
        assert item["doc"] in texts, item["doc"]
        assert item["at"] in data.provisions(texts[item["doc"]]), (item["doc"], item["at"])


@each_set
def test_counts_per_regulation_and_no_duplicates(data: HeldoutSet) -> None:
    items = data.questions()
    counts = Counter((i.get("doc"), i["style"]) for i in items)
    for stem in data.texts():
        assert counts[(stem, "everyday")] == data.everyday
        assert counts[(stem, "official")] == data.official
    assert counts[(None, "noise")] == data.noise
    assert len(items) == data.total
    assert len({i["q"].strip() for i in items}) == len(items)


@each_set
def test_everyday_questions_cover_most_provisions(data: HeldoutSet) -> None:
    items = data.questions()
    for stem, text in data.texts().items():
        asked = {i["at"] for i in items if i.get("doc") == stem and i["style"] == "everyday"}
        assert len(asked) >= data.coverage * len(data.provisions(text)), stem
