"""heldout6 is data only: these tests check the questions, the files an office would receive and
that every labelled provision imports as a chunk with its citation — never a search (the set is
held out; see heldout6/README.md)."""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml
from kb_evaluate import (
    HELDOUT6_DIR,
    HELDOUT6_LIST_ID,
    HELDOUT6_QUESTIONS,
    _auto_numbered_docx,
    write_heldout6,
)

from knowledge.library import Library

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
_ARTICLE = re.compile(r"^(第[一二三四五六七八九十百]+条)　")
_ITEM = re.compile(r"^(\d+)\.")
_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章　")
_SECTION_HEAD = re.compile(r"^(第[一二三四五六七八九十]+)节　")
_PART = re.compile(r"^([一二三四五六七八九十]+)、")
_SECTION = re.compile(r"^(（([一二三四五六七八九十]+)）)")
_NUMERALS = "一二三四五六七八九十"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _chinese(n: int) -> str:
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _NUMERALS[tens - 1] + "十")
    return head + (_NUMERALS[ones - 1] if ones else "")


def _provisions(text: str) -> list[str]:
    """The citation endings a text offers: 第X条, or 第X部分（Y） for 一、（一） numbering."""
    lines = text.splitlines()
    if any(_ARTICLE.match(line) for line in lines):
        return [m.group(1) for line in lines if (m := _ARTICLE.match(line))]
    out, part = [], None
    for line in lines:
        if m := _PART.match(line):
            part = m.group(1)
        elif (m := _SECTION.match(line)) and part:
            out.append(f"第{part}部分{m.group(1)}")
    return out


def _texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(HELDOUT6_DIR.glob("*.txt"))}


def _questions() -> list[dict]:
    return yaml.safe_load(HELDOUT6_QUESTIONS.read_text(encoding="utf-8"))


def _articles_text() -> tuple[str, str]:
    [(stem, text)] = [
        (s, t) for s, t in _texts().items() if any(_ARTICLE.match(line) for line in t.splitlines())
    ]
    return stem, text


def test_one_regulation_per_numbering_with_about_forty_distinct_provisions() -> None:
    texts = _texts()
    assert len(texts) == 2
    kinds = set()
    for text in texts.values():
        provisions = _provisions(text)
        assert 35 <= len(provisions) <= 45
        assert len(set(provisions)) == len(provisions)
        kinds.add(provisions[0].endswith("条"))
    assert kinds == {True, False}


def test_numbering_runs_in_order() -> None:
    for text in _texts().values():
        lines = text.splitlines()
        provisions = _provisions(text)
        if provisions[0].endswith("条"):
            assert provisions == [f"第{_chinese(n)}条" for n in range(1, len(provisions) + 1)]
            # 第X节 restarts in every chapter
            sections: list[str] = []
            for line in lines:
                if _CHAPTER.match(line):
                    sections = []
                elif m := _SECTION_HEAD.match(line):
                    sections.append(m.group(1))
                    assert sections == [f"第{_chinese(n)}" for n in range(1, len(sections) + 1)]
            assert any(_SECTION_HEAD.match(line) for line in lines)
            continue
        parts = [m.group(1) for line in lines if (m := _PART.match(line))]
        assert parts == [_chinese(n) for n in range(1, len(parts) + 1)]
        for part in parts:
            inside = [p for p in provisions if p.startswith(f"第{part}部分")]
            assert len(inside) >= 2  # a part with fewer items would be cited as a whole
            expected = [f"第{part}部分（{_chinese(n)}）" for n in range(1, len(inside) + 1)]
            assert inside == expected


def test_every_label_names_an_existing_provision() -> None:
    texts = _texts()
    for item in _questions():
        assert set(item) <= {"q", "style", "doc", "at"}
        assert isinstance(item["q"], str) and item["q"].strip()
        if item["style"] == "noise":
            assert "doc" not in item and "at" not in item
            continue
        assert item["style"] in {"everyday", "official"}
        assert item["doc"] in texts, item["doc"]
        assert item["at"] in _provisions(texts[item["doc"]]), (item["doc"], item["at"])


def test_counts_per_regulation_and_no_duplicates() -> None:
    items = _questions()
    counts = Counter((i.get("doc"), i["style"]) for i in items)
    for stem in _texts():
        assert counts[(stem, "everyday")] == 60
        assert counts[(stem, "official")] == 30
    assert counts[(None, "noise")] == 25
    assert len(items) == 205
    assert len({i["q"].strip() for i in items}) == len(items)


def test_everyday_questions_cover_every_provision() -> None:
    for stem, text in _texts().items():
        asked = {i["at"] for i in _questions() if i.get("doc") == stem and i["style"] == "everyday"}
        assert asked == set(_provisions(text)), stem


def test_word_file_numbers_articles_and_items_automatically(tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    stem, source = _articles_text()
    path = tmp_path / f"{stem}.docx"
    _auto_numbered_docx(source, path)
    document = docx.Document(str(path))
    assert document.core_properties.title == ""
    paragraphs = document.paragraphs
    lines = source.splitlines()
    assert len(paragraphs) == len(lines)
    articles = 0
    for para, line in zip(paragraphs, lines, strict=True):
        num_pr = para._p.pPr.find(_W + "numPr") if para._p.pPr is not None else None
        level = None
        if num_pr is not None:
            assert num_pr.find(_W + "numId").get(_W + "val") == str(HELDOUT6_LIST_ID)
            level = int(num_pr.find(_W + "ilvl").get(_W + "val"))
        if _ARTICLE.match(line):
            articles += 1
            # the number is Word's, not typed: the paragraph holds only the article's words
            assert level == 0 and para.text == _ARTICLE.sub("", line)
        elif _ITEM.match(line):
            assert level == 1 and para.text == _ITEM.sub("", line)
        else:
            assert level is None and para.text == line
        if _CHAPTER.match(line) or _SECTION_HEAD.match(line):
            assert para.alignment == WD_ALIGN_PARAGRAPH.CENTER
            assert all(run.bold for run in para.runs)
    assert articles == len(_provisions(source))


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_office_files_import_with_every_labelled_provision(kb_lib: Library, tmp_path: Path) -> None:
    from pypdf import PdfReader

    texts = _texts()
    written = {p.suffix: p for p in write_heldout6(tmp_path / "in")}
    assert set(written) == {".docx", ".pdf"}
    reader = PdfReader(str(written[".pdf"]))
    assert "LibreOffice" in str((reader.metadata or {}).get("/Producer", ""))
    assert len(reader.pages) >= 3
    assert "— 2 —" in reader.pages[1].extract_text()

    result = kb_lib.import_paths(list(written.values()))
    assert [o.status for o in result.outcomes] == ["imported", "imported"]
    for doc in kb_lib.documents():
        if doc.is_starter:
            continue
        stem = Path(doc.source_path).stem
        ids = [
            row[0]
            for row in kb_lib.conn.execute(
                "SELECT id FROM chunks WHERE doc_id = ? ORDER BY seq", (doc.id,)
            )
        ]
        endings = [
            p
            for cid in ids
            for p in _provisions(texts[stem])
            if kb_lib.article(cid).citation.endswith(p)
        ]
        # every provision is exactly one chunk, cited by its own number
        assert endings == _provisions(texts[stem]), stem
        labelled = {i["at"] for i in _questions() if i.get("doc") == stem}
        assert labelled <= set(endings)
