"""heldout5 is data only: these check its numbering and the files an office would receive, never
a search (the set is held out; see heldout5/README.md). Labels and counts:
test_kb_heldout_data.py."""

from __future__ import annotations

import re
from pathlib import Path

from heldout_sets import HELDOUT5, chinese
from kb_evaluate import write_heldout5

_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章　")
_PART = re.compile(r"^([一二三四五六七八九十]+)、")


def test_articles_are_numbered_in_order() -> None:
    for text in HELDOUT5.texts().values():
        provisions = HELDOUT5.provisions(text)
        if provisions[0].endswith("条"):
            assert provisions == [f"第{chinese(n)}条" for n in range(1, len(provisions) + 1)]
        else:
            parts = [m.group(1) for line in text.splitlines() if (m := _PART.match(line))]
            assert parts == [chinese(n) for n in range(1, len(parts) + 1)]


def test_office_files_hold_the_same_text(tmp_path: Path) -> None:
    import docx

    texts = HELDOUT5.texts()
    written = {p.suffix: p for p in write_heldout5(tmp_path)}
    assert set(written) == {".docx", ".txt"}

    source = texts[written[".docx"].stem]
    document = docx.Document(str(written[".docx"]))
    assert [p.text for p in document.paragraphs] == source.splitlines()
    paragraphs = "\n".join(p.text for p in document.paragraphs)
    assert HELDOUT5.provisions(paragraphs) == HELDOUT5.provisions(source)
    assert document.core_properties.title == ""
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles[written[".docx"].stem] == "Heading 1"
    chapters = [p for p in document.paragraphs if _CHAPTER.match(p.text)]
    assert len(chapters) >= 8 and all(p.style.name == "Heading 2" for p in chapters)
    articles = [p for p in document.paragraphs if HELDOUT5.article.match(p.text)]
    assert articles and all(p.style.name == "Normal" for p in articles)
    assert not any(run.bold for p in articles for run in p.runs)

    raw = written[".txt"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")
    decoded = raw.decode("utf-8-sig").replace("\r\n", "\n")
    assert decoded == texts[written[".txt"].stem]
