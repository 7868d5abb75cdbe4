"""an emoji pasted from a chat app is flagged before it reaches the 公文."""

from __future__ import annotations

from export_helpers import make_report

from exports.preflight import preflight


def test_emoji_in_a_point_is_flagged_with_its_section():
    report = make_report()
    report.section("business").points[0].text = "参保登记均按规程办理😀"
    items = [i for i in preflight(report) if "表情符号" in i.message]
    assert len(items) == 1
    assert items[0].section_key == "business"
    assert items[0].line().startswith("[提醒] 业务运行控制：「参保登记均按规程办理")


def test_ordinary_chinese_text_and_circled_numbers_are_not_flagged():
    report = make_report()
    report.section("business").points[0].text = "按①受理②复核③审批办理，执行《经办规程》第三条"
    assert not [i for i in preflight(report) if "表情符号" in i.message]
