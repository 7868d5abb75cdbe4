import re

from hypothesis import given
from hypothesis import strategies as st

from report.text import chinese_numeral, normalize_paragraph, strip_leading_number

CJK = "\u4e00-\u9fff"
pieces = st.sampled_from(
    [
        "我局",
        "稽核",
        "岗位",
        "制度",
        ",",
        ".",
        ":",
        ";",
        "?",
        "!",
        "(",
        ")",
        '"',
        " ",
        "\n",
        "2026",
        "3.5",
        "ABC",
        "\x07",
        "。",
        "，",
        "《办法》",
        "1. ",
        "（一）",
        "一是",
    ]
)
texts = st.lists(pieces, min_size=1, max_size=30).map("".join)


@given(texts)
def test_normalize_is_idempotent(text):
    once = normalize_paragraph(text)
    assert normalize_paragraph(once) == once


@given(texts)
def test_no_latin_punctuation_between_chinese_characters(text):
    out = normalize_paragraph(text)
    assert not re.search(rf"[{CJK}][,.:;?!()\"][{CJK}]", out), out


@given(texts)
def test_non_empty_stays_non_empty_and_xml_safe(text):
    out = normalize_paragraph(text)
    if re.search(rf"[{CJK}A-Za-z0-9]", text):
        assert out.strip()
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f]", out)


def test_examples():
    assert (
        normalize_paragraph("1. 我局明确了岗位职责,并制定了制度.")
        == "我局明确了岗位职责，并制定了制度。"
    )
    assert normalize_paragraph("版本 3.5 已升级") == "版本3.5已升级。"
    assert normalize_paragraph('设立"稽核科"') == "设立“稽核科”。"
    assert normalize_paragraph("下列事项:", "：") == "下列事项："
    assert strip_leading_number("（二）完善制度") == "完善制度"
    assert strip_leading_number("一是") == "一是"  # nothing would be left: keep it
    assert [chinese_numeral(n) for n in (1, 10, 11, 20, 101, 110)] == [
        "一",
        "十",
        "十一",
        "二十",
        "一百零一",
        "一百一十",
    ]
