"""From the officer's words to report prose. Pure, deterministic and idempotent.

`draft_sentence` turns one answer into one paragraph: vague filler clauses (都有制度, 按规定办 …,
interview/data/filler.yaml) left out when the answer says more, everyday words in their report
form and the unit's self-name instead of 我们 (interview/data/colloquial.yaml), verbal tics
dropped, full-width punctuation, 《》 around known regulation titles, tidy
whitespace, no typed numbering (the exporter numbers), a final 。. Drafting a drafted sentence
changes nothing. `draft_assessment` and `draft_rectification` write the two generated paragraphs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pydantic import BaseModel, Field

from report.models import Report
from report.text import (
    CJK,
    ensure_final_stop,
    fullwidth_punctuation,
    normalize_paragraph,
    strip_leading_number,
    strip_xml_invalid,
    tidy_whitespace,
)

from .phrasing import drop_filler, formalize

# Titles wrapped in 《》 when the officer typed them bare. Longest match wins.
KNOWN_DOCUMENTS: tuple[str, ...] = (
    "社会保险经办机构内部控制暂行办法",
    "社会保险经办内部控制规范",
    "社会保险法",
    "中华人民共和国社会保险法",
    "会计法",
    "中华人民共和国会计法",
    "社会保险基金会计制度",
    "社会保险基金财务制度",
    "社会保险稽核办法",
    "社会保险费申报缴纳管理规定",
    "社会保险个人权益记录管理办法",
    "社会保险业务档案管理规定",
    "社会保险基金行政监督办法",
    "社会保险经办条例",
    "党政机关公文格式",
    "会计基础工作规范",
    "网络安全法",
    "中华人民共和国网络安全法",
    "数据安全法",
    "中华人民共和国数据安全法",
    "社会保险欺诈案件管理办法",
)

_SELF_NAMES = re.compile(r"(?:我们|咱们|咱)(?:局|中心)")
_FILLERS = re.compile(
    r"(?:嗯+|呃+|那个(?:那个)*|就是说|怎么说呢|这个嘛|反正)[，,、\s]*|"
    r"(?:差不多|大概|可能|应该|好像|估计|也许)吧"
)
_TRAILING_BA = re.compile(r"(?:吧|呢|啊|哈)+(?=[，。；！？,.;!?]|$)")
_THEN = re.compile(r"然后呢")
_ANGLE = re.compile(rf"[<〈]([^<>〈〉《》]*[{CJK}][^<>〈〉《》]*)[>〉]")
_QUOTED = re.compile(r"[“\"]([^“”\"《》]{2,40})[”\"]")
_MARKS = "，、；：。！？"
# A space typed between two Chinese words is a pause (「人手少 会计出纳 都是小王一个人干」), unless
# what stands before it since the last mark is a short subject (「咱们 每月对账」).
_SPACE_PAUSE = re.compile(rf"(?<=[{CJK}])[ \t\u3000]+(?=[{CJK}])")
_SPACE_SUBJECT = 2


def _spaces_as_pauses(text: str) -> str:
    out: list[str] = []
    at = 0
    for gap in _SPACE_PAUSE.finditer(text):
        before = re.split(r"[，,。；;！!？?、：:\n]", "".join(out) + text[at : gap.start()])[-1]
        out.append(text[at : gap.start()])
        if sum(ch.isalnum() for ch in before) > _SPACE_SUBJECT:
            out.append("，")
        at = gap.end()
    out.append(text[at:])
    return "".join(out)


def _has_content(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _wrap_titles(text: str, documents: Sequence[str]) -> str:
    titles = sorted(
        {d.strip("《》 ") for d in documents if d.strip("《》 ")}, key=len, reverse=True
    )
    if not titles:
        return text
    # A quoted known title, or a quoted name ending like a regulation, becomes 《》.
    known = set(titles)

    def quoted(m: re.Match[str]) -> str:
        inner = m.group(1)
        if inner in known or re.search(
            r"(办法|制度|规定|条例|规范|细则|规程|法|通知|意见)$", inner
        ):
            return f"《{inner}》"
        return m.group(0)

    text = _QUOTED.sub(quoted, text)
    pattern = re.compile("|".join(re.escape(t) for t in titles))
    # Only wrap outside existing 《…》 spans.
    parts = re.split(r"(《[^《》]*》)", text)
    for i, part in enumerate(parts):
        if i % 2 == 0 and part:
            parts[i] = pattern.sub(lambda m: f"《{m.group(0)}》", part)
    return "".join(parts)


def _tidy_marks(text: str) -> str:
    text = re.sub(r"[，、]+(?=[。；！？：])", "", text)
    text = re.sub(r"([，、；])[，、；]+", r"\1", text)
    text = re.sub(r"。{2,}", "。", text)
    text = re.sub(r"^[，、；：。！？,.;:!?\s]+", "", text)
    return text


def _spoken(text: str) -> str:
    """Verbal tics out: 嗯, 那个, 然后呢, a trailing 吧."""
    text = strip_xml_invalid(text)
    text = tidy_whitespace(text)
    text = _FILLERS.sub("", text)
    text = _THEN.sub("然后", text)
    return _TRAILING_BA.sub("", text)


def _once(text: str, short_name: str, documents: Sequence[str]) -> str:
    text = _spoken(text)
    text = drop_filler(text).text
    text = _SELF_NAMES.sub(short_name, text)
    text = formalize(text, short_name).text
    text = tidy_whitespace(text)
    text = fullwidth_punctuation(text)
    text = _ANGLE.sub(r"《\1》", text)
    text = _wrap_titles(text, documents)
    text = _tidy_marks(text)
    text = strip_leading_number(text)
    text = _tidy_marks(text)
    return ensure_final_stop(text)


class Drafted(BaseModel):
    """A drafted sentence and what drafting changed, to show the officer before it is sent."""

    text: str
    dropped: list[str] = Field(default_factory=list)  # filler clauses left out
    rewrites: list[tuple[str, str]] = Field(default_factory=list)  # (typed, sent)
    people: list[tuple[str, str]] = Field(default_factory=list)  # nicknames made neutral

    def notes(self) -> list[str]:
        """Chinese lines telling the officer what was changed and why."""
        out = []
        if self.dropped:
            out.append(
                "已略去笼统说法："
                + "、".join(f"「{d}」" for d in self.dropped)
                + "（原话保留在访谈记录中）"
            )
        if self.rewrites:
            out.append("用语改为公文用语：" + "；".join(f"{a}→{b}" for a, b in self.rewrites))
        if self.people:
            out.append(
                "人员称呼拟改为中性表述："
                + "；".join(f"{a}→{b}" for a, b in self.people)
                + "（如需写明职务或姓名，请用 /修改 改写本段）"
            )
        return out


def draft_details(answer: str, short_name: str = "我局", documents: Iterable[str] = ()) -> Drafted:
    """draft_sentence with the filler clauses it left out and the words it rewrote."""
    substance = drop_filler(_spoken(answer))
    formal = formalize(_SELF_NAMES.sub(short_name, substance.text), short_name)
    return Drafted(
        text=draft_sentence(answer, short_name, documents),
        dropped=substance.dropped,
        rewrites=formal.applied,
        people=formal.people,
    )


def _settle(text: str, short_name: str, docs: tuple[str, ...]) -> str:
    for _ in range(8):
        nxt = _once(text, short_name, docs)
        if nxt == text:
            break
        text = nxt
    return text


def draft_sentence(answer: str, short_name: str = "我局", documents: Iterable[str] = ()) -> str:
    """The report sentence for one answer. Idempotent; never empty for a non-empty answer."""
    docs = tuple(KNOWN_DOCUMENTS) + tuple(documents)
    answer = _spaces_as_pauses(answer)
    text = _settle(answer, short_name, docs)
    if not _has_content(text):
        # Nothing left after the fillers went: keep the officer's words, tidied.
        fallback = strip_xml_invalid(answer)
        for _ in range(8):
            nxt = formalize(fullwidth_punctuation(tidy_whitespace(fallback)), short_name).text
            if nxt == fallback:
                break
            fallback = nxt
        # The formal words may say something the everyday ones did not (弄好了 → 已完成):
        # draft from them then, so drafting the result again changes nothing.
        again = _settle(fallback, short_name, docs)
        if _has_content(again):
            return again
        return fallback or answer.strip()
    return text


def draft_hand_edit(text: str) -> str:
    """A hand edit keeps the officer's wording; only the final mark and spacing are fixed."""
    out = normalize_paragraph(text)
    return out if out.strip() else text.strip()


# --- the assessment paragraph ----------------------------------------------------------


def assessment_facts(report: Report) -> tuple[dict[str, int], int, list[str], list[str]]:
    """Confirmed status counts, proposals still unconfirmed, weak areas, problems named."""
    counts = {"符合": 0, "基本符合": 0, "不符合": 0, "不适用": 0}
    pending = 0
    gaps: list[str] = []
    problems: list[str] = []
    for key in report.area_keys():
        section = report.section(key)
        weak = False
        for p in section.points:
            if p.skipped:
                continue
            if not p.status_confirmed:
                pending += 1
                continue
            if p.status is None:
                continue
            counts[p.status] += 1
            if p.status in ("基本符合", "不符合"):
                weak = True
                for prob in p.problems:
                    clean = ensure_final_stop(draft_sentence(prob, report.short_name)).rstrip("。")
                    if clean and clean not in problems:
                        problems.append(clean)
        if weak:
            gaps.append(report.section_title(key))
    return counts, pending, gaps, problems


def draft_assessment(report: Report) -> str:
    """An honest overall assessment from the confirmed statuses and the weaknesses named."""
    counts, pending, gaps, problems = assessment_facts(report)
    total = sum(counts.values())
    name = report.short_name
    waiting = f"另有{pending}项符合情况待确认。" if pending else ""
    if total == 0:
        return (
            f"总体来看，{name}已按要求建立内部控制制度并组织实施，"
            "各方面情况有待逐项自查后作出评价。" + waiting
        )
    parts = [f"{k}{v}项" for k, v in counts.items() if v]
    head = f"本次自查共对照检查内部控制要点{total}项，其中" + "、".join(parts) + "。" + waiting
    if not gaps:
        return (
            head + f"总体来看，{name}内部控制制度健全，各项控制措施得到有效执行，"
            "未发现重大缺陷，今后将持续完善、常抓不懈。"
        )
    body = (
        f"总体来看，{name}内部控制制度基本健全，各项控制措施总体得到执行，"
        f"但对照要求，在{'、'.join(gaps)}等方面仍存在薄弱环节"
    )
    if problems:
        shown = problems[:3]
        body += "，主要是" + "；".join(shown)
        if len(problems) > 3:
            body += "等"
    body += "，需要进一步整改完善。"
    return _tidy_marks(head + body)


# --- rectification paragraphs ------------------------------------------------------------


def draft_rectification(problem: str, measure: str, short_name: str = "我局") -> str:
    """One paragraph per measure: the problem it answers and the measure.

    Owner and deadline stay in their own fields; the exporter appends them in one format
    for every item, whether it came from the interview or an answers file.
    """
    prob = draft_sentence(problem, short_name).rstrip("。！？")
    meas = draft_sentence(measure, short_name).rstrip("。！？")
    if meas.startswith("针对") or not prob:
        # The officer already said what the measure answers: no second 「针对……」.
        return ensure_final_stop(_tidy_marks(meas))
    # A problem already worded 「……的问题」 (a carried-over one often is): no 「的问题的问题」.
    of = "" if prob.endswith("问题") else "的问题"
    return ensure_final_stop(_tidy_marks(f"针对{prob}{of}，{meas}"))


__all__ = [
    "KNOWN_DOCUMENTS",
    "Drafted",
    "draft_details",
    "draft_assessment",
    "draft_hand_edit",
    "draft_rectification",
    "draft_sentence",
    "fullwidth_punctuation",
    "strip_leading_number",
]
