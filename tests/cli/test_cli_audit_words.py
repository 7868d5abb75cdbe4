"""`zicha audit log` names control points and paragraphs in words; --raw keeps the ids."""

from click.testing import CliRunner

from interview.bank import load_bank
from interview.engine import InterviewEngine
from report.store import ReportStore
from tui.cli import main


def test_audit_log_details_in_words_and_raw(home, blank_report):
    bank = load_bank()
    with ReportStore.open(home) as store:
        rid = store.create(blank_report).id
        engine = InterviewEngine(store, rid, bank=bank, retriever=None)
        first = engine.current()
        result = engine.answer(first.control.example)
        assert result.kind == "accepted"
        second = engine.current()
        engine.skip()
        point = store.get(rid).section("organization").points[0]
        engine.redraft(point.id)

    words = CliRunner().invoke(main, ["audit", "log", str(rid)]).output
    assert f"控制点 {second.control.id}「{second.control.title}」" in words
    assert f"组织机构控制·{first.control.title}：「{point.body[:16]}" in words
    for raw_id in ("cp:", "pt:", point.id):
        assert raw_id not in words

    raw = CliRunner().invoke(main, ["audit", "log", str(rid), "--raw"]).output
    assert f"cp:{second.control.id}" in raw
    assert f"pt:{point.id}" in raw
