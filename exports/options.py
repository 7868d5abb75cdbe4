"""What a writer needs besides the paragraphs: document properties, draft mark, comments."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from report.labels import STATE_LABELS

if TYPE_CHECKING:
    from report.plain import AnyPoint, AnyPriorItem, AnyReport
    from report.scoring import ScoreRow

    from .appendices import RectificationRow, StatsRow
    from .profile import DocumentProfile
    from .score_table import TableRow

# (anchor label, author, text) — a review comment for the optional appendix.
CommentRow = tuple[str, str, str]


def _time_text(value: dt.datetime | str | None) -> str | None:
    """An ISO time (as the store writes it) shown in local time to the minute; other text kept."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        text = value.strip()
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            return text
    if value.tzinfo is not None:
        value = value.astimezone()
    return f"{value:%Y-%m-%d %H:%M}"


# A plain frozen dataclass: built by for_report() from a validated report, never from outside
# input (`zicha export` stays free of pydantic's import, issue 16).
@dataclass(frozen=True, kw_only=True)
class ExportOptions:
    title: str
    author: str
    subject: str = ""
    created: dt.datetime
    status_label: str = ""
    revision: int = 0
    draft_mark: bool = True
    approved_by: str | None = None
    approved_at: str | None = None  # shown as 2026-11-29 10:30
    comments: list[CommentRow] = field(default_factory=list)
    attachments: list[str] = field(default_factory=list)  # 附件清单: file names, in report order
    profile: DocumentProfile
    # Summary appendices chosen (stats, rectification, score) and their rows.
    appendices: tuple[str, ...] = ()
    stats: list[StatsRow] = field(default_factory=list)
    rectification: list[RectificationRow] = field(default_factory=list)
    score: list[TableRow] = field(default_factory=list)  # 自查评分表, subtotals and 合计
    report_date: str = ""  # 成文日期 as 2026年11月29日, for template placeholders

    @classmethod
    def for_report(
        cls,
        report: AnyReport,
        *,
        draft_mark: bool | None = None,
        approved_by: str | None = None,
        approved_at: dt.datetime | str | None = None,
        comments: list[CommentRow] | None = None,
        profile: DocumentProfile | None = None,
        appendices: tuple[str, ...] = (),
        score_rows: list[ScoreRow] | None = None,
    ) -> ExportOptions:
        """draft_mark=None means: mark unless the report is approved.

        score_rows: the 自查评分表's rows (the caller scores the report against its bank);
        needed when appendices has score."""
        from .appendices import rectification_rows, stats_rows
        from .assemble import clean_text
        from .errors import ExportError

        if "score" in appendices and not score_rows:
            from .score_table import NO_SCORES

            raise ExportError(NO_SCORES)
        if profile is None:
            from .document_profile import DocumentProfile

            profile = DocumentProfile()

        approved_at = _time_text(approved_at)
        title = report.display_title() or f"{report.unit}{report.year}年度自查报告"
        return cls(
            title=clean_text(title),
            author=clean_text(report.unit),
            subject=clean_text(f"《{report.basis_title.strip('《》')}》（{report.basis_number}）"),
            created=dt.datetime.combine(report.date, dt.time(9, 0)),
            status_label=STATE_LABELS.get(report.status, report.status),
            revision=report.revision,
            draft_mark=(report.status != "approved") if draft_mark is None else draft_mark,
            approved_by=clean_text(approved_by) if approved_by else None,
            approved_at=approved_at,
            comments=[
                (clean_text(a), clean_text(b), clean_text(c)) for a, b, c in (comments or [])
            ],
            attachments=[clean_text(name) for name in attachment_names(report)],
            profile=profile,
            appendices=appendices,
            stats=stats_rows(report) if "stats" in appendices else [],
            rectification=rectification_rows(report) if "rectification" in appendices else [],
            score=_score_rows(report, score_rows or []) if "score" in appendices else [],
            report_date=report.date_text(),
        )

    def attachment_names(self) -> list[str]:
        """附件说明: the profile's attachments (sent separately), then the appendices included."""
        from .appendices import APPENDIX_TITLES

        return [*self.profile.attachments, *(APPENDIX_TITLES[a] for a in self.appendices)]

    def approval_text(self) -> str:
        if not self.approved_by and not self.approved_at:
            return ""
        parts = []
        if self.approved_by:
            parts.append(f"审定人：{self.approved_by}")
        if self.approved_at:
            parts.append(f"审定时间：{self.approved_at}")
        return "；".join(parts)

    def attachment_lines(self) -> list[str]:
        return [f"{i}．{name}" for i, name in enumerate(self.attachments, start=1)]

    def comment_lines(self) -> list[str]:
        """The appendix paragraphs, numbered 1．2．…"""
        from .assemble import clean_sentence

        return [
            f"{i}．【{anchor}】{author}：{clean_sentence(text)}"
            for i, (anchor, author, text) in enumerate(self.comments, start=1)
        ]


def _score_rows(report: AnyReport, score_rows: list[ScoreRow]) -> list[TableRow]:
    from .score_table import score_table_rows, section_titles

    return score_table_rows(score_rows, section_titles(report))


def attachment_names(report: AnyReport) -> list[str]:
    """Every evidence file of the report once (by content), in report order."""
    seen: set[str] = set()
    names: list[str] = []
    holders: list[AnyPriorItem | AnyPoint] = [
        *report.prior_items,
        *(p for s in report.sections for p in s.included_points()),
    ]
    for holder in holders:
        for a in holder.attachments:
            if a.sha256 not in seen:
                seen.add(a.sha256)
                names.append(a.name)
    return names


ATTACHMENT_LIST_TITLE = "附件清单"
APPENDIX_LABEL = "附件"
APPENDIX_TITLE = "审核意见"
