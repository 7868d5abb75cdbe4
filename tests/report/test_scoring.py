"""The 自查评分表's arithmetic, including 不适用 rescaling (property tests)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from report.scoring import ScoreRow, section_totals, totals

STATUSES = [None, "符合", "基本符合", "不符合", "不适用"]


def row(
    max_score: float,
    status: str | None,
    deduction: float | None = None,
    section: str = "organization",
) -> ScoreRow:
    return ScoreRow(
        section=section,
        item="一、组织机构控制",
        control_point="ORG-01",
        content="建立内部控制领导小组",
        max_score=max_score,
        status=status,
        deduction=deduction,
        reason="原因" if deduction else None,
    )


def test_rules_per_status() -> None:
    assert row(5, "符合").score == 5
    assert row(5, "符合", 1).score == 4  # a deduction entered on 符合 counts
    assert row(5, "基本符合").score is None and row(5, "基本符合").remark == "待填写扣分"
    assert row(5, "基本符合", 2).score == 3
    assert row(5, "不符合", 9).score == 0  # never below zero
    assert row(5, "不适用").score is None and not row(5, "不适用").applicable
    assert row(5, None).score == 0 and row(5, None).remark == "未作答"


def test_not_applicable_is_left_out_and_rescaled() -> None:
    rows = [row(40, "符合"), row(40, "基本符合", 10), row(20, "不适用")]
    t = totals(rows)
    assert (t.max_all, t.applicable_max, t.score) == (100, 80, 70)
    assert t.rate == 70 / 80 and t.hundred == 87.5


scores = st.sampled_from([1.0, 2.0, 2.5, 4.0, 5.0, 10.0])


@st.composite
def rows_strategy(draw):
    n = draw(st.integers(min_value=1, max_value=12))
    out = []
    for i in range(n):
        m = draw(scores)
        status = draw(st.sampled_from(STATUSES))
        deduction = draw(st.one_of(st.none(), st.floats(min_value=0, max_value=m)))
        out.append(row(m, status, deduction, section=["organization", "business"][i % 2]))
    return out


@given(rows_strategy())
def test_totals_hold_for_any_table(rows: list[ScoreRow]) -> None:
    t = totals(rows)
    assert 0 <= t.score <= t.applicable_max <= t.max_all
    applicable = [r for r in rows if r.status != "不适用"]
    assert t.applicable_max == sum(r.max_score for r in applicable)
    if t.applicable_max:
        assert 0 <= t.hundred <= 100
    else:
        assert t.rate is None
    parts = section_totals(rows)
    assert abs(sum(p.score for p in parts.values()) - t.score) < 1e-9
    assert sum(p.applicable_max for p in parts.values()) == t.applicable_max
    # marking one more item 不适用 never lowers the rate's denominator below its score
    for r in rows:
        s = r.score
        assert s is None or 0 <= s <= r.max_score
