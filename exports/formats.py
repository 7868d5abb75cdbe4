"""The one table of export formats: the writer, the CLI's --format choices and the export dialog."""

from __future__ import annotations

from collections.abc import Callable
from typing import IO, TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from .assemble import AssembledReport
    from .options import ExportOptions

Writer = Callable[["AssembledReport", IO[bytes], "ExportOptions"], None]


class ExportFormat(NamedTuple):
    key: str  # also the file suffix
    label: str  # shown in the export dialog (one row of four at 80 columns)
    help: str  # shown in `zicha export --help`
    writer: str  # "module:function", imported only when used (python-docx is slow to import)
    official: bool  # carries the GB/T 9704 layout, profiles and appendices as tables


EXPORT_FORMATS: tuple[ExportFormat, ...] = (
    ExportFormat(
        key="docx",
        label="Word（docx）",
        help="docx（默认，公文格式）",
        writer="exports.docx_writer:write_docx",
        official=True,
    ),
    ExportFormat(
        key="pdf",
        label="PDF",
        help="pdf（公文格式，经 LibreOffice 转换，嵌入字体）",
        writer="exports.pdf:write_pdf",
        official=True,
    ),
    ExportFormat(
        key="md",
        label="Markdown",
        help="md",
        writer="exports.text_writer:write_markdown",
        official=False,
    ),
    ExportFormat(
        key="txt",
        label="纯文本（txt）",
        help="txt",
        writer="exports.text_writer:write_text",
        official=False,
    ),
)
BY_KEY: dict[str, ExportFormat] = {f.key: f for f in EXPORT_FORMATS}
FORMATS: tuple[str, ...] = tuple(BY_KEY)
FORMAT_LABELS: dict[str, str] = {f.key: f.label for f in EXPORT_FORMATS}


def writer_for(key: str) -> Writer:
    import importlib

    module, attr = BY_KEY[key].writer.split(":")
    writer: Writer = getattr(importlib.import_module(module), attr)
    return writer


def suffix_list() -> str:
    """「.docx、.pdf、.md 或 .txt」"""
    names = [f".{k}" for k in FORMATS]
    return "、".join(names[:-1]) + f" 或 {names[-1]}"
