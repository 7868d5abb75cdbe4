"""Markdown and plain text: the same blocks, numbering and appendix as the .docx."""

from __future__ import annotations

import re
from typing import IO

from . import layout as L
from .assemble import AssembledReport
from .options import APPENDIX_LABEL, APPENDIX_TITLE, ATTACHMENT_LIST_TITLE, ExportOptions

# Paragraphs written with a two-character first-line indent in plain text, as in the .docx.
_INDENTED = {"opening", "heading1", "heading2", "body", "placeholder", "assessment"}
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")
_MD_LINE_START = re.compile(r"^(#|[-+=]|\d+[.)]\s)")
INDENT = "\u3000\u3000"  # two ideographic spaces


def md_escape(text: str) -> str:
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return _MD_LINE_START.sub(r"\\\1", text)


def md_unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def appendix_tables(options: ExportOptions) -> list[tuple[str, list[list[str]]]]:
    """The summary appendices as (title, header row + rows), as the .docx has them."""
    from .appendices import APPENDIX_TITLES, NO_MEASURES, RECTIFICATION_HEADER, STATS_HEADER
    from .score_table import HEADER as SCORE_HEADER

    out = []
    for key in options.appendices:
        if key == "stats":
            rows = [list(STATS_HEADER), *(r.cells() for r in options.stats)]
        elif key == "score":
            rows = [list(SCORE_HEADER), *(r.texts() for r in options.score)]
        else:
            rows = [list(RECTIFICATION_HEADER)]
            rows += [r.cells(i) for i, r in enumerate(options.rectification, 1)] or [[NO_MEASURES]]
        out.append((APPENDIX_TITLES[key], rows))
    return out


def render_markdown(assembled: AssembledReport, options: ExportOptions) -> str:
    out: list[str] = []
    if options.draft_mark:
        out.append(f"**{L.DRAFT_MARK_TEXT}**")
    for block in assembled.blocks:
        text = md_escape(block.text)
        if block.kind == "title":
            out.append(f"# {text}")
        elif block.kind == "heading1":
            out.append(f"## {text}")
        elif block.kind == "heading2":
            out.append(f"### {text}")
        elif block.kind == "placeholder":
            out.append(f"*{text}*")
        elif block.lead:
            number, lead = md_escape(block.number), md_escape(block.lead)
            out.append(f"{number}**{lead}**{md_escape(block.body_text)}")
        else:
            out.append(text)
    if options.attachments:
        out.append(f"**{ATTACHMENT_LIST_TITLE}**")
        out.extend(md_escape(line) for line in options.attachment_lines())
    for title, rows in appendix_tables(options):
        out.append("---")
        out.append(f"## {md_escape(title)}")
        table = ["| " + " | ".join(md_escape(c) for c in row) + " |" for row in rows]
        table.insert(1, "|" + "---|" * len(rows[0]))
        out.append("\n".join(table))
    if options.comments:
        out.append("---")
        out.append(f"**{APPENDIX_LABEL}**")
        out.append(f"## {APPENDIX_TITLE}")
        out.extend(md_escape(line) for line in options.comment_lines())
    return "\n\n".join(out) + "\n"


def render_text(assembled: AssembledReport, options: ExportOptions) -> str:
    lines: list[str] = []
    if options.draft_mark:
        lines += [f"【{L.DRAFT_MARK_TEXT}】", ""]
    for block in assembled.blocks:
        if block.kind == "signature":
            lines += [""] * L.BLANK_LINES_BEFORE_SIGNATURE
        lines.append(INDENT + block.text if block.kind in _INDENTED else block.text)
        if block.kind == "title":
            lines += [""] * L.BLANK_LINES_AFTER_TITLE
    if options.attachments:
        lines += ["", ATTACHMENT_LIST_TITLE]
        lines += [INDENT + line for line in options.attachment_lines()]
    for title, rows in appendix_tables(options):
        lines += ["", "", title, ""]
        lines += ["\t".join(row) for row in rows]
    if options.comments:
        lines += ["", "", APPENDIX_LABEL, "", APPENDIX_TITLE, ""]
        lines += [INDENT + line for line in options.comment_lines()]
    return "\r\n".join(lines) + "\r\n"


def write_markdown(assembled: AssembledReport, out: IO[bytes], options: ExportOptions) -> None:
    out.write(render_markdown(assembled, options).encode("utf-8"))


def write_text(assembled: AssembledReport, out: IO[bytes], options: ExportOptions) -> None:
    # With a BOM, Notepad on older Windows reads it as UTF-8 rather than GBK.
    out.write(render_text(assembled, options).encode("utf-8-sig"))
