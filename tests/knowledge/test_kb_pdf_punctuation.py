"""Chinese quotation marks, dashes and ellipses in a PDF stay where the page shows them.

LibreOffice draws a line's “”‘’——…… (set in a Western font) before the Chinese text of that line;
read in drawing order they came out at the start of the line (「“ ” ‘ ’第一条按照 一人一档」), away
from their words, and an article whose line began with them was not found."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from kb_docs import stsong_page_pdf, write_docx
from office_convert import SOFFICE, convert

from knowledge.library import Library
from knowledge.loaders import load_bytes

TITLE = "某县社会保险业务档案管理办法"
SOURCE = f"""{TITLE}
第一条 按照“一人一档”建立档案，做到‘随办随归’。
第二条 档案室——包括县、乡两级——应当每月清点……不得拖延。
第三条 全角标点：逗号，句号。分号；冒号：问号？叹号！括号（甲）书名号《乙》间隔号·顿号、齐全。
第四条 “汀南人社”APP、“12333”热线、‘某’字、“甲”“乙”“丙”并列，以及“一句很长的引语，从这一行开始，一直写到下一行才结束，看它是否仍然完整”结束。
第五条 省略号……破折号——波浪线～百分号％数字１２３字母ＡＢＣ【方括号】〔2025〕。
第六条 “查阅档案”须登记；“复制档案”须经分管领导批准。
"""
_SPACE = re.compile(r"\s+")


def _drawn(pieces: list[tuple[float, str]], turn: str = "1 0 0 1", y: float = 800) -> bytes:
    """A one-page PDF with one line drawn piece by piece, in the order given, each piece at its
    own x (STSong-Light: every character one em, 10 pt); turn rotates the text."""
    ops = ["BT", "/F1 10 Tf"]
    for x, text in pieces:
        ops.append(f"{turn} {x} {y} Tm <{text.encode('utf-16-be').hex()}> Tj")
    ops.append("ET")
    return stsong_page_pdf("\n".join(ops).encode())


def test_marks_drawn_before_the_line_are_read_where_they_stand() -> None:
    line = "第一条按照“一人一档”建立档案——做到‘随办随归’……"
    marks = [(40 + 10 * i, ch) for i, ch in enumerate(line) if ch in "“”‘’—…"]
    words = []  # the rest of the line in runs, as LibreOffice draws it after the marks
    for i, ch in enumerate(line):
        if ch in "“”‘’—…":
            continue
        if words and words[-1][0] + 10 * len(words[-1][1]) == 40 + 10 * i:
            words[-1] = (words[-1][0], words[-1][1] + ch)
        else:
            words.append((40 + 10 * i, ch))
    data = _drawn(marks + words)
    text = load_bytes(Path("办法.pdf"), data).text
    assert _SPACE.sub("", text) == line


def test_text_turned_a_quarter_reads_in_its_own_direction() -> None:
    first, second = "第一条本办法自发布之日起施行。", "第二条本办法由某局负责解释。"
    # turned left, lines running up the page, the next line to the right; turned right, down
    left = _drawn([(300, first), (312, second)], turn="0 1 -1 0", y=100)
    right = _drawn([(300, first), (288, second)], turn="0 -1 1 0", y=700)
    for data in (left, right):
        assert load_bytes(Path("办法.pdf"), data).text == f"{first}\n{second}"


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_pdf_keeps_quotes_dashes_and_ellipses_in_place(
    kb_lib: Library, tmp_path: Path
) -> None:
    src = write_docx(tmp_path / "办法.docx", SOURCE)
    pdf = convert(src, tmp_path / "pdf")
    text = load_bytes(pdf, pdf.read_bytes()).text
    assert _SPACE.sub("", text) == _SPACE.sub("", SOURCE)

    [outcome] = kb_lib.import_paths([pdf]).outcomes
    assert outcome.status == "imported" and outcome.chunks == 6, outcome.message
    rows = kb_lib.conn.execute("SELECT id FROM chunks WHERE is_summary = 0 ORDER BY seq")
    articles = [kb_lib.article(r[0]) for r in rows]
    assert [a.citation for a in articles] == [
        f"《{TITLE}》第{n}条" for n in ("一", "二", "三", "四", "五", "六")
    ]
    source_articles = SOURCE.strip().split("\n")[1:]
    assert [_SPACE.sub("", a.text) for a in articles] == [
        _SPACE.sub("", s) for s in source_articles
    ]
