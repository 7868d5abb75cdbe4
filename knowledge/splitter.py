"""Split a document along its own structure: 第X章 / 第X节 / 第X条, or 一、（一）1.（1） numbering
(see outline.py), else paragraphs and sentences.

One chunk per article, carrying its chapter path and article number. An article longer than
MAX_CHARS is split at its paragraphs (款/项) and every part keeps the article's citation.
A table (lines whose cells are joined by ｜) stays in one block with the line before it.
Unstructured text is packed by paragraphs, then sentences, to about TARGET_CHARS.
"""

from __future__ import annotations

import re

from .loaders import CELL_SEP
from .models import Chunk
from .numerals import NUMERAL_CHARS, parse_numeral
from .outline import part_lines, split_outline

TARGET_CHARS = 500
MAX_CHARS = 900
_NUM = f"[{NUMERAL_CHARS}]{{1,6}}"
CHAPTER = re.compile(rf"^第({_NUM})章\s*(.*)$")
SECTION = re.compile(rf"^第({_NUM})节\s*(.*)$")
ARTICLE = re.compile(rf"^第({_NUM})条(?:\s+|$|(?=[^，、的之款项中规所]))(.*)$")
SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")


# An attachment's heading after the last provision: 附件 / 附件1 / 附件一 / 附件：某某表 / 附件2：某某表.
ATTACHMENT = re.compile(rf"^附\s*件\s*({_NUM})?\s*(?:[：:]\s*(.*))?$")


def split_document(text: str) -> list[Chunk]:
    lines = [line.strip() for line in text.split("\n")]
    articles = _article_lines(lines)
    if len(articles) >= 2:
        body, attached = _cut_attachments(lines, max(articles))
        body = _drop_closing(body, max(articles))
        return _renumber(_split_structured(body, articles) + attached)
    parts = part_lines(lines)
    if parts:
        body, attached = _cut_attachments(lines, parts[-1])
        body = _drop_closing(body, parts[-1])
        return _renumber(split_outline(body, parts, _split_article) + attached)
    return [Chunk(seq=i, text=t) for i, t in enumerate(split_plain(text))]


# The lines closing a 公文 after its text (落款, 此件公开, contact, 抄送, 印发): not the last
# provision's words, and a question about that provision should not have to match them.
_CLOSING = re.compile(
    r"^(?:[\u4e00-\u9fff、（）() ]{2,40}(?:部|厅|局|委员会|委|国务院|办公厅|办公室|人民政府|政府|中心|总局|公司)"
    r"|(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
    r"|[二〇零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日"
    r"|[（(]此[件页][^）)]{0,10}[）)]"
    r"|[（(]?(?:联\s*系\s*人|联系电话|咨询电话|联系方式)\s*[：:].{0,80}"
    r"|抄\s*送\s*[：:].{0,200}"
    r"|.{2,30}(?:19|20)\d{2}年\d{1,2}月\d{1,2}日\s*印\s*发)$"
)


_ISSUER_ONLY = re.compile(r"^(?![（(]此)[\u4e00-\u9fff、（）() ]{2,40}$")


def _drop_closing(lines: list[str], last: int) -> list[str]:
    """The lines without the 落款 and the notes under it at the end (after line last, where the
    last provision starts)."""
    end = len(lines)
    while end > last + 1 and (not lines[end - 1] or _CLOSING.match(lines[end - 1])):
        end -= 1
    # an issuer's name alone may be the last item of a list (（三）市社会保险事业管理局): the
    # closing needs a date or a note besides
    if not any(_CLOSING.match(line) and not _ISSUER_ONLY.match(line) for line in lines[end:]):
        return lines
    return lines[:end]


def _renumber(chunks: list[Chunk]) -> list[Chunk]:
    for n, c in enumerate(chunks):
        c.seq = n
    return chunks


def _cut_attachments(lines: list[str], last: int) -> tuple[list[str], list[Chunk]]:
    """The lines up to the first 附件 heading after the last provision (which starts at line
    last), and the attachments from there on: each its own chunk, cited 附件 or 附件N, not part
    of the last provision. An attachment holding articles or parts of its own (a regulation
    attached to the notice issuing it) is never cut off: its provisions come after it."""
    starts = [
        i
        for i in range(last + 1, len(lines))
        if len(lines[i]) <= 60 and ATTACHMENT.match(lines[i]) and not lines[i].endswith("。")
    ]
    if not starts:
        return lines, []
    chunks: list[Chunk] = []
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        m = ATTACHMENT.match(lines[start])
        assert m is not None
        label = "附件" + (m.group(1) or "")
        body = [line for line in lines[start:end] if line]
        title = (m.group(2) or "").strip()
        if not title and len(body) > 1 and len(body[1]) <= 40 and CELL_SEP not in body[1]:
            title = body[1]
        for part, text in enumerate(_split_article(body), start=1):
            chunks.append(Chunk(seq=0, chapter_path=title, article=label, part=part, text=text))
    return lines[: starts[0]], chunks


def _article_lines(lines: list[str]) -> set[int]:
    """Indexes of lines that open an article: numbers must run on (1, 2, 3 …), so a body line
    that merely mentions 第三条 is not mistaken for a heading."""
    found: set[int] = set()
    last = 0
    for i, line in enumerate(lines):
        m = ARTICLE.match(line)
        if not m:
            continue
        n = parse_numeral(m.group(1))
        if n is None:
            continue
        if n == 1 or last < n <= last + 3:
            found.add(i)
            last = n
    return found


def _heading(match: re.Match[str], lines: list[str], i: int) -> tuple[str, int]:
    """'第一章 总则' → text and how many lines it used (a title may sit on the next line)."""
    num, rest = match.group(1), match.group(2).strip()
    head = match.group(0)[: len(num) + 2]
    if rest:
        return f"{head} {rest}", 1
    nxt = lines[i + 1] if i + 1 < len(lines) else ""
    if nxt and len(nxt) <= 20 and not re.search(r"[。；：]", nxt) and not nxt.startswith("第"):
        return f"{head} {nxt}", 2
    return head, 1


def _split_structured(lines: list[str], articles: set[int]) -> list[Chunk]:
    chunks: list[Chunk] = []
    chapter = section = ""
    preamble: list[str] = []
    current: list[str] | None = None
    article = ""
    path_at_article = ""

    def flush() -> None:
        if current:
            for part, text in enumerate(_split_article(current), start=1):
                chunks.append(
                    Chunk(
                        seq=len(chunks),
                        chapter_path=path_at_article,
                        article=article,
                        part=part,
                        text=text,
                    )
                )

    first_article = min(articles)
    i = 0
    while i < len(lines):
        line = lines[i]
        if i < first_article and not CHAPTER.match(line) and not SECTION.match(line):
            if line:
                preamble.append(line)
            i += 1
            continue
        m_ch = CHAPTER.match(line) if line else None
        m_se = SECTION.match(line) if line and not m_ch else None
        if (m_ch or m_se) and len(line) <= 40 and not re.search(r"[。；]", line):
            flush()
            current = None
            heading, used = _heading(m_ch or m_se, lines, i)  # type: ignore[arg-type]
            if m_ch:
                chapter, section = heading, ""
            else:
                section = heading
            i += used
            continue
        if i in articles:
            flush()
            m = ARTICLE.match(line)
            assert m is not None
            article = f"第{m.group(1)}条"
            path_at_article = " / ".join(p for p in (chapter, section) if p)
            current = [line]
        elif line and current is not None:
            current.append(line)
        i += 1
    flush()
    # Header lines (issuer, 文号, title, date) are document metadata, not an excerpt.
    preamble = [line for line in preamble if len(line) > 40 or re.search(r"[。；：]", line)]
    if preamble:
        head = [Chunk(seq=0, text=t) for t in split_plain("\n".join(preamble))]
        chunks = head + chunks
    for n, c in enumerate(chunks):
        c.seq = n  # a copy per chunk was a tenth of a large import's splitting time
    return chunks


def _blocks(lines: list[str]) -> list[str]:
    """Paragraph blocks; a table's rows form one block together with the line before them."""
    blocks: list[str] = []
    in_table = False
    for line in lines:
        if not line:
            in_table = False
            continue
        is_row = CELL_SEP in line
        if is_row and in_table:
            blocks[-1] += "\n" + line
        elif is_row and blocks and not blocks[-1].count("\n") and len(blocks[-1]) <= 80:
            blocks[-1] += "\n" + line  # the table's title or the sentence introducing it
            in_table = True
        elif is_row:
            blocks.append(line)
            in_table = True
        else:
            blocks.append(line)
            in_table = False
    return blocks


def _pack(blocks: list[str], target: int = TARGET_CHARS, limit: int = MAX_CHARS) -> list[str]:
    out: list[str] = []
    for block in blocks:
        if out and len(out[-1]) + len(block) + 1 <= target:
            out[-1] += "\n" + block
        elif out and _is_heading(out[-1]) and len(out[-1]) + len(block) + 1 <= limit * 2:
            out[-1] += "\n" + block  # never leave a heading alone at the end of a chunk
        else:
            out.append(block)
    return out


def _is_heading(text: str) -> bool:
    return "\n" not in text and len(text) <= 30 and not re.search(r"[。；！？：]$", text)


def _split_article(lines: list[str]) -> list[str]:
    text = "\n".join(lines)
    if len(text) <= MAX_CHARS:
        return [text]
    parts: list[str] = []
    for block in _pack(_blocks(lines)):
        if len(block) > MAX_CHARS and CELL_SEP in block:
            parts.extend(_split_table(block))
        elif len(block) > MAX_CHARS:
            parts.extend(_pack(_sentences(block)))
        else:
            parts.append(block)
    return parts


def _split_table(block: str) -> list[str]:
    """A huge table: row groups, each repeating the title and the header row."""
    rows = block.split("\n")
    title = [] if CELL_SEP in rows[0] else [rows.pop(0)]
    header, body = rows[0], rows[1:]
    prefix = "\n".join([*title, header])
    parts, current = [], prefix
    for row in body:
        if len(current) + len(row) + 1 > MAX_CHARS and current != prefix:
            parts.append(current)
            current = prefix
        current += "\n" + row
    parts.append(current)
    return parts


def _sentences(text: str) -> list[str]:
    pieces: list[str] = []
    for sentence in SENTENCE_END.split(text.replace("\n", "")):
        while len(sentence) > MAX_CHARS:
            pieces.append(sentence[:MAX_CHARS])
            sentence = sentence[MAX_CHARS:]
        if sentence:
            pieces.append(sentence)
    return pieces


def split_plain(text: str) -> list[str]:
    """Paragraphs packed to TARGET_CHARS; an over-long paragraph is cut at sentence ends."""
    lines = [line.strip() for line in text.split("\n")]
    out: list[str] = []
    for block in _pack(_blocks(lines)):
        if len(block) <= MAX_CHARS:
            out.append(block)
        elif CELL_SEP in block:
            out.extend(_split_table(block))
        else:
            out.extend(_pack(_sentences(block)))
    return [c for c in out if c.strip()]
