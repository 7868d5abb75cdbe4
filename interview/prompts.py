"""Building the Prompt for a target: question, existing answer, pending follow-up, progress."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from report.carry import previous_line
from report.cycle_view import prior_label, stated_problem
from report.models import SECTION_TITLES, Report

from .bank import Bank, ControlPoint
from .coverage import compute_progress, points_by_control
from .drafting import draft_assessment
from .models import ControlView, Excerpt, Prompt
from .navigation import ASM, PRIOR, RECT_NONE, control_for
from .prior import question as prior_question
from .state import EngineState
from .statuses import awaiting_point, point_at, proposal, weakness_rows

Fetch = Callable[[str, str], tuple[list[Excerpt], str | None]]


def join_parts(parts: list[str]) -> str:
    """An answer and its follow-up replies as one text."""
    out = ""
    for part in parts:
        part = part.strip()
        if part:
            out = part if not out else out.rstrip("。.；;，, ") + "；" + part
    return out


def control_view(cp: ControlPoint, example: str | None = None) -> ControlView:
    return ControlView(
        id=cp.id,
        title=cp.title,
        question=cp.question,
        explanation=cp.explanation,
        example=example or cp.example,
        probes=list(cp.probes),
    )


def build_prompt(
    report: Report, bank: Bank, target: str, state: EngineState, fetch: Fetch
) -> Prompt:
    cp, _ = control_for(report, bank, target)
    kw: dict[str, Any] = dict(
        target=target, progress=compute_progress(report, bank), control=control_view(cp)
    )
    pending = state.pending(target)
    if pending:
        kw.update(
            followups=pending.followups,
            followup_question=pending.question,
            pending=join_parts(pending.parts),
        )
    query = cp.query
    if target == ASM:
        drafted = draft_assessment(report)
        kw.update(
            kind="assessment",
            section_key="assessment",
            section_title="总体评价",
            proposal=drafted,
            control=control_view(cp, example=drafted),
            existing_text=report.assessment,
            existing_drafted=report.assessment,
        )
    elif target == RECT_NONE:
        kw.update(
            kind="rectification_none",
            section_key="rectification",
            section_title=SECTION_TITLES["rectification"],
        )
    elif target.startswith(PRIOR):
        item = report.find_prior(target[len(PRIOR) :])
        view = control_view(cp)
        view.question = prior_question(item)
        kw.update(
            kind="prior",
            point_id=item.id,
            section_key="prior",
            section_title="上年度问题整改落实情况",
            position=report.prior_items.index(item) + 1,
            control=view,
            # no 「问题：」 line where last year stated none (the question says so)
            problem=stated_problem(item) or None,
            existing_text=item.done_text if item.outcome else None,
            existing_drafted=item.outcome,
        )
        query = prior_label(item)
    elif target.startswith("cp:"):
        key = bank.section_key(cp.id)
        p = points_by_control(report.section(key).points).get(cp.id)
        ids = [c.id for c in bank.points(key)]
        kw.update(
            kind="point",
            section_key=key,
            section_title=report.section_title(key),
            position=ids.index(cp.id) + 1,
        )
        if p is not None:
            kw.update(
                point_id=p.id,
                status=p.status,
                existing_text=None if p.skipped else p.text,
                existing_drafted=None if p.skipped else p.body,
                previous=previous_line(p),
                review_pending=p.review_pending and not p.skipped,
            )
    else:
        section, p = report.find_point(target[3:])
        kw.update(
            point_id=p.id,
            section_key=section.key,
            section_title=section.title,
            position=section.points.index(p) + 1,
        )
        query = p.text
        if section.key == "rectification":
            kw.update(
                kind="rectification",
                problem=p.text,
                existing_text=p.measure,
                existing_drafted=p.drafted if p.measure else None,
                origin="上年度整改项延续" if p.origin_item else None,
            )
        else:
            kw.update(
                kind="custom",
                existing_text=p.text,
                existing_drafted=p.body,
                status=p.status,
                previous=previous_line(p),
                review_pending=p.review_pending and not p.skipped,
            )
    excerpts, notice = fetch(target, query)
    kw.update(excerpts=excerpts, notice=notice)
    here = point_at(report, bank, target)
    if here is not None and (here.status is not None or not here.status_confirmed):
        kw["status_confirmed"] = here.status_confirmed
    chosen = state.pending_status(target)
    if chosen:
        kw["status"] = chosen
        kw["status_confirmed"] = True
    waiting = awaiting_point(report, bank, state, target)
    if waiting is not None:
        kw["confirm"] = proposal(bank, waiting)
    if kw.get("kind") in ("rectification", "rectification_none"):
        kw["weaknesses"] = weakness_rows(report, bank)
    return Prompt(**kw)
