import datetime as dt

import pytest
from pydantic import ValidationError

from report.models import SECTION_KEYS, Point, Report, format_cn_date, validation_message


def make(**kw):
    base = dict(
        unit="某县社保局",
        addressee="市社保处",
        year=2026,
        basis_title="通知",
        basis_number="某〔2026〕1号",
    )
    base.update(kw)
    return Report(**base)


def test_sections_are_always_the_six_in_order():
    r = make()
    assert [s.key for s in r.sections] == list(SECTION_KEYS)
    assert r.section("rectification").title == "整改意见或建议"


def test_sections_given_out_of_order_are_put_in_order():
    r = make(sections=[{"key": "business", "points": [{"text": "甲"}]}])
    assert [s.key for s in r.sections] == list(SECTION_KEYS)
    assert r.section("business").points[0].text == "甲"


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("unit", "   ", "单位全称（unit）不能为空"),
        ("addressee", "", "主送机关（addressee）不能为空"),
        ("year", 1899, "年度（year）应为 2000 至 2100"),
        ("basis_number", "", "依据通知文号（basis.number）不能为空"),
    ],
)
def test_validation_errors_are_chinese_and_name_the_field(field, value, expected):
    with pytest.raises(ValidationError) as info:
        make(**{field: value})
    assert expected in validation_message(info.value)


def test_point_rejects_empty_text_and_unknown_status():
    with pytest.raises(ValidationError) as info:
        Point(text="  ")
    assert "内容不能为空" in validation_message(info.value)
    with pytest.raises(ValidationError) as info:
        Point(text="有", status="很好")
    assert "符合、基本符合、不符合、不适用" in validation_message(info.value)


def test_title_modes():
    assert make().display_title() == "某县社保局关于2026年度内部控制检查评估的自查报告"
    assert make(title=False).display_title() is None
    assert make(title="自定标题").display_title() == "自定标题"


def test_opening_names_notice_and_number_and_ends_with_colon():
    opening = make().display_opening()
    assert "《通知》（某〔2026〕1号）" in opening
    assert opening.endswith("：")
    assert "我局" in opening


def test_chinese_date_has_no_leading_zeros():
    assert format_cn_date(dt.date(2026, 1, 5)) == "2026年1月5日"
    assert format_cn_date(dt.date(2026, 11, 29)) == "2026年11月29日"


def test_point_body_prefers_drafted():
    p = Point(text="我们做了", drafted="我局做了。")
    assert p.body == "我局做了。"
    assert Point(text="原话").body == "原话"
