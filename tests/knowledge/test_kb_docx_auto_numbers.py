"""A .docx whose 第X条 or 一、（一）1. are Word's automatic numbering: the numbers are not in the
paragraphs' text, so they are drawn from numbering.xml as Word shows them; without them such a
regulation had no articles and every citation pointed at the whole document."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

from knowledge.library import Library

LEVELS = {
    "articles": [("chineseCounting", "第%1条")],
    "outline": [
        ("chineseCounting", "%1、"),
        ("chineseCounting", "（%2）"),
        ("decimal", "%3."),
    ],
}


def _numbered_docx(path: Path, kind: str, paragraphs: list[tuple[str, int | None]]) -> Path:
    """paragraphs: (text, list level or None for a plain paragraph)."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:lvlText w:val="{text}"/></w:lvl>'
        for i, (fmt, text) in enumerate(LEVELS[kind])
    )
    numbering.insert(
        0, parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">{levels}</w:abstractNum>')
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )
    for text, level in paragraphs:
        paragraph = document.add_paragraph(text)
        if level is not None:
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(
                parse_xml(
                    f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/>'
                    f'<w:numId w:val="90"/></w:numPr>'
                )
            )
    document.save(str(path))
    return path


def test_auto_numbered_articles_are_cited_by_their_numbers(kb_lib: Library, tmp_path: Path) -> None:
    path = _numbered_docx(
        tmp_path / "档案办法.docx",
        "articles",
        [
            ("某县社会保险业务档案管理办法", None),
            ("某县人社发〔2024〕3号", None),
            ("第一章 总则", None),
            ("为规范社会保险业务档案管理，制定本办法。", 0),
            ("本办法适用于县社会保险经办机构。", 0),
            ("第二章 归档与借阅", None),
            ("业务档案应当在业务办结后三十日内归档。", 0),
            ("借阅业务档案须经科室负责人批准并登记，借阅期限不超过十五日。", 0),
        ],
    )
    [outcome] = kb_lib.import_paths([path]).outcomes
    assert outcome.status == "imported" and outcome.chunks == 4, outcome.message
    hit = kb_lib.search("借阅档案 科室负责人批准")[0]
    assert hit.citation == "《某县社会保险业务档案管理办法》（某县人社发〔2024〕3号）第四条"
    assert hit.text.startswith("第四条 借阅业务档案")
    assert hit.chapter_path == "第二章 归档与借阅"


def test_auto_numbered_outline_keeps_its_parts(kb_lib: Library, tmp_path: Path) -> None:
    path = _numbered_docx(
        tmp_path / "操作规程.docx",
        "outline",
        [
            ("某市社会保险经办操作规程", None),
            ("总则", 0),
            ("目的依据。为规范经办行为，制定本规程。", 1),
            ("岗位和人员", 0),
            ("岗位设置。", 1),
            ("前台受理岗只负责接件和告知，不得审核。", 2),
            ("后台审核岗负责审核，复核岗负责复核。", 2),
            ("轮岗交流。审核、复核岗位人员满三年轮岗一次。", 1),
        ],
    )
    [outcome] = kb_lib.import_paths([path]).outcomes
    assert outcome.status == "imported", outcome.message
    text = "\n".join(
        r[0] for r in kb_lib.conn.execute("SELECT text FROM chunks WHERE is_summary = 0")
    )
    assert "一、总则" in text or "（一）目的依据" in text
    assert "（二）轮岗交流" in text
    assert "1. 前台受理岗" in text and "2. 后台审核岗" in text
    hit = kb_lib.search("轮岗交流 满三年")[0]
    assert hit.citation.startswith("《某市社会保险经办操作规程》第二部分（二）")


def test_numbering_that_comes_from_the_paragraph_style(tmp_path: Path) -> None:
    # Word's 「编号」 list styles carry the numbering in the style, not in the paragraph
    from knowledge.loaders import load_bytes

    document = docx.Document()
    document.add_paragraph("某县社会保险业务档案管理办法")
    for text in ["业务档案应当在办结后三十日内归档。", "借阅档案须经科室负责人批准并登记。"]:
        document.add_paragraph(text, style="List Number")
    path = tmp_path / "样式编号.docx"
    document.save(str(path))
    text = load_bytes(path, path.read_bytes()).text
    assert "1. 业务档案应当" in text and "2. 借阅档案须经" in text
