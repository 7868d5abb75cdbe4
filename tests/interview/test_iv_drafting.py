"""Drafting rules: examples a reader would check, and properties over random answers."""

from __future__ import annotations

import re

from county_report import county_report
from hypothesis import example, given, settings
from hypothesis import strategies as st

from interview.drafting import draft_assessment, draft_rectification, draft_sentence
from report.models import Point, Report
from report.text import CJK


def test_self_name_fillers_punctuation_and_final_stop():
    out = draft_sentence("嗯，我们单位那个，就是说受理和复核是分开的,会计和出纳也分设了吧", "我局")
    assert out == "我局受理和复核是分开的，会计和出纳也分设了。"


def test_hedges_dropped_and_whitespace_tidied():
    out = draft_sentence("咱们   每月对账，差不多吧\n\n余额调节表由会计编制", "我中心")
    assert out == "我中心每月对账，余额调节表由会计编制。"


def test_known_regulations_get_book_marks_once():
    out = draft_sentence('我们按社会保险经办机构内部控制暂行办法和"社会保险基金财务制度"执行')
    assert out == "我局按《社会保险经办机构内部控制暂行办法》和《社会保险基金财务制度》执行。"
    assert draft_sentence("依据《社会保险法》办理") == "依据《社会保险法》办理。"
    assert draft_sentence("依据<业务经办规程>办理") == "依据《业务经办规程》办理。"
    # A title from the library excerpts shown with the question is recognised too.
    assert "《某省经办细则》" in draft_sentence("按某省经办细则执行", documents=["某省经办细则"])


def test_typed_numbering_removed():
    for typed in ("一是，我们每年培训3次", "1. 我们每年培训3次", "（一）我们每年培训3次"):
        assert draft_sentence(typed) == "我局每年培训3次。"


def test_decimals_and_dates_kept():
    out = draft_sentence("追回12.8万元，2026-05-01完成")
    assert "12.8万元" in out and "2026-05-01" in out


def test_answer_of_only_fillers_is_not_emptied():
    assert draft_sentence("嗯") == "嗯"
    assert draft_sentence("  ,  ") == ","


CHINESE = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
PIECES = st.one_of(
    CHINESE,
    st.sampled_from(list(",.:;?!()\"'“”《》<>、，。；：！？  \n\t-/%")),
    st.sampled_from(
        [
            "我们",
            "咱们",
            "我单位",
            "嗯",
            "那个",
            "就是说",
            "差不多吧",
            "吧",
            "一是",
            "1.",
            "（一）",
            "社会保险法",
            "会计法",
            "12.5",
            "2026年",
        ]
    ),
    st.characters(min_codepoint=0x30, max_codepoint=0x7A),
)
ANSWERS = st.lists(PIECES, min_size=1, max_size=40).map("".join)
LATIN_BETWEEN = re.compile(rf"[{CJK}][,.:;?!()\"][{CJK}]")


@settings(max_examples=400, deadline=None)
@given(ANSWERS)
@example(",,、")
@example("嗯,嗯")
@example(". ,嗯")
def test_drafting_is_idempotent(answer):
    once = draft_sentence(answer, "我局")
    assert draft_sentence(once, "我局") == once


@settings(max_examples=400, deadline=None)
@given(ANSWERS)
def test_no_latin_punctuation_between_chinese(answer):
    out = draft_sentence(answer, "我局")
    assert not LATIN_BETWEEN.search(out), out


@settings(max_examples=400, deadline=None)
@given(ANSWERS.filter(lambda s: s.strip()))
def test_never_empty_from_non_empty(answer):
    assert draft_sentence(answer, "我局").strip()


def _report(**points) -> Report:
    r = county_report()
    for key, pts in points.items():
        r.section(key).points = pts
    return r


def test_assessment_counts_statuses_and_names_gaps():
    r = _report(
        organization=[
            Point(text="a", status="符合"),
            Point(text="b", status="基本符合", problems=["我们轮岗不够及时"]),
        ],
        information_system=[Point(text="c", status="不符合"), Point(text="d", status="不适用")],
        business=[Point(text="e", status="符合", skipped=True)],
    )
    out = draft_assessment(r)
    assert "共对照检查内部控制要点4项" in out
    assert "符合1项、基本符合1项、不符合1项、不适用1项" in out
    assert "组织机构控制、信息系统控制等方面仍存在薄弱环节" in out
    assert "我局轮岗不够及时" in out and out.endswith("。")


def test_assessment_without_gaps_still_honest():
    r = _report(organization=[Point(text="a", status="符合")])
    out = draft_assessment(r)
    assert "未发现重大缺陷" in out and "持续完善" in out


def test_rectification_paragraph_has_problem_measure_owner_deadline():
    out = draft_rectification("轮岗不够及时", "我们将修订轮岗办法")
    assert out == "针对轮岗不够及时的问题，我局将修订轮岗办法。"
    out = draft_rectification("存在档案管理不够规范的问题", "建立月度归档检查制度")
    assert out == "针对存在档案管理不够规范的问题，建立月度归档检查制度。"


def test_spaces_between_clauses_become_commas():
    """Officers type spaces as pauses; a short subject before a space stays with its verb."""
    out = draft_sentence("人手少 会计出纳 都是小王一个人干 受理复核倒是分开的", "我局")
    assert out.startswith("人手少，会计出纳，都是") and "，受理复核则是分开的。" in out
    assert draft_sentence("咱们   每月对账", "我中心") == "我中心每月对账。"
    assert draft_sentence(out, "我局") == out
