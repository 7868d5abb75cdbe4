"""The unit's own 红头 .docx as the base: its page setup, header/footer, logo and styles are kept.

zicha's content goes where the template has a paragraph reading {{正文}}, else at the end of the
body. A template with its own 版头 (anything before that point) keeps it instead of the
profile's; placeholders such as {{发文字号}} are filled from the profile.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .docx_xml import W
from .errors import ExportError
from .profile import DocumentProfile

if TYPE_CHECKING:
    from docx.document import Document

    from .assemble import AssembledReport
    from .options import ExportOptions

BODY_MARK = "正文"
PLACEHOLDER = re.compile(r"\{\{\s*([^{}\s]+)\s*\}\}")
# placeholder -> (profile key that fills it, what to write in the profile)
PROFILE_PLACEHOLDERS: dict[str, tuple[str, str]] = {
    "发文机关标志": ("organ_mark", "organ_mark: 某县社会保险事业局文件"),
    "发文字号": ("doc_number", "doc_number: 某社险〔2026〕12号"),
    "签发人": ("signer", "signer: 张三"),
    "印发机关": ("printer", "printer: 某县社会保险事业局办公室"),
    "抄送": ("cc", "cc: [市人力资源和社会保障局]"),
}
REPORT_PLACEHOLDERS: tuple[str, ...] = ("单位", "成文日期", "印发日期")


def _name(path: Path) -> str:
    return f"模板「{path}」"


def _open(path: Path) -> Document:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if not path.is_file():
        raise ExportError(f"{_name(path)}不存在，请检查路径（文档配置的 template 或 --template）。")
    if path.suffix.lower() in (".doc", ".wps", ".wpt", ".dot", ".dotx", ".dotm", ".docm"):
        raise ExportError(
            f"{_name(path)}是 {path.suffix} 格式。请在 WPS 或 Word 中打开它，"
            "「另存为」Word 文档（.docx）后再用。"
        )
    try:
        return docx.Document(str(path))
    except (zipfile.BadZipFile, PackageNotFoundError, KeyError, ValueError, OSError) as exc:
        raise ExportError(
            f"{_name(path)}不是有效的 .docx 文件（可能已损坏，或是改了扩展名的其他文件）。"
            "请在 WPS 或 Word 中打开后另存为 .docx。"
        ) from exc
    except Exception as exc:  # lxml errors of a damaged part
        raise ExportError(
            f"{_name(path)}无法读取（文件内容已损坏）。请在 WPS 或 Word 中打开后另存为 .docx。"
        ) from exc


def _paragraph_text(p: Any) -> str:
    return "".join(t.text or "" for t in p.iter(f"{W}t"))


def _all_placeholders(doc: Document) -> list[str]:
    names = []
    for root in _roots(doc):
        for p in root.iter(f"{W}p"):
            names += PLACEHOLDER.findall(_paragraph_text(p))
    return names


def _roots(doc: Document) -> list[Any]:
    roots = [doc.element.body]
    for section in doc.sections:
        for hf in (
            section.header,
            section.footer,
            section.even_page_header,
            section.even_page_footer,
            section.first_page_header,
            section.first_page_footer,
        ):
            if not hf.is_linked_to_previous:
                roots.append(hf._element)
    return roots


def check_template(path: Path | None, profile: DocumentProfile) -> Document:
    """Open the template and say plainly what it lacks; returns the opened document."""
    if path is None:
        raise ExportError("没有指定模板文件。")
    doc = _open(path)
    sectPr = doc.element.body.find(f"{W}sectPr")
    missing = []
    if sectPr is None or sectPr.find(f"{W}pgSz") is None:
        missing.append("纸张大小")
    if sectPr is None or sectPr.find(f"{W}pgMar") is None:
        missing.append("页边距")
    if missing:
        raise ExportError(
            f"{_name(path)}缺少页面设置（{'、'.join(missing)}）。请在 WPS 或 Word 中打开模板，"
            "在「页面设置」中设好 A4 纸和页边距后保存，再导出。"
        )
    names = _all_placeholders(doc)
    marks = [n for n in names if n == BODY_MARK]
    if len(marks) > 1:
        raise ExportError(
            f"{_name(path)}中「{{{{{BODY_MARK}}}}}」出现了 {len(marks)} 次，只能有一处：正文从那里开始。"
        )
    known = {BODY_MARK, *PROFILE_PLACEHOLDERS, *REPORT_PLACEHOLDERS}
    unknown = sorted({n for n in names if n not in known})
    if unknown:
        allowed = "、".join(f"{{{{{k}}}}}" for k in sorted(known))
        raise ExportError(
            f"{_name(path)}中有不认识的占位符「{'、'.join('{{' + u + '}}' for u in unknown)}」。"
            f"可用的占位符：{allowed}；请改正或删除。"
        )
    lacking = [n for n in dict.fromkeys(names) if n in PROFILE_PLACEHOLDERS]
    lacking = [n for n in lacking if not getattr(profile, PROFILE_PLACEHOLDERS[n][0])]
    if lacking:
        hints = "；".join(f"{{{{{n}}}}} 需要 {PROFILE_PLACEHOLDERS[n][1]}" for n in lacking)
        raise ExportError(
            f"{_name(path)}中有占位符，但文档配置「{profile.name}」没有填写对应内容：{hints}。"
            "请在配置文件中补上，或从模板中删除这些占位符。"
        )
    if doc.element.body.find(f"{W}p") is None and doc.element.body.find(f"{W}tbl") is None:
        # An empty body is fine: the template then brings only page setup, header/footer, styles.
        pass
    return doc


def _has_content(elements: list[Any]) -> bool:
    for el in elements:
        if el.tag == f"{W}tbl":
            return True
        if el.tag == f"{W}p" and (
            _paragraph_text(el).strip()
            or el.find(f".//{W}drawing") is not None
            or el.find(f".//{W}pict") is not None
            or el.find(f".//{W}pBdr") is not None
        ):
            return True
    return False


def open_template(path: Path, profile: DocumentProfile) -> tuple[Document, Any, bool]:
    """(document, element to insert before, whether the template brings its own 版头)."""
    doc = check_template(path, profile)
    body = doc.element.body
    children = [c for c in body if c.tag in (f"{W}p", f"{W}tbl")]
    anchor = next(
        (c for c in children if c.tag == f"{W}p" and _paragraph_text(c).strip() == "{{正文}}"),
        None,
    )
    if anchor is None:
        for p in body.iter(f"{W}p"):
            if PLACEHOLDER.search(_paragraph_text(p)) and BODY_MARK in _paragraph_text(p):
                anchor = p  # the mark with other text around it: the paragraph is replaced
                break
    if anchor is None:
        # Trailing empty paragraphs of the template would push the content down a page.
        while children and children[-1].tag == f"{W}p" and not _has_content([children[-1]]):
            if children[-1].find(f"{W}pPr/{W}sectPr") is not None:
                break
            body.remove(children.pop())
        anchor = body.find(f"{W}sectPr")
        before = children
    else:
        before = children[: children.index(anchor)] if anchor in children else []
    return doc, anchor, _has_content(before)


def _fill(p: Any, values: dict[str, str]) -> None:
    runs = [r for r in p.iter(f"{W}r") if r.find(f"{W}t") is not None]
    if not runs:
        return
    full = "".join(_paragraph_text(r) for r in runs)
    if not PLACEHOLDER.search(full):
        return
    new = PLACEHOLDER.sub(lambda m: values.get(m.group(1), m.group(0)), full)
    first = runs[0].find(f"{W}t")
    first.text = new
    first.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    for t in runs[0].findall(f"{W}t")[1:]:
        runs[0].remove(t)
    for r in runs[1:]:
        for t in r.findall(f"{W}t"):
            r.remove(t)


def finish_template(
    doc: Document,
    anchor: Any,
    profile: DocumentProfile,
    options: ExportOptions,
    assembled: AssembledReport,
) -> None:
    from report.models import format_cn_date

    if anchor.tag == f"{W}p":
        anchor.getparent().remove(anchor)
    values = {
        "发文机关标志": profile.organ_mark or "",
        "发文字号": profile.doc_number or "",
        "签发人": "\u3000".join(profile.signer),
        "印发机关": profile.printer or "",
        "抄送": "，".join(profile.cc),
        "单位": assembled.unit,
        "成文日期": assembled.date_text,
        "印发日期": format_cn_date(profile.print_date)
        if profile.print_date
        else options.report_date,
    }
    for root in _roots(doc):
        for p in root.iter(f"{W}p"):
            _fill(p, values)
