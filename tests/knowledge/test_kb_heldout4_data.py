"""heldout4 is data only: this checks the files an office would receive, never a search (the set
is held out; see heldout4/README.md). Labels and counts: test_kb_heldout_data.py."""

from __future__ import annotations

import re
from pathlib import Path

from heldout_sets import HELDOUT4
from kb_evaluate import write_heldout4


def test_office_files_hold_the_same_provisions(tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    texts = HELDOUT4.texts()
    written = {p.suffix: p for p in write_heldout4(tmp_path)}
    assert set(written) == {".docx", ".txt"}

    document = docx.Document(str(written[".docx"]))
    paragraphs = [p.text for p in document.paragraphs]
    source = texts[written[".docx"].stem]
    assert HELDOUT4.provisions("\n".join(paragraphs)) == HELDOUT4.provisions(source)
    assert document.core_properties.title == ""
    chapters = [p for p in document.paragraphs if re.match(r"^第[一二三四五六七八九十]+章", p.text)]
    assert chapters and all(
        p.alignment == WD_ALIGN_PARAGRAPH.CENTER and p.runs[0].bold for p in chapters
    )
    articles = [
        (p, m.group(1)) for p in document.paragraphs if (m := HELDOUT4.article.match(p.text))
    ]
    assert len(articles) == len(HELDOUT4.provisions(source))
    assert all(p.runs[0].bold and p.runs[0].text == number for p, number in articles)

    gbk = written[".txt"].read_bytes().decode("gbk")
    assert gbk == texts[written[".txt"].stem]
