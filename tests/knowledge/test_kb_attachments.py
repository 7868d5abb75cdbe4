"""附件 after the last provision is a chunk of its own, cited 《…》附件 or 附件N: it used to join the
last article's chunk, so a question about the attached table cited 第三十条 and that article's
excerpt ended in table rows."""

from __future__ import annotations

from pathlib import Path

from kb_docs import FIXTURE_NUMBER, FIXTURE_REGULATION, FIXTURE_TITLE

from knowledge.library import Library
from knowledge.splitter import split_document

LAST = "第三十条 本细则自2021年4月1日起施行。"
ATTACHMENTS = """
某市人力资源和社会保障局
2021年3月15日

附件1
参保单位登记材料清单
材料名称｜份数｜要求
营业执照｜1｜原件核验、复印件留存
法定代表人身份证｜1｜复印件

附件2：待遇审核复核记录表
审核环节｜责任人｜时限
初审｜经办人｜5个工作日
复审｜科室负责人｜3个工作日
"""


def test_attachments_after_the_last_article_are_chunks_of_their_own() -> None:
    chunks = split_document(FIXTURE_REGULATION + ATTACHMENTS)
    last, first, second = chunks[-3:]
    assert last.article == "第三十条"
    assert "附件" not in last.text and "营业执照" not in last.text
    assert (first.article, first.chapter_path) == ("附件1", "参保单位登记材料清单")
    assert first.text.startswith("附件1\n参保单位登记材料清单\n材料名称｜份数｜要求")
    assert "待遇审核" not in first.text
    assert (second.article, second.chapter_path) == ("附件2", "待遇审核复核记录表")
    assert "复审｜科室负责人｜3个工作日" in second.text
    assert [c.seq for c in chunks] == list(range(len(chunks)))


def test_a_bare_attachment_heading_in_a_document_numbered_by_parts() -> None:
    text = """某县社会保险经办风险防控规程
一、总体要求
（一）目的。为防控经办风险，制定本规程。
（二）适用范围。本规程适用于县社会保险经办机构。
二、风险点
（一）待遇审核。审核人员应当逐项核对。
（二）基金支付。支付前应当复核。
附件
风险点登记表
风险点｜责任岗位｜防控措施
待遇审核｜审核岗｜双人复核
"""
    chunks = split_document(text)
    assert [c.article for c in chunks] == [
        "第一部分（一）",
        "第一部分（二）",
        "第二部分（一）",
        "第二部分（二）",
        "附件",
    ]
    assert chunks[3].text == "（二）基金支付。支付前应当复核。"
    assert chunks[4].chapter_path == "风险点登记表"


def test_a_mention_of_an_attachment_and_an_attached_regulation_stay_as_they_are() -> None:
    # 「详见附件。」 inside an article is text, not a heading
    text = FIXTURE_REGULATION.replace(LAST, LAST + "\n所需材料详见附件。")
    assert split_document(text)[-1].text == LAST + "\n所需材料详见附件。"
    # a notice issuing a regulation attached to it: the regulation's articles are the provisions
    notice = (
        "某市人力资源和社会保障局关于印发《某市社会保险经办机构内部控制实施细则》的通知\n"
        "各县（市、区）人力资源和社会保障局：\n"
        "现将《某市社会保险经办机构内部控制实施细则》印发给你们，请认真贯彻执行。\n"
        "附件：某市社会保险经办机构内部控制实施细则\n" + FIXTURE_REGULATION
    )
    articles = [c.article for c in split_document(notice) if c.article]
    assert len(articles) == 30 and "附件" not in articles


def test_imported_attachment_is_cited_as_the_attachment(kb_lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "细则.txt"
    path.write_text(FIXTURE_REGULATION + ATTACHMENTS, encoding="utf-8")
    [outcome] = kb_lib.import_paths([path]).outcomes
    assert outcome.status == "imported" and outcome.chunks == 32, outcome.message
    citations = {}
    for (cid,) in kb_lib.conn.execute("SELECT id FROM chunks WHERE is_summary = 0"):
        article = kb_lib.article(cid)
        citations[article.citation] = article.text
    prefix = f"《{FIXTURE_TITLE}》（{FIXTURE_NUMBER}）"
    assert "营业执照" in citations[prefix + "附件1"]
    assert "初审｜经办人" in citations[prefix + "附件2"]
    assert "营业执照" not in citations[prefix + "第三十条"]
