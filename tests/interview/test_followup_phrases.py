"""Follow-ups in plain Chinese: missing topics named in words, and no question asked twice."""

import re

from interview.bank import load_bank
from interview.engine import InterviewEngine
from interview.followup import _topic_phrases, analyze, followup_question, topic_phrase


def test_every_bank_topic_has_a_phrase():
    bank = load_bank()
    phrases = _topic_phrases()
    missing = [
        f"{cp.id}:{topic[0]}"
        for key in (
            "organization",
            "business",
            "fund_finance",
            "information_system",
            "supervision",
            "assessment",
            "rectification",
        )  # fmt: skip
        for cp in bank.points(key)
        for topic in cp.topics()
        if topic[0] not in phrases.get(cp.id, {})
    ]
    assert not missing, missing


def test_missing_topics_read_as_a_sentence():
    cp = load_bank().get("ORG-06")
    analysis = analyze("我局建立了干部交流制度。", cp)
    [reason] = [r for r in analysis.reasons if r.code == "missing_topic"]
    assert reason.message == "还没有提到亲属回避怎么执行、在岗满几年要轮换"
    assert topic_phrase(cp, "轮岗") == "多久轮岗一次"
    # No bare keyword lists such as 「未提到：职责、科、岗位」.
    assert "未提到" not in reason.message


def test_second_followup_asks_something_new():
    cp = load_bank().get("ORG-01")
    analysis = analyze("有规定", cp)
    first = followup_question(cp, analysis, 0)
    second = followup_question(cp, analysis, 1, [first])
    assert re.sub(r"\W", "", first) != re.sub(r"\W", "", second)


def test_engine_never_repeats_a_followup(store, blank_report):
    bank = load_bank()
    rid = store.create(blank_report).id
    engine = InterviewEngine(store, rid, bank=bank, retriever=None)
    for cp_id in ("ORG-01", "ORG-02", "ORG-03"):
        engine.goto("organization", cp_id)
        asked = []
        for vague in ("有规定", "有规定，按要求执行"):
            result = engine.answer(vague)
            assert result.kind == "followup"
            asked.append(result.question)
        assert asked[0] != asked[1], (cp_id, asked)
        engine.skip()
