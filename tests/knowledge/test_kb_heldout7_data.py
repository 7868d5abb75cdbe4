"""heldout7 is data only: these tests check its numbering and style, the files an office would
receive (a GB2312 web page, a .docx with 页眉/页脚 and a 附件 table) and that every labelled
provision imports as a chunk with its citation — never a search (the set is held out; see
heldout7/README.md). Labels, counts and coverage: test_kb_heldout_data.py."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from heldout_sets import HELDOUT7, chinese
from kb_evaluate import HELDOUT7_HEADER, _notice_web_page, _procedure_docx, write_heldout7

from knowledge.library import Library

_ARTICLE = HELDOUT7.article
_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章　")
_PART = re.compile(r"^([一二三四五六七八九十]+)、")
_SECTION = re.compile(r"^（[一二三四五六七八九十]+）")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(kind: str) -> tuple[str, str]:
    """(stem, text) of the 规程 (kind 'articles') or of the 通知 (kind 'parts')."""
    [(stem, text)] = [
        (s, t)
        for s, t in HELDOUT7.texts().items()
        if any(_ARTICLE.match(line) for line in t.splitlines()) == (kind == "articles")
    ]
    return stem, text


def test_procedure_articles_run_in_order_and_most_have_several_paragraphs() -> None:
    _, text = _text("articles")
    lines = text.splitlines()
    provisions = HELDOUT7.provisions(text)
    assert provisions == [f"第{chinese(n)}条" for n in range(1, len(provisions) + 1)]
    paragraphs: dict[str, int] = {}
    current = None
    for line in lines[: lines.index("附件")]:
        if m := _ARTICLE.match(line):
            current = m.group(1)
            paragraphs[current] = 1
        elif current and not _CHAPTER.match(line) and not _SECTION.match(line):
            paragraphs[current] += 1  # a further 款 of the same article
    assert sum(n >= 2 for n in paragraphs.values()) >= len(provisions) * 2 // 3


def test_notice_sections_hold_their_points_inline() -> None:
    _, text = _text("parts")
    lines = text.splitlines()
    parts = [m.group(1) for line in lines if (m := _PART.match(line))]
    assert parts == [chinese(n) for n in range(1, len(parts) + 1)]
    provisions = HELDOUT7.provisions(text)
    for part in parts:
        inside = [p for p in provisions if p.startswith(f"第{part}部分")]
        assert inside == [f"第{part}部分（{chinese(n)}）" for n in range(1, len(inside) + 1)]
        assert len(inside) >= 2  # a part with fewer sections would be cited as a whole
    for line in lines:
        if _SECTION.match(line):
            assert "一是" in line and "二是" in line and "三是" in line, line


class _Page(HTMLParser):
    """The <h1> and the <p> paragraphs of a page, as a reader sees them."""

    def __init__(self) -> None:
        super().__init__()
        self.h1 = ""
        self.paragraphs: list[str] = []
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "p"):
            self._in = tag
            if tag == "p":
                self.paragraphs.append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in:
            self._in = None

    def handle_data(self, data: str) -> None:
        if self._in == "h1":
            self.h1 += data
        elif self._in == "p":
            self.paragraphs[-1] += data


def test_web_page_is_gb2312_with_the_notice_paragraph_by_paragraph() -> None:
    _, text = _text("parts")
    raw = _notice_web_page(text)
    assert b"charset=gb2312" in raw and b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    page = raw.decode("gb2312")
    assert "<script" in page and "当前位置" in page and "打印本页" in page
    parser = _Page()
    parser.feed(page)
    lines = text.splitlines()
    assert parser.h1 == lines[0]
    assert [p.removeprefix("　　") for p in parser.paragraphs] == lines[1:]
    assert sum(p.startswith("　　") for p in parser.paragraphs) >= len(lines) - 5


def test_word_file_has_header_footer_indents_and_attachment_table(tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    stem, source = _text("articles")
    path = tmp_path / f"{stem}.docx"
    _procedure_docx(source, path)
    document = docx.Document(str(path))
    assert document.core_properties.title == ""
    section = document.sections[0]
    assert section.header.paragraphs[0].text == HELDOUT7_HEADER
    footer = section.footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer and 'w:instr="NUMPAGES"' in footer
    lines = source.splitlines()
    attachment = lines.index("附件")
    paragraphs = document.paragraphs
    assert [p.text for p in paragraphs[:attachment]] == lines[:attachment]
    articles = 0
    for para, line in zip(paragraphs[:attachment], lines, strict=False):
        if para is paragraphs[0] or _CHAPTER.match(line):
            assert para.alignment == WD_ALIGN_PARAGRAPH.CENTER
            continue
        assert para.paragraph_format.first_line_indent is not None
        if m := _ARTICLE.match(line):
            articles += 1
            first = para.runs[0]
            assert first.text == m.group(0)
            assert first._r.rPr.rFonts.get(_W + "eastAsia") == "黑体"
    assert articles == len(HELDOUT7.provisions(source))
    # the 附件 starts a new page and its rows are a real table, not text
    assert paragraphs[attachment].text == "附件"
    assert 'w:type="page"' in paragraphs[attachment]._p.xml
    assert paragraphs[attachment + 1].text == lines[attachment + 1]
    [table] = document.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [line.split("\t") for line in lines[attachment + 2 :]]
    assert all(run.bold for run in table.rows[0].cells[0].paragraphs[0].runs)


def test_both_files_import_with_every_labelled_provision(kb_lib: Library, tmp_path: Path) -> None:
    texts = HELDOUT7.texts()
    written = {p.suffix: p for p in write_heldout7(tmp_path / "in")}
    assert set(written) == {".docx", ".html"}
    result = kb_lib.import_paths(list(written.values()))
    assert [o.status for o in result.outcomes] == ["imported", "imported"]
    seen = set()
    for doc in kb_lib.documents():
        if doc.is_starter:
            continue
        stem = Path(doc.source_path).stem
        seen.add(stem)
        ids = [
            row[0]
            for row in kb_lib.conn.execute(
                "SELECT id FROM chunks WHERE doc_id = ? ORDER BY seq", (doc.id,)
            )
        ]
        provisions = HELDOUT7.provisions(texts[stem])
        endings = [p for cid in ids for p in provisions if kb_lib.article(cid).citation.endswith(p)]
        # every provision is exactly one chunk, cited by its own number
        assert endings == provisions, stem
        if Path(doc.source_path).suffix == ".html":
            # the page's chrome and the 落款 with the notes under it are in no chunk
            chrome = ("当前位置", "发布时间", "打印本页", "关闭窗口", "主办单位", "此件主动公开")
            chunk_texts = [kb_lib.article(cid).text for cid in ids]
            assert [w for t in chunk_texts for w in chrome if w in t] == []
        if Path(doc.source_path).suffix == ".docx":
            # the 附件 table after the last article is a chunk of its own, cited as the 附件
            attachment = kb_lib.article(ids[-1])
            assert attachment.citation.endswith("附件") and "｜" in attachment.text
            assert "｜" not in kb_lib.article(ids[-2]).text
        labelled = {i["at"] for i in HELDOUT7.questions() if i.get("doc") == stem}
        assert labelled <= set(endings)
    assert seen == set(texts)
