"""A point answered again: the 整改 items already answered follow its new problems.

Before, an item with a measure kept the problem of the first answer for good: the 整改 list, the
report paragraph 「针对……的问题」 and the ledger's 问题 column went on naming a problem the
officer had since corrected. Now the derived problem follows; what the officer wrote by hand in
the item is kept, with a notice that the answer changed.
"""

from __future__ import annotations

from pathlib import Path

from exports.ledger_xlsx import read_ledger, write_ledger

OLD = "档案借阅偶尔未登记"
NEW = "档案室钥匙由一人保管"
MEASURE = "建立档案借阅登记制度，由办公室负责，2027年6月30日前完成"


def _answer(engine, text: str):
    result = engine.answer(text)
    if result.kind == "followup":
        result = engine.accept_as_is()
    if engine.awaiting() is not None:
        engine.confirm_status()
    return result


def _through_rectification(engine) -> None:
    """Answer every point (BUS-09 with a weakness), the assessment, then each item's measure."""
    while (p := engine.current()) is not None and p.kind == "point":
        _answer(engine, OLD if p.control.id == "BUS-09" else p.control.example)
    engine.accept_as_is()
    while (p := engine.current()) is not None and p.kind == "rectification":
        engine.answer(MEASURE)


def _items(engine) -> list:
    return engine.report.section("rectification").points


def _reanswer(engine, text: str):
    engine.goto("business", "BUS-09")
    assert engine.current().control.id == "BUS-09"
    return _answer(engine, text)


def test_answered_item_takes_the_new_problem(engine, tmp_path: Path) -> None:
    _through_rectification(engine)
    [item] = _items(engine)
    assert item.text == OLD and item.measure
    result = _reanswer(engine, NEW)
    assert result.notice is None or "改写过" not in result.notice
    [item] = _items(engine)
    assert item.text == NEW
    assert item.drafted.startswith(f"针对{NEW}的问题") and OLD not in item.drafted
    assert item.measure and item.owner == "办公室"  # the officer's measure stays
    rows = read_ledger(write_ledger(engine.report, tmp_path / "台账.xlsx"))
    assert [r.problem for r in rows] == [NEW]


def test_an_item_edited_by_hand_is_kept_with_a_notice(engine) -> None:
    _through_rectification(engine)
    [item] = _items(engine)
    mine = f"针对{OLD}的问题，我局将制定档案借阅登记办法。"
    engine.edit_drafted(item.id, mine)
    result = _reanswer(engine, NEW)
    [kept] = [i for i in _items(engine) if i.id == item.id]
    assert kept.text == OLD and kept.drafted == mine
    assert result.notice is not None and "本题的回答改了" in result.notice
    assert NEW in result.notice and "未自动更改" in result.notice


def test_a_problem_no_longer_named_keeps_the_item_and_says_so(engine) -> None:
    _through_rectification(engine)
    [item] = _items(engine)
    result = _reanswer(engine, "档案借阅按《档案管理办法》逐笔登记，每月由办公室检查登记簿并签字")
    assert not engine.report.find_point(item.source_point)[1].weak
    assert [i.id for i in _items(engine) if i.id == item.id] == [item.id]
    assert result.notice is not None and "不再提到" in result.notice, result.notice


def test_an_answers_file_item_follows_without_a_notice(store, bank, tmp_path: Path) -> None:
    """An item from an answers file holds its measure as text; its 问题 is read from the answer
    it is linked to, so it follows by itself and is no 'item the officer rewrote'."""
    from iv_helpers import FakeRetriever

    from interview.engine import InterviewEngine
    from report.answers import load_answers

    examples = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"
    rid = store.create(load_answers(examples).new_report()).id
    engine = InterviewEngine(store, rid, bank=bank, retriever=FakeRetriever())
    engine.start()
    [answer] = [p for p in engine.report.section("business").points if p.control_point == "BUS-09"]
    [item] = [i for i in _items(engine) if i.source_point == answer.id]
    assert item.text == item.measure  # the answers-file shape
    result = _reanswer(engine, NEW)
    assert result.notice is None or "改写过" not in result.notice, result.notice
    rows = read_ledger(write_ledger(engine.report, tmp_path / "台账.xlsx"))
    [row] = [r for r in rows if r.item_id == item.id]
    assert NEW in row.problem
