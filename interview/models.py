"""What the engine hands to a UI: prompts, follow-ups, accepted answers, progress. Display only."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, Field

from .followup import FollowUpReason

PromptKind = Literal[
    "point", "custom", "assessment", "rectification", "rectification_none", "prior"
]


class Excerpt(BaseModel):
    citation: str
    text: str
    chunk_id: str | None = None
    title: str | None = None
    label: str | None = None  # 原文 (full text) or 要点 (a shipped summary)


class ControlView(BaseModel):
    id: str
    title: str
    question: str
    explanation: str
    example: str
    probes: list[str] = Field(default_factory=list)


class SectionProgress(BaseModel):
    key: str
    title: str
    done: int
    total: int
    marked_done: bool = False

    @property
    def complete(self) -> bool:
        return self.marked_done or self.done >= self.total


class Progress(BaseModel):
    """done counts answered and skipped points (the interview moves past both); answered counts
    only answered bank points: the progress shown on Home, in `report list` and in coverage."""

    sections: list[SectionProgress]
    done: int
    total: int
    answered: int = 0
    assessment_done: bool = False
    rectification_open: int = 0
    finished: bool = False

    def label(self) -> str:
        return f"{self.answered}/{self.total}"


class StatusProposal(BaseModel):
    """A status zicha proposes for a point, with the officer's words behind it (待确认)."""

    point_id: str
    label: str  # 「ORG-01 机构设置与岗位职责」 or 「自拟要点」
    status: str
    reason: str

    def text(self) -> str:
        if not self.status:
            return f"未拟定符合情况 —— {self.reason}"
        return f"拟定：{self.status} —— {self.reason}"


class WeaknessRow(BaseModel):
    """One weakness found, as the rectification stage lists it."""

    point_id: str
    section_key: str
    label: str
    status: str  # as shown: 基本符合 / 不符合 / 待确认（拟定：…）
    quotes: list[str] = Field(default_factory=list)  # the officer's words, 「……」
    items: int = 0  # rectification items linked to this point
    measured: int = 0  # of which have a measure

    def line(self) -> str:
        words = "、".join(self.quotes) if self.quotes else "（未写明具体问题）"
        return f"{self.label}［{self.status}］：{words}"


class Prompt(BaseModel):
    """One question on screen: where we are, what is asked, the rules beside it."""

    kind: PromptKind
    target: str
    section_key: str
    section_title: str
    control: ControlView
    point_id: str | None = None
    excerpts: list[Excerpt] = Field(default_factory=list)
    progress: Progress
    position: int = 0  # 1-based index of this point within its section's bank points
    followups: int = 0
    max_followups: int = 2
    followup_question: str | None = None
    pending: str = ""  # answer text accumulated through follow-ups, not yet accepted
    existing_text: str | None = None  # when revisiting an answered point
    existing_drafted: str | None = None
    status: str | None = None
    problem: str | None = None  # rectification: the problem this measure answers
    proposal: str | None = None  # a drafted paragraph the officer may accept as it stands
    notice: str | None = None
    status_confirmed: bool = True
    # A proposed status waiting for the officer (Enter / /确认 confirms, /状态 or F5–F8 change it).
    confirm: StatusProposal | None = None
    # Rectification stage: every weakness found, with its point, words and status.
    weaknesses: list[WeaknessRow] = Field(default_factory=list)
    # Carried from last year: 「上年：……（符合）」, and whether it still awaits 复核.
    previous: str | None = None
    review_pending: bool = False
    origin: str | None = None  # rectification: 「上年度整改项延续」 when it continues last year's

    @property
    def section_total(self) -> int:
        """Bank points in this prompt's section (for 「第 3/7 项」)."""
        return next((s.total for s in self.progress.sections if s.key == self.section_key), 0)

    @property
    def label(self) -> str:
        """What is asked, for a heading: 「ORG-01 机构设置与岗位职责」, 「自拟要点」 or a stage title."""
        if self.kind in ("point", "assessment"):
            return f"{self.control.id} {self.control.title}"
        if self.kind == "custom":
            return "自拟要点"
        return self.control.title


class Suggestion(BaseModel):
    """Output of the optional language model: shown, never written without consent."""

    text: str | None = None
    notice: str | None = None


class FollowUp(BaseModel):
    kind: Literal["followup"] = "followup"
    question: str
    reasons: list[FollowUpReason]
    count: int  # follow-ups asked so far for this point, including this one
    max_followups: int = 2
    pending: str
    suggestion: Suggestion | None = None

    def reason_text(self) -> str:
        return "；".join(r.message for r in self.reasons)


class Accepted(BaseModel):
    kind: Literal["accepted"] = "accepted"
    section_key: str
    point_id: str | None
    control_id: str | None
    text: str
    drafted: str
    status: str | None = None
    status_guessed: bool = False
    proposal: StatusProposal | None = None  # set while the status waits for confirmation
    problems: list[str] = Field(default_factory=list)
    citations: list[str] = Field(default_factory=list)
    owner: str | None = None
    due: dt.date | None = None
    items: int = 1  # rectification: how many items the measure answer became
    # rectification: (owner, deadline) of each item, when the answer became several
    item_owners: list[tuple[str | None, dt.date | None]] = Field(default_factory=list)
    notice: str | None = None
    notes: list[str] = Field(default_factory=list)  # filler left out, words rewritten
    suggestion: Suggestion | None = None
    next: Prompt | None = None
