"""Export a stored report: approval facts and review comments from the store, audit event after.

The command line and the TUI both call export_stored(), so both record the same things.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple, Protocol

from report.labels import DEFAULT_ACTOR

from .options import CommentRow
from .writer import export_record, export_report

if TYPE_CHECKING:
    from typing_extensions import TypedDict, Unpack

    from report.export_access import ExportAccess
    from report.models import Report
    from report.plain import AnyReport, PlainReport
    from report.scoring import ScoreRow
    from report.store import ReportStore

    from .assemble import Numbering, PriorPosition
    from .profile import DocumentProfile

    class _DocOptions(TypedDict, total=False):
        """The document options both export doors pass on to _export_and_log as given."""

        fmt: str
        numbering: Numbering
        force: bool
        draft_mark: bool | None
        actor: str
        follow_symlinks: bool
        prior_position: PriorPosition
        profile: DocumentProfile | None


class ExportOutcome(NamedTuple):
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
    with_comments: bool = False,
    report: Report | None = None,
    appendices: tuple[str, ...] = (),
    score_rows: list[ScoreRow] | None = None,
    **options: Unpack[_DocOptions],
) -> ExportOutcome:
    """Write the document, then log an "export" event (with the file's SHA-256)."""

    report = report or store.get(report_id)
    comments = review_comment_rows(store, report) if with_comments else []
    return _export_and_log(
        store,
        report_id,
        report,
        path,
        comments=comments,
        appendices=appendices,
        score_rows=score_rows,
        **options,
    )


def export_plain(
    access: ExportAccess,
    report: PlainReport,
    path: str | Path,
    **options: Unpack[_DocOptions],
) -> ExportOutcome:
    """export_stored for a report read without pydantic (report/export_access.py, issue 16):
    the same document and the same audit event; no comments, appendices or scores."""
    return _export_and_log(access, report.id or 0, report, path, comments=[], **options)


class _Approval(Protocol):
    @property
    def approved_by(self) -> str | None: ...
    @property
    def approved_at(self) -> str | None: ...


class _Door(Protocol):
    """What the export reads from and writes to the store (ReportStore or ExportAccess)."""

    def approval(self, report_id: int) -> _Approval | None: ...

    def record(
        self,
        action: str,
        report_id: int | None,
        change: object,
        actor: str = DEFAULT_ACTOR,
        detail: str = "",
    ) -> None: ...


def _export_and_log(
    door: _Door,
    report_id: int,
    report: AnyReport,
    path: str | Path,
    *,
    comments: list[CommentRow],
    fmt: str = "docx",
    numbering: Numbering = "runin",
    force: bool = False,
    draft_mark: bool | None = None,
    actor: str = DEFAULT_ACTOR,
    follow_symlinks: bool = False,
    prior_position: PriorPosition = "before",
    profile: DocumentProfile | None = None,
    appendices: tuple[str, ...] = (),
    score_rows: list[ScoreRow] | None = None,
) -> ExportOutcome:
    """The one export of both doors; an option not given takes the default named here."""
    info = door.approval(report_id) if report.status == "approved" else None
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
    door.record(
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
