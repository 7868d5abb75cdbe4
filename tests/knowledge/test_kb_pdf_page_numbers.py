"""Page numbers of a PDF (— 2 —, - 3 -, 第 4 页 共 9 页) are no part of the articles: left in,
they were glued into the article running across the page break (第十— 2 —四条)."""

from __future__ import annotations

from pathlib import Path

import pytest
from kb_docs import FIXTURE_REGULATION
from office_convert import SOFFICE, convert

from knowledge.library import Library
from knowledge.loaders import drop_page_number, join_pdf_lines


@pytest.mark.parametrize("mark", ["— 2 —", "- 2 -", "－2－", "第 2 页", "第2页 共9页", "2/9", "2"])
def test_a_page_number_between_two_pages_is_dropped(mark: str) -> None:
    pages = [
        f"第十三条 养老保险待遇实行三级审核。\n第十四条 经办机构每年开展领取待遇资格认证，对认证中发现已死亡的人员，自死亡次月起停发养老金。第十\n{mark}",
        "五条 待遇发放数据由业务科室生成，财务科室核对后方可拨付银行。\n— 3 —",
    ]
    text = join_pdf_lines("\n".join(drop_page_number(p, i + 2) for i, p in enumerate(pages)))
    assert "第十五条 待遇发放数据" in text
    assert mark not in text and "—" not in text


def test_numbers_that_are_text_stay() -> None:
    page = "第二十条 下列人数：\n120\n第二十一条 本办法自印发之日起施行。\n2021"
    assert drop_page_number(page, 3) == page
    assert drop_page_number("2\n第一条 甲。", 2) == "第一条 甲。"  # at the top of page 2


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_pdf_with_page_numbers_in_the_footer(kb_lib: Library, tmp_path: Path) -> None:
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    for line in FIXTURE_REGULATION.split("\n"):
        if "｜" not in line:  # long articles, so that several run across a page break
            document.add_paragraph(line * (3 if line.startswith("第") and "条" in line[:6] else 1))
    footer = document.sections[0].footer.paragraphs[0]
    footer.add_run("— ")
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run, text = OxmlElement("w:r"), OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    footer._p.append(field)
    footer.add_run(" —")
    src = tmp_path / "细则.docx"
    document.save(str(src))
    pdf = convert(src, tmp_path / "pdf")
    [outcome] = kb_lib.import_paths([pdf]).outcomes
    assert outcome.status == "imported" and outcome.chunks == 30, outcome.message
    texts = [r[0] for r in kb_lib.conn.execute("SELECT text FROM chunks WHERE is_summary = 0")]
    assert not [t for t in texts if "—" in t]
    articles = [t[: t.index("条") + 1] for t in texts]
    assert "第十四条" in articles and "第三十条" in articles
