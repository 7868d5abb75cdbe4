"""Per-section, sentence-level differences between two versions of a report."""

from __future__ import annotations

import difflib
import re
from typing import Literal

from pydantic import BaseModel, Field

from .models import Point, Report

_SENTENCE_END = re.compile(r"(?<=[。！？；!?;])")

Kind = Literal["same", "removed", "added"]


class DiffLine(BaseModel):
    kind: Kind
    text: str


class SectionDiff(BaseModel):
    key: str
    title: str
    lines: list[DiffLine] = Field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(line.kind != "same" for line in self.lines)

    @property
    def counts(self) -> tuple[int, int]:
        return (
            sum(1 for line in self.lines if line.kind == "removed"),
            sum(1 for line in self.lines if line.kind == "added"),
        )


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text or "") if s.strip()]


def _point_text(p: Point) -> str:
    # The status leads the first sentence, so a changed status marks that sentence.
    parts = [f"〔{p.status}〕{p.body}" if p.status else p.body]
    if p.measure:
        parts.append(f"整改措施：{p.measure}")
    if p.owner:
        parts.append(f"责任部门：{p.owner}。")
    if p.due:
        parts.append(f"完成时限：{p.due.isoformat()}。")
    return "".join(parts)


def report_parts(report: Report, with_prior: bool = False) -> list[tuple[str, str, list[str]]]:
    """(key, title, sentences) for each part of the report, in document order.

    with_prior adds 上年度问题整改落实情况 (when either side of a diff has it)."""
    meta = [
        f"标题：{report.display_title() or '（不设标题）'}",
        f"单位：{report.unit}",
        f"主送机关：{report.addressee}",
        f"依据：《{report.basis_title}》（{report.basis_number}）",
        f"成文日期：{report.date_text()}",
    ]
    parts: list[tuple[str, str, list[str]]] = [
        ("meta", "基本信息", meta),
        ("opening", "开头", sentences(report.display_opening())),
    ]
    if with_prior:
        from .carry import prior_sentence

        prior = [t for item in report.prior_items for t in sentences(prior_sentence(item))]
        parts.append(("prior", "上年度问题整改落实情况", prior))
    for section in report.sections:
        lines: list[str] = []
        for p in section.included_points():
            lines.extend(sentences(_point_text(p)))
        parts.append((section.key, section.title, lines))
    parts.append(("assessment", "总体评价", sentences(report.assessment or "")))
    return parts


def diff_reports(old: Report, new: Report) -> list[SectionDiff]:
    out = []
    with_prior = bool(old.prior_items or new.prior_items)
    pairs = zip(report_parts(old, with_prior), report_parts(new, with_prior), strict=True)
    for (key, title, a), (_, _, b) in pairs:
        sd = SectionDiff(key=key, title=title)
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                sd.lines.extend(DiffLine(kind="same", text=t) for t in a[i1:i2])
                continue
            sd.lines.extend(DiffLine(kind="removed", text=t) for t in a[i1:i2])
            sd.lines.extend(DiffLine(kind="added", text=t) for t in b[j1:j2])
        out.append(sd)
    return out


def format_diff(diffs: list[SectionDiff], label_old: str, label_new: str) -> str:
    """Plain text: changed sections with removed (－) and added (＋) sentences."""
    lines = [f"比较：{label_old}  →  {label_new}", "标记：－ 删去的句子，＋ 新增或改写后的句子"]
    changed = [d for d in diffs if d.changed]
    if not changed:
        lines.append("两个版本内容相同，没有差异。")
        return "\n".join(lines)
    for d in diffs:
        if not d.changed:
            lines.append(f"【{d.title}】无变化")
            continue
        removed, added = d.counts
        lines.append(f"【{d.title}】删去 {removed} 句，新增 {added} 句")
        for line in d.lines:
            if line.kind == "removed":
                lines.append(f"  － {line.text}")
            elif line.kind == "added":
                lines.append(f"  ＋ {line.text}")
    return "\n".join(lines)
