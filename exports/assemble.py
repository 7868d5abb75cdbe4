"""A report turned into its final paragraphs, in order, numbered — what every writer prints.

The draft screen shows the same blocks and edits points by the id each body block carries.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal, NamedTuple

from report.text import (
    chinese_numeral,
    ensure_final_stop,
    format_cn_date,
    fullwidth_punctuation,
    normalize_paragraph,
    strip_xml_invalid,
    tidy_whitespace,
)

if TYPE_CHECKING:
    from report.plain import AnyPoint, AnyReport

Numbering = Literal["runin", "headings"]
NUMBERINGS: tuple[str, ...] = ("runin", "headings")
# Where 上年度问题整改落实情况 goes in a report started from last year's: before the five areas
# (the usual order of a yearly report) or after them.
PriorPosition = Literal["before", "after"]
PRIOR_POSITIONS: tuple[str, ...] = ("before", "after")
PRIOR_TITLE = "上年度问题整改落实情况"

BlockKind = Literal[
    "title",
    "addressee",
    "opening",
    "heading1",
    "heading2",
    "body",
    "placeholder",
    "assessment",
    "signature",
    "date",
]

PLACEHOLDER_TEXT = "【待补充】本部分尚未填写自查情况。"
# In the heading style a point whose first sentence is at most this long, with more after it,
# gets that sentence as a run-in lead: 「（一）组织机构健全。我局……」 in one paragraph, the number
# and the lead in the level-2 font. One point is always one paragraph, in both styles, so the
# draft view and the .docx have the same paragraphs and a short answer never becomes a lone
# heading without a body.
HEADING_LEAD_MAX_CHARS = 30

# C1 controls are legal XML but Word and WPS show them as boxes or refuse the file.
_C1 = re.compile("[\x7f-\x9f]")


# Named tuples, not pydantic models: built from a validated report, never from
# outside input, and `zicha export` stays free of pydantic's import (issue 16).
class Block(NamedTuple):
    """One paragraph of the finished document."""

    kind: BlockKind
    text: str
    number: str = ""  # the generated number the text starts with (一、 / 一是 / （一）)
    lead: str = ""  # heading style: the run-in lead after the number, in the level-2 font
    section_key: str | None = None
    point_id: str | None = None

    @property
    def rest(self) -> str:
        """The text after the generated number."""
        return self.text[len(self.number) :]

    @property
    def body_text(self) -> str:
        """The text after the number and the run-in lead: what is set in the body font."""
        return self.text[len(self.number) + len(self.lead) :]


class AssembledReport(NamedTuple):
    numbering: Numbering
    title: str | None
    unit: str
    date_text: str
    blocks: list[Block]

    def texts(self) -> list[str]:
        return [b.text for b in self.blocks]

    def blocks_for_point(self, point_id: str) -> list[Block]:
        return [b for b in self.blocks if b.point_id == point_id]


def clean_text(text: str) -> str:
    """Only what XML and Word can hold, whitespace tidied; no other change."""
    return tidy_whitespace(_C1.sub("", strip_xml_invalid(text or "")))


def clean_sentence(text: str, mark: str = "。") -> str:
    """A free paragraph (opening, assessment): punctuation fixed, a number it starts with kept."""
    return ensure_final_stop(fullwidth_punctuation(clean_text(text)), mark)


def _point_sentence(text: str) -> str:
    return normalize_paragraph(_C1.sub("", strip_xml_invalid(text or "")))


def _measure_sentence(p: AnyPoint) -> str:
    # The drafted paragraph (problem + measure, or the officer's hand edit) wins over the bare measure.
    core = _point_sentence(p.drafted or p.measure or p.text)
    if not core:
        return ""
    extras = []
    owner = clean_text(p.owner or "")
    if owner and owner not in core:
        extras.append(f"责任部门：{owner}")
    if p.due and format_cn_date(p.due) not in core:
        extras.append(f"完成时限：{format_cn_date(p.due)}前")
    if not extras:
        return core
    if core.endswith("。"):
        core = core[:-1]
    return f"{core}（{'；'.join(extras)}）。"


def _lead(sentence: str) -> str:
    """「组织机构健全。我局……」 -> 「组织机构健全。」: a short first sentence with more after it."""
    idx = sentence.find("。")
    if idx <= 0 or idx > HEADING_LEAD_MAX_CHARS or not sentence[idx + 1 :].strip():
        return ""
    return sentence[: idx + 1]


def _point_blocks(sentences: list[tuple[str, str]], key: str, numbering: Numbering) -> list[Block]:
    """sentences: (point id, final sentence) in order; numbering applies when there are two or more.

    Exactly one block per point in both styles.
    """
    blocks: list[Block] = []
    numbered = len(sentences) > 1
    for i, (pid, sentence) in enumerate(sentences, start=1):
        if not numbered:
            blocks.append(Block(kind="body", text=sentence, section_key=key, point_id=pid))
            continue
        lead = ""
        if numbering == "runin":
            number = f"{chinese_numeral(i)}是"
        else:
            number = f"（{chinese_numeral(i)}）"
            lead = _lead(sentence)
        blocks.append(
            Block(
                kind="body",
                text=number + sentence,
                number=number,
                lead=lead,
                section_key=key,
                point_id=pid,
            )
        )
    return blocks


def assemble(
    report: AnyReport, numbering: Numbering = "runin", prior_position: PriorPosition = "before"
) -> AssembledReport:
    if numbering not in NUMBERINGS:
        raise ValueError(f"numbering must be one of {NUMBERINGS}")
    if prior_position not in PRIOR_POSITIONS:
        raise ValueError(f"prior_position must be one of {PRIOR_POSITIONS}")
    blocks: list[Block] = []
    title = report.display_title()
    title = clean_text(title) if title else None
    if title:
        blocks.append(Block(kind="title", text=title))
    blocks.append(Block(kind="addressee", text=clean_sentence(report.addressee, "：")))
    blocks.append(Block(kind="opening", text=clean_sentence(report.display_opening(), "：")))

    heading_no = 0

    def heading(key: str) -> None:
        nonlocal heading_no
        heading_no += 1
        number = f"{chinese_numeral(heading_no)}、"
        title = PRIOR_TITLE if key == "prior" else report.section_title(key)
        blocks.append(Block(kind="heading1", text=number + title, number=number, section_key=key))

    def prior_part() -> None:
        # Only in a report started from last year's: the seed's structure is unchanged.
        if not report.prior_items:
            return
        from report.cycle_view import prior_sentence

        heading("prior")
        sentences = [
            (item.id, s)
            for item in report.prior_items
            if (s := _point_sentence(prior_sentence(item)))
        ]
        blocks.extend(_point_blocks(sentences, "prior", numbering))

    if prior_position == "before":
        prior_part()
    # The five areas always appear (the notice asks for each); an empty one gets a visible gap.
    for key in report.area_keys():
        heading(key)
        sentences = [
            (p.id, s)
            for p in report.section(key).included_points()
            if (s := _point_sentence(p.body))
        ]
        if sentences:
            blocks.extend(_point_blocks(sentences, key, numbering))
        else:
            blocks.append(Block(kind="placeholder", text=PLACEHOLDER_TEXT, section_key=key))

    if prior_position == "after":
        prior_part()

    assessment = clean_sentence(report.assessment or "")
    if assessment:
        blocks.append(Block(kind="assessment", text=assessment))

    # Rectification only when there are measures: nothing follows it, so numbering stays whole.
    measures = [
        (p.id, s)
        for p in report.section("rectification").included_points()
        if (s := _measure_sentence(p))
    ]
    if measures:
        heading("rectification")
        blocks.extend(_point_blocks(measures, "rectification", numbering))

    unit = clean_text(report.unit)
    date_text = report.date_text()
    blocks.append(Block(kind="signature", text=unit))
    blocks.append(Block(kind="date", text=date_text))
    return AssembledReport(
        numbering=numbering, title=title, unit=unit, date_text=date_text, blocks=blocks
    )


def text_width(text: str) -> float:
    """Width in Chinese characters: Latin letters and digits count half."""
    return sum(0.5 if ord(ch) < 0x2E80 else 1.0 for ch in text)


def split_title(title: str, max_chars: float, break_after: tuple[str, ...]) -> list[str]:
    """Break a long title after whole words, fewest and most even lines (GB/T 9704: 词意完整).

    Returns [title] when it fits, or when no good break exists (the renderer then wraps).
    """
    from itertools import combinations

    if text_width(title) <= max_chars:
        return [title]
    cuts = sorted(
        {
            i + len(word)
            for word in break_after
            for i in range(len(title))
            if title.startswith(word, i) and 0 < i + len(word) < len(title)
        }
    )
    for n_cuts in (1, 2):
        best: tuple[float, list[str]] | None = None
        for chosen in combinations(cuts, n_cuts):
            bounds = (0, *chosen, len(title))
            lines = [title[a:b] for a, b in zip(bounds, bounds[1:], strict=False)]
            widths = [text_width(line) for line in lines]
            if max(widths) > max_chars:
                continue
            score = max(widths) - min(widths)
            if best is None or score < best[0]:
                best = (score, lines)
        if best:
            return best[1]
    return [title]
