"""A PDF's running header and footer (页眉/页脚: issuing offices, 文号, 第 3 页 共 9 页) are no part
of the articles: left in, they stood inside every article that crosses a page break."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kb_docs import FIXTURE_NUMBER, FIXTURE_REGULATION, FIXTURE_TITLE
from office_convert import SOFFICE, convert

from knowledge.library import Library
from knowledge.loaders import drop_running_lines

ISSUERS = "某市人力资源和社会保障局　某市财政局"


def _page(n: int, body: str, total: int = 4) -> str:
    return f"{ISSUERS}\n{FIXTURE_NUMBER}\n{body}\n第 {n} 页 共 {total} 页"


def test_header_and_page_footer_repeated_on_every_page_are_dropped() -> None:
    pages = [
        _page(
            1,
            f"{FIXTURE_TITLE}\n第一条 为规范经办行为，制定本细则。\n第二条 本细则适用于市、县两级",
        ),
        _page(2, "社会保险经办机构。\n第三条 主要负责人负责。"),
        _page(3, "第四条 经办机构应当编制岗位说明书，逐一写明\n每个岗位的工作内容。"),
        _page(4, "第五条 本细则自2021年4月1日起施行。"),
    ]
    out = drop_running_lines(pages)
    # the first page keeps the header above its text: there it is the document's own heading
    assert out[0].split("\n")[:3] == [ISSUERS, FIXTURE_NUMBER, FIXTURE_TITLE]
    assert out[1:] == [
        "社会保险经办机构。\n第三条 主要负责人负责。",
        "第四条 经办机构应当编制岗位说明书，逐一写明\n每个岗位的工作内容。",
        "第五条 本细则自2021年4月1日起施行。",
    ]
    assert "第 1 页" not in out[0]


def test_a_dashed_page_number_under_the_header_is_dropped_too() -> None:
    pages = [f"{ISSUERS}\n- {n} -\n第{n}条 甲乙丙丁。" for n in range(1, 4)]
    assert drop_running_lines(pages)[1:] == ["第2条 甲乙丙丁。", "第3条 甲乙丙丁。"]


def test_different_headers_on_odd_and_even_pages_are_dropped() -> None:
    # Word's 奇偶页不同 with a different first page: the issuer on odd pages from page 3, the
    # 文号 on even pages; neither is on half of the nine pages
    pages = [f"{FIXTURE_TITLE}\n第一条 甲乙丙丁。\n- 1 -"]
    for n in range(2, 10):
        header = FIXTURE_NUMBER if n % 2 == 0 else "某市人力资源和社会保障局文件"
        pages.append(f"{header}\n第{n}条 甲乙丙丁。\n- {n} -")
    assert drop_running_lines(pages)[1:] == [f"第{n}条 甲乙丙丁。" for n in range(2, 10)]


def test_lines_that_are_text_stay() -> None:
    pages = [
        f"{FIXTURE_TITLE}\n第一条 为规范经办行为，\n制定本细则。",  # the title on page 1 only
        "险费。\n第二条 参保人员补缴的保险费不享受政府缴费补贴，补缴",
        "险费。\n第三条 本细则由市人力资源和社会保障局负责解释。",  # a tail twice: text
        "第四条 本细则自2021年4月1日起施行。",
    ]
    assert drop_running_lines(pages) == pages
    single = [f"{ISSUERS}\n第一条 甲。"]  # one page: nothing repeats
    assert drop_running_lines(single) == single


def test_a_header_repeating_the_title_drops_once_per_page() -> None:
    pages = [f"{FIXTURE_TITLE}\n{FIXTURE_TITLE}\n第一条 甲。"] + [
        f"{FIXTURE_TITLE}\n第{n}条 乙。" for n in (2, 3)
    ]
    out = drop_running_lines(pages)
    assert out[0].count(FIXTURE_TITLE) >= 1
    assert out[1:] == ["第2条 乙。", "第3条 乙。"]


def _field(instr: str) -> object:
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    return parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr="{instr}"><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    )


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_pdf_with_a_running_header_and_page_footer(
    kb_lib: Library, tmp_path: Path
) -> None:
    import docx
    from pypdf import PdfReader

    document = docx.Document()
    section = document.sections[0]
    first, second = section.header.paragraphs[0], section.header.add_paragraph()
    first.add_run(ISSUERS)
    second.add_run(FIXTURE_NUMBER)
    footer = section.footer.paragraphs[0]
    footer.add_run("第 ")
    footer._p.append(_field("PAGE"))
    footer.add_run(" 页 共 ")
    footer._p.append(_field("NUMPAGES"))
    footer.add_run(" 页")
    for line in FIXTURE_REGULATION.split("\n"):
        if "｜" not in line:  # long articles, so that several run across a page break
            document.add_paragraph(line * (3 if line.startswith("第") and "条" in line[:6] else 1))
    src = tmp_path / "细则.docx"
    document.save(str(src))
    pdf = convert(src, tmp_path / "pdf")
    pages = [re.sub(r"\s+", "", p.extract_text()) for p in PdfReader(str(pdf)).pages]
    assert len(pages) >= 3 and all("某市财政局" in p and "页共" in p for p in pages)

    [outcome] = kb_lib.import_paths([pdf]).outcomes
    assert outcome.status == "imported" and outcome.chunks == 30, outcome.message
    texts = [
        re.sub(r"\s+", "", r[0])
        for r in kb_lib.conn.execute("SELECT text FROM chunks WHERE is_summary = 0")
    ]
    assert [t for t in texts if "某市财政局" in t or "某人社发" in t or "页共" in t] == []
    [doc] = [d for d in kb_lib.documents() if not d.is_starter]
    assert (doc.title, doc.doc_number) == (FIXTURE_TITLE, FIXTURE_NUMBER)
    hits = kb_lib.search("银行存款余额调节表")
    assert f"《{FIXTURE_TITLE}》（{FIXTURE_NUMBER}）第十九条" in [h.citation for h in hits]
