"""Filler out, formal words in: the language rules drafting applies, read from data files.

interview/data/filler.yaml lists clauses that claim compliance without content (都有制度,
按规定办 …); interview/data/colloquial.yaml lists everyday words and their report form
(今年 -> 本年度, 省里的 -> 省级 …). Both are data with labelled examples beside them
(filler_labelled.yaml, colloquial_labelled.yaml) measured by benchmarks/prose_bench.py.
Pure and deterministic; the files are read once per process (the rules never change at run time).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

from report.text import has_content, strip_leading_number

DATA_PACKAGE = "interview.data"
DATA_DIR = Path(__file__).with_name("data")  # the package interview.data
# Clause boundaries for filler: the officer's commas and full stops, either width.
_CLAUSE_SPLIT = re.compile(r"([，,；;。！!？?\n]+)")
_EDGE_MARKS = " \t、：:“”\"'（）()"


# Plain dataclasses over zicha's own data files (tested in tests/interview): the export preflight
# checks filler without importing pydantic (issue 16).
class FillerRules(NamedTuple):
    lead: tuple[str, ...]
    trail: tuple[str, ...]
    patterns: dict[str, tuple[str, ...]]
    vague_words: frozenset[str] = frozenset()


class Rewrite(NamedTuple):
    source: str  # `from` in colloquial.yaml
    target: str  # `to`
    # A person's nickname (小王): the first one named becomes `to`, each other one `other`.
    person: bool = False
    other: str | None = None

    @classmethod
    def from_item(cls, item: Any) -> Rewrite:
        """One entry of colloquial.yaml's rewrites (from, to, person, other)."""
        if not isinstance(item, dict) or set(item) - {"from", "to", "person", "other"}:
            raise ValueError(f"colloquial.yaml: bad rewrite {item!r}")
        source, target, other = item.get("from"), item.get("to"), item.get("other")
        person = item.get("person", False)
        if not isinstance(source, str) or not isinstance(target, str):
            raise ValueError(f"colloquial.yaml: rewrite needs from and to as text: {item!r}")
        if not isinstance(person, bool) or not (other is None or isinstance(other, str)):
            raise ValueError(f"colloquial.yaml: bad person/other in {item!r}")
        return cls(source=source, target=target, person=person, other=other)


@dataclass
class Formalized:
    text: str
    applied: list[tuple[str, str]] = field(default_factory=list)  # (what was typed, what is sent)
    people: list[tuple[str, str]] = field(default_factory=list)  # nicknames made neutral


@dataclass
class Substance:
    text: str
    dropped: list[str] = field(default_factory=list)


def _load_yaml(name: str) -> dict[str, Any]:
    from report.data_cache import load_yaml

    # Parsed once and kept as JSON beside the file (report/data_cache.py).
    data = load_yaml(DATA_DIR / name)
    if not isinstance(data, dict):
        raise ValueError(f"{name}: expected a mapping at the top level")
    return data


@functools.cache
def filler_rules() -> FillerRules:
    data = _load_yaml("filler.yaml")
    return FillerRules(
        lead=tuple(sorted(data["lead"], key=len, reverse=True)),
        trail=tuple(data["trail"]),
        patterns={k: tuple(v) for k, v in data["patterns"].items()},
        vague_words=frozenset(w for group in data.get("vague_words", []) for w in group),
    )


@functools.cache
def _filler_regex() -> re.Pattern[str]:
    """All patterns as one regex: what _matches_a_pattern must agree with (tests/interview)."""
    rules = filler_rules()
    alts = [p for group in rules.patterns.values() for p in group]
    return re.compile("|".join(f"(?:{p})" for p in alts))


# Regex syntax in the patterns (unescaped, these are never literal); {m,n} counts are removed
# first. Any other character of a pattern without classes or escapes is a literal one.
_REGEX_SYNTAX = frozenset("()?:|*+")
_COUNTS = re.compile(r"\{\d*,?\d*\}")


@functools.cache
def _pattern_sets() -> tuple[
    frozenset[str], tuple[tuple[frozenset[str], str], ...], tuple[str, ...]
]:
    """(every literal character of the literal patterns, each literal pattern with its
    characters, the other patterns). A clause with a character a literal pattern does not spell
    cannot match it, so most clauses never need it compiled (compiling all of them at once took
    longer than checking a whole report, issue 16)."""
    literal: list[tuple[frozenset[str], str]] = []
    other: list[str] = []
    for p in (p for group in filler_rules().patterns.values() for p in group):
        if any(ch in "[]\\.^$" for ch in p):
            other.append(p)
        else:
            literal.append((frozenset(_COUNTS.sub("", p)) - _REGEX_SYNTAX, p))
    union = frozenset().union(*(chars for chars, _ in literal))
    return union, tuple(literal), tuple(other)


@functools.cache
def _pattern(p: str) -> re.Pattern[str]:
    return re.compile(p)


def _matches_a_pattern(core: str) -> bool:
    """_filler_regex().fullmatch(core), one pattern at a time, skipping those it cannot match."""
    union, literal, other = _pattern_sets()
    if union.issuperset(core) and any(
        chars.issuperset(core) and _pattern(p).fullmatch(core) for chars, p in literal
    ):
        return True
    return any(_pattern(p).fullmatch(core) for p in other)


@functools.cache
def rewrites() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((rx, rw.target) for rx, rw in _rewrite_rules())


@functools.cache
def _rewrite_rules() -> tuple[tuple[re.Pattern[str], Rewrite], ...]:
    data = _load_yaml("colloquial.yaml")
    return tuple(
        (re.compile(rw.source), rw) for rw in (Rewrite.from_item(item) for item in data["rewrites"])
    )


def _core(clause: str) -> str:
    """The clause without a typed number, leading subject words and trailing particles."""
    rules = filler_rules()
    text = strip_leading_number(clause.strip(_EDGE_MARKS)).strip(_EDGE_MARKS)
    changed = True
    while changed and text:
        changed = False
        # startswith/endswith with the whole tuple first: most clauses have none of the words.
        if text.startswith(rules.lead):
            for word in rules.lead:
                if text.startswith(word):
                    text = text[len(word) :].lstrip(_EDGE_MARKS + "，,")
                    changed = True
                    break
        if text.endswith(rules.trail):
            for word in rules.trail:
                if text.endswith(word):
                    text = text[: -len(word)].rstrip(_EDGE_MARKS)
                    changed = True
                    break
    return text


@functools.cache
def _vague_shape(words: frozenset[str]) -> tuple[frozenset[str], int]:
    """The characters the vague words use and the longest word's length (once per word set)."""
    return frozenset("".join(words)), max(len(w) for w in words)


def _only_vague_words(core: str, words: frozenset[str]) -> bool:
    """True when core splits into vague words only (longest first, with backtracking)."""
    if not words:
        return False
    alphabet, longest = _vague_shape(words)
    if not alphabet.issuperset(core):  # a character no vague word has: no split can exist
        return False
    ok = [True] + [False] * len(core)  # ok[i]: core[:i] splits into vague words
    for end in range(1, len(core) + 1):
        ok[end] = any(
            ok[end - n] and core[end - n : end] in words for n in range(1, min(longest, end) + 1)
        )
    return ok[len(core)]


def is_filler(clause: str) -> bool:
    """True when the clause says nothing but a vague claim (or nothing at all)."""
    core = _core(clause)
    if not core:
        return has_content(clause)
    if _matches_a_pattern(core):
        return True
    return _only_vague_words(core, filler_rules().vague_words)


def drop_filler(text: str) -> Substance:
    """The answer without its filler clauses; unchanged when nothing else would be left."""
    pieces = _CLAUSE_SPLIT.split(text)
    clauses = pieces[0::2]
    marks = pieces[1::2] + [""]
    kept: list[str] = []
    dropped: list[str] = []
    for clause, mark in zip(clauses, marks, strict=True):
        if clause.strip() and is_filler(clause):
            dropped.append(clause.strip())
            continue
        if not clause.strip():
            if kept and mark:
                kept[-1] = kept[-1].rstrip("，,；;。！!？? ") + mark
            continue
        kept.append(clause + mark)
    if not dropped or not any(has_content(c) for c in kept):
        return Substance(text=text)
    return Substance(text="".join(kept).strip(), dropped=dropped)


def filler_clauses(text: str) -> list[str]:
    """Every filler clause in a text (for preflight: filler left in a hand edit)."""
    return [c.strip() for c in _CLAUSE_SPLIT.split(text)[0::2] if c.strip() and is_filler(c)]


def formalize(text: str, short_name: str = "我局") -> Formalized:
    """Everyday words in their report form. Deterministic; formalize(formalize(x)) == formalize(x).

    A nickname (小王, 老刘) becomes a neutral phrase: the first person named 「1名工作人员」, each
    other person 「另1名工作人员」; these are listed apart so the officer sees them as proposals.
    """
    applied: list[tuple[str, str]] = []
    people: list[tuple[str, str]] = []
    for rx, rule in _rewrite_rules():
        replacement = rule.target.replace("{self}", short_name)

        def sub(m: re.Match[str], rule: Rewrite = rule, template: str = replacement) -> str:
            typed = m.group(0)
            replacement = m.expand(template) if "\\" in template else template
            if rule.person:
                known = dict(people)
                if typed in known:
                    return known[typed]
                sent = replacement if not people or rule.other is None else rule.other
                people.append((typed, sent))
                return sent
            if typed != replacement and (typed, replacement) not in applied:
                applied.append((typed, replacement))
            return replacement

        text = rx.sub(sub, text)
    return Formalized(text=text, applied=applied, people=people)


__all__ = [
    "Formalized",
    "Substance",
    "drop_filler",
    "filler_clauses",
    "filler_rules",
    "formalize",
    "is_filler",
    "rewrites",
]
