"""report/text.py returns text without whitespace or Latin marks as it is, without running its
rules (export speed, issue 16): the rules must leave such text unchanged, so the shortcut
changes no result."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from report.text import (
    _fullwidth_punctuation,
    _tidy_whitespace,
    fullwidth_punctuation,
    normalize_paragraph,
    tidy_whitespace,
)

# Chinese, full-width marks, digits, letters and other symbols: everything but whitespace and
# the Latin marks the rules act on.
PLAIN = st.text(
    alphabet=st.characters(blacklist_categories=("Zs", "Zl", "Zp", "Cc", "Cs")).filter(
        lambda c: c not in ',.:;?!()"' and not c.isspace()
    )
    | st.sampled_from("我局严格执行经办规程，。：；？！、（）“”《》—0123456789ABCxyz%"),
    max_size=60,
)


@settings(max_examples=400, deadline=None)
@given(PLAIN)
def test_the_rules_leave_text_without_spaces_or_latin_marks_alone(text: str):
    assert _tidy_whitespace(text) == text == tidy_whitespace(text)
    assert _fullwidth_punctuation(text) == text == fullwidth_punctuation(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from('我局规程a1 ,.:;?!()"\u3000\t，。'), max_size=30))
def test_text_with_them_still_goes_through_the_rules(text: str):
    assert tidy_whitespace(text) == _tidy_whitespace(text)
    assert fullwidth_punctuation(text) == _fullwidth_punctuation(text)


def test_examples():
    assert fullwidth_punctuation("我局,严格执行(经办规程)") == "我局，严格执行（经办规程）"
    assert tidy_whitespace("我局  严格 执行") == "我局严格执行"
    assert normalize_paragraph("1.我局严格执行经办规程") == "我局严格执行经办规程。"
