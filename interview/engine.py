"""The interview engine: asks, follows up, drafts, and saves every accepted step.

No UI here (no Textual); the TUI and `zicha interview` drive it. Public API::

    engine = InterviewEngine(store, report_id, bank=None, retriever=None,
                             actor="本机用户", assistant=None)
    prompt = engine.start()            # or resume(); same thing: the report decides
    prompt = engine.current()          # the Prompt on screen, None when all is done
    result = engine.answer(text)       # FollowUp (ask again) or Accepted (saved; .next)
    result = engine.accept_as_is()     # accept what was typed so far / the proposal / keep
    engine.skip(); engine.back(); engine.forward()
    engine.goto("organization", "ORG-03")        # control id, point id or 1-based number
    engine.set_status("不符合", point_id=None)    # the point awaiting confirmation, else current
    engine.confirm_status(point_id=None)         # the officer takes the proposed status
    engine.awaiting() -> StatusProposal | None   # the proposal Enter / /确认 would confirm
    engine.weaknesses() -> list[WeaknessRow]     # every 基本符合 / 不符合 point, with its words
    engine.edit_drafted(point_id, text)          # a hand edit; never overwritten by redraft
    engine.redraft(point_id)
    engine.add_problem(point_id, text)
    engine.add_own_point(section_key, text)      # -> Accepted
    engine.drop_point(section_key, point_id)
    engine.move_point(section_key, point_id, delta)
    engine.mark_section_done(section_key, done=True)
    engine.propose_rectification() -> list[Point]
    engine.add_rectification(problem)
    engine.draft_assessment() -> str
    engine.coverage() -> Coverage; engine.progress() -> Progress
    engine.save_unsent(text); engine.unsent() -> str
    engine.accept_suggestion(text, point_id=None)  # an assistant suggestion the officer took
    engine.report                                   # the latest saved Report

Every change goes through `store.save(...)` inside one store transaction together with the
engine state it moves (cursor, pending follow-up), before the method returns, so a killed
process never loses an accepted answer and resumes at the right point. A stale revision raises
InterviewConflict after reloading the report; the officer's text is kept as unsent.

Errors are ZichaError subclasses with a Chinese message. The engine is not thread-safe: use one
engine from one thread at a time (the store's SQLite connection belongs to the thread that
opened it).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, cast

from report.carry import CARRIED_REASON, record_prior_outcome
from report.errors import ConflictError, ZichaError
from report.labels import DEFAULT_ACTOR
from report.limits import MAX_POINTS_PER_SECTION, MAX_TEXT_CHARS, clean_text
from report.models import STATUSES, Point, Report, Section, Status, is_area_key
from report.store import ReportStore

from .bank import Bank, load_bank
from .coverage import Coverage, compute_coverage, compute_progress, points_by_control
from .drafting import (
    draft_assessment,
    draft_details,
    draft_hand_edit,
    draft_sentence,
)
from .errors import InterviewConflict, InterviewError
from .followup import (
    MAX_FOLLOWUPS,
    Analysis,
    FollowUpReason,
    analyze,
    followup_question,
)
from .models import (
    Accepted,
    Excerpt,
    FollowUp,
    Progress,
    Prompt,
    StatusProposal,
    Suggestion,
    WeaknessRow,
)
from .navigation import (
    ASM,
    CUSTOM_CONTROL,
    PRIOR,
    RECT_NONE,
    area_complete,
    control_for,
    insert_point,
    natural_target,
    next_open_after,
    order,
    resolve,
    valid,
)
from .prior import OUTCOME_QUESTION, done_text, read_date, read_outcome
from .prompts import build_prompt, join_parts
from .rectification import (
    apply_measures,
    follow_answer,
    item_paragraph,
    problem_texts,
    reconcile,
)
from .retrieval import Retriever, fetch_excerpts
from .state import EngineState, Pending
from .statuses import any_weakness, awaiting_point, point_label, proposal, weakness_rows
from .weakness import NO_EVIDENCE_REASON

if TYPE_CHECKING:
    from .assistant import Assistant

SKIPPED_TEXT = "（未作答，已跳过）"


class InterviewEngine:
    def __init__(
        self,
        store: ReportStore,
        report_id: int,
        *,
        bank: Bank | None = None,
        retriever: Retriever | None = None,
        actor: str = DEFAULT_ACTOR,
        assistant: Assistant | None = None,
        excerpts_k: int = 3,
    ):
        self.store = store
        self.report_id = report_id
        self.bank = bank or load_bank()
        self.retriever = retriever
        self.actor = actor
        self.assistant = assistant
        self.excerpts_k = excerpts_k
        self.state = EngineState(store, report_id)
        self.report: Report = store.get(report_id)
        self._excerpts: dict[str, tuple[list[Excerpt], str | None]] = {}
        self._prompt: Prompt | None = None

    # --- navigation ------------------------------------------------------------------
    def start(self) -> Prompt | None:
        return self.resume()

    def resume(self) -> Prompt | None:
        self.report = self.store.get(self.report_id)
        self._sync()
        return self._refresh()

    def current(self) -> Prompt | None:
        if self._prompt is None:
            self._refresh()
        return self._prompt

    def skip(self) -> Prompt | None:
        target = self._require_target()
        report = self._copy()
        if target == ASM:
            raise InterviewError("总体评价不能跳过。请输入您的评价，或输入 /接受 采用建议的段落。")
        if target.startswith(PRIOR):
            raise InterviewError(
                "上年度整改项不能跳过：请说明已完成、部分完成还是未完成（未完成的列入本年度整改）。"
            )
        if target == RECT_NONE:
            report.section("rectification").done = True
        elif target.startswith("cp:"):
            cp = self.bank.control(target[3:])
            key = self.bank.section_key(cp.id)
            section = report.section(key)
            p = points_by_control(section.points).get(cp.id)
            if p is None:
                pend = self.state.pending(target)
                text = join_parts(pend.parts) if pend else ""
                point = Point(text=text or SKIPPED_TEXT, control_point=cp.id, skipped=True)
                insert_point(self.bank, section.points, point, key)
            else:
                p.skipped = True
        else:
            _, p = report.find_point(target[3:])
            p.skipped = True
        self._persist(report, "skip", target, clear_target=target)
        return self._prompt

    def back(self) -> Prompt | None:
        targets = order(self.report, self.bank)
        cur = self._target()
        idx = targets.index(cur) if cur in targets else len(targets)
        if idx == 0:
            raise InterviewError("已经是第一个问题了。")
        self.state.set_cursor(targets[idx - 1])
        return self._refresh()

    def forward(self) -> Prompt | None:
        """Leave a revisited point unchanged and go on where the interview stands."""
        self.state.set_cursor(None)
        return self._refresh()

    def goto(self, section_key: str | None, ident: str | None = None) -> Prompt | None:
        if section_key == "rectification":
            self.propose_rectification()  # every weakness is listed before the stage opens
        target = resolve(self.report, self.bank, section_key, ident)
        self.state.set_cursor(target)
        return self._refresh()

    # --- answering -------------------------------------------------------------------
    def answer(self, text: str) -> FollowUp | Accepted:
        text = clean_text(text or "").strip()
        if not text:
            raise InterviewError("回答不能为空。请写明具体做法，或输入 /跳过。")
        target = self._require_target()
        pending = self.state.pending(target)
        parts = (pending.parts if pending else []) + [text]
        count = pending.followups if pending else 0
        combined = join_parts(parts)
        if len(combined) > MAX_TEXT_CHARS:
            # Refused before anything is written: the text stays in the box (or as unsent).
            raise InterviewError(
                f"回答太长（共 {len(combined)} 字，上限 {MAX_TEXT_CHARS} 字）。"
                "请精简，或分成几个要点（/自拟）分别填写。"
            )
        if target.startswith(PRIOR):
            return self._answer_prior(target, parts, count, combined)
        cp, rect = control_for(self.report, self.bank, target)
        analysis = analyze(combined, cp, rectification=rect, base_year=self.report.date.year)
        if analysis.needs_followup and count < MAX_FOLLOWUPS:
            count += 1
            asked = [pending.question] if pending and pending.question else []
            question = followup_question(cp, analysis, count - 1, asked)
            self.state.set_pending(
                Pending(
                    target=target,
                    parts=parts,
                    followups=count,
                    question=question,
                    reasons=[r.message for r in analysis.reasons],
                )
            )
            self.state.set_unsent(None)
            self._refresh()
            suggestion = None
            if self.assistant is not None:
                suggestion = self.assistant.propose_followup(cp.question, combined)
            return FollowUp(
                question=question,
                reasons=analysis.reasons,
                count=count,
                max_followups=MAX_FOLLOWUPS,
                pending=combined,
                suggestion=suggestion,
            )
        notice = None
        if analysis.needs_followup:
            notice = (
                "已追问两次，按现有内容记录（"
                + "；".join(r.message for r in analysis.reasons)
                + "）。"
            )
        return self._accept(target, combined, analysis, notice)

    def accept_as_is(self) -> Accepted:
        target = self._require_target()
        pending = self.state.pending(target)
        if pending and pending.parts:
            combined = join_parts(pending.parts)
            cp, rect = control_for(self.report, self.bank, target)
            analysis = analyze(combined, cp, rectification=rect, base_year=self.report.date.year)
            return self._accept(target, combined, analysis, "已按现有内容接受。")
        prompt = self.current()
        if target == ASM and prompt and prompt.proposal:
            cp, _ = control_for(self.report, self.bank, target)
            return self._accept(
                target, prompt.proposal, analyze(prompt.proposal, cp), "已采用建议的总体评价。"
            )
        if prompt and prompt.review_pending and prompt.point_id:
            return self.keep_previous()
        if prompt and prompt.existing_text is not None:
            self.state.set_cursor(None)
            nxt = self._refresh()
            return Accepted(
                section_key=prompt.section_key,
                point_id=prompt.point_id,
                control_id=prompt.control.id,
                text=prompt.existing_text,
                drafted=prompt.existing_drafted or prompt.existing_text,
                status=prompt.status,
                notice="保留原回答。",
                next=nxt,
            )
        raise InterviewError("还没有可以接受的回答。请先输入回答，或输入 /跳过。")

    def keep_previous(self, point_id: str | None = None) -> Accepted:
        """Keep a carried point as last year had it (one key); it is no longer 待复核."""
        prompt = self.current()
        if point_id is None:
            if prompt is None or not prompt.review_pending or not prompt.point_id:
                raise InterviewError("当前要点不是待复核的上年内容，没有可保留的上年回答。")
            point_id = prompt.point_id
        report = self._copy()
        section, p = self._find_with_section(report, point_id)
        if not p.review_pending:
            raise InterviewError("这个要点已经复核过了。")
        p.review_pending = False
        waits = p.status is not None and not p.status_confirmed
        if waits:
            p.status_reason = p.status_reason or CARRIED_REASON
        target = (
            f"cp:{p.control_point}"
            if p.control_point and not p.custom and is_area_key(section.key)
            else f"pt:{p.id}"
        )
        self._persist(
            report, "answer", f"keep {target}", clear_target=target, confirm=p.id if waits else None
        )
        kept = self.report.find_point(p.id)[1]
        return Accepted(
            section_key=section.key,
            point_id=kept.id,
            control_id=kept.control_point,
            text=kept.text,
            drafted=kept.body,
            status=kept.status,
            proposal=proposal(self.bank, kept) if waits else None,
            notice=f"沿用上年内容（上年：{kept.status or '未标符合情况'}）；符合情况仍请您确认。",
            next=self._prompt,
        )

    def add_evidence(self, files: list[str], point_id: str | None = None) -> list[str]:
        """Attach evidence files to a point, a rectification item or a prior item (the current
        one unless point_id); returns the names added."""
        from report.evidence import add_evidence

        if point_id is None:
            prompt = self.current()
            point_id = prompt.point_id if prompt else None
        if point_id is None:
            raise InterviewError("请先回答本题（或转到要附材料的要点），再添加佐证材料。")
        files = [f.strip().strip('"') for f in files if f.strip()]
        try:
            added = add_evidence(self.store, self.report_id, point_id, files, actor=self.actor)
        finally:
            self.report = self.store.get(self.report_id)
            self._refresh()
        return [a.name for a in added]

    def _answer_prior(
        self, target: str, parts: list[str], count: int, combined: str
    ) -> FollowUp | Accepted:
        outcome = read_outcome(combined)
        if outcome is None:
            if count >= MAX_FOLLOWUPS:
                raise InterviewError(
                    "请直接输入「已完成」「部分完成」或「未完成」，再补充做了什么、何时完成。"
                )
            self.state.set_pending(
                Pending(
                    target=target,
                    parts=parts,
                    followups=count + 1,
                    question=OUTCOME_QUESTION,
                    reasons=["没有说明整改是否完成"],
                )
            )
            self.state.set_unsent(None)
            self._refresh()
            return FollowUp(
                question=OUTCOME_QUESTION,
                reasons=[FollowUpReason(code="missing_topic", message="没有说明整改是否完成")],
                count=count + 1,
                max_followups=MAX_FOLLOWUPS,
                pending=combined,
            )
        item_id = target[len(PRIOR) :]
        when = read_date(combined, self.report.year)
        try:
            report = record_prior_outcome(self.report, item_id, outcome, done_text(parts), when)
        except ZichaError as exc:
            raise InterviewError(str(exc)) from exc
        self._persist(report, "prior", target, clear_target=target)
        item = self.report.find_prior(item_id)
        notice = "未完成部分已列入本年度整改。" if item.carried_item else None
        return Accepted(
            section_key="prior",
            point_id=item.id,
            control_id=None,
            text=combined,
            drafted=outcome,
            status=None,
            due=when,
            notice=notice,
            next=self._prompt,
        )

    def set_prior_outcome(
        self,
        item_id: str,
        outcome: str,
        done_text: str | None,
        done_date: dt.date | None = None,
    ) -> None:
        """Set a prior item's outcome directly (a form rather than a sentence)."""
        done_text = clean_text(done_text) if done_text else done_text
        try:
            report = record_prior_outcome(self.report, item_id, outcome, done_text, done_date)
        except ZichaError as exc:
            raise InterviewError(str(exc)) from exc
        self._persist(report, "prior", f"{PRIOR}{item_id}", clear_target=f"{PRIOR}{item_id}")

    def _accept(
        self, target: str, combined: str, analysis: Analysis, notice: str | None
    ) -> Accepted:
        report = self._copy()
        prompt = self.current()
        citations = [e.citation for e in (prompt.excerpts if prompt else []) if e.citation]
        short = report.short_name
        guessed = False
        point: Point | None = None
        notes: list[str] = []
        manual = self.state.manual_status()
        items = 1
        owners: list[tuple[str | None, dt.date | None]] = []
        year = report.date.year
        if target == ASM:
            auto = combined.strip() == draft_assessment(self.report).strip()
            report.assessment_auto = auto
            report.assessment = combined.strip() if auto else draft_sentence(combined, short)
            section_key, drafted = "assessment", report.assessment
        elif target == RECT_NONE:
            item = Point(text="持续完善内部控制", control_point=self._control_id(target))
            made = apply_measures(item, combined, analysis, short, year)
            report.section("rectification").points.extend(made)
            point, items = made[0], len(made)
            owners = [(m.owner, m.due) for m in made]
            section_key, drafted = "rectification", "\n".join(m.body for m in made)
        elif target.startswith("pt:") and report.find_point(target[3:])[0].key == "rectification":
            section = report.section("rectification")
            idx = next(i for i, p in enumerate(section.points) if p.id == target[3:])
            made = apply_measures(section.points[idx], combined, analysis, short, year)
            section.points[idx : idx + 1] = made
            point, items = made[0], len(made)
            owners = [(m.owner, m.due) for m in made]
            section_key, drafted = "rectification", "\n".join(m.body for m in made)
        else:
            if target.startswith("cp:"):
                cp = self.bank.control(target[3:])
                section_key = self.bank.section_key(cp.id)
                section = report.section(section_key)
                point = points_by_control(section.points).get(cp.id)
                if point is None:
                    point = Point(text=combined, control_point=cp.id)
                    insert_point(self.bank, section.points, point, section_key)
            else:
                section, point = report.find_point(target[3:])
                section_key = section.key
            before = problem_texts(report, self.bank, point)  # what its 整改 items were drawn from
            point.text = combined
            point.skipped = False
            point.review_pending = False
            point.problems = analysis.problems
            point.citations = citations
            if point.hand_edited:
                notice = "此段已手工修改，未用新回答覆盖；如需按新回答重新起草，请用 /重拟。"
            else:
                details = draft_details(combined, short, self._titles(prompt))
                point.drafted = details.text
                notes = details.notes()
            chosen = self.state.pending_status(target)
            if chosen:
                point.status = cast(Status, chosen)
                point.status_confirmed, point.status_reason = True, None
            elif point.id not in manual or point.status is None:
                point.status = analysis.status_guess
                point.status_confirmed = False
                point.status_reason = analysis.status_reason
                guessed = True
            drafted = point.body
            # An answer given again: its answered 整改 items follow (never the officer's words).
            followed = follow_answer(report, self.bank, point.id, before)
            if followed:
                notice = "\n".join([*([notice] if notice else []), *followed])
        self._persist(
            report,
            "answer",
            target,
            clear_target=target,
            manual=point.id if point is not None and self.state.pending_status(target) else None,
            confirm=point.id if guessed and point is not None else None,
        )
        suggestion = None
        if self.assistant is not None and target != RECT_NONE:
            suggestion = self.assistant.polish(drafted)
        return Accepted(
            section_key=section_key,
            point_id=point.id if point else None,
            control_id=point.control_point if point else "ASM-01",
            text=combined,
            drafted=drafted,
            status=point.status if point else None,
            status_guessed=guessed,
            proposal=proposal(self.bank, point) if guessed and point is not None else None,
            problems=list(point.problems) if point else [],
            citations=citations,
            owner=point.owner if point else None,
            due=point.due if point else None,
            items=items,
            item_owners=owners if items > 1 else [],
            notice=notice,
            notes=notes,
            suggestion=suggestion,
            next=self._prompt,
        )

    # --- editing ---------------------------------------------------------------------
    def set_status(self, status: str, point_id: str | None = None) -> str:
        if status not in STATUSES:
            raise InterviewError("符合情况只能是：" + "、".join(STATUSES) + "。")
        report = self._copy()
        waiting = self.awaiting() if point_id is None else None
        if waiting is not None:
            point_id = waiting.point_id
        if point_id is None:
            target = self._require_target()
            if target in (ASM, RECT_NONE) or target.startswith(PRIOR):
                raise InterviewError("总体评价和整改项没有符合情况，请在各方面的要点上设置。")
            if target.startswith("cp:"):
                cp = self.bank.control(target[3:])
                key = self.bank.section_key(cp.id)
                p = points_by_control(report.section(key).points).get(cp.id)
                if p is None and status == "不适用":
                    text = f"{report.short_name}不涉及{cp.title}相关业务，本项不适用"
                    point = Point(
                        text=text,
                        control_point=cp.id,
                        status="不适用",
                        drafted=draft_sentence(text, report.short_name),
                    )
                    insert_point(self.bank, report.section(key).points, point, key)
                    self._persist(report, "status", target, clear_target=target, manual=point.id)
                    return f"已将 {cp.id} 记为「不适用」。"
                if p is None:
                    self.state.set_pending_status(target, status)
                    return f"已记下「{status}」，回答本题后按此记录。"
                point_id = p.id
            else:
                point_id = target[3:]
        try:
            section, p = report.find_point(point_id)
        except KeyError as exc:
            raise InterviewError("找不到这个要点。") from exc
        if section.key == "rectification":
            raise InterviewError("整改项没有符合情况。")
        p.status, p.status_confirmed, p.status_reason = status, True, None
        p.review_pending = False
        self._persist(report, "status", f"pt:{p.id}", manual=p.id, confirmed=p.id)
        named = f"要点 {p.control_point} " if p.control_point else "该要点"
        return f"已将{named}的符合情况设为「{status}」。"

    def awaiting(self) -> StatusProposal | None:
        """The proposed status that Enter or /确认 would confirm (F5–F8 would change)."""
        p = awaiting_point(self.report, self.bank, self.state, self._target())
        return proposal(self.bank, p) if p is not None else None

    def confirm_status(self, point_id: str | None = None) -> str:
        """The officer takes the proposed status: it stops being 待确认."""
        if point_id is None:
            waiting = self.awaiting()
            if waiting is None:
                raise InterviewError(
                    "没有待确认的符合情况。可用 /状态 符合 等直接设定本题的符合情况。"
                )
            point_id = waiting.point_id
        report = self._copy()
        section, p = self._find_with_section(report, point_id)
        if not is_area_key(section.key) or (p.status is None and p.status_confirmed):
            raise InterviewError("这一项没有可确认的符合情况。")
        label = point_label(self.bank, p)
        if p.status_confirmed:
            return f"{label} 的符合情况已是「{p.status}」。"
        if p.status is None:
            # Nothing was proposed: Enter must not turn silence into 符合.
            raise InterviewError(
                f"{label} 没有拟定的符合情况（{p.status_reason or NO_EVIDENCE_REASON}）。"
                "请选择：按 F5 符合、F6 基本符合、F7 不符合、F8 不适用，"
                "或输入 /状态 符合（基本符合、不符合、不适用）。"
            )
        p.status_confirmed = True
        self._persist(report, "confirm", f"pt:{p.id}", confirmed=p.id)
        return f"已确认 {label} 的符合情况：{p.status}。"

    def set_deduction(
        self, amount: float | None = None, reason: str = "", point_id: str | None = None
    ) -> str:
        """/扣分 [分数] [原因]: the officer enters or confirms the deduction of a scored point.

        Without an amount the proposed deduction is confirmed as it stands."""
        report = self._copy()
        waiting = [
            p
            for section in report.sections
            for p in section.points
            if p.deduction is not None and not p.deduction_confirmed
        ]
        if point_id is None and len(waiting) == 1:
            point_id = waiting[0].id  # the proposal just shown, though the cursor moved on
        if point_id is None:
            target = self._target()
            if target is None or not target.startswith("cp:"):
                raise InterviewError(
                    "请先转到要扣分的要点（/转到 要点编号），再输入 /扣分 分数 原因。"
                )
            section = self.bank.section_of(target[3:])
            p = (
                points_by_control(report.section(section).points).get(target[3:])
                if section
                else None
            )
            if p is None:
                raise InterviewError("本要点还没有回答，回答后才能扣分。")
        else:
            _, p = self._find_with_section(report, point_id)
        cp = self.bank.get(p.control_point) if p.control_point else None
        if cp is None or cp.score is None:
            raise InterviewError("这个要点没有分值，不需要扣分。")
        if amount is None:
            if p.deduction is None:
                raise InterviewError("这个要点没有拟定的扣分。请输入 /扣分 分数 原因。")
        else:
            if not 0 <= amount <= cp.score:
                raise InterviewError(
                    f"扣分应在 0 到 {cp.score:g} 分之间（本项分值 {cp.score:g} 分）。"
                )
            if amount > 0 and not reason.strip():
                raise InterviewError("扣分需要写明原因，例如：/扣分 2 档案借阅偶尔未登记。")
            p.deduction, p.deduction_reason = amount, reason.strip() or None
        p.deduction_confirmed = True
        self._persist(report, "deduction", f"pt:{p.id}")
        return f"已确认 {p.control_point} 扣 {p.deduction:g} 分" + (
            f"：{p.deduction_reason}" if p.deduction_reason else "。"
        )

    def weaknesses(self) -> list[WeaknessRow]:
        return weakness_rows(self.report, self.bank)

    def edit_drafted(self, point_id: str, text: str) -> Point:
        text = clean_text(text)
        if not text.strip():
            raise InterviewError("修改后的内容不能为空。")
        report = self._copy()
        p = self._find(report, point_id)
        p.drafted = draft_hand_edit(text)
        p.hand_edited = True
        self._persist(report, "edit", f"pt:{p.id}")
        return self.report.find_point(p.id)[1]

    def edit_opening(self, text: str) -> None:
        """The officer's own opening paragraph; empty text goes back to the generated one.
        Saved through the engine so its copy of the report stays current."""
        report = self._copy()
        report.opening = clean_text(text).strip() or None
        self._persist(report, "edit", "opening")

    def redraft(self, point_id: str) -> Point:
        report = self._copy()
        section, p = self._find_with_section(report, point_id)
        p.hand_edited = False
        if section.key == "rectification" and p.measure:
            before = section.points[: section.points.index(p)]
            first = not any(
                x.source_point == p.source_point and x.text == p.text and x.measure for x in before
            )
            p.drafted = item_paragraph(p.text, p.measure, report.short_name, first)
        else:
            p.drafted = draft_sentence(p.text, report.short_name)
        self._persist(report, "edit", f"pt:{p.id}")
        return self.report.find_point(p.id)[1]

    def accept_suggestion(self, text: str, point_id: str | None = None) -> None:
        """Take an assistant suggestion: for a point a hand edit, else the assessment."""
        if point_id:
            self.edit_drafted(point_id, text)
            return
        report = self._copy()
        report.assessment = draft_hand_edit(text)
        report.assessment_auto = False  # the officer's words: never redrafted
        self._persist(report, "edit", ASM)

    def add_problem(self, point_id: str, text: str) -> Point:
        text = clean_text(text).strip()
        if not text:
            raise InterviewError("问题描述不能为空。")
        report = self._copy()
        section, p = self._find_with_section(report, point_id)
        if text not in p.problems:
            p.problems = [*p.problems, text]
        confirm = None
        if is_area_key(section.key) and p.status in (None, "符合"):
            # A problem named on a 符合 point: propose 基本符合, the officer confirms.
            p.status, p.status_confirmed = "基本符合", False
            p.status_reason = f"因为：补记的问题「{text}」"
            confirm = p.id
        self._persist(report, "edit", f"pt:{p.id}", confirm=confirm)
        return self.report.find_point(p.id)[1]

    def add_own_point(self, section_key: str, text: str, status: str | None = None) -> Accepted:
        text = clean_text(text).strip()
        if not is_area_key(section_key):
            raise InterviewError("自拟要点只能加在逐项检查的部分中（不能加在评价或整改中）。")
        if not text:
            raise InterviewError("自拟要点的内容不能为空。")
        if status is not None and status not in STATUSES:
            raise InterviewError("符合情况只能是：" + "、".join(STATUSES) + "。")
        if len(text) > MAX_TEXT_CHARS:
            raise InterviewError(f"要点太长（{len(text)} 字，上限 {MAX_TEXT_CHARS} 字），请精简。")
        report = self._copy()
        if len(report.section(section_key).points) >= MAX_POINTS_PER_SECTION:
            raise InterviewError(
                f"这一部分已有 {MAX_POINTS_PER_SECTION} 个要点，已到上限；请合并相近的要点。"
            )
        found = analyze(text, CUSTOM_CONTROL)
        problems = found.problems
        point = Point(
            text=text,
            custom=True,
            problems=problems,
            status=status or found.status_guess,
            status_confirmed=status is not None,
            status_reason=None if status else found.status_reason,
            drafted=draft_sentence(text, report.short_name),
        )
        report.section(section_key).points.append(point)
        self._persist(
            report,
            "answer",
            f"pt:{point.id}",
            manual=point.id if status else None,
            confirm=None if status else point.id,
        )
        return Accepted(
            section_key=section_key,
            point_id=point.id,
            control_id=None,
            text=text,
            drafted=point.body,
            status=point.status,
            status_guessed=status is None,
            proposal=None if status else proposal(self.bank, point),
            problems=problems,
            next=self._prompt,
        )

    def drop_point(self, section_key: str, point_id: str) -> Prompt | None:
        report = self._copy()
        section = report.section(section_key)
        p = next((x for x in section.points if x.id == point_id), None)
        if p is None:
            raise InterviewError("找不到这个要点。")
        if p.custom and p.carried is None:
            section.points.remove(p)
        else:
            p.skipped = True
        self._persist(report, "drop", f"pt:{point_id}", clear_target=f"pt:{point_id}")
        return self._prompt

    def move_point(self, section_key: str, point_id: str, delta: int) -> list[Point]:
        report = self._copy()
        points = report.section(section_key).points
        idx = next((i for i, x in enumerate(points) if x.id == point_id), None)
        if idx is None:
            raise InterviewError("找不到这个要点。")
        new = max(0, min(len(points) - 1, idx + delta))
        if new != idx:
            points.insert(new, points.pop(idx))
            self._persist(report, "reorder", f"pt:{point_id}")
        return list(self.report.section(section_key).points)

    def mark_section_done(self, section_key: str, done: bool = True) -> Prompt | None:
        target = self._target()
        pending = self.state.pending(target)
        if (
            done
            and target
            and pending
            and pending.parts
            and self._section_of(target) == section_key
        ):
            # An answer still being followed up is recorded, not dropped with the section:
            # a weakness typed there must reach the rectification stage.
            self.accept_as_is()
        report = self._copy()
        try:
            report.section(section_key).done = done
        except KeyError as exc:
            raise InterviewError("没有这个部分。") from exc
        self._persist(report, "section_done" if done else "section_open", section_key)
        return self._prompt

    def propose_rectification(self) -> list[Point]:
        """Bring the rectification items in line with the weak points; the items added."""
        before = {p.id for p in self.report.section("rectification").points}
        report = self._copy()
        if reconcile(report, self.bank):
            self._persist(report, "propose", "rectification")
        return [p for p in self.report.section("rectification").points if p.id not in before]

    def add_rectification(self, problem: str) -> Point:
        problem = clean_text(problem).strip()
        if not problem:
            raise InterviewError("整改问题不能为空。")
        report = self._copy()
        item = Point(text=draft_sentence(problem, report.short_name).rstrip("。"))
        report.section("rectification").points.append(item)
        self._persist(report, "propose", "rectification")
        return item

    def draft_assessment(self) -> str:
        return draft_assessment(self.report)

    def coverage(self) -> Coverage:
        return compute_coverage(self.report, self.bank)

    def progress(self) -> Progress:
        return compute_progress(self.report, self.bank)

    def save_unsent(self, text: str) -> None:
        self.state.set_unsent(clean_text(text))

    def unsent(self) -> str:
        return self.state.unsent()

    # --- internals -------------------------------------------------------------------
    def _copy(self) -> Report:
        return self.report.model_copy(deep=True)

    def _find_with_section(self, report: Report, point_id: str) -> tuple[Section, Point]:
        try:
            return report.find_point(point_id)
        except KeyError as exc:
            raise InterviewError("找不到这个要点，可能已被删除。") from exc

    def _find(self, report: Report, point_id: str) -> Point:
        return self._find_with_section(report, point_id)[1]

    def _persist(
        self,
        report: Report,
        action: str,
        detail: str,
        *,
        clear_target: str | None = None,
        manual: str | None = None,
        confirm: str | None = None,
        confirmed: str | None = None,
    ) -> None:
        """Save report and the engine state it moves, in one transaction.

        confirm: a point whose proposed status now waits for the officer; confirmed: a point
        whose status the officer just took or set (it no longer waits).
        """
        if report.assessment_auto:
            # zicha's own paragraph follows the statuses; a hand-written one is never replaced.
            report.assessment = draft_assessment(report)
        if report.bank is not None:
            from .scoring import apply_proposals

            apply_proposals(report, self.bank)  # a scored bank: deductions follow the statuses
        try:
            with self.store.transaction():
                saved = self.store.save(report, self.actor, action=action, detail=detail)
                if clear_target is not None:
                    self.state.clear_pending(clear_target)
                    self.state.set_pending_status(None, None)
                    self.state.set_unsent(None)
                    if self.state.cursor() == clear_target:
                        # after a jump, go on from the point jumped to, not the earliest gap
                        self.state.set_cursor(next_open_after(saved, self.bank, clear_target))
                if manual:
                    self.state.add_manual_status(manual)
                if confirm:
                    self.state.set_confirm(confirm)
                elif confirmed and self.state.confirm() == confirmed:
                    self.state.set_confirm(None)
        except ConflictError as exc:
            self.report = self.store.get(self.report_id)
            self.state.reload()  # state writes of the rolled-back transaction left no trace
            self._excerpts.clear()
            self._refresh()
            raise InterviewConflict(
                f"{exc}已重新载入最新内容，本次操作未保存，请核对后重做。"
            ) from exc
        except Exception:
            self.state.reload()  # the transaction rolled back: so did its state revisions
            raise
        self.report = saved
        self._sync()
        self._refresh()

    def _sync(self) -> None:
        """In the rectification stage, its items follow the weak points (idempotent)."""
        areas_done = all(area_complete(self.report, self.bank, k) for k in self.report.area_keys())
        cursor = self.state.cursor() or ""
        in_stage = cursor == RECT_NONE or (
            cursor.startswith("pt:")
            and any(p.id == cursor[3:] for p in self.report.section("rectification").points)
        )
        if not ((areas_done and self.report.assessment) or in_stage):
            return
        report = self._copy()
        if reconcile(report, self.bank):
            if report.assessment_auto:
                report.assessment = draft_assessment(report)
            with self.store.transaction():
                self.report = self.store.save(
                    report, self.actor, action="propose", detail="rectification"
                )

    def _target(self) -> str | None:
        cursor = self.state.cursor()
        if cursor == RECT_NONE and any_weakness(self.report):
            cursor = None  # 「没有形成需要整改的问题」 is never asked while a weakness exists
        if cursor and valid(self.report, self.bank, cursor):
            return cursor
        return natural_target(self.report, self.bank)

    def _require_target(self) -> str:
        target = self._target()
        if target is None:
            raise InterviewError("访谈已全部完成。可用 /转到 回到某个要点修改，或导出报告。")
        return target

    def _section_of(self, target: str) -> str | None:
        if target.startswith("cp:"):
            return self.bank.section_of(target[3:])
        if target.startswith("pt:"):
            try:
                return self.report.find_point(target[3:])[0].key
            except KeyError:
                return None
        return None

    def _control_id(self, target: str) -> str:
        return control_for(self.report, self.bank, target)[0].id

    def _titles(self, prompt: Prompt | None) -> list[str]:
        return [e.title for e in (prompt.excerpts if prompt else []) if e.title]

    def _fetch(self, target: str, query: str) -> tuple[list[Excerpt], str | None]:
        if target not in self._excerpts:
            self._excerpts[target] = fetch_excerpts(self.retriever, query, self.excerpts_k)
        return self._excerpts[target]

    def _refresh(self) -> Prompt | None:
        target = self._target()
        self._prompt = (
            None
            if target is None
            else build_prompt(self.report, self.bank, target, self.state, self._fetch)
        )
        return self._prompt


__all__ = ["InterviewConflict", "InterviewEngine", "InterviewError", "Suggestion"]
