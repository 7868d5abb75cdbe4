"""Does an answer need a follow-up? Deterministic rules with a reason the officer can read.

Reasons: the answer is too short; it names nothing concrete (a number, a date or period, a post or
department, a system, a document); a key topic of the control point is missing; for a
rectification measure, the owner or the deadline is missing. The same pass also picks out the
problems the officer named and guesses a status, which the officer can change.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel

from .bank import ControlPoint
from .weakness import StatusGuess, detect

MIN_CHARS = 15
MAX_FOLLOWUPS = 2
TOPIC_PHRASES_FILE = Path(__file__).with_name("topic_phrases.yaml")

ReasonCode = Literal["too_short", "not_concrete", "missing_topic", "no_owner", "no_due"]

_CONCRETE = {
    "数量": r"\d|[一二三四五六七八九十两百千万]+(?:名|人|个|次|项|份|年|月|季度|天|日|家|笔|台|套|本|条|期|户|件|元|级|道)",
    "时间": r"每(?:日|天|周|旬|月|季|季度|半年|年)|按(?:日|周|月|季|年)|季度|年度|年初|年底|年末|月底|上半年|下半年",
    "岗位或部门": r"(?:科|股|室|处|岗)(?![位学技])|主任|局长|科长|会计|出纳|稽核|专员|经办人|复核人|审批人|负责人|小组|办公室|中心",
    "系统": r"系统|平台|软件|数据库|专网|内网|服务器|U盘|网银|U盾",
    "文件": r"《|制度|办法|规定|规程|细则|文件|通知|台账|记录|登记簿|清单|纪要|表|方案|计划|手册",
}
_CONCRETE_RE = re.compile("|".join(f"(?:{p})" for p in _CONCRETE.values()))

_OWNER_RES = (
    re.compile(
        r"(?:责任部门|责任科室|责任单位|牵头部门|负责部门|责任人)\s*[为是：:]?\s*"
        r"([\u4e00-\u9fff、和]{2,20}?)(?=[，,。；;\s（(]|$|负责|牵头)"
    ),
    re.compile(r"由([\u4e00-\u9fff、和]{2,20}?)(?:牵头|负责|落实|承担|组织)"),
    # 「……，办公室负责，……」: a clause that is only a department and 负责 (no 由)
    re.compile(
        r"(?:^|[，,；;。]\s*)([\u4e00-\u9fff、和]{0,10}?(?:科|股|室|办|处|中心|局|部|组|所|站|队))"
        r"(?:来|统一)?(?:牵头|负责|落实|承担)(?=[，,；;。\s]|$)"
    ),
)
_DATE_FULL = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_DATE_MONTH = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:底|末|份)?")
_DATE_YEAR_END = re.compile(r"(\d{4})\s*年\s*(?:底|末|年底|年末)")
_DATE_HALF = re.compile(r"(\d{4})\s*年\s*上半年")
_THIS_YEAR_END = re.compile(r"年底前|年内|年底|本年度内|今年内")


class FollowUpReason(BaseModel):
    code: ReasonCode
    message: str


class Analysis(BaseModel):
    reasons: list[FollowUpReason]
    missing_topics: list[str] = []
    problems: list[str] = []
    # None: nothing to propose (no weakness named, no evidence of a working control either).
    status_guess: Literal["符合", "基本符合", "不符合", "不适用"] | None = "符合"
    status_reason: str = ""
    owner: str | None = None
    due: dt.date | None = None

    @property
    def needs_followup(self) -> bool:
        return bool(self.reasons)


def content_length(text: str) -> int:
    return sum(1 for ch in text if ch.isalnum())


def is_concrete(text: str) -> bool:
    return bool(_CONCRETE_RE.search(text))


def missing_topics(text: str, cp: ControlPoint) -> list[str]:
    """Topics not mentioned, when fewer than min(2, number of topics) are covered."""
    topics = cp.topics()
    hit = [t for t in topics if any(a in text for a in t)]
    need = min(2, len(topics))
    if len(hit) >= need:
        return []
    return [t[0] for t in topics if t not in hit]


@functools.cache
def _topic_phrases() -> dict[str, dict[str, str]]:
    import yaml

    data = yaml.safe_load(TOPIC_PHRASES_FILE.read_text(encoding="utf-8")) or {}
    return {
        str(cp): {str(k): str(v) for k, v in (topics or {}).items()} for cp, topics in data.items()
    }


def topic_phrase(cp: ControlPoint, topic: str) -> str:
    """A missing topic in words (轮岗 → 多久轮岗一次), for 「还没有提到……」."""
    return _topic_phrases().get(cp.id, {}).get(topic) or f"{topic}方面的情况"


def missing_message(cp: ControlPoint, topics: list[str]) -> str:
    return "还没有提到" + "、".join(topic_phrase(cp, t) for t in topics[:2])


def find_problems(text: str) -> list[str]:
    """The weaknesses the officer names, clause by clause (rules: interview/data/weakness_cues.yaml)."""
    return detect(text).problems


def guess_status(text: str, problems: list[str] | None = None) -> StatusGuess | None:
    """The status the answer points to; a proposal the officer confirms or changes."""
    return detect(text).status


def find_owner(text: str) -> str | None:
    for rx in _OWNER_RES:
        m = rx.search(text)
        if m:
            return m.group(1)
    return None


def _safe_date(y: int, m: int, d: int | None) -> dt.date | None:
    try:
        if d is None:
            d = calendar.monthrange(y, m)[1]
        return dt.date(y, m, d)
    except ValueError:
        return None


def find_due(text: str, base_year: int) -> dt.date | None:
    if m := _DATE_FULL.search(text):
        return _safe_date(int(m[1]), int(m[2]), int(m[3]))
    if m := _DATE_YEAR_END.search(text):
        return _safe_date(int(m[1]), 12, 31)
    if m := _DATE_HALF.search(text):
        return _safe_date(int(m[1]), 6, 30)
    if m := _DATE_MONTH.search(text):
        return _safe_date(int(m[1]), int(m[2]), None)
    if _THIS_YEAR_END.search(text):
        return dt.date(base_year, 12, 31)
    return None


_CLAUSE_RE = re.compile(r"[^，,；;。]+[，,；;。]?")
_OWNER_DUE_WORDS = re.compile(
    r"责任部门|责任科室|责任单位|责任人|牵头部门|负责部门|完成时限|时限|截止|之前|以前|前|完成|负责|牵头|"
    r"落实|承担|组织|由|于|在|为|是|[：:（）()\s，,；;。]"
)


def strip_owner_due(text: str) -> str:
    """The measure without the clauses that only name its owner or deadline."""
    kept = []
    for clause in _CLAUSE_RE.findall(text):
        rest = clause
        for rx in _OWNER_RES:
            rest = rx.sub("", rest)
        for rx in (_DATE_FULL, _DATE_YEAR_END, _DATE_HALF, _DATE_MONTH, _THIS_YEAR_END):
            rest = rx.sub("", rest)
        if clause != rest and len(_OWNER_DUE_WORDS.sub("", rest)) <= 1:
            continue
        kept.append(clause)
    out = "".join(kept).strip().rstrip("，,；;")
    return out or text.strip()


def analyze(
    text: str, cp: ControlPoint, *, rectification: bool = False, base_year: int = 2026
) -> Analysis:
    """What, if anything, is missing from an answer to cp."""
    reasons: list[FollowUpReason] = []
    found = detect(text)
    problems, status, why = found.problems, found.status, found.reason()
    if status == "不适用" and not rectification:
        return Analysis(reasons=[], status_guess="不适用", status_reason=why)
    if content_length(text) < MIN_CHARS:
        reasons.append(FollowUpReason(code="too_short", message="回答太简短，请再具体一些"))
    if rectification:
        owner = find_owner(text)
        due = find_due(text, base_year)
        if owner is None:
            reasons.append(FollowUpReason(code="no_owner", message="没有写明责任部门"))
        if due is None:
            reasons.append(FollowUpReason(code="no_due", message="没有写明完成时限（具体日期）"))
        return Analysis(reasons=reasons, owner=owner, due=due)
    if not is_concrete(text):
        reasons.append(
            FollowUpReason(
                code="not_concrete",
                message="没有具体内容（如数量、时间、岗位或科室、系统、制度文件名称）",
            )
        )
    missing = missing_topics(text, cp)
    if missing:
        reasons.append(FollowUpReason(code="missing_topic", message=missing_message(cp, missing)))
    return Analysis(
        reasons=reasons,
        missing_topics=missing,
        problems=problems,
        status_guess=status,
        status_reason=why,
    )


def _same_words(a: str, b: str) -> bool:
    return re.sub(r"\W", "", a) == re.sub(r"\W", "", b)


def followup_question(
    cp: ControlPoint, analysis: Analysis, count: int, asked: list[str] | tuple[str, ...] = ()
) -> str:
    """The question to ask: about a missing topic if possible, and never one already `asked`
    (a second follow-up asks something new, preferably about another topic)."""
    codes = {r.code for r in analysis.reasons}
    probes = cp.probes
    candidates: list[str] = []
    if "no_owner" in codes and "no_due" in codes:
        candidates.append("请写明这项整改由哪个科室（部门）负责，以及完成的具体日期。")
    if "no_owner" in codes:
        candidates += [probes[0], "这项整改由哪个科室（部门）负责？"]
    if "no_due" in codes:
        candidates += [probes[min(1, len(probes) - 1)], "这项整改计划在哪一天之前完成？"]
    topics = [
        next((t for t in cp.topics() if t[0] == topic), (topic,))
        for topic in analysis.missing_topics
    ]
    # Topics an earlier question already asked about go last: ask about something new.
    fresh = [t for t in topics if not any(a in q for q in asked for a in t)]
    for alts in fresh + [t for t in topics if t not in fresh]:
        candidates += [p for p in probes if any(a in p for a in alts)]
        candidates.append(f"能否再说说{topic_phrase(cp, alts[0])}？")
    candidates += probes[min(count, len(probes) - 1) :] + probes
    candidates += [
        "能否举一个本年度的具体例子，写明时间、科室和做法？",
        "这项工作依据哪份制度文件，由哪个岗位具体负责？",
    ]
    for question in candidates:
        if not any(_same_words(question, q) for q in asked):
            return question
    return "请再补充一些具体情况（数量、时间、岗位或制度名称）。"
