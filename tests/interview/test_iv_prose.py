"""Prose the office can send: filler out, formal words in, hand edits kept (issue 9)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from exports.assemble import assemble
from interview.drafting import draft_details, draft_sentence
from interview.phrasing import drop_filler, formalize, is_filler
from interview.phrasing_eval import SPLITS, score_filler, score_rewrites


@pytest.mark.parametrize("split", SPLITS)
def test_filler_labelled_set(split):
    s = score_filler(split)
    assert s.total >= 40
    # Held-out measured once when the rules were frozen: precision 1.000, recall 0.833 (0.867 after
    # the everyday filler round, 0.967 after the vague-word round).
    min_recall = 0.95 if split == "tuning" else 0.95
    assert s.precision >= 0.95, s.misses
    assert s.recall >= min_recall, s.misses


# Everyday filler (filler_everyday.yaml, split by a fixed hash rule). Measured before filler.yaml
# was changed for it: tuning P 1.000 R 0.213, held-out P 1.000 R 0.242; after the pattern round
# R 1.000 / 0.818, after the vague-word round (second tuning batch, R 0.125 before) 1.000 / 0.879.
EVERYDAY_FILLER_FLOORS = {"tuning": (0.95, 0.97), "heldout": (0.95, 0.87)}


@pytest.mark.parametrize("split", SPLITS)
def test_everyday_filler_labelled_set(split):
    s = score_filler(split, "filler_everyday.yaml")
    assert s.total >= 40
    min_precision, min_recall = EVERYDAY_FILLER_FLOORS[split]
    shown = s.misses if split == "tuning" else (s.false_pos, s.false_neg)
    assert s.precision >= min_precision, shown
    assert s.recall >= min_recall, shown


@pytest.mark.parametrize("split", SPLITS)
def test_colloquial_labelled_set(split):
    r = score_rewrites(split)
    assert r.total >= 30
    assert r.accuracy >= (0.95 if split == "tuning" else 0.90), r.misses
    # A formal sentence is never rewritten (跟踪, 保管, 召开会议 …).
    assert r.untouched_kept == r.untouched_total, r.misses


def test_filler_clause_left_out_when_substance_follows():
    s = drop_filler("一是都有制度；依据县委编办《关于调整内设机构的批复》设立3个股室")
    assert s.text == "依据县委编办《关于调整内设机构的批复》设立3个股室"
    assert s.dropped == ["一是都有制度"]
    out = draft_sentence("按规定办；每年都申报；由稽核股复核")
    assert out == "每年都申报；由稽核股复核。"
    # Nothing else to say: the words stay (preflight flags them), never an empty paragraph.
    assert drop_filler("都有制度").text == "都有制度"
    assert is_filler("基本都落实了") and not is_filler("每季度召开一次内控会议")


def test_rewrites_are_deterministic_and_named():
    d = draft_details("今年省里的文件我们都弄好了，咱们跟银行每个月对一次账", "我中心")
    assert d.text == "本年度省级文件我中心都已完成，我中心与银行每月对一次账。"
    assert ("今年", "本年度") in d.rewrites and ("省里的", "省级") in d.rewrites
    assert any("本年度" in n for n in d.notes())
    assert draft_sentence(d.text, "我中心") == d.text  # idempotent
    assert formalize(d.text, "我中心").applied == []


# Everyday words (colloquial_everyday.yaml, split by a fixed hash rule). Measured before
# colloquial.yaml was changed for it: exact tuning 0.351, held-out 0.483; after: 0.892 / 0.862.
EVERYDAY_REWRITE_FLOORS = {"tuning": 0.85, "heldout": 0.85}


@pytest.mark.parametrize("split", SPLITS)
def test_everyday_colloquial_labelled_set(split):
    r = score_rewrites(split, "colloquial_everyday.yaml")
    assert r.total >= 25
    shown = r.misses if split == "tuning" else r.total - r.exact
    assert r.accuracy >= EVERYDAY_REWRITE_FLOORS[split], shown


def _vague_then_concrete(engine):
    first = engine.answer("都有制度")
    assert first.kind == "followup"
    return engine.answer(
        "依据县委编办《关于调整县社会保险事业局内设机构的批复》设立办公室等5个股室，岗位职责每年修订"
    )


def test_vague_then_concrete_answer_builds_sentence_from_substance(engine):
    accepted = _vague_then_concrete(engine)
    assert accepted.kind == "accepted"
    assert not accepted.drafted.startswith("都有制度")
    assert "都有制度" not in accepted.drafted
    assert accepted.drafted.startswith("依据县委编办")
    assert any("都有制度" in n for n in accepted.notes)
    point = engine.report.find_point(accepted.point_id)[1]
    assert point.text.startswith("都有制度")  # the officer's full words stay in the transcript
    exported = "\n".join(assemble(engine.report).texts())
    assert "都有制度" not in exported
    assert "依据县委编办" in exported


def test_colloquial_answer_is_shown_formal_and_hand_edit_is_kept(engine):
    a = engine.answer(
        "今年我们搞了两次岗位职责培训，省里的文件由办公室统一转发到各股室，岗位职责手册每年修订"
    )
    assert a.kind == "accepted"
    assert "本年度我局开展了两次岗位职责培训" in a.drafted
    assert "省级文件" in a.drafted and "今年" not in a.drafted
    assert any("今年→本年度" in n for n in a.notes)
    exported = "\n".join(assemble(engine.report).texts())
    assert "本年度我局开展了两次" in exported
    # A hand edit keeps the officer's wording, even colloquial, and is never redrafted over.
    engine.edit_drafted(a.point_id, "今年我们搞了两次培训。")
    engine.goto("organization", "ORG-01")
    again = engine.answer("今年省里的文件由办公室转发到各股室，岗位职责手册每年修订一次")
    assert again.drafted == "今年我们搞了两次培训。"
    assert engine.report.find_point(a.point_id)[1].body == "今年我们搞了两次培训。"


_WORDS = [
    "我们", "咱们", "都有制度", "按规定办", "一直都很重视", "基本都落实了", "今年", "省里的",
    "省里", "弄好了", "搞", "弄", "跟", "管", "开会", "每个月", "对账", "由财务股", "《会计法》",
    "一是", "2026年", "3名", "，", "。", "；", ",", ".", " ", "嗯", "吧",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=25).map("".join))
def test_drafting_with_filler_and_colloquial_words_is_idempotent(answer):
    once = draft_sentence(answer, "我中心")
    assert draft_sentence(once, "我中心") == once
    assert formalize(once, "我中心").text == once


def test_nickname_becomes_a_neutral_phrase_shown_as_a_proposal():
    d = draft_details("会计出纳都是小王一个人干，交接都是口头说一声，小李有时候补登记", "我中心")
    assert d.text == "会计出纳都是同一名工作人员承担，交接都是口头告知，另1名工作人员有时补登记。"
    assert d.people == [("小王一个人", "同一名工作人员"), ("小李", "另1名工作人员")]
    note = next(n for n in d.notes() if n.startswith("人员称呼拟改为中性表述"))
    assert "小王一个人→同一名工作人员" in note and "/修改" in note
    # Words that only start like a nickname stay: 小额, 老旧, 小程序, 老同志.
    for formal in ("小额支出由出纳办理", "老旧设备已报废", "小程序已上线", "老同志带新同志"):
        assert formalize(formal).text == formal and not formalize(formal).people
    assert draft_sentence(d.text, "我中心") == d.text  # idempotent
