"""heldout4 is data only: these tests check the questions and the files an office would receive,
never a search (the set is held out; see heldout4/README.md)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml
from kb_evaluate import HELDOUT4_DIR, HELDOUT4_QUESTIONS, write_heldout4

_ARTICLE = re.compile(r"^(第[一二三四五六七八九十百]+条)")
_PART = re.compile(r"^([一二三四五六七八九十]+)、")
_SECTION = re.compile(r"^(（[一二三四五六七八九十]+）)")


def _provisions(text: str) -> list[str]:
    """The citation endings a text offers: 第X条, or 第X部分（Y） for 一、（一） numbering."""
    if any(_ARTICLE.match(line) for line in text.splitlines()):
        return [m.group(1) for line in text.splitlines() if (m := _ARTICLE.match(line))]
    out, part = [], None
    for line in text.splitlines():
        if m := _PART.match(line):
            part = m.group(1)
        elif (m := _SECTION.match(line)) and part:
            out.append(f"第{part}部分{m.group(1)}")
    return out


def _texts() -> dict[str, str]:
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(HELDOUT4_DIR.glob("*.txt"))}


def _questions() -> list[dict]:
    return yaml.safe_load(HELDOUT4_QUESTIONS.read_text(encoding="utf-8"))


def test_each_regulation_has_about_forty_distinct_provisions() -> None:
    texts = _texts()
    assert len(texts) == 2
    for text in texts.values():
        provisions = _provisions(text)
        assert 38 <= len(provisions) <= 46
        assert len(set(provisions)) == len(provisions)


def test_every_label_names_an_existing_provision() -> None:
    texts = _texts()
    for item in _questions():
        assert set(item) <= {"q", "style", "doc", "at"}
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
    assert counts[(None, "noise")] == 15
    assert len(items) == 195
    assert len({i["q"].strip() for i in items}) == len(items)


def test_everyday_questions_cover_most_provisions() -> None:
    texts = _texts()
    for stem, text in texts.items():
        asked = {i["at"] for i in _questions() if i.get("doc") == stem and i["style"] == "everyday"}
        assert len(asked) >= 0.8 * len(_provisions(text))


def test_office_files_hold_the_same_provisions(tmp_path: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    texts = _texts()
    written = {p.suffix: p for p in write_heldout4(tmp_path)}
    assert set(written) == {".docx", ".txt"}

    document = docx.Document(str(written[".docx"]))
    paragraphs = [p.text for p in document.paragraphs]
    source = texts[written[".docx"].stem]
    assert _provisions("\n".join(paragraphs)) == _provisions(source)
    assert document.core_properties.title == ""
    chapters = [p for p in document.paragraphs if re.match(r"^第[一二三四五六七八九十]+章", p.text)]
    assert chapters and all(
        p.alignment == WD_ALIGN_PARAGRAPH.CENTER and p.runs[0].bold for p in chapters
    )
    articles = [(p, m.group(1)) for p in document.paragraphs if (m := _ARTICLE.match(p.text))]
    assert len(articles) == len(_provisions(source))
    assert all(p.runs[0].bold and p.runs[0].text == number for p, number in articles)

    gbk = written[".txt"].read_bytes().decode("gbk")
    assert gbk == texts[written[".txt"].stem]
