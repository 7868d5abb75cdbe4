"""避头尾 line breaking: property tests over random Chinese text (no deadline, see conftest)."""

from hypothesis import given
from hypothesis import strategies as st

from report.linebreak import CLOSING, OPENING, cells, wrap

HANZI = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
CLOSE = st.sampled_from(sorted("，。、；：？！）》」』…"))
OPEN = st.sampled_from(sorted("（《「『“"))
LATIN = st.sampled_from(["YAML", "Ctrl+S", "2026", "F1", "docx", "ORG-02"])


@st.composite
def chinese_text(draw) -> str:
    """Sentences as people write them: words, then at most one opening and two closing marks."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 30))):
        if draw(st.booleans()) and parts:
            parts.append(draw(OPEN))
        if draw(st.integers(0, 5)) == 0:
            parts.append(draw(LATIN) + " ")
        words = draw(st.lists(HANZI, min_size=1, max_size=6))
        parts.append("".join(words))
        parts.append("".join(draw(st.lists(CLOSE, max_size=2))))
    return "".join(parts)


def _content(text: str) -> str:
    return "".join(text.split())


@given(chinese_text(), st.integers(min_value=10, max_value=120))
def test_no_line_starts_with_closing_or_ends_with_opening(text: str, width: int) -> None:
    lines = wrap(text, width)
    for line in lines[1:]:
        assert line[:1] not in CLOSING, (line, lines)
    for line in lines[:-1]:
        assert line[-1:] not in OPENING, (line, lines)


@given(chinese_text(), st.integers(min_value=10, max_value=120))
def test_lines_fit_and_nothing_is_lost(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cells(line) <= width for line in lines)
    assert _content("".join(lines)) == _content(text)


@given(st.text(min_size=0, max_size=200), st.integers(min_value=2, max_value=100))
def test_any_text_fits_and_keeps_its_characters(text: str, width: int) -> None:
    lines = wrap(text, width)
    assert all(cells(line) <= width for line in lines if len(line) > 1)
    assert _content("".join(lines)) == _content(text)


def test_latin_words_stay_whole_and_newlines_break() -> None:
    assert wrap("或按 I 从 YAML 答案文件导入", 12) == ["或按 I 从", "YAML 答案文", "件导入"]
    assert wrap("第一段\n第二段", 40) == ["第一段", "第二段"]


def test_closing_mark_takes_the_character_before_it_along() -> None:
    assert wrap("还没有提到多久轮岗一次、亲属回避怎么执行。", 10)[-1] == "行。"
