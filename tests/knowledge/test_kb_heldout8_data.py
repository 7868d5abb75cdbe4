"""heldout8 is data only: these tests check its numbering and style, the files an office would
receive (a LibreOffice PDF with a two-line running header, a Notepad "Unicode" .txt) and that
every labelled provision imports as a chunk with its citation — never a search (the set is held
out; see heldout8/README.md). Labels, counts and coverage: test_kb_heldout_data.py."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from heldout_sets import HELDOUT8, chinese
from kb_evaluate import HELDOUT8_HEADER, _rules_pdf, notepad_unicode

from knowledge.library import Library

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_soffice = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
_ARTICLE = HELDOUT8.article
_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章　")
_PART = re.compile(r"^([一二三四五六七八九十]+)、")
_SECTION = re.compile(r"^（([一二三四五六七八九十]+)）")
_ITEM = re.compile(r"^（[一二三四五六七八九十]+）|^\d+\.|^（\d+）")
_SPACE = re.compile(r"\s+")


def _text(kind: str) -> tuple[str, str]:
    """(stem, text) of the 细则 (kind 'articles') or of the 办法 (kind 'parts')."""
    [(stem, text)] = [
        (s, t)
        for s, t in HELDOUT8.texts().items()
        if any(_ARTICLE.match(line) for line in t.splitlines()) == (kind == "articles")
    ]
    return stem, text


def test_rules_have_contents_and_articles_in_order_with_paragraphs_and_items() -> None:
    _, text = _text("articles")
    lines = text.splitlines()
    provisions = HELDOUT8.provisions(text)
    assert provisions == [f"第{chinese(n)}条" for n in range(1, len(provisions) + 1)]
    # the 目录 lists the chapters exactly as the body heads them
    chapters = [line for line in lines if _CHAPTER.match(line)]
    contents = lines[lines.index("目　　录") + 1 : lines.index("目　　录") + 1 + len(chapters) // 2]
    assert contents == chapters[len(chapters) // 2 :]
    paragraphs: dict[str, int] = {}
    items = 0
    current = None
    for line in lines:
        if m := _ARTICLE.match(line):
            current = m.group(1)
            paragraphs[current] = 1
        elif current and _SECTION.match(line):
            items += 1
        elif current and not _CHAPTER.match(line):
            paragraphs[current] += 1  # a further 款 of the same article
    assert sum(n >= 2 for n in paragraphs.values()) >= len(provisions) // 2
    assert items >= 4


def test_measures_parts_hold_sections_and_their_items() -> None:
    _, text = _text("parts")
    lines = text.splitlines()
    parts = [m.group(1) for line in lines if (m := _PART.match(line))]
    assert parts == [chinese(n) for n in range(1, len(parts) + 1)]
    provisions = HELDOUT8.provisions(text)
    for part in parts:
        inside = [p for p in provisions if p.startswith(f"第{part}部分")]
        assert inside == [f"第{part}部分（{chinese(n)}）" for n in range(1, len(inside) + 1)]
        assert len(inside) >= 2  # a part with fewer sections would be cited as a whole
    # items 1. stand inside a section, items （1） inside an item 1.
    in_section = in_item = False
    for line in lines:
        if _PART.match(line):
            in_section = in_item = False
        elif _SECTION.match(line):
            in_section, in_item = True, False
        elif re.match(r"^\d+\.", line):
            assert in_section, line
            in_item = True
        elif re.match(r"^（\d+）", line):
            assert in_item, line
    assert sum(bool(re.match(r"^\d+\.", line)) for line in lines) >= 20
    assert sum(bool(re.match(r"^（\d+）", line)) for line in lines) >= 4


def test_measures_file_is_what_notepad_saves_as_unicode() -> None:
    _, text = _text("parts")
    raw = notepad_unicode(text)
    assert raw[:2] == b"\xff\xfe"
    decoded = raw.decode("utf-16")
    assert "\r\n" in decoded and "\n" not in decoded.replace("\r\n", "")
    assert decoded.replace("\r\n", "\n") == text


def _chunk_endings(lib: Library, provisions: list[str]) -> dict[str, list[str]]:
    """For each imported document (by file stem), the provision each chunk's citation ends with."""
    out = {}
    for doc in lib.documents():
        if doc.is_starter:
            continue
        ids = [
            row[0]
            for row in lib.conn.execute(
                "SELECT id FROM chunks WHERE doc_id = ? ORDER BY seq", (doc.id,)
            )
        ]
        out[Path(doc.source_path).stem] = [
            p for cid in ids for p in provisions if lib.article(cid).citation.endswith(p)
        ]
    return out


def test_notepad_file_imports_with_every_section(kb_lib: Library, tmp_path: Path) -> None:
    stem, text = _text("parts")
    path = tmp_path / f"{stem}.txt"
    path.write_bytes(notepad_unicode(text))
    result = kb_lib.import_paths([path])
    assert [o.status for o in result.outcomes] == ["imported"]
    provisions = HELDOUT8.provisions(text)
    # every section is exactly one chunk, cited by its part and number
    assert _chunk_endings(kb_lib, provisions) == {stem: provisions}


@pytest.mark.slow
@needs_soffice
def test_pdf_has_the_running_header_on_every_page(tmp_path: Path) -> None:
    from pypdf import PdfReader

    stem, text = _text("articles")
    path = tmp_path / f"{stem}.pdf"
    _rules_pdf(text, path)
    pages = [page.extract_text() for page in PdfReader(str(path)).pages]
    assert len(pages) >= 6
    header = "".join(_SPACE.sub("", line) for line in HELDOUT8_HEADER)
    for page in pages:
        assert _SPACE.sub("", page).startswith(header)
    # the 目录 has a page of its own: the first article starts the second page
    assert "第一条" not in pages[0] and "第一章" in pages[0]
    body = _SPACE.sub("", "".join(pages[1:]))
    positions = [body.find(p) for p in HELDOUT8.provisions(text)]
    assert -1 not in positions and positions == sorted(positions)


@pytest.mark.slow
@needs_soffice
def test_pdf_imports_with_every_article(kb_lib: Library, tmp_path: Path) -> None:
    stem, text = _text("articles")
    path = tmp_path / f"{stem}.pdf"
    _rules_pdf(text, path)
    result = kb_lib.import_paths([path])
    assert [o.status for o in result.outcomes] == ["imported"]
    provisions = HELDOUT8.provisions(text)
    # every article is exactly one chunk, cited by its own number
    assert _chunk_endings(kb_lib, provisions) == {stem: provisions}


@pytest.mark.slow
@needs_soffice
def test_pdf_running_header_stays_out_of_the_articles(kb_lib: Library, tmp_path: Path) -> None:
    stem, text = _text("articles")
    path = tmp_path / f"{stem}.pdf"
    _rules_pdf(text, path)
    kb_lib.import_paths([path])
    [doc] = [d for d in kb_lib.documents() if not d.is_starter]
    ids = [
        row[0] for row in kb_lib.conn.execute("SELECT id FROM chunks WHERE doc_id = ?", (doc.id,))
    ]
    issuers = _SPACE.sub("", HELDOUT8_HEADER[0])
    leaked = [cid for cid in ids if issuers in _SPACE.sub("", kb_lib.article(cid).text)]
    assert leaked == []
