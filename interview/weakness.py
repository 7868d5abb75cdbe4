"""Which clauses of an answer say that a control is not (fully) in place.

The rules are data (interview/data/weakness_cues.yaml): cues by category, the compliance forms
that negate them (「未发现……」「无一例……」), contrast words, a bare 「没有」, and not-applicable
forms. This module only applies them, clause by clause, and keeps the clause each cue was found
in, so a proposed status can quote the officer's own words as its reason.

    d = detect("制度都有，档案借阅偶尔未登记")
    d.label      -> "weakness"
    d.status     -> "基本符合"
    d.reason()   -> "因为：「……档案借阅偶尔未登记」"
    d.problems   -> ["档案借阅偶尔未登记"]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, NamedTuple

from pydantic import BaseModel, ConfigDict, Field, field_validator

Label = Literal["weakness", "compliant", "not_applicable"]
StatusGuess = Literal["符合", "基本符合", "不符合", "不适用"]
# Why no status is proposed for an answer that names neither a weakness nor a working control.
NO_EVIDENCE_REASON = "回答中没有看出制度执行的依据，请确认符合情况"
# Why no status is proposed when the answer casts doubt on its own control (「他记得就拷一下」).
DOUBT_REASON = "回答中提到{quotes}，请确认是否符合"
# Why no status is proposed when a clause of the answer asserts no working control: every
# substantive clause must be accounted for (「上次更新是去年十月」 says when, not that it works).
UNACCOUNTED_REASON = "回答中{quotes}看不出制度是否执行到位，请确认是否符合"
# A clause this short (「有」「对」) says nothing that needs accounting for.
SUBSTANTIVE = 3

CUES_FILE = "weakness_cues.yaml"
# Categories whose findings describe a partial gap rather than a missing control.
PARTIAL = frozenset({"limits", "contrast"})
# How many characters may stand between a negator and the cue it negates.
NEGATOR_GAP = 8
_CLAUSE = re.compile(r"[^，,。；;！!？?\n]+")
# A space-separated piece this short is a topic and stays with the words after it.
SPACE_TOPIC = 4
# An unpunctuated run longer than this is split where speech pauses: after a particle (呢, 嘛 …)
# or before a word that starts a new thought (后来, 但是, 反正 …).
RUN_ON = 30
_RUN_ON_BREAK = re.compile(
    r"(?<=[呢嘛吧啊])(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff])(?=后来|然后|但是|不过|可是|所以|反正|其实|另外|而且|结果|到现在|现在)"
)
# A turn word that ends a clause (「备份每天都做不过，……」) belongs to the clause after it.
_TRAILING_TURN = re.compile(r"(?:但是|(?<!不)但|不过|可是|然而|只是|后来|然后|所以|另外|而且)$")
# A space between two Chinese characters is a pause: 「会计出纳 都是小王一个人干」.
_SPACE_BREAK = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])")
_EDGE = " \t　、：:“”\"'‘’（）()…—-"
# A weak clause that opens with one of these adds a second problem (「……，另外密码也是共用的」).
# (「还有十几个人没认证」 tells what remains of the same problem: no second one)
_ADDED = re.compile(
    r"^(?:还有(?:就是|一个|一点|一条|个)|还有(?![一二两三四五六七八九十几百千\d部个少多不很好些的点剩])|"
    r"另外(?![一二两三四五六七八九十几\d的些])|此外|再就是|再有|再一个|而且|并且|加上|其次|再者|"
    r"另一(?:个|方面|点)是?|[二三四五六]是)"
)
# A topic that opens a clause with 也/还/又 (「U盘也有人直接插」) and names a new thing: not a verb,
# a time or what remains (「接了也没个记录」「现在还在发」「剩下的还在找」).
_TOPIC = re.compile(r"^([^，,。；;、]{1,4}?)(?:也|还|又)")
_NOT_A_TOPIC = re.compile(
    r"[了不没未着过就要来去说让把被给得在是有都的]|现在|目前|至今|今年|去年|后来|平时|下班|晚上|当时|"
    r"那时|之后|以后|中间|剩下|其余|其他|一些|一半|部分|好几|几个|那边|这边|人家|别人|我们|咱们"
)
# How a clause opens when it goes on with the same subject (a negator, an adverb, a verb):
# 「移动存储介质管理不严，尚未统一登记U盘」 is one problem told in two clauses.
_PREDICATE_START = re.compile(
    r"^(?:一直|一般|一年|一个|一人|基本|有时|偶尔|经常|常常|往往|存在|导致|造成|所以|因此|因为|比如|"
    r"特别|尤其|主要|大概|大多|多半|甚至|这个|那个|这些|那些|其中|[尚未没不也还都就才只仅从而但却又再并且已正在被把让给对由是有无缺要得能可会应需他她它我你谁啥咋])"
)
# Words that carry no topic: a clause does not name a new subject with them.
_FUNCTION_CHARS = frozenset(
    "的了是在有没不也都就还才一个人们我他她它这那么和跟与及被把让给对过着得地又很太比较呢吗吧啊嘛些种样未无"
)
# Cue categories that tell one concentration of posts across clauses (「会计出纳是一个人，账也是她记」).
_ONE_PROBLEM_CATEGORIES = frozenset({"incompatible"})
_PUNCT = re.compile(r"[\s，,。；;！!？?、：:…—\-～~]+")


class CategorySpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    label: str
    negatable: bool = False
    patterns: list[str]
    # Cues that span clauses (「钱是他收，账也是他记」), matched on the whole sentence.
    sentence_patterns: list[str] = Field(default_factory=list)
    # The cue is no weakness when its sentence also says it was remedied.
    cancelled_by: list[str] = Field(default_factory=list)


class DoubtSpec(BaseModel):
    """Signs that a control is not really working; they withhold 符合 but propose no weakness."""

    model_config = ConfigDict(extra="forbid")

    label: str
    patterns: list[str]
    # The sign is no doubt when its sentence also says this (「只有两人知道密码」 is custody).
    cancelled_by: list[str] = Field(default_factory=list)
    # The sign counts only in a clause that says none of these (nor a compliance form):
    # 「……，但有的同志用手机给内网电脑充电」 casts doubt, 「……，但岗位都分开了」 does not.
    unless: list[str] = Field(default_factory=list)


class HandledCondition(BaseModel):
    """「有缺页的，退回经办补齐」: a clause naming a case, followed by what is done about it;
    「虽然人少，但会计和出纳还是分开的」: a hardship conceded, then the control kept."""

    model_config = ConfigDict(extra="forbid")

    case: str  # how a clause that only names a case ends or begins
    handling: str  # what the next clause of the sentence does with it


class RemediedPast(BaseModel):
    model_config = ConfigDict(extra="forbid")

    past: str  # how a clause about the past begins
    now: str  # what a later clause says about the present


class CueFile(BaseModel):
    """The data file as written."""

    model_config = ConfigDict(extra="forbid")

    categories: dict[str, CategorySpec]
    contrast: list[str]
    soft: list[str]
    compliance: list[str]
    pre_negators: list[str]
    post_negators: list[str]
    bare_negation: list[str]
    not_applicable: list[str]
    filler_clause: list[str] = Field(default_factory=list)
    # Positive evidence of a working control; without it no 符合 is proposed.
    evidence: list[str] | None = None
    # How a clause asserts that a control works (a requirement, every case, a frequency, a
    # separation, custody, an enforcing system). When given, 符合 is proposed only when every
    # substantive clause asserts one, negates a bad thing or handles a case.
    assertion: list[str] | None = None
    # Words that cover every case: they account for a clause but are no evidence on their own.
    coverage: list[str] = Field(default_factory=list)
    # One person or oneself doing what another should check: such a clause is never accounted for.
    against_control: list[str] = Field(default_factory=list)
    # Clauses that set the scene and assert nothing either way (「这一块我们是比较重视的」).
    neutral_clause: list[str] = Field(default_factory=list)
    # Who or where, accounted for when another clause of its sentence asserts the control.
    detail_clause: list[str] = Field(default_factory=list)
    normalize: dict[str, str] = Field(default_factory=dict)
    negation_breaks: str | None = None
    remedied_past: RemediedPast | None = None
    doubt: dict[str, DoubtSpec] = Field(default_factory=dict)
    handled_condition: list[HandledCondition] = Field(default_factory=list)
    # A hardship told on its own (「我们中心人少」), matched against the whole clause.
    hardship_clause: list[str] = Field(default_factory=list)

    @field_validator("normalize")
    @classmethod
    def _same_length(cls, v: dict[str, str]) -> dict[str, str]:
        for word, standard in v.items():
            if len(word) != len(standard):
                raise ValueError(f"normalize: {word} -> {standard} must keep the length")
        return v


def _alt(patterns: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns))


@dataclass(frozen=True)
class Lexicon:
    """The cue file compiled once."""

    categories: tuple[tuple[str, str, bool, re.Pattern[str], re.Pattern[str] | None], ...]
    contrast: re.Pattern[str]
    soft: re.Pattern[str]
    compliance: re.Pattern[str]
    pre_negator: re.Pattern[str]
    post_negator: re.Pattern[str]
    bare_negation: re.Pattern[str]
    not_applicable: re.Pattern[str]
    filler_clause: re.Pattern[str] | None
    evidence: re.Pattern[str] | None = None
    assertion: re.Pattern[str] | None = None
    coverage: re.Pattern[str] | None = None
    against_control: re.Pattern[str] | None = None
    neutral_clause: re.Pattern[str] | None = None
    detail_clause: re.Pattern[str] | None = None
    sentence_cues: tuple[tuple[str, str, re.Pattern[str]], ...] = ()
    normalize: tuple[tuple[str, str], ...] = ()
    negation_break: re.Pattern[str] | None = None
    past: re.Pattern[str] | None = None
    now: re.Pattern[str] | None = None
    doubts: tuple[
        tuple[str, re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None], ...
    ] = ()
    handled: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = ()
    hardship: re.Pattern[str] | None = None

    def normalized(self, text: str) -> str:
        """Dialect words in their standard form; offsets are unchanged."""
        for word, standard in self.normalize:
            text = text.replace(word, standard)
        return text

    @classmethod
    def from_data(cls, data: CueFile) -> Lexicon:
        pre = "|".join(f"(?:{p})" for p in data.pre_negators)
        post = "|".join(f"(?:{p})" for p in data.post_negators)
        return cls(
            categories=tuple(
                (
                    key,
                    spec.label,
                    spec.negatable,
                    _alt(spec.patterns),
                    _alt(spec.cancelled_by) if spec.cancelled_by else None,
                )
                for key, spec in data.categories.items()
            ),
            contrast=_alt(data.contrast),
            soft=_alt(data.soft),
            compliance=_alt(data.compliance),
            pre_negator=re.compile(f"(?:{pre})[^，,。；;]{{0,{NEGATOR_GAP}}}$"),
            post_negator=re.compile(f"^[^，,。；;]{{0,10}}?(?:{post})"),
            bare_negation=_alt(data.bare_negation),
            not_applicable=_alt(data.not_applicable),
            filler_clause=_alt(data.filler_clause) if data.filler_clause else None,
            evidence=_alt(data.evidence) if data.evidence else None,
            assertion=_alt(data.assertion) if data.assertion else None,
            coverage=_alt(data.coverage) if data.coverage else None,
            against_control=_alt(data.against_control) if data.against_control else None,
            neutral_clause=_alt(data.neutral_clause) if data.neutral_clause else None,
            detail_clause=_alt(data.detail_clause) if data.detail_clause else None,
            sentence_cues=tuple(
                (key, spec.label, _alt(spec.sentence_patterns))
                for key, spec in data.categories.items()
                if spec.sentence_patterns
            ),
            normalize=tuple(sorted(data.normalize.items(), key=lambda kv: -len(kv[0]))),
            negation_break=re.compile(data.negation_breaks) if data.negation_breaks else None,
            past=re.compile(data.remedied_past.past) if data.remedied_past else None,
            now=re.compile(data.remedied_past.now) if data.remedied_past else None,
            doubts=tuple(
                (
                    key,
                    _alt(spec.patterns),
                    _alt(spec.cancelled_by) if spec.cancelled_by else None,
                    _alt(spec.unless) if spec.unless else None,
                )
                for key, spec in data.doubt.items()
            ),
            handled=tuple(
                (re.compile(h.case), re.compile(h.handling)) for h in data.handled_condition
            ),
            hardship=_alt(data.hardship_clause) if data.hardship_clause else None,
        )


def load_cue_file(path: str | None = None) -> CueFile:
    import yaml

    if path is None:
        path = str(Path(__file__).parent / "data" / CUES_FILE)
    text = Path(path).read_text(encoding="utf-8")
    return CueFile.model_validate(yaml.safe_load(text))


@lru_cache(maxsize=4)
def lexicon(path: str | None = None) -> Lexicon:
    return Lexicon.from_data(load_cue_file(path))


class Finding(BaseModel):
    """One clause that names a weakness, and why."""

    model_config = ConfigDict(frozen=True)

    category: str
    category_label: str
    cue: str
    clause: str  # as the officer typed it, trimmed
    problem: str  # the words to carry to rectification
    start: int  # offset of the clause in the answer
    end: int


class Detection(BaseModel):
    model_config = ConfigDict(frozen=True)

    text: str
    label: Label
    # None: no status proposed (no weakness named, but no evidence of a working control either).
    status: StatusGuess | None
    findings: list[Finding] = Field(default_factory=list)
    compliance: list[str] = Field(default_factory=list)  # negated weaknesses: 「未发现……」
    na_clause: str | None = None
    evidence: list[str] = Field(default_factory=list)  # clauses showing a working control
    # Clauses that cast doubt on the control (「有空就清一下」): no 符合 is proposed.
    doubts: list[str] = Field(default_factory=list)
    # Substantive clauses that assert no working control (「有的电脑是一台切换着用」): no 符合.
    unaccounted: list[str] = Field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        out: list[str] = []
        for f in self.findings:
            if f.problem not in out:
                out.append(f.problem)
        return out

    def quotes(self, limit: int = 2) -> list[str]:
        """The words behind the proposal, each as 「……clause」."""
        if self.label == "weakness":
            out: list[str] = []
            for problem in self.problems[:limit]:
                at = self.text.find(problem)
                out.append(
                    _quote(self.text, at, at + len(problem)) if at >= 0 else f"「{problem}」"
                )
            return out
        if self.label == "not_applicable" and self.na_clause:
            return [f"「{self.na_clause}」"]
        shown = self.compliance + [c for c in self.evidence if c not in self.compliance]
        return [f"「{c}」" for c in shown[:limit]]

    def reason(self) -> str:
        if self.status is None:
            if self.doubts:
                return DOUBT_REASON.format(quotes="、".join(f"「{c}」" for c in self.doubts[:2]))
            if self.unaccounted and (self.evidence or self.compliance):
                quoted = "、".join(f"「{c}」" for c in self.unaccounted[:2])
                return UNACCOUNTED_REASON.format(quotes=quoted)
            return NO_EVIDENCE_REASON
        quotes = self.quotes()
        if self.label == "weakness":
            return "因为：" + "、".join(quotes)
        if self.label == "not_applicable":
            return "因为：" + ("、".join(quotes) or "回答说明本单位不涉及此项")
        if quotes:
            return "因为：" + "、".join(quotes) + "，回答中没有说到不足"
        return "因为：回答中没有说到不足或问题"


def _quote(text: str, start: int, end: int) -> str:
    body = text[start:end].strip(_EDGE)
    head = "……" if _PUNCT.sub("", text[:start]) else ""
    tail = "……" if _PUNCT.sub("", text[end:]) else ""
    return f"「{head}{body}{tail}」"


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def _sentence_start(text: str, pos: int) -> int:
    return max(text.rfind(ch, 0, pos) for ch in "。；;！!？?\n") + 1


def _sentence_end(text: str, pos: int) -> int:
    ends = [i for i in (text.find(ch, pos) for ch in "。；;！!？?\n") if i >= 0]
    return min(ends) if ends else len(text)


def _groups(
    text: str, clauses: list[tuple[int, int, str]], found: list[list[tuple[str, str, str]]]
) -> list[tuple[int, int]]:
    """Runs of weak clauses within one sentence: (first index, last index)."""
    out: list[tuple[int, int]] = []
    for i, hits in enumerate(found):
        if not hits:
            continue
        if (
            out
            and out[-1][1] == i - 1
            and _sentence_start(text, clauses[i][0]) == _sentence_start(text, clauses[i - 1][0])
        ):
            out[-1] = (out[-1][0], i)
        else:
            out.append((i, i))
    return out


class _Unit(NamedTuple):
    """A weak clause, or one of the 、-separated parts of a weak clause that names two problems."""

    start: int
    end: int
    clause: int  # index in the answer's clauses
    hits: list[tuple[str, str, str]]
    whole: bool  # the whole clause


def _content(text: str) -> set[str]:
    return {ch for ch in text if ch.isalnum() and ch not in _FUNCTION_CHARS}


def _new_problem(prev: _Unit, cur: _Unit, text: str) -> bool:
    """Does the weak clause cur name a problem of its own, rather than go on about prev?

    Only on a sign of addition: 「另外」「还有」 opening cur, or a new thing named as its topic
    before 也/还/又 (「凭证没有按月装订，U盘也有人直接插业务电脑上」). A clause that opens with a
    negator, an adverb or a verb goes on with the subject before it (「没有按月对账，一般是季度末才
    对」), and so does one that only says what follows from it (「权限一直没清理过，调走的人账号还能
    用」: no 也, no marker)."""
    before, body = text[prev.start : prev.end], text[cur.start : cur.end].strip(_EDGE)
    if _ADDED.match(body):
        return True
    kinds, prev_kinds = {k for k, _, _ in cur.hits}, {k for k, _, _ in prev.hits}
    if kinds & prev_kinds & _ONE_PROBLEM_CATEGORIES or _PREDICATE_START.match(body):
        return False
    topic = _TOPIC.match(body)
    # after an event told (「电脑坏了直接送外面修」「授权今年到期了」) what follows is its sequel
    return bool(
        "了" not in before
        and topic
        and not _NOT_A_TOPIC.search(topic.group(1))
        and (new := _content(topic.group(1)))
        and not new & _content(before)
    )


def _list_parts(
    lex: Lexicon, text: str, norm: str, start: int, end: int, sentence: str
) -> list[_Unit] | None:
    """「凭证没有按月装订、U盘也有人直接插业务电脑上」: the 、-separated parts of one clause that
    each name a weakness of their own (parts that name none stay with the part before them);
    None when fewer than two do."""
    cuts = [start] + [m.end() for m in re.finditer("、", text[start:end])]
    bounds = [start] + [start + c for c in cuts[1:]] + [end + 1]
    parts: list[tuple[int, int, list[tuple[str, str, str]]]] = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        s, e = a, b - 1  # without the 、
        piece = norm[s:e]
        hits = _clause_findings(lex, piece, sentence)[0] if piece.strip(_EDGE) else []
        if parts and (not hits or sum(ch.isalnum() for ch in piece) < SUBSTANTIVE + 1):
            ps, _, phits = parts[-1]
            parts[-1] = (ps, e, phits)
        else:
            parts.append((s, e, hits))
    weak = [p for p in parts if p[2]]
    if len(weak) < 2:
        return None
    # a leading part that names nothing belongs to the first weak part after it
    if not parts[0][2]:
        parts[1] = (parts[0][0], parts[1][1], parts[1][2])
        parts = parts[1:]
    return [_Unit(s, e, -1, hits, False) for s, e, hits in parts]


def _problem(
    lex: Lexicon,
    text: str,
    clauses: list[tuple[int, int, str]],
    first: int,
    last: int,
    floor: int = 0,
) -> str:
    """The officer's words for one weakness: after 「但」 when the sentence turns to it,
    with the clause before when what follows the turn is too short to stand alone. floor: where
    the words of a problem told before it in the same sentence end."""
    g_start, g_end = clauses[first][0], clauses[last][1]
    sent = max(_sentence_start(text, g_start), floor)
    turns = [m for m in lex.contrast.finditer(text, sent, g_end) if m.start() <= g_start + 1]
    if not turns:
        return text[g_start:g_end].strip(_EDGE)
    rest = text[turns[-1].end() : g_end].strip(_EDGE + "，,")
    if sum(ch.isalnum() for ch in rest) >= 8:
        return rest
    before = [c for c in clauses[:first] if c[0] >= sent]
    begin = before[-1][0] if before else g_start
    return text[begin:g_end].strip(_EDGE)


def _clauses(text: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _CLAUSE.finditer(text):
        pieces, start = [], m.start()
        for gap in _SPACE_BREAK.finditer(text, m.start(), m.end()):
            # a short topic before a space belongs to what follows: 「会计出纳 都是小王」
            if sum(ch.isalnum() for ch in text[start : gap.start()]) > SPACE_TOPIC:
                pieces.append((start, gap.start()))
                start = gap.end()
        pieces.append((start, m.end()))
        pieces = [part for s, e in pieces for part in _run_on_parts(text, s, e)]
        for s, e in pieces:
            raw = text[s:e]
            lead = len(raw) - len(raw.lstrip(_EDGE))
            body = raw.strip(_EDGE)
            if body:
                out.append((s + lead, s + lead + len(body), body))
    return _turns_forward(text, out)


def _turns_forward(text: str, clauses: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """「备份每天都做不过，都放在同一个机房里」「……，但是，……」: a turn word before a comma or a
    space, or standing alone, opens the clause after it in the same sentence (the clause then
    holds that comma), so the turn is read with what it turns to and never quoted alone."""
    out = list(clauses)
    for k in range(len(out) - 2, -1, -1):
        start, end, body = out[k]
        nxt_start, nxt_end, _ = out[k + 1]
        turn = _TRAILING_TURN.search(body)
        if turn is None or any(ch in text[end:nxt_start] for ch in "。；;！!？?\n"):
            continue
        at = start + turn.start()
        out[k + 1] = (at, nxt_end, text[at:nxt_end])
        head = text[start:at].strip(_EDGE + "，,")
        if sum(ch.isalnum() for ch in head):
            out[k] = (start, start + len(head), head)
        else:
            del out[k]
    return out


def _run_on_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A long run without punctuation, in the parts a speaker would pause between."""
    if sum(ch.isalnum() for ch in text[start:end]) <= RUN_ON:
        return [(start, end)]
    parts, at = [], start
    for cut in _RUN_ON_BREAK.finditer(text, start, end):
        if cut.start() - at >= SPACE_TOPIC and end - cut.start() >= SPACE_TOPIC:
            parts.append((at, cut.start()))
            at = cut.start()
    parts.append((at, end))
    return parts


def _all_spans(rx: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    """Every match, overlapping ones included (「审批不了就付不了款」 holds two)."""
    spans: list[tuple[int, int]] = []
    pos = 0
    while (m := rx.search(text, pos)) is not None:
        if m.end() > m.start():
            spans.append((m.start(), m.end()))
        pos = m.start() + 1
    return spans


def _clause_findings(
    lex: Lexicon, clause: str, sentence: str
) -> tuple[list[tuple[str, str, str]], list[tuple[int, int]]]:
    """(category, label, cue) found in one clause, and the spans of its compliance forms."""
    comp = _all_spans(lex.compliance, clause)
    found: list[tuple[str, str, str]] = []
    # Negatable cues first: 「从没借出过」 negates 借出, and the span it negates then hides the
    # 「没……过」 that would otherwise read as something never done.
    ordered = sorted(lex.categories, key=lambda c: not c[2])
    for key, label, negatable, rx, cancel in ordered:
        if cancel is not None and cancel.search(sentence):
            continue
        for m in rx.finditer(clause):
            if m.end() == m.start() or _overlaps((m.start(), m.end()), comp):
                continue
            if negatable:
                pre = lex.pre_negator.search(clause[: m.start()])
                if pre and lex.negation_break and lex.negation_break.search(pre.group(0)[1:]):
                    pre = None  # 「没见过面也照发」: the negator belongs to another verb
                post = lex.post_negator.search(clause[m.end() :])
                if pre or post:
                    start = pre.start() if pre else m.start()
                    end = m.end() + post.end() if post else m.end()
                    comp.append((start, end))  # 「一人兼任的情况是没有的」: compliance
                    continue
            found.append((key, label, m.group(0)))
            break
    if not found:
        c = lex.contrast.search(clause)
        if c and (s := lex.soft.search(clause, c.end())):
            found.append(("contrast", "转折后说到不足", s.group(0)))
    return found, comp


def _clause_doubts(
    lex: Lexicon, clause: str, sentence: str, comp: list[tuple[int, int]]
) -> list[str]:
    """The doubt keys whose sign stands in the clause outside its compliance forms."""
    out = []
    for key, rx, cancel, unless in lex.doubts:
        if cancel is not None and cancel.search(sentence):
            continue
        if unless is not None and (comp or unless.search(clause)):
            continue
        if any(not _overlaps(span, comp) for span in _all_spans(rx, clause)):
            out.append(key)
    return out


class _Reading(NamedTuple):
    """One answer as detect() reads it; the passes below refine per_clause and doubtful in place."""

    lex: Lexicon
    text: str
    norm: str
    clauses: list[tuple[int, int, str]]
    per_clause: list[list[tuple[str, str, str]]]
    doubtful: list[int]


def _drop_handled_cases(r: _Reading) -> None:
    """「有缺页的，退回经办补齐」: a clause that only names a case is no weakness (and casts no
    doubt) when the next clause of the sentence says how it is handled, and names no weakness
    itself."""
    lex, text, norm, clauses, per_clause, doubtful = r
    for i in range(len(clauses) - 1):
        start, end, _ = clauses[i]
        nxt = clauses[i + 1]
        if (
            (per_clause[i] or i in doubtful)
            and not per_clause[i + 1]
            and _sentence_start(text, nxt[0]) == _sentence_start(text, start)
            and any(
                case.search(norm[start:end]) and handling.search(norm[nxt[0] : nxt[1]])
                for case, handling in lex.handled
            )
        ):
            per_clause[i] = []
            if i in doubtful:
                doubtful.remove(i)


def _hardship_context(r: _Reading) -> set[int]:
    """「我们中心人少，会计和出纳是分开的，但是……小王一个人弄的」: a hardship told on its own is
    context, not a finding, when a later clause of its sentence names the real problem. Their
    findings are dropped; the indexes are returned (they weigh neither way)."""
    lex, text, norm, clauses, per_clause, doubtful = r
    out: set[int] = set()
    if lex.hardship is None:
        return out
    starts = [_sentence_start(text, c[0]) for c in clauses]
    for i, (start, end, _) in enumerate(clauses):
        if i in doubtful or not lex.hardship.fullmatch(norm[start:end]):
            continue
        later = [j for j in range(i + 1, len(clauses)) if starts[j] == starts[i]]
        # Only when the real problem follows: 「人手紧张，稽核每年做一次」 alone may still be the
        # weakness itself (a held-out answer read so), and stays a proposal for the officer.
        if any(per_clause[j] for j in later):
            per_clause[i] = []
            out.add(i)
    return out


def _sentence_findings(r: _Reading) -> None:
    """Cues that span clauses; the finding goes to the clause where the cue ends."""
    lex, text, norm, clauses, per_clause, _ = r
    starts = sorted({_sentence_start(text, c[0]) for c in clauses})
    for start in starts:
        end = _sentence_end(text, start)
        for key, label, rx in lex.sentence_cues:
            for m in rx.finditer(norm, start, end):
                at = next(
                    (i for i, c in enumerate(clauses) if c[0] < m.end() <= c[1] + 1),
                    None,
                )
                if at is not None and not per_clause[at]:
                    per_clause[at] = [(key, label, m.group(0))]


def _drop_remedied_past(r: _Reading) -> None:
    """「以前是一个人管，……现在分开了」: the past clause names no weakness of today, and
    「以前是有空才对账，去年开始改成每月对」 casts no doubt on it."""
    lex, text, norm, clauses, per_clause, doubtful = r
    if lex.past is None or lex.now is None:
        return
    for i, (start, end, _) in enumerate(clauses):
        if not (per_clause[i] or i in doubtful) or not lex.past.search(norm[start:end]):
            continue
        sentence = _sentence_start(text, start)
        later = [
            j
            for j in range(i + 1, len(clauses))
            if _sentence_start(text, clauses[j][0]) == sentence
        ]
        if not any(lex.now.search(norm[clauses[j][0] : clauses[j][1]]) for j in later):
            continue
        if not any(per_clause[j] for j in later):
            per_clause[i] = []
        if i in doubtful and not any(per_clause[j] or j in doubtful for j in later):
            doubtful.remove(i)


def _asserts(lex: Lexicon, clause: str) -> bool:
    if lex.against_control is not None and lex.against_control.search(clause):
        return False
    return bool(
        (lex.assertion is not None and lex.assertion.search(clause))
        or (lex.coverage is not None and lex.coverage.search(clause))
    )


def _unaccounted(
    lex: Lexicon,
    text: str,
    norm: str,
    clauses: list[tuple[int, int, str]],
    doubtful: list[int],
    context: set[int] | frozenset[int] = frozenset(),
) -> list[str]:
    """Substantive clauses that neither assert a working control, nor negate a bad thing, nor
    name a case the next clause handles, nor tell a past that a later clause says is remedied.
    Words of evidence alone (a date, 系统, 审核) do not account for a clause: 「待遇核定是窗口收件的
    同志顺手就在系统里核了」 names the control without saying that it works."""
    if lex.assertion is None:
        return []
    out: list[str] = []
    spans = [norm[s:e] for s, e, _ in clauses]
    starts = [_sentence_start(text, s) for s, _, _ in clauses]
    for i, (_, _, body) in enumerate(clauses):
        clause = spans[i]
        if i in doubtful or i in context or sum(ch.isalnum() for ch in clause) < SUBSTANTIVE:
            continue
        if lex.filler_clause and lex.filler_clause.fullmatch(body):
            continue
        if lex.compliance.search(clause) or _asserts(lex, clause):
            continue
        if lex.against_control is not None and lex.against_control.search(clause):
            out.append(body)
            continue
        nxt = i + 1 < len(clauses) and starts[i + 1] == starts[i]
        if (
            nxt
            and lex.contrast.match(spans[i + 1])
            and _asserts(lex, spans[i + 1])
            and i + 1 not in doubtful
        ):
            continue  # 「工作量大，不过我们还是坚持每笔两人复核」: a hardship conceded
        if (
            lex.past is not None
            and lex.now is not None
            and lex.now.search(clause)
            and any(lex.past.search(spans[j]) for j in range(i) if starts[j] == starts[i])
        ):
            continue  # 「以前交接靠口头，后来改成了交接单」: the remedy
        if (
            i
            and starts[i - 1] == starts[i]
            and any(
                case.search(spans[i - 1]) and handling.search(clause)
                for case, handling in lex.handled
            )
        ):
            continue  # 「有缺页的，退回经办补齐」: the handling of the case before
        later = [j for j in range(i + 1, len(clauses)) if starts[j] == starts[i]]
        if later and any(
            case.search(clause) and handling.search(spans[later[0]])
            for case, handling in lex.handled
        ):
            continue
        if (
            lex.past is not None
            and lex.now is not None
            and lex.past.search(clause)
            and any(lex.now.search(spans[j]) for j in later)
        ):
            continue
        if lex.neutral_clause is not None and lex.neutral_clause.search(clause):
            continue
        if (
            lex.detail_clause is not None
            and lex.detail_clause.search(clause)
            and any(
                _asserts(lex, spans[j])
                for j in range(len(clauses))
                if j != i and starts[j] == starts[i] and j not in doubtful
            )
        ):
            continue
        out.append(body)
    return out


def _vague_clauses(clauses: list[tuple[int, int, str]]) -> set[int]:
    """Clauses that only claim compliance (「都有制度」「按规定办」, interview/data/filler.yaml):
    drafting drops them from the report, so they are no evidence for a proposed 符合 either."""
    from .phrasing import is_filler

    return {i for i, (_, _, body) in enumerate(clauses) if is_filler(body)}


def _run_findings(r: _Reading, first: int, last: int) -> list[Finding]:
    """The findings of one run of weak clauses, one problem per weakness it names: the run is
    cut where a clause adds a problem of its own, and a clause whose 、-separated parts each name
    one is cut there (interview/rectification.py makes one item per problem)."""
    lex, text, norm, clauses, per_clause, _ = r
    units: list[_Unit] = []
    for i in range(first, last + 1):
        start, end, _ = clauses[i]
        sentence = norm[_sentence_start(text, start) : _sentence_end(text, end)]
        parts = (
            _list_parts(lex, text, norm, start, end, sentence) if "、" in text[start:end] else None
        )
        if parts:
            units += [u._replace(clause=i) for u in parts]
        else:
            units.append(_Unit(start, end, i, per_clause[i], True))
    groups: list[list[_Unit]] = [[units[0]]]
    for prev, cur in zip(units, units[1:], strict=False):
        if not cur.whole or not prev.whole or _new_problem(prev, cur, text):
            groups.append([cur])
        else:
            groups[-1].append(cur)
    out: list[Finding] = []
    floor = 0
    for group in groups:
        g_start, g_end = group[0].start, group[-1].end
        if all(u.whole for u in group):
            problem = _problem(lex, text, clauses, group[0].clause, group[-1].clause, floor)
        else:
            problem = text[g_start:g_end].strip(_EDGE)
            if turn := lex.contrast.match(problem):
                problem = problem[turn.end() :].strip(_EDGE) or problem
        if added := _ADDED.match(problem):
            problem = problem[added.end() :].strip(_EDGE) or problem  # 「另外密码也是共用的」
        floor = g_end
        for u in group:
            for key, label, cue in u.hits:
                out.append(
                    Finding(
                        category=key,
                        category_label=label,
                        cue=cue,
                        clause=clauses[u.clause][2],
                        problem=problem,
                        start=g_start,
                        end=g_end,
                    )
                )
    return out


def detect(text: str, lex: Lexicon | None = None) -> Detection:
    """Clause by clause: weakness findings, compliance forms, not-applicable; and a status."""
    lex = lex or lexicon()
    text = text or ""
    clauses = _clauses(text)
    content = [c for c in clauses if not (lex.filler_clause and lex.filler_clause.fullmatch(c[2]))]
    findings: list[Finding] = []
    compliance: list[str] = []
    per_clause: list[list[tuple[str, str, str]]] = []
    doubtful: list[int] = []  # clauses whose words cast doubt on the control
    norm = lex.normalized(text)
    vague = _vague_clauses(clauses)
    for i, (start, end, body) in enumerate(clauses):
        sentence = norm[_sentence_start(text, start) : _sentence_end(text, end)]
        found, comp = _clause_findings(lex, norm[start:end], sentence)
        if i not in vague:
            compliance += [body for _ in comp[:1]]
        per_clause.append(found)
        if _clause_doubts(lex, norm[start:end], sentence, comp):
            doubtful.append(i)
    reading = _Reading(lex, text, norm, clauses, per_clause, doubtful)
    _sentence_findings(reading)
    _drop_remedied_past(reading)
    _drop_handled_cases(reading)
    context = _hardship_context(reading)
    weak_clauses = {clauses[i][0] for i, found in enumerate(per_clause) if found}
    for first, last in _groups(text, clauses, per_clause):
        findings += _run_findings(reading, first, last)
    bare = bool(lex.bare_negation.search(_PUNCT.sub("", norm)))
    if bare and not findings:
        body = text.strip(_EDGE + "。.！!")
        findings.append(
            Finding(
                category="negation",
                category_label="明确否定",
                cue=body,
                clause=body,
                problem=body,
                start=0,
                end=len(text),
            )
        )
        weak_clauses.add(0)
    na = next((c[2] for c in clauses if lex.not_applicable.search(norm[c[0] : c[1]])), None)
    if not findings:
        if na is not None:
            return Detection(text=text, label="not_applicable", status="不适用", na_clause=na)
        doubts = [clauses[i][2] for i in doubtful]
        if lex.evidence is None:
            return Detection(
                text=text,
                label="compliant",
                status=None if doubts else "符合",
                compliance=compliance,
                doubts=doubts,
            )
        # 符合 only on positive evidence: a negated weakness (「从未发生……」) or a working control,
        # and never when the answer itself casts doubt on it (「有空就清一下」); words of evidence
        # in a doubtful clause are no evidence.
        # a clause that asserts a working control is evidence too (「出纳不碰账」)
        evidence = [
            c[2]
            for i, c in enumerate(clauses)
            if i not in doubtful
            and i not in vague
            and (
                lex.evidence.search(norm[c[0] : c[1]])
                or (
                    lex.assertion is not None
                    and lex.assertion.search(norm[c[0] : c[1]])
                    and _asserts(lex, norm[c[0] : c[1]])
                )
            )
        ]
        unaccounted = _unaccounted(lex, text, norm, clauses, doubtful, context)
        return Detection(
            text=text,
            label="compliant",
            status="符合" if (compliance or evidence) and not doubts and not unaccounted else None,
            compliance=compliance,
            evidence=evidence,
            doubts=doubts,
            unaccounted=unaccounted,
        )
    partial = all(f.category in PARTIAL for f in findings)
    refusal = bare or any(
        f.category == "negation" and f.cue in ("不清楚", "不知道", "说不好", "不好说", "没数")
        for f in findings
    )
    # a hardship told as context weighs neither way
    all_weak = len(weak_clauses) >= max(1, len(content) - len(context))
    status: StatusGuess = "不符合" if refusal or (all_weak and not partial) else "基本符合"
    return Detection(
        text=text, label="weakness", status=status, findings=findings, compliance=compliance
    )


def proposal_text(status: str, reason: str) -> str:
    """「拟定：基本符合 —— 因为：「……」」: what the officer confirms or changes."""
    return f"拟定：{status} —— {reason}"


__all__ = [
    "CueFile",
    "Detection",
    "Finding",
    "Lexicon",
    "NO_EVIDENCE_REASON",
    "UNACCOUNTED_REASON",
    "detect",
    "lexicon",
    "load_cue_file",
    "proposal_text",
]
