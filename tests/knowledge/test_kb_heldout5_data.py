"""heldout5 is data only: these tests check the questions and the files an office would receive,
never a search (the set is held out; see heldout5/README.md)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import yaml
from kb_evaluate import HELDOUT5_DIR, HELDOUT5_QUESTIONS, write_heldout5

_ARTICLE = re.compile(r"^(第[一二三四五六七八九十百]+条)　")
_CHAPTER = re.compile(r"^第[一二三四五六七八九十]+章　")
_PART = re.compile(r"^([一二三四五六七八九十]+)、")
_SECTION = re.compile(r"^(（[一二三四五六七八九十]+）)")


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
    return {p.stem: p.read_text(encoding="utf-8") for p in sorted(HELDOUT5_DIR.glob("*.txt"))}


def _questions() -> list[dict]:
    return yaml.safe_load(HELDOUT5_QUESTIONS.read_text(encoding="utf-8"))


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


def test_articles_are_numbered_in_order() -> None:
    numerals = "一二三四五六七八九十"

    def chinese(n: int) -> str:
        tens, ones = divmod(n, 10)
        head = "" if tens == 0 else ("十" if tens == 1 else numerals[tens - 1] + "十")
        return head + (numerals[ones - 1] if ones else "")

    for text in _texts().values():
        provisions = _provisions(text)
        if provisions[0].endswith("条"):
            assert provisions == [f"第{chinese(n)}条" for n in range(1, len(provisions) + 1)]
        else:
            parts = [m.group(1) for line in text.splitlines() if (m := _PART.match(line))]
            assert parts == [chinese(n) for n in range(1, len(parts) + 1)]


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


def test_everyday_questions_cover_most_provisions() -> None:
    texts = _texts()
    for stem, text in texts.items():
        asked = {i["at"] for i in _questions() if i.get("doc") == stem and i["style"] == "everyday"}
        assert len(asked) >= 0.8 * len(_provisions(text))


def test_office_files_hold_the_same_text(tmp_path: Path) -> None:
    import docx

    texts = _texts()
    written = {p.suffix: p for p in write_heldout5(tmp_path)}
    assert set(written) == {".docx", ".txt"}

    source = texts[written[".docx"].stem]
    document = docx.Document(str(written[".docx"]))
    assert [p.text for p in document.paragraphs] == source.splitlines()
    assert _provisions("\n".join(p.text for p in document.paragraphs)) == _provisions(source)
    assert document.core_properties.title == ""
    styles = {p.text: p.style.name for p in document.paragraphs}
    assert styles[written[".docx"].stem] == "Heading 1"
    chapters = [p for p in document.paragraphs if _CHAPTER.match(p.text)]
    assert len(chapters) >= 8 and all(p.style.name == "Heading 2" for p in chapters)
    articles = [p for p in document.paragraphs if _ARTICLE.match(p.text)]
    assert articles and all(p.style.name == "Normal" for p in articles)
    assert not any(run.bold for p in articles for run in p.runs)

    raw = written[".txt"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw and raw.count(b"\n") == raw.count(b"\r\n")
    decoded = raw.decode("utf-8-sig").replace("\r\n", "\n")
    assert decoded == texts[written[".txt"].stem]
