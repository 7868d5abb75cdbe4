"""Rectification items: one for every problem of a weak point (基本符合 / 不符合), measures split
per item.

An item is a Point in the rectification section: text is the problem (the officer's words that
named the weakness; two problems told in one answer are two items), measure/owner/due are filled
in the rectification stage, source_point links back to the point it came from. Proposing is
idempotent: an item already there (even one the officer dropped) is not proposed again; an item
nobody has answered yet follows its point (its problem text is refreshed, and it goes away when
its problem is no longer named or the point is no longer weak).

An answer naming several measures (一是……二是……, or sentences each with its own department or
date) becomes several items, each with its own department and deadline, all linked to the point.
"""

from __future__ import annotations

import datetime as dt
import re

from report.models import Point, Report
from report.rectification_problem import text_is_measure

from .bank import Bank
from .drafting import draft_rectification, draft_sentence
from .followup import Analysis, find_due, find_owner, strip_owner_due

# Where a new measure starts: 一是 / （一） / (1) / 1. / ① / 第一， / 另外 / 此外 / 同时 / 还有
_MARKER = re.compile(
    r"(?:^|(?<=[。；;，,\s]))\s*(?:[一二三四五六七八九十]是|（[一二三四五六七八九十]）|"
    r"\([1-9]\)|（[1-9]）|[1-9][.、．](?!\d)|[①②③④⑤⑥⑦⑧⑨]|第[一二三四五六七八九十][，,、]|"
    r"另外|此外|再就是|还有就是|还有一条|二来|三来)[，,、：:\s]*"
)
_SENTENCE = re.compile(r"[^。；;\n]+[。；;\n]?")
_EDGE = " \t　，,、；;：:"


def _problem_texts(report: Report, bank: Bank, p: Point) -> list[str]:
    """One item text per problem the point names (its title when it names none)."""
    problems = [draft_sentence(x, report.short_name).rstrip("。") for x in p.problems]
    problems = list(dict.fromkeys(x for x in problems if x))
    if problems:
        return problems
    cp = bank.get(p.control_point) if p.control_point else None
    title = cp.title if cp else p.body.rstrip("。")[:30]
    return [f"{title}方面仍有薄弱环节"]


def _untouched(item: Point) -> bool:
    """Proposed and not yet answered, written or dropped by the officer: it follows its point."""
    return bool(item.source_point) and not (item.measure or item.hand_edited or item.skipped)


def _uncovered(wanted: list[str], items: list[Point]) -> list[str]:
    """The problems of a point that none of the officer's items for it (answered, written or
    dropped) stands for yet. An item stands for the problems its text contains (an item from
    before the split holds two: 「……装订，U盘……」); one whose words were changed stands for the
    first problem left, so a reworded item is not proposed again; further items of one problem
    (one per measure) share its text and stand for nothing more."""
    left = list(wanted)
    seen: set[str] = set()
    for item in items:
        if _untouched(item) or item.text in seen:
            continue
        seen.add(item.text)
        named = [t for t in left if t in item.text]
        if named:
            left = [t for t in left if t not in named]
        elif left:
            left.pop(0)
    return left


def proposed_items(report: Report, bank: Bank) -> list[Point]:
    """Items that should exist but do not yet, in report order: one per problem of each weak
    point that no item stands for."""
    items = report.section("rectification").points
    out: list[Point] = []
    for key in report.area_keys():
        for p in report.section(key).points:
            if not p.weak:
                continue
            linked = [i for i in items if i.source_point == p.id]
            for text in _uncovered(_problem_texts(report, bank, p), linked):
                if not any(_untouched(i) and i.text == text for i in linked):
                    out.append(Point(text=text, source_point=p.id, control_point=p.control_point))
    return out


def reconcile(report: Report, bank: Bank) -> bool:
    """Bring the rectification items in line with the weak points; True when report changed.

    Each problem of a weak point gets an item (two problems told in one sentence, two items);
    items not yet answered (no measure, no hand edit) follow their point: their problem text is
    refreshed, one goes away when its problem is no longer named or the point is no longer
    weak. Items the officer answered, wrote or dropped are never touched.
    """
    section = report.section("rectification")
    points = {p.id: p for key in report.area_keys() for p in report.section(key).points}
    # what each point's unanswered items should say, in order
    todo: dict[str, list[str]] = {}
    for item in section.points:
        sid = item.source_point
        if not sid or sid in todo:
            continue
        source = points.get(sid)
        linked = [i for i in section.points if i.source_point == sid]
        todo[sid] = (
            _uncovered(_problem_texts(report, bank, source), linked)
            if source is not None and source.weak
            else []
        )
    kept: list[Point] = []
    changed = False
    for item in section.points:
        if _untouched(item):
            left = todo[item.source_point or ""]
            if not left:
                changed = True
                continue
            text = left.pop(0)
            if text != item.text:
                item = item.model_copy(update={"text": text})
                changed = True
        kept.append(item)
    added = False
    for key in report.area_keys():
        for p in report.section(key).points:
            if not p.weak:
                continue
            texts = todo[p.id] if p.id in todo else _problem_texts(report, bank, p)
            for text in texts:
                new = Point(text=text, source_point=p.id, control_point=p.control_point)
                # next to the point's other items, else at the end
                at = max((n for n, i in enumerate(kept) if i.source_point == p.id), default=None)
                kept.insert(len(kept) if at is None else at + 1, new)
                added = True
    if added or changed:
        section.points = kept
        return True
    return False


def problem_texts(report: Report, bank: Bank, p: Point) -> list[str]:
    """The item texts zicha derives from a point's answer (whatever its status)."""
    return _problem_texts(report, bank, p)


def _short(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "……"


def follow_answer(report: Report, bank: Bank, point_id: str, before: list[str]) -> list[str]:
    """After a point is answered again, its answered items follow the new answer's problems.

    before: problem_texts of the point as it was. An item whose text is one zicha derived from
    the old answer takes the new problem in the same place, and its paragraph is redrafted; the
    officer's own words are never replaced: an item reworded or whose paragraph was edited by
    hand stays as it is, and so does one whose problem the new answer no longer names. Returns
    a notice for each item kept, so the officer can check it (unanswered items follow in
    reconcile)."""
    _, p = report.find_point(point_id)
    new = _problem_texts(report, bank, p) if p.weak else []
    if new == before:
        return []
    section = report.section("rectification")
    mapping = {old: (new[i] if i < len(new) else None) for i, old in enumerate(before)}
    named = "、".join(f"「{_short(t)}」" for t in new) or "（新回答中没有提到问题）"
    notes: list[str] = []
    changed: set[str] = set()
    for n, item in enumerate(section.points):
        if item.source_point != p.id or _untouched(item) or item.skipped:
            continue
        if text_is_measure(item):
            continue  # an answers-file item: its 问题 is read from the answer, so it follows

        target = mapping.get(item.text)
        if item.text not in mapping or item.hand_edited:
            notes.append(
                f"本题的回答改了，新回答中的问题是{named}；整改项「{_short(item.text)}」"
                "是您改写过的，未自动更改，请核对。"
            )
        elif target is None:
            notes.append(
                f"本题的新回答中已不再提到「{_short(item.text)}」，这一整改项仍保留，"
                "请核对是否还需要整改。"
            )
        elif target != item.text:
            section.points[n] = item.model_copy(update={"text": target})
            changed.add(section.points[n].id)
    seen: set[str] = set()
    for n, item in enumerate(section.points):
        first = item.text not in seen
        if item.source_point == p.id and item.measure:
            seen.add(item.text)
        if item.id in changed and item.measure and not item.hand_edited:
            paragraph = item_paragraph(item.text, item.measure, report.short_name, first)
            section.points[n] = item.model_copy(update={"drafted": paragraph})
    return list(dict.fromkeys(notes))


def _substance(part: str) -> bool:
    """Says what will be done, beyond who does it and by when."""
    if find_owner(part) is None and find_due(part, 2000) is None:
        return True
    rest = strip_owner_due(part)  # gives the part back unchanged when nothing else is left
    if rest == part.strip():
        return sum(ch.isalnum() for ch in part) > 20
    return sum(ch.isalnum() for ch in rest) >= 4


def _merge_bare(parts: list[str]) -> list[str]:
    """A part naming only a department or date belongs to the measure before it."""
    out: list[str] = []
    for part in parts:
        if out and not _substance(part):
            out[-1] = out[-1].rstrip(_EDGE + "。") + "，" + part
        else:
            out.append(part)
    return out


def split_measures(answer: str) -> list[str]:
    """The separate measures in one answer; [answer] when it names only one."""
    text = answer.strip()
    starts = [m.start() for m in _MARKER.finditer(text)]
    if len(starts) >= 2 or (len(starts) == 1 and starts[0] > 0):
        bounds = sorted({0, *starts})
        parts = [text[a:b] for a, b in zip(bounds, [*bounds[1:], len(text)], strict=True)]
        parts = [_MARKER.sub("", p, count=1).strip(_EDGE) for p in parts]
        parts = _merge_bare([p for p in parts if sum(ch.isalnum() for ch in p) >= 4])
        if len(parts) >= 2:
            return parts
    # No markers: sentences that each name their own department are separate measures.
    sentences = [s.strip(_EDGE + "。") for s in _SENTENCE.findall(text)]
    sentences = _merge_bare([s for s in sentences if sum(ch.isalnum() for ch in s) >= 4])
    owners = [find_owner(s) for s in sentences]
    if len(sentences) >= 2 and all(owners):
        return sentences
    return [text]


def _parts_with_owner_due(
    answer: str, analysis: Analysis, base_year: int
) -> list[tuple[str, str | None, dt.date | None]]:
    parts = split_measures(answer)
    found = [(p, find_owner(p), find_due(p, base_year)) for p in parts]
    out = []
    for i, (part, owner, due) in enumerate(found):
        if owner is None:  # the nearest named before it, else after it, else the whole answer's
            owner = next((o for _, o, _ in reversed(found[:i]) if o), None) or next(
                (o for _, o, _ in found[i + 1 :] if o), analysis.owner
            )
        if due is None:
            due = next((d for _, _, d in reversed(found[:i]) if d), None) or next(
                (d for _, _, d in found[i + 1 :] if d), analysis.due
            )
        out.append((part, owner, due))
    return out


def item_paragraph(problem: str, measure: str, short_name: str, first: bool) -> str:
    """The first item of a problem says what it answers; the ones after it only the measure."""
    if first:
        return draft_rectification(problem, measure, short_name)
    return draft_sentence(measure, short_name)


def apply_measures(
    item: Point, answer: str, analysis: Analysis, short_name: str, base_year: int = 2026
) -> list[Point]:
    """item with its measure, owner, deadline and paragraph; plus one more item per extra measure."""
    out: list[Point] = []
    for i, (part, owner, due) in enumerate(_parts_with_owner_due(answer, analysis, base_year)):
        measure = draft_sentence(strip_owner_due(part), short_name)
        update = {
            "measure": measure,
            "owner": owner or (item.owner if i == 0 else None),
            "due": due or (item.due if i == 0 else None),
        }
        drafted = item_paragraph(item.text, measure, short_name, first=i == 0)
        if i == 0:
            if not item.hand_edited:
                update["drafted"] = drafted
            out.append(item.model_copy(update=update))
        else:
            out.append(
                Point(
                    text=item.text,
                    source_point=item.source_point,
                    control_point=item.control_point,
                    drafted=drafted,
                    **update,
                )
            )
    return out


def apply_measure(item: Point, answer: str, analysis: Analysis, short_name: str) -> Point:
    """A copy of item with one measure (the whole answer), owner, deadline and paragraph."""
    measure = draft_sentence(strip_owner_due(answer), short_name)
    update = {
        "measure": measure,
        "owner": analysis.owner or item.owner,
        "due": analysis.due or item.due,
    }
    if not item.hand_edited:
        update["drafted"] = draft_rectification(item.text, measure, short_name)
    return item.model_copy(update=update)
