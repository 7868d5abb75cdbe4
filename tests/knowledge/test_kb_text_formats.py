"""Encodings, loaders and metadata: what comes out of a file before it is split."""

from __future__ import annotations

import codecs

import pytest

from knowledge.encoding import detect_and_decode
from knowledge.errors import LoadError
from knowledge.loaders import join_pdf_lines
from knowledge.meta import extract_meta, find_doc_number

TEXT = "第一条 社会保险稽核是指经办机构对缴费基数的核查。"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("gbk"), "gb18030"),
        ("稽核".encode("gbk"), "gb18030"),  # very short GBK text
        ("缴费基数〔2017〕144号".encode("gb18030"), "gb18030"),
    ],
)
def test_text_encodings_are_detected_and_bom_is_dropped(data: bytes, encoding: str) -> None:
    text, found = detect_and_decode(data, "a.txt")
    assert found == encoding
    assert "\ufeff" not in text
    assert text in (TEXT, "稽核", "缴费基数〔2017〕144号")


def test_utf16_without_bom_ascii_heavy() -> None:
    data = "Article 1 稽核 rules apply to all agencies.".encode("utf-16-le")
    text, found = detect_and_decode(data, "a.txt")
    assert found == "utf-16" and "稽核" in text


def test_binary_content_is_refused_with_the_file_name() -> None:
    with pytest.raises(LoadError, match="图片.txt：不是文本文件"):
        detect_and_decode(bytes(range(256)) * 8, "图片.txt")


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("劳社部发〔2007〕2号", "劳社部发〔2007〕2号"),
        ("财社[2017]144号", "财社〔2017〕144号"),
        ("人社部发（2019）12号", "人社部发〔2019〕12号"),
        ("国务院令第765号", "国务院令第765号"),
        ("劳动和社会保障部令 第16号", "劳动和社会保障部令第16号"),
        ("中华人民共和国国务院令第 765 号", "中华人民共和国国务院令第765号"),
    ],
)
def test_doc_number_forms(line: str, number: str) -> None:
    assert find_doc_number(f"某办法\n{line}\n第一条 总则。\n第二条 另见财社〔2099〕1号。") == number


def test_doc_number_cited_in_an_article_is_not_the_documents_own() -> None:
    assert find_doc_number("某办法\n第一条 根据劳社部发〔2007〕2号制定。\n第二条 施行。") is None


def test_meta_from_header_lines() -> None:
    text = (
        "中华人民共和国人力资源和社会保障部\n关于印发\n社会保险经办内部控制管理办法\n"
        "人社部发〔2020〕3号\n2020年5月6日\n第一条 总则。\n第二条 本办法自2020年6月1日起施行。"
    )
    meta = extract_meta(text, None, "file")
    # the notice that issues a regulation is cited by the regulation's own name
    assert meta.title == "社会保险经办内部控制管理办法"
    assert meta.doc_number == "人社部发〔2020〕3号"
    assert meta.issuer == "中华人民共和国人力资源和社会保障部"
    assert meta.issued_date == "2020年5月6日"
    assert meta.effective_date == "2020年6月1日"


def test_issuing_notice_gives_the_regulations_title() -> None:
    text = (
        "某区人力资源和社会保障局\n关于印发某区社会保险经办业务风险管理办法的通知\n"
        "某区人社发〔2022〕21号\n一、总则\n（一）目的。"
    )
    assert extract_meta(text, None, "f").title == "某区社会保险经办业务风险管理办法"
    text = "关于印发《某县社会保险经办机构内部控制管理办法》的通知\n第一条 甲。\n第二条 乙。"
    assert extract_meta(text, None, "f").title == "某县社会保险经办机构内部控制管理办法"
    # a notice about something else keeps its own title
    text = "关于做好2024年社会保险经办工作的通知\n一、总体要求\n（一）甲。"
    assert extract_meta(text, None, "f").title == "关于做好2024年社会保险经办工作的通知"


def test_title_falls_back_to_hint_then_file_name() -> None:
    assert extract_meta("第一条 甲。\n第二条 乙。", "网页标题", "文件名").title == "网页标题"
    assert extract_meta("第一条 甲。\n第二条 乙。", None, "文件名").title == "文件名"


def test_pdf_lines_rejoined_within_paragraphs_but_not_across_articles() -> None:
    raw = "第一条 社会保险经办机构应当建立健全内部控制\n制度，明确岗位职责。\n第二条 另行规定。"
    assert join_pdf_lines(raw) == (
        "第一条 社会保险经办机构应当建立健全内部控制制度，明确岗位职责。\n第二条 另行规定。"
    )


def test_pdf_title_broken_over_two_lines_keeps_its_document_number_apart() -> None:
    # A 22 pt title wraps inside the PDF («…工作规» / «程»); the 文号 line below it was joined
    # on too, and the import was listed as 《<file name>》（业务稽核工作规程青人社发〔2025〕18号）.
    raw = "青禾市社会保险经办业务稽核工作规\n程\n青人社发〔2025〕18 号\n第一章 总则\n第一条 为规范稽核工作，制定本规程。"
    text = join_pdf_lines(raw)
    assert text.split("\n")[:2] == ["青禾市社会保险经办业务稽核工作规程", "青人社发〔2025〕18号"]
    meta = extract_meta(text, None, "青禾市稽核工作规程扫描版")
    assert meta.title == "青禾市社会保险经办业务稽核工作规程"
    assert meta.doc_number == "青人社发〔2025〕18号"
