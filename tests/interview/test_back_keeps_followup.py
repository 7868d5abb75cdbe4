"""/返回 to an earlier question keeps the later question's unfinished follow-up (issue 11):
answering the earlier one again must not drop the parts already given for the later one."""

from __future__ import annotations

from interview.engine import InterviewEngine
from interview.models import FollowUp


def test_going_back_and_answering_keeps_the_later_follow_up(store, report_id, bank):
    engine = InterviewEngine(store, report_id, bank=bank)
    first = engine.start()
    assert first is not None
    first_cp = bank.control(first.target[3:])
    engine.answer(first_cp.example)
    while engine.awaiting() is not None:
        engine.confirm_status()
    second = engine.current()
    assert second is not None and second.target != first.target
    vague = "都有制度的"
    asked = engine.answer(vague)
    assert isinstance(asked, FollowUp)

    back = engine.back()  # /返回
    assert back is not None and back.target == first.target
    engine.answer(first_cp.example + "，每年修订一次")  # the earlier answer, changed
    while engine.awaiting() is not None:
        engine.confirm_status()

    again = engine.current()
    assert again is not None and again.target == second.target
    # The vague part is still there: the officer is asked to go on, not to start over.
    fresh = InterviewEngine(store, report_id, bank=bank)  # also after a restart
    assert fresh.state.pending(second.target) is not None
    assert vague in fresh.state.pending(second.target).parts
    second_cp = bank.control(second.target[3:])
    done = engine.answer(second_cp.example)
    while isinstance(done, FollowUp):
        done = engine.accept_as_is()
    point = next(
        p
        for s in store.get(report_id).sections
        for p in s.points
        if p.control_point == second_cp.id
    )
    assert "都有制度" in point.text, point.text
