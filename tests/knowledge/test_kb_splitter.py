"""Article-aware splitting: one chunk per article, with chapter path and citation intact."""

from __future__ import annotations

from kb_docs import FIXTURE_REGULATION

from knowledge.numerals import parse_numeral, to_chinese
from knowledge.splitter import MAX_CHARS, split_document, split_plain


def test_numerals_round_trip_up_to_the_hundreds() -> None:
    for n in range(1, 1000):
        assert parse_numeral(to_chinese(n)) == n
    assert parse_numeral("一百零五") == 105
    assert parse_numeral("十") == 10
    assert parse_numeral("二十") == 20
    assert parse_numeral("二〇") == 20  # digit by digit, as in 二〇二六年
    assert parse_numeral("一〇五") == 105
    assert parse_numeral("零") == 0
    assert parse_numeral("１２") == 12
    assert parse_numeral("章") is None


def test_fixture_regulation_one_chunk_per_article() -> None:
    chunks = split_document(FIXTURE_REGULATION)
    articles = [c.article for c in chunks if c.article]
    assert articles == [f"第{to_chinese(n)}条" for n in range(1, 31)]
    assert chunks[0].article == "第一条"  # header lines are metadata, not a chunk
    by_article = {c.article: c for c in chunks}
    tenth = by_article["第十条"]
    assert tenth.chapter_path == "第三章 业务经办 / 第一节 登记与缴费"
    assert tenth.text.startswith("第十条 每年七月")
    assert by_article["第十八条"].chapter_path == "第四章 基金财务管理"


def test_items_stay_with_their_article_and_table_with_its_heading() -> None:
    by_article = {c.article: c for c in split_document(FIXTURE_REGULATION)}
    fifth = by_article["第五条"].text
    assert "（四）会计与出纳" in fifth and "每月抽查复核" in fifth
    table = by_article["第十六条"].text
    assert "表1 主要业务办理时限\n业务类型｜办理时限｜审批层级" in table
    assert "关系转移接续｜15个工作日｜科室负责人" in table


def test_hundreds_of_articles_and_arabic_numbers() -> None:
    text = "某办法\n" + "\n".join(f"第{to_chinese(n)}条 规定{n}。" for n in range(1, 131))
    chunks = split_document(text)
    assert [c.article for c in chunks][-1] == "第一百三十条"
    assert len(chunks) == 130
    assert split_document("第1条 甲。\n第2条 乙。\n第3条 丙。")[2].article == "第3条"


def test_a_body_line_mentioning_an_article_is_not_a_heading() -> None:
    text = "第一条 甲。\n第二条 乙：\n第一条规定的情形除外。\n第三条 丙。"
    chunks = split_document(text)
    assert [c.article for c in chunks] == ["第一条", "第二条", "第三条"]
    assert "第一条规定的情形除外" in chunks[1].text


def test_chapter_title_on_its_own_line() -> None:
    chunks = split_document("第一章\n总则\n第一条 甲。\n第二条 乙。")
    assert chunks[0].chapter_path == "第一章 总则"


def test_long_article_split_at_paragraphs_keeps_its_citation() -> None:
    items = "\n".join(
        f"（{to_chinese(i)}）" + "经办机构应当按规定核定缴费基数并复核。" * 6 for i in range(1, 13)
    )
    text = f"第一章 总则\n第一条 短条文。\n第二条 下列事项应当复核：\n{items}\n第三条 结束。"
    parts = [c for c in split_document(text) if c.article == "第二条"]
    assert len(parts) > 1
    assert [p.part for p in parts] == list(range(1, len(parts) + 1))
    assert all(len(p.text) <= MAX_CHARS for p in parts)
    assert parts[0].text.startswith("第二条 下列事项应当复核：\n（一）")
    assert all(p.chapter_path == "第一章 总则" for p in parts)
    assert "".join(p.text for p in parts).count("（十二）") == 1


def test_huge_table_repeats_title_and_header_row() -> None:
    rows = "\n".join(f"业务{i}｜{i}个工作日｜科室负责人" for i in range(80))
    text = f"第一条 时限如下：\n表2 办理时限\n业务｜时限｜审批\n{rows}\n第二条 结束。"
    parts = [c for c in split_document(text) if c.article == "第一条"]
    assert len(parts) > 1
    for p in parts[1:]:
        assert p.text.startswith("表2 办理时限\n业务｜时限｜审批\n业务")


def test_plain_text_falls_back_to_paragraphs_then_sentences() -> None:
    para = "经办机构应当定期开展自查。" * 30
    text = f"工作要求\n{para}\n\n第二段很短。"
    chunks = split_plain(text)
    assert chunks[0].startswith("工作要求\n")  # a heading is glued to what follows
    assert all(len(c) <= MAX_CHARS for c in chunks)
    assert all(c.endswith(("。", "短。")) for c in chunks)
    assert "".join(chunks).replace("\n", "") == text.replace("\n", "")


OUTLINE = """某市社会保险事业管理中心
某社险发〔2023〕15号
某市社会保险经办服务操作规程（试行）

一、总体要求
本规程适用于全市各级社会保险经办服务窗口。
二、窗口服务
（一）受理。
1. 窗口人员当场核验材料。
（1）材料齐全的，出具受理回执；
（2）材料不全的，一次性告知。
2. 可实行容缺受理。
（二）首问负责。首位接待的工作人员为首问责任人。
三、附则
（一）本规程由市社保中心负责解释。
（二）本规程自2023年7月1日起施行。
"""


def test_documents_numbered_like_local_rules_split_per_item() -> None:
    chunks = split_document(OUTLINE)
    got = [(c.chapter_path, c.article) for c in chunks]
    assert got == [
        ("一、总体要求", "第一部分"),
        ("二、窗口服务", "第二部分（一）"),
        ("二、窗口服务", "第二部分（二）"),
        ("三、附则", "第三部分（一）"),
        ("三、附则", "第三部分（二）"),
    ]
    first_item = chunks[1].text
    assert first_item.startswith("（一）受理。\n1. 窗口人员")
    assert "（2）材料不全的" in first_item and "2. 可实行容缺受理。" in first_item
    assert chunks[0].text == "一、总体要求\n本规程适用于全市各级社会保险经办服务窗口。"


def test_outline_citation_and_title(kb_lib, tmp_path) -> None:
    path = tmp_path / "规程.txt"
    path.write_bytes(OUTLINE.encode("gbk"))
    kb_lib.import_paths([path])
    [doc] = [d for d in kb_lib.documents() if not d.is_starter]
    assert doc.title == "某市社会保险经办服务操作规程（试行）"
    hit = next(h for h in kb_lib.search("首问责任人") if h.doc_id == doc.id)
    assert (
        hit.citation
        == "《某市社会保险经办服务操作规程（试行）》（某社险发〔2023〕15号）第二部分（二）"
    )
    assert hit.label == "原文"


def test_numbered_items_inside_articles_do_not_become_parts() -> None:
    text = "第一条 下列事项：\n一、甲事项；\n二、乙事项。\n第二条 其他。"
    assert [c.article for c in split_document(text)] == ["第一条", "第二条"]


def test_doc_number_written_right_after_its_issuer() -> None:
    from knowledge.meta import find_doc_number

    text = (
        "某省社会保险经办数据管理细则\n"
        "（2025年3月12日某省人力资源和社会保障厅某人社规〔2025〕4号印发）\n"
        "第一章 总则\n第一条 为……制定本细则。"
    )
    assert find_doc_number(text) == "某人社规〔2025〕4号"
    # an issuer's word inside the 文号 itself stays (劳社部发, 川人社厅发)
    assert find_doc_number("某办法\n劳社部发〔2007〕2号\n第一条 ……") == "劳社部发〔2007〕2号"
    assert find_doc_number("某办法\n川人社厅发〔2020〕1号\n第一条 ……") == "川人社厅发〔2020〕1号"
