"""Where the interview stands, derived from the report alone.

A target names what a prompt is about: "cp:ORG-03" (a bank control point), "pt:<point id>"
(an own point or a rectification item), ASM (the overall assessment) or RECT_NONE (continuing
measures when no problem was found). The natural target is the first one still open, in
report order; back/goto only set a cursor over it.
"""

from __future__ import annotations

from report.models import AREA_SHORT_NAMES, SECTION_TITLES, Point, Report, is_area_key

from .bank import Bank, ControlPoint
from .coverage import points_by_control
from .errors import InterviewError

# Names an officer may type for a section in /转到 (full titles and short forms).
SECTION_ALIASES: dict[str, str] = {
    **{title: key for key, title in SECTION_TITLES.items()},
    **AREA_SHORT_NAMES,
    "管理和监督": "supervision",
    "整改": "rectification",
    "评价": "assessment",
    "总体评价": "assessment",
}

ASM = "asm:ASM-01"
RECT_NONE = "rect:none"

CUSTOM_CONTROL = ControlPoint(
    id="OWN-00",
    title="自拟要点",
    question="请修改这条自拟要点的内容（直接输入新的完整内容）。",
    explanation="自拟要点由您自行撰写，写明具体做法、岗位、时间或制度即可。",
    probes=["请补充具体的做法、岗位、时间或制度名称。"],
    keywords=["制度|岗位|科|系统|每"],
    query="内部控制",
    example="我局每季度召开一次内部控制工作例会，由办公室负责记录并跟踪落实。",
)


PRIOR = "prior:"  # + a PriorItem id: 上年度整改落实情况, asked before the five areas

PRIOR_CONTROL = ControlPoint(
    id="PRI-00",
    title="上年度整改落实情况",
    question="上年度这项整改完成了吗？",
    explanation="先逐项说明上年度自查发现问题的整改落实情况：已完成、部分完成还是未完成，"
    "做了什么、何时完成、有哪些佐证材料。未完成的将自动列入本年度整改。",
    probes=["请说明是「已完成」「部分完成」还是「未完成」。"],
    keywords=["完成"],
    query="整改落实",
    example="已完成。2027年3月修订了《岗位轮换管理办法》，完成待遇核定岗位3人轮岗，轮岗记录已存档。",
)


def review_target(report: Report, bank: Bank, key: str) -> str | None:
    """The first carried point of a section still 待复核."""
    ids = {cp.id for cp in bank.points(key)}
    have = points_by_control(report.section(key).points)
    for cp in bank.points(key):
        p = have.get(cp.id)
        if p is not None and p.review_pending and not p.skipped:
            return f"cp:{cp.id}"
    for p in report.section(key).points:
        if p.review_pending and not p.skipped and (p.custom or p.control_point not in ids):
            return f"pt:{p.id}"
    return None


def live_items(report: Report) -> list[Point]:
    return [p for p in report.section("rectification").points if not p.skipped]


def area_complete(report: Report, bank: Bank, key: str) -> bool:
    section = report.section(key)
    if section.done:
        return True
    have = points_by_control(section.points)
    return all(cp.id in have for cp in bank.points(key))


def order(report: Report, bank: Bank) -> list[str]:
    """Every target in report order, answered or not (for /返回)."""
    out: list[str] = [f"{PRIOR}{item.id}" for item in report.prior_items]
    for key in report.area_keys():
        out += [f"cp:{cp.id}" for cp in bank.points(key)]
        out += [f"pt:{p.id}" for p in report.section(key).points if p.custom and not p.skipped]
    out.append(ASM)
    items = live_items(report)
    out += [f"pt:{p.id}" for p in items] if items else [RECT_NONE]
    return out


def natural_target(report: Report, bank: Bank) -> str | None:
    """The first open target: last year's item not yet reported on, an unanswered or
    still 待复核 point, the assessment, an item without a measure."""
    for item in report.prior_items:
        if item.outcome is None:
            return f"{PRIOR}{item.id}"
    for key in report.area_keys():
        section = report.section(key)
        if section.done:
            continue
        have = points_by_control(section.points)
        for cp in bank.points(key):
            p = have.get(cp.id)
            if p is None or (p.review_pending and not p.skipped):
                return f"cp:{cp.id}"
        if pending := review_target(report, bank, key):
            return pending
    if not report.assessment:
        return ASM
    items = live_items(report)
    for p in items:
        if not p.measure:
            return f"pt:{p.id}"
    weak = any(p.weak for key in report.area_keys() for p in report.section(key).points)
    if not items and not weak and not report.section("rectification").done:
        return RECT_NONE
    return None


def next_open_after(report: Report, bank: Bank, target: str) -> str | None:
    """The first unanswered bank point after target, in report order (None: none after it).

    After a jump the officer goes on from where they jumped to, not from the earliest gap;
    when nothing after it is open, the natural order takes over (earliest gap, then the stages).
    """
    targets = order(report, bank)
    if target not in targets:
        return None
    for t in targets[targets.index(target) + 1 :]:
        if not t.startswith("cp:"):
            continue
        key = bank.section_key(t[3:])
        section = report.section(key)
        if not section.done and t[3:] not in points_by_control(section.points):
            return t
    return None


def by_title(bank: Bank, text: str, section_key: str | None = None) -> ControlPoint | None:
    """A bank point named by its title (exact, or a part of it that names only one point)."""
    text = "".join(text.split())
    if len(text) < 2:
        return None
    keys = [section_key] if is_area_key(section_key) else list(bank.area_keys())
    points = [cp for key in keys for cp in bank.points(key)]
    exact = [cp for cp in points if cp.title == text]
    if exact:
        return exact[0]
    partial = [cp for cp in points if text in cp.title or cp.title in text]
    if len(partial) > 1:
        names = "、".join(f"{cp.id} {cp.title}" for cp in partial[:5])
        raise InterviewError(f"「{text}」对应多个要点：{names}。请写得更具体，或输入要点编号。")
    return partial[0] if partial else None


def valid(report: Report, bank: Bank, target: str) -> bool:
    if target in (ASM, RECT_NONE):
        return True
    if target.startswith(PRIOR):
        return any(item.id == target[len(PRIOR) :] for item in report.prior_items)
    if target.startswith("cp:"):
        return is_area_key(bank.section_of(target[3:]))
    try:
        report.find_point(target[3:])
    except KeyError:
        return False
    return True


def resolve(report: Report, bank: Bank, section_key: str | None, ident: str | None) -> str:
    """The target for /转到: a control id, a point id, a point title, a number within a section,
    or a section (full title or short name: 组织, 业务, 基金, 信息系统, 监督)."""
    ident = (ident or "").strip()
    aliases = SECTION_ALIASES | {title: key for key, title in report.own_titles().items()}
    if ident in aliases and not section_key:
        section_key, ident = aliases[ident], ""
    if is_area_key(section_key) and section_key not in report.area_keys():
        names = "、".join(report.section_title(k) for k in report.area_keys())
        raise InterviewError(f"本报告所用题库没有这一部分。可以转到：{names}、评价、整改。")
    if ident.upper().startswith(("ASM", "评价")) or section_key == "assessment":
        return ASM
    if section_key == "prior" or any(ident == item.id for item in report.prior_items):
        for i, item in enumerate(report.prior_items, start=1):
            if ident in (item.id, str(i)) or (not ident and i == 1):
                return f"{PRIOR}{item.id}"
    if ident:
        cp = bank.get(ident.upper())
        if cp is not None and is_area_key(bank.section_of(cp.id)):
            return f"cp:{cp.id}"
        try:
            section, p = report.find_point(ident)
        except KeyError:
            pass
        else:
            if p.control_point and not p.custom and is_area_key(section.key):
                return f"cp:{p.control_point}"
            return f"pt:{p.id}"
        if ident.isdigit() and section_key:
            return _by_number(report, bank, section_key, int(ident))
        named = by_title(bank, ident, section_key)
        if named is not None:
            return f"cp:{named.id}"
        raise InterviewError(
            f"找不到要点「{ident}」。请输入要点编号（如 ORG-03）、要点名称（如 不相容岗位分离）"
            "或部分名称（组织、业务、基金、信息系统、监督、评价、整改）。"
        )
    if is_area_key(section_key):
        have = points_by_control(report.section(section_key).points)
        cps = bank.points(section_key)
        first = next((cp for cp in cps if cp.id not in have), cps[0])
        return f"cp:{first.id}"
    if section_key == "rectification":
        items = live_items(report)
        return f"pt:{items[0].id}" if items else RECT_NONE
    raise InterviewError("没有这个部分。")


def _by_number(report: Report, bank: Bank, section_key: str, n: int) -> str:
    if is_area_key(section_key):
        cps = bank.points(section_key)
        if 1 <= n <= len(cps):
            return f"cp:{cps[n - 1].id}"
    elif section_key == "rectification":
        items = live_items(report)
        if 1 <= n <= len(items):
            return f"pt:{items[n - 1].id}"
    raise InterviewError(f"这一部分没有第 {n} 个要点。")


def insert_point(bank: Bank, points: list[Point], point: Point, section_key: str) -> None:
    """Insert a bank point in bank order, leaving own points where the officer put them."""
    rank = {cp.id: i for i, cp in enumerate(bank.points(section_key))}
    mine = rank.get(point.control_point or "", len(rank))
    for i, p in enumerate(points):
        if not p.custom and rank.get(p.control_point or "", -1) > mine:
            points.insert(i, point)
            return
    points.append(point)


def control_for(report: Report, bank: Bank, target: str) -> tuple[ControlPoint, bool]:
    """The control point a target asks, and whether it is a rectification measure."""
    if target == ASM:
        return bank.points("assessment")[0], False
    if target == RECT_NONE:
        return bank.points("rectification")[-1], True
    if target.startswith(PRIOR):
        return PRIOR_CONTROL, False
    if target.startswith("cp:"):
        return bank.control(target[3:]), False
    section, _ = report.find_point(target[3:])
    if section.key == "rectification":
        return bank.points("rectification")[0], True
    return CUSTOM_CONTROL, False
