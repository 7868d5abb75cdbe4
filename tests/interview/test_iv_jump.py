"""After a jump the interview goes on from the point jumped to; /转到 takes short names and titles."""

from __future__ import annotations

import pytest
from iv_helpers import answer_examples

from interview.console import ConsoleSession
from interview.errors import InterviewError


def _answer(engine) -> str:
    p = engine.current()
    result = engine.answer(p.control.example)
    assert result.kind == "accepted", result
    return p.control.id


def test_next_question_after_a_jump_is_the_point_after_it(engine):
    assert answer_examples(engine, 1) == ["ORG-01"]
    engine.goto("business", "BUS-03")
    assert _answer(engine) == "BUS-03"
    assert engine.current().control.id == "BUS-04"  # not ORG-02, the earliest gap
    assert _answer(engine) == "BUS-04"
    assert engine.current().control.id == "BUS-05"
    # A skip after a jump also goes on from there.
    engine.goto(None, "INF-02")
    engine.skip()
    assert engine.current().control.id == "INF-03"
    # When nothing after the jumped-to point is open, the earliest gap comes next.
    engine.goto(None, "SUP-06")
    assert _answer(engine) == "SUP-06"
    assert engine.current().control.id == "ORG-02"


def test_tree_jump_by_section_goes_on_within_it(engine):
    answer_examples(engine, 2)
    engine.goto("fund_finance")  # the tree's section row
    assert _answer(engine) == "FIN-01"
    assert engine.current().control.id == "FIN-02"


@pytest.mark.parametrize(
    ("arg", "expected"),
    [
        ("组织", "ORG-01"),
        ("业务", "BUS-01"),
        ("基金", "FIN-01"),
        ("信息系统", "INF-01"),
        ("监督", "SUP-01"),
        ("不相容岗位分离", "ORG-02"),
        ("银行对账", "FIN-06"),
        ("数据备份", "INF-05"),
    ],
)
def test_goto_accepts_short_area_names_and_titles(make_engine, arg, expected):
    engine = make_engine()
    out: list[str] = []
    session = ConsoleSession(engine, read=lambda _: "", write=out.append)
    engine.start()
    assert session.handle(f"/转到 {arg}") == "prompt"
    assert engine.current().control.id == expected


def test_goto_ambiguous_or_unknown_title_says_what_to_type(engine):
    with pytest.raises(InterviewError, match="对应多个要点"):
        engine.goto(None, "审核")  # 待遇审核与支付, 对外发布信息审核
    with pytest.raises(InterviewError, match="信息系统"):
        engine.goto(None, "不存在的要点")
