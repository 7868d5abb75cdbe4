"""export_report(): one call that writes a finished document, all or nothing."""

from __future__ import annotations

import datetime as dt
import os
import re
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, TYPE_CHECKING

from report.atomic_file import give_ordinary_mode
from report.file_hash import file_sha256

from .assemble import NUMBERINGS, AssembledReport, Numbering, PriorPosition, assemble
from .errors import ExportError, TargetExistsError
from .formats import FORMAT_LABELS, FORMATS, writer_for
from .options import CommentRow, ExportOptions

if TYPE_CHECKING:
    from report.plain import AnyReport
    from report.scoring import ScoreRow

    from .profile import DocumentProfile

__all__ = [
    "FORMATS",
    "FORMAT_LABELS",
    "export_report",
    "default_filename",
    "file_sha256",
    "format_from_path",
]
NUMBERING_LABELS: dict[str, str] = {"runin": "一是……二是……", "headings": "（一）（二）小标题"}

_BAD_FILENAME_CHARS = re.compile(r'[\\/:*?"<>|\x00-\x1f]')


def default_filename(report: AnyReport, fmt: str = "docx") -> str:
    """「某县社会保险事业局2026年度自查报告.docx」, safe on Windows and Linux."""
    name = _BAD_FILENAME_CHARS.sub("", f"{report.unit}{report.year}年度自查报告").strip(" .")
    return f"{name or '自查报告'}.{fmt}"


def format_from_path(path: str | Path, default: str = "docx") -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else default


def _render(fmt: str) -> Callable[[AssembledReport, IO[bytes], ExportOptions], None]:
    return writer_for(fmt)


MAX_NAME_BYTES = 255
STALE_TEMP_SECONDS = 600


def _check_target(path: Path, force: bool, follow_symlinks: bool = False) -> None:
    import stat

    if len(path.name.encode("utf-8")) > MAX_NAME_BYTES:
        raise ExportError(
            f"文件名太长（{len(path.name.encode('utf-8'))} 字节，上限 {MAX_NAME_BYTES} 字节，"
            "约 85 个汉字），请换一个短一些的名字。"
        )
    if path.is_symlink():
        if not follow_symlinks:
            raise ExportError(
                f"「{path}」是一个符号链接，未写入。请换一个文件名；"
                "确需写到链接指向的文件时，加 --follow-symlinks。"
            )
        if not path.exists():
            raise ExportError(f"符号链接「{path}」指向的文件不存在，未写入。")
    try:
        mode = path.stat().st_mode if path.exists() else None
    except OSError as exc:
        raise ExportError(_os_message(exc, path)) from exc
    if mode is not None and not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        kind = (
            "命名管道（FIFO）"
            if stat.S_ISFIFO(mode)
            else "设备文件"
            if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
            else "特殊文件"
        )
        raise ExportError(f"「{path}」是{kind}，不是普通文件，未写入。请换一个文件名。")
    if path.is_dir():
        raise ExportError(
            f"「{path}」是一个文件夹，请在后面写上文件名，例如 {path / '自查报告.docx'}。"
        )
    if not path.parent.is_dir():
        raise ExportError(f"文件夹「{path.parent}」不存在，请先创建它或换一个保存位置。")
    if path.exists() and not force:
        raise TargetExistsError(
            f"文件「{path}」已存在，未覆盖。如确需覆盖，请加 --force（界面中勾选“覆盖已有文件”），"
            "或换一个文件名。"
        )


def _os_message(exc: OSError, path: Path) -> str:
    if isinstance(exc, PermissionError):
        return (
            f"无法写入「{path}」：没有写入权限，或文件正被其他程序（如 Word、WPS）打开。"
            "请关闭该文件或换一个位置后重试。"
        )
    return f"无法写入「{path}」：{exc.strerror or exc}。请检查磁盘空间和保存位置后重试。"


def export_report(
    report: AnyReport,
    path: str | Path,
    fmt: str = "docx",
    numbering: Numbering = "runin",
    force: bool = False,
    draft_mark: bool | None = None,
    approved_by: str | None = None,
    approved_at: dt.datetime | str | None = None,
    comments: list[CommentRow] | None = None,
    follow_symlinks: bool = False,
    prior_position: PriorPosition = "before",
    profile: DocumentProfile | None = None,
    appendices: tuple[str, ...] = (),
    score_rows: list[ScoreRow] | None = None,
) -> Path:
    """Write report to path; a failure leaves neither a partial file nor a changed old one.

    draft_mark=None marks every report that is not approved (「征求意见稿」 in the header).
    comments: (anchor label, author, text) rows for an appendix; none by default.
    profile: 版头/版记 and layout (the built-in 标准 when None); appendices: stats, rectification,
    score (then score_rows: the report scored against its bank).
    """
    if fmt not in FORMATS:
        raise ExportError(f"不支持的格式「{fmt}」，请选择：{'、'.join(FORMATS)}。")
    if numbering not in NUMBERINGS:
        raise ExportError(
            f"不支持的编号方式「{numbering}」，请选择：runin（一是……）或 headings（（一））。"
        )
    target = Path(path).expanduser().absolute()
    _check_target(target, force, follow_symlinks)
    if follow_symlinks and target.is_symlink():
        target = target.resolve()  # replace the file the link points to, not the link
    clean_stale_temp_files(target.parent)
    if fmt == "pdf":
        from .pdf import require_soffice

        require_soffice()
    if profile is not None and profile.template and fmt in ("docx", "pdf"):
        from .template import check_template

        check_template(profile.template_path(), profile)

    assembled = assemble(report, numbering, prior_position)
    options = ExportOptions.for_report(
        report,
        draft_mark=draft_mark,
        approved_by=approved_by,
        approved_at=approved_at,
        comments=comments,
        profile=profile,
        appendices=appendices,
        score_rows=score_rows,
    )
    writer = _render(fmt)

    try:
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".~zicha-", suffix=f".{fmt}.tmp")
    except OSError as exc:  # read-only or protected folder
        raise ExportError(_os_message(exc, target)) from exc
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            writer(assembled, out, options)
            out.flush()
            os.fsync(out.fileno())
        give_ordinary_mode(tmp, target)
        if not force and target.exists():  # appeared while we were writing
            raise TargetExistsError(
                f"文件「{target}」在导出过程中被创建，未覆盖。请换一个文件名后重试。"
            )
        os.replace(tmp, target)
    except ExportError:
        tmp.unlink(missing_ok=True)
        raise
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(_os_message(exc, target)) from exc
    except Exception as exc:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"导出失败，未生成文件（{type(exc).__name__}：{exc}）。") from exc
    return target


def clean_stale_temp_files(folder: Path) -> int:
    """Remove .~zicha-*.tmp left by an export that was killed; returns how many."""
    import time

    removed = 0
    try:
        candidates = list(folder.glob(".~zicha-*.tmp"))
    except OSError:
        return 0
    now = time.time()
    for tmp in candidates:
        try:
            if tmp.is_file() and not tmp.is_symlink():
                if now - tmp.stat().st_mtime > STALE_TEMP_SECONDS:
                    tmp.unlink()
                    removed += 1
        except OSError:
            continue
    return removed


def export_record(
    report: AnyReport,
    path: Path,
    fmt: str,
    numbering: str,
    draft_mark: bool,
    with_comments: bool,
    profile: str | None = None,
    appendices: tuple[str, ...] = (),
) -> dict[str, object]:
    """What the audit log keeps about an export (store.record("export", id, this, actor=…))."""
    extra: dict[str, object] = {}
    if profile:
        extra["profile"] = profile
    if appendices:
        extra["appendices"] = list(appendices)
    return {
        **extra,
        "path": str(path),
        "format": fmt,
        "numbering": numbering,
        "draft_mark": draft_mark,
        "with_comments": with_comments,
        "revision": report.revision,
        "status": report.status,
        "sha256": file_sha256(path),
    }
