"""Export a stored report: approval facts and review comments from the store, audit event after.

The command line and the TUI both call export_stored(), so both record the same things.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from report.labels import DEFAULT_ACTOR

from .options import CommentRow
from .writer import export_record, export_report

if TYPE_CHECKING:
    from report.models import Report
    from report.scoring import ScoreRow
    from report.store import ReportStore

    from .assemble import Numbering, PriorPosition
    from .profile import DocumentProfile


@dataclass(frozen=True)
class ExportOutcome:
    path: Path
    draft_mark: bool
    comments: int = 0


def review_comment_rows(store: ReportStore, report: Report) -> list[CommentRow]:
    """Every comment thread of the report, replies after their comment, oldest first."""

    rows: list[CommentRow] = []
    for thread in store.threads(report.id or 0):
        label = thread.anchor_label(report)
        rows.append((label, thread.comment.author, thread.comment.body))
        rows += [(f"{label}·回复", r.author, r.body) for r in thread.replies]
    return rows


def export_stored(
    store: ReportStore,
    report_id: int,
    path: str | Path,
    *,
    fmt: str = "docx",
    numbering: Numbering = "runin",
    force: bool = False,
    draft_mark: bool | None = None,
    with_comments: bool = False,
    actor: str = DEFAULT_ACTOR,
    report: Report | None = None,
    follow_symlinks: bool = False,
    prior_position: PriorPosition = "before",
    profile: DocumentProfile | None = None,
    appendices: tuple[str, ...] = (),
    score_rows: list[ScoreRow] | None = None,
) -> ExportOutcome:
    """Write the document, then log an "export" event (with the file's SHA-256)."""

    report = report or store.get(report_id)
    info = store.approval(report_id) if report.status == "approved" else None
    comments = review_comment_rows(store, report) if with_comments else []
    marked = (report.status != "approved") if draft_mark is None else draft_mark
    written = export_report(
        report,
        path,
        fmt=fmt,
        numbering=numbering,
        force=force,
        draft_mark=marked,
        approved_by=info.approved_by if info else None,
        approved_at=info.approved_at if info else None,
        comments=comments,
        follow_symlinks=follow_symlinks,
        prior_position=prior_position,
        profile=profile,
        appendices=appendices,
        score_rows=score_rows,
    )
    store.record(
        "export",
        report_id,
        export_record(
            report,
            written,
            fmt,
            numbering,
            marked,
            bool(comments),
            profile=profile.name if profile else None,
            appendices=appendices,
        ),
        actor=actor,
        detail=_detail(fmt, written, profile, appendices),
    )
    return ExportOutcome(path=written, draft_mark=marked, comments=len(comments))


def _detail(
    fmt: str, path: Path, profile: DocumentProfile | None, appendices: tuple[str, ...]
) -> str:
    from .appendices import APPENDIX_TITLES
    from .document_profile import DEFAULT_PROFILE

    parts = [fmt, path.name]
    if profile is not None and profile.name != DEFAULT_PROFILE:
        parts.append(f"文档配置：{profile.name}")
    if appendices:
        parts.append("附表：" + "、".join(APPENDIX_TITLES[a] for a in appendices))
    return " ".join(parts)
