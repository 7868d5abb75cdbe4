"""The assembled paragraphs: order, generated numbering, punctuation, point ids."""

from __future__ import annotations

import datetime as dt

import pytest
from export_helpers import make_report

from exports.assemble import PLACEHOLDER_TEXT, assemble, split_title
from exports.layout import TITLE_BREAK_AFTER, title_chars_per_line
from report.models import Point


def kinds_texts(assembled, kind: str) -> list[str]:
    return [b.text for b in assembled.blocks if b.kind == kind]


def section_blocks(assembled, key: str):
    return [b for b in assembled.blocks if b.section_key == key and b.kind != "heading1"]


def test_document_order_and_section_numbers():
    a = assemble(make_report())
    kinds = [b.kind for b in a.blocks]
    assert kinds[:3] == ["title", "addressee", "opening"]
    assert kinds[-2:] == ["signature", "date"]
    assert kinds_texts(a, "heading1") == [
        "一、组织机构控制",
        "二、业务运行控制",
        "三、基金财务控制",
        "四、信息系统控制",
        "五、内部控制的管理和监督",
        "六、整改意见或建议",
    ]
    # The overall assessment sits after the fifth area and before 六、.
    i_assess = kinds.index("assessment")
    headings = [i for i, k in enumerate(kinds) if k == "heading1"]
    assert headings[4] < i_assess < headings[5]


def test_runin_numbering_and_single_point_unnumbered():
    a = assemble(make_report(), "runin")
    org = [b.text for b in section_blocks(a, "organization")]
    assert org[0].startswith("一是组织机构健全。")
    assert org[1].startswith("二是严格执行不相容岗位分离，")
    assert org[2] == "三是建立三级审核制度。"
    business = section_blocks(a, "business")
    assert [b.text for b in business] == ["参保登记和待遇核定均按经办规程办理。"]
    assert business[0].number == ""


def test_headings_numbering_one_paragraph_per_point_with_run_in_lead():
    # issue 9: the .docx used to split a point into a heading plus a body, and a short answer
    # became a heading with no body; now every point is one paragraph in both styles
    report = make_report()
    a = assemble(report, "headings")
    org = section_blocks(a, "organization")
    assert [(b.kind, b.number, b.lead, b.text) for b in org] == [
        (
            "body",
            "（一）",
            "组织机构健全。",
            "（一）组织机构健全。我局内设六个科室，印发了岗位职责说明。",
        ),
        ("body", "（二）", "", "（二）严格执行不相容岗位分离，受理、复核、审批分设。"),
        ("body", "（三）", "", "（三）建立三级审核制度。"),
    ]
    assert org[0].body_text == "我局内设六个科室，印发了岗位职责说明。"
    runin = section_blocks(assemble(report, "runin"), "organization")
    assert [b.point_id for b in org] == [b.point_id for b in runin]
    for point in report.section("organization").points:
        assert len(a.blocks_for_point(point.id)) == 1


def test_long_point_in_headings_style_keeps_number_in_paragraph():
    r = make_report()
    long_text = "我局" + "对照规程逐项检查业务经办流程" * 4 + "，发现问题均已整改"
    r.section("business").points = [Point(text=long_text), Point(text="另一条")]
    a = assemble(r, "headings")
    first = section_blocks(a, "business")[0]
    assert first.kind == "body"
    assert first.number == "（一）"
    assert first.text == "（一）" + first.rest
    assert first.rest.endswith("。")


@pytest.mark.parametrize("typed", ["一是", "1. ", "1、", "（一）", "(1)", "第一，", "一、"])
@pytest.mark.parametrize("numbering", ["runin", "headings"])
def test_typed_number_not_doubled(typed: str, numbering: str):
    r = make_report()
    r.section("fund_finance").points = [
        Point(text=typed + "严格执行收支两条线"),
        Point(text="对账"),
    ]
    blocks = section_blocks(assemble(r, numbering), "fund_finance")
    first = blocks[0].text
    expected = "一是严格执行收支两条线。" if numbering == "runin" else "（一）严格执行收支两条线。"
    assert first == expected


def test_single_typed_number_removed():
    r = make_report()
    r.section("business").points = [Point(text="1.参保登记按规程办理")]
    assert [b.text for b in section_blocks(assemble(r), "business")] == ["参保登记按规程办理。"]


def test_numbering_follows_add_remove_reorder():
    r = make_report()
    sec = r.section("information_system")
    sec.points = [*sec.points, Point(text="数据每日备份")]
    texts = [b.text for b in section_blocks(assemble(r), "information_system")]
    assert [t[:2] for t in texts] == ["一是", "二是", "三是"]
    assert texts[2] == "三是数据每日备份。"
    # Reorder: the last point becomes first and takes 一是.
    sec.points = [sec.points[2], sec.points[0], sec.points[1]]
    texts = [b.text for b in section_blocks(assemble(r), "information_system")]
    assert texts[0] == "一是数据每日备份。"
    assert texts[1] == "二是业务系统实行一人一号。"
    # Remove the first: numbering closes up again.
    sec.points = sec.points[1:]
    texts = [b.text for b in section_blocks(assemble(r), "information_system")]
    assert texts == ["一是业务系统实行一人一号。", "二是业务专网与互联网物理隔离。"]


def test_skipped_points_left_out_and_numbering_closes_up():
    r = make_report()
    r.section("organization").points[1].skipped = True
    texts = [b.text for b in section_blocks(assemble(r), "organization")]
    assert len(texts) == 2
    assert texts[0].startswith("一是组织机构健全")
    assert texts[1] == "二是建立三级审核制度。"


def test_empty_area_keeps_heading_with_placeholder_and_numbering_stays_consecutive():
    r = make_report()
    r.section("fund_finance").points = []
    for p in r.section("supervision").points:
        p.skipped = True
    a = assemble(r)
    assert kinds_texts(a, "heading1")[2] == "三、基金财务控制"
    assert kinds_texts(a, "heading1")[4] == "五、内部控制的管理和监督"
    placeholders = [b for b in a.blocks if b.kind == "placeholder"]
    assert [b.section_key for b in placeholders] == ["fund_finance", "supervision"]
    assert all(b.text == PLACEHOLDER_TEXT for b in placeholders)


def test_no_rectification_measures_means_no_sixth_heading():
    r = make_report()
    r.section("rectification").points = []
    headings = kinds_texts(assemble(r), "heading1")
    assert headings[-1] == "五、内部控制的管理和监督"
    assert len(headings) == 5


def test_rectification_paragraph_carries_owner_and_deadline():
    a = assemble(make_report(), "runin")
    texts = [b.text for b in section_blocks(a, "rectification")]
    assert texts == [
        "一是加强干部轮岗交流（责任部门：办公室；完成时限：2027年6月30日前）。",
        "二是规范业务档案管理（责任部门：征缴科；完成时限：2027年3月31日前）。",
    ]


def test_rectification_uses_measure_and_tolerates_missing_owner():
    r = make_report()
    r.section("rectification").points = [
        Point(text="档案问题", measure="建立月度归档检查制度", due=dt.date(2027, 1, 5)),
    ]
    texts = [b.text for b in section_blocks(assemble(r), "rectification")]
    assert texts == ["建立月度归档检查制度（完成时限：2027年1月5日前）。"]


def test_punctuation_endings_and_fullwidth():
    r = make_report(addressee="市社会保险事业管理处:")
    r.section("business").points = [Point(text="核查率100%, 追回12.6万元;"), Point(text="按月催缴")]
    a = assemble(r)
    assert kinds_texts(a, "addressee") == ["市社会保险事业管理处："]
    assert kinds_texts(a, "opening")[0].endswith("现将自查情况报告如下：")
    assert "核查率100%，追回12.6万元。" in kinds_texts(a, "body")[3]
    for b in a.blocks:
        if b.kind in ("body", "assessment", "placeholder"):
            assert b.text.endswith("。"), b.text
        assert not any(ch in b.text for ch in ",;:?!"), f"half-width punctuation left in {b.text!r}"


def test_title_optional_and_generated():
    a = assemble(make_report())
    assert a.title == "某县社会保险事业局关于2026年度内部控制检查评估的自查报告"
    a = assemble(make_report(title=False))
    assert a.title is None
    assert a.blocks[0].kind == "addressee"
    a = assemble(make_report(title="关于2026年度内控自查情况的报告"))
    assert a.blocks[0].text == "关于2026年度内控自查情况的报告"


def test_signature_and_date():
    a = assemble(make_report())
    assert a.blocks[-2].text == "某县社会保险事业局"
    assert a.blocks[-1].text == "2026年11月29日"
    a = assemble(make_report(date=dt.date(2027, 1, 5)))
    assert a.blocks[-1].text == "2027年1月5日"


def test_hostile_text_is_cleaned():
    r = make_report()
    r.section("business").points = [
        Point(text="含\x00控制\x07字符\x1f和\x85C1以及😀表情"),
        Point(text="长" * 20000),
    ]
    texts = [b.text for b in section_blocks(assemble(r), "business")]
    assert texts[0] == "一是含控制字符和C1以及😀表情。"
    assert len(texts[1]) == 20000 + 3


def test_unknown_numbering_refused():
    with pytest.raises(ValueError):
        assemble(make_report(), "roman")  # type: ignore[arg-type]


def test_split_title_whole_words_and_even_lines():
    limit = title_chars_per_line()
    assert split_title("短标题", limit, TITLE_BREAK_AFTER) == ["短标题"]
    lines = split_title(
        "某县社会保险事业局关于养老保险经办机构内部控制检查评估的自查报告", limit, TITLE_BREAK_AFTER
    )
    assert lines == ["某县社会保险事业局关于养老保险经办机构", "内部控制检查评估的自查报告"]
    assert split_title("一" * 50, limit, TITLE_BREAK_AFTER) == ["一" * 50]


def test_rectification_uses_drafted_paragraph_and_adds_owner_due_once(blank_report):
    import datetime as dt

    from report.models import Point

    rect = blank_report.section("rectification")
    rect.points = [
        Point(
            text="轮岗不够及时",
            measure="修订轮岗办法。",
            drafted="针对轮岗不够及时的问题，我局将修订轮岗办法。",
            owner="办公室",
            due=dt.date(2027, 6, 30),
        ),
        Point(
            text="介质管理不严",
            drafted="针对介质管理不严的问题，由信息科负责，2027年1月31日前完成登记。",
            hand_edited=True,
            owner="信息科",
            due=dt.date(2027, 1, 31),
        ),
    ]
    texts = [b.text for b in assemble(blank_report).blocks if b.section_key == "rectification"]
    assert texts[1:] == [
        "一是针对轮岗不够及时的问题，我局将修订轮岗办法（责任部门：办公室；完成时限：2027年6月30日前）。",
        "二是针对介质管理不严的问题，由信息科负责，2027年1月31日前完成登记。",
    ]
