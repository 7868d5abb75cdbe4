"""What keeps a report from being sent up, judged with the question bank and the language rules.

exports/preflight checks the document itself; these checks need the bank (which points exist)
and the filler list (interview/data/filler.yaml), so they live here and the caller hands them
to preflight. Every issue here is an error: it blocks submission for review, while a
征求意见稿 export stays possible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Literal, NamedTuple

from .phrasing import drop_filler, filler_clauses

if TYPE_CHECKING:
    from report.models import Report
    from report.plain import AnyReport

    from .bank import Bank


# A named tuple, and the bank and coverage imported where used: `zicha export` checks filler
# without importing pydantic (issue 16).
class Issue(NamedTuple):
    message: str
    level: Literal["错误", "提醒"] = "错误"
    section_key: str | None = None
    point_id: str | None = None


def _quote(items: list[str], n: int = 3) -> str:
    shown = "、".join(f"「{x}」" for x in items[:n])
    return shown + ("等" if len(items) > n else "")


def unanswered_issues(report: Report, bank: Bank) -> list[Issue]:
    """One error per area listing the bank points not answered (a skipped one is not answered)."""
    from .coverage import compute_coverage

    out: list[Issue] = []
    for sc in compute_coverage(report, bank).sections:
        missing = [r for r in sc.rows if r.state in ("未答", "跳过")]
        if not missing:
            continue
        names = "、".join(f"{r.control_id} {r.title}" for r in missing[:4])
        more = f"等 {len(missing)} 个" if len(missing) > 4 else ""
        skipped = sum(1 for r in missing if r.state == "跳过")
        note = f"（其中 {skipped} 个已跳过）" if skipped else ""
        out.append(
            Issue(
                message=f"有 {len(missing)} 个要点尚未回答{note}：{names}{more}。"
                "请补答；确实不涉及的，设为「不适用」。",
                section_key=sc.key,
            )
        )
    return out


def unanswered_in(
    report: AnyReport, bank_points: Mapping[str, Sequence[tuple[str, str]]]
) -> list[Issue]:
    """unanswered_issues from the bank's (id, title) per area, without the bank and coverage
    models: the export of a stored report (issue 16). tests/interview keeps the two equal."""
    out: list[Issue] = []
    for key in report.area_keys():
        by_control = {
            p.control_point: p
            for p in report.section(key).points
            if p.control_point and not p.custom
        }
        missing = []  # (control id, title, skipped)
        for control_id, title in bank_points[key]:
            p = by_control.get(control_id)
            if p is None or p.skipped:
                missing.append((control_id, title, p is not None))
        if not missing:
            continue
        names = "、".join(f"{cid} {title}" for cid, title, _ in missing[:4])
        more = f"等 {len(missing)} 个" if len(missing) > 4 else ""
        skipped = sum(1 for m in missing if m[2])
        note = f"（其中 {skipped} 个已跳过）" if skipped else ""
        out.append(
            Issue(
                message=f"有 {len(missing)} 个要点尚未回答{note}：{names}{more}。"
                "请补答；确实不涉及的，设为「不适用」。",
                section_key=key,
            )
        )
    return out


def filler_issues(report: AnyReport) -> list[Issue]:
    """Filler that would reach the document: in a hand edit, or an answer that is only filler."""
    out: list[Issue] = []
    for key in report.area_keys():
        for p in report.section(key).included_points():
            body = p.body
            found = filler_clauses(body)
            if not found:
                continue
            only_filler = drop_filler(body).text == body
            if p.hand_edited or p.drafted is None:
                what = "手工改写的报告稿" if p.hand_edited else "这段报告稿"
                message = f"{what}含有笼统说法{_quote(found)}，请改为具体做法或删去。"
            elif only_filler:
                message = (
                    f"报告稿只有笼统说法{_quote(found)}，没有具体内容。"
                    "请补充做法、岗位、时间或制度名称。"
                )
            else:
                continue
            out.append(Issue(message=message, section_key=key, point_id=p.id))
    return out


def readiness_issues(report: Report, bank: Bank) -> list[Issue]:
    return unanswered_issues(report, bank) + filler_issues(report)


def builtin_bank_points() -> dict[str, list[tuple[str, str]]]:
    """(id, title) of each point of the built-in bank, per area: what unanswered_in needs, read
    from the package's own YAML through report/data_cache.py (no pydantic, no PyYAML once
    cached). tests/interview/test_readiness_plain.py checks it against load_bank()."""
    from pathlib import Path

    from report.data_cache import load_yaml
    from report.vocab import AREA_KEYS

    folder = Path(__file__).parent / "questions"
    points: dict[str, list[tuple[str, str]]] = {}
    for key in AREA_KEYS:
        data = load_yaml(folder / f"{key}.yaml")
        points[key] = [(str(p["id"]).strip(), str(p["title"]).strip()) for p in data["points"]]
    return points
