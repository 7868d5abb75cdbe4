"""The 自查评分表's arithmetic: 得分 per point, totals per section, 不适用 rescaled.

Rules: 符合 earns the full 分值 unless a deduction is entered; 基本符合 and 不符合 earn the 分值
less the confirmed deduction (none entered yet: not scored); 不适用 is left out, and the total is
rescaled: 得分率 = 实得分 / 适用分值, 百分制得分 = 得分率 × 100. An unanswered point earns 0.
"""

from __future__ import annotations

from pydantic import BaseModel

NOT_APPLICABLE = "不适用"


class ScoreRow(BaseModel):
    section: str  # area key
    item: str  # the table's 项目
    control_point: str
    content: str  # 检查内容
    max_score: float  # 分值
    status: str | None
    deduction: float | None
    reason: str | None
    confirmed: bool = True

    @property
    def applicable(self) -> bool:
        return self.status != NOT_APPLICABLE

    @property
    def score(self) -> float | None:
        """得分; None when left out (不适用) or when a needed deduction is not entered yet."""
        if self.status == NOT_APPLICABLE:
            return None
        if self.status is None:
            return 0.0
        if self.status == "符合":
            return max(0.0, self.max_score - (self.deduction or 0.0))
        if self.deduction is None:
            return None
        return max(0.0, min(self.max_score, self.max_score - self.deduction))

    @property
    def remark(self) -> str:
        if self.status == NOT_APPLICABLE:
            return "不适用，不计分"
        if self.status is None:
            return "未作答"
        if self.score is None:
            return "待填写扣分"
        if not self.confirmed:
            return "扣分待确认"
        return ""


class Totals(BaseModel):
    max_all: float  # every 分值
    applicable_max: float  # 分值 of the items that apply
    score: float  # 实得分 of the scored items
    unscored: int  # items that need a deduction entered

    @property
    def rate(self) -> float | None:
        return self.score / self.applicable_max if self.applicable_max else None

    @property
    def hundred(self) -> float | None:
        return round(self.rate * 100, 2) if self.rate is not None else None


def totals(rows: list[ScoreRow]) -> Totals:
    applicable = [r for r in rows if r.applicable]
    return Totals(
        max_all=sum(r.max_score for r in rows),
        applicable_max=sum(r.max_score for r in applicable),
        score=sum(r.score or 0.0 for r in applicable),
        unscored=sum(1 for r in applicable if r.score is None),
    )


def section_totals(rows: list[ScoreRow]) -> dict[str, Totals]:
    keys = list(dict.fromkeys(r.section for r in rows))
    return {k: totals([r for r in rows if r.section == k]) for k in keys}
