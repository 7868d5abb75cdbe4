"""heldout6 is data only: these tests check its numbering, the files an office would receive and
that every labelled provision imports as a chunk with its citation — never a search (the set is
held out; see heldout6/README.md). Labels, counts and coverage: test_kb_heldout_data.py."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from heldout_sets import HELDOUT6, chinese
from kb_evaluate import HELDOUT6_LIST_ID, _auto_numbered_docx, write_heldout6

from knowledge.library import Library

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
_ARTICLE = HELDOUT6.article
_ITEM = re.compile(r"^(\d+)\.")
_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章　")
_SECTION_HEAD = re.compile(r"^(第[一二三四五六七八九十]+)节　")
_PART = re.compile(r"^([一二三四五六七八九十]+)、")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _articles_text() -> tuple[str, str]:
    [(stem, text)] = [
        (s, t)
        for s, t in HELDOUT6.texts().items()
        if any(_ARTICLE.match(line) for line in t.splitlines())
    ]
    return stem, text


def test_numbering_runs_in_order() -> None:
    for text in HELDOUT6.texts().values():
        lines = text.splitlines()
        provisions = HELDOUT6.provisions(text)
        if provisions[0].endswith("条"):
            assert provisions == [f"第{chinese(n)}条" for n in range(1, len(provisions) + 1)]
            # 第X节 restarts in every chapter
            sections: list[str] = []
            for line in lines:
                if _CHAPTER.match(line):
                    sections = []
                elif m := _SECTION_HEAD.match(line):
                    sections.append(m.group(1))
                    assert sections == [f"第{chinese(n)}" for n in range(1, len(sections) + 1)]
            assert any(_SECTION_HEAD.match(line) for line in lines)
            continue
        parts = [m.group(1) for line in lines if (m := _PART.match(line))]
        assert parts == [chinese(n) for n in range(1, len(parts) + 1)]
        for part in parts:
            inside = [p for p in provisions if p.startswith(f"第{part}部分")]
            assert len(inside) >= 2  # a part with fewer items would be cited as a whole
            expected = [f"第{part}部分（{chinese(n)}）" for n in range(1, len(inside) + 1)]
            assert inside == expected


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
    assert articles == len(HELDOUT6.provisions(source))


@pytest.mark.slow
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_office_files_import_with_every_labelled_provision(kb_lib: Library, tmp_path: Path) -> None:
    from pypdf import PdfReader

    texts = HELDOUT6.texts()
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
            for p in HELDOUT6.provisions(texts[stem])
            if kb_lib.article(cid).citation.endswith(p)
        ]
        # every provision is exactly one chunk, cited by its own number
        assert endings == HELDOUT6.provisions(texts[stem]), stem
        labelled = {i["at"] for i in HELDOUT6.questions() if i.get("doc") == stem}
        assert labelled <= set(endings)
