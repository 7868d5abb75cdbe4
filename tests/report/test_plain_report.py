"""report/plain.py and report/export_access.py against report.models and ReportStore: the
export's read without pydantic (issue 16) must see exactly what the validating read sees."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from plain_corpus import varied_reports

from exports.assemble import assemble
from exports.options import ExportOptions, attachment_names
from exports.preflight import preflight
from report import models, plain
from report.export_access import ExportAccess
from report.store import ReportStore

PAIRS = [
    (models.Report, plain.PlainReport),
    (models.Section, plain.PlainSection),
    (models.Point, plain.PlainPoint),
    (models.PriorItem, plain.PlainPriorItem),
    (models.Attachment, plain.PlainAttachment),
    (models.CarriedPoint, plain.PlainCarriedPoint),
    (models.BankRef, plain.PlainBankRef),
    (models.BankSection, plain.PlainBankSection),
    (models.Predecessor, plain.PlainPredecessor),
]
# Defaults made fresh for each new object (an id, today): a stored report always has them.
FACTORY_DEFAULTS = {
    ("Point", "id"),
    ("PriorItem", "id"),
    ("Report", "date"),
    ("Report", "sections"),
}


@pytest.mark.parametrize(("model", "plain_cls"), PAIRS, ids=lambda c: c.__name__)
def test_same_fields_with_the_same_defaults(model, plain_cls):
    assert set(model.model_fields) == set(plain_cls._fields)
    defaults = plain_cls._field_defaults
    for name, info in model.model_fields.items():
        if (model.__name__, name) in FACTORY_DEFAULTS:
            continue
        if info.is_required():
            assert name not in defaults, (model, name)
            continue
        want = info.get_default(call_default_factory=True)
        got = defaults[name]
        assert (list(got) if isinstance(want, list) else got) == want, (model, name)


def _as_data(value):
    """A plain report's value as model_dump() gives it: named tuples as dicts, lists as lists."""
    if hasattr(value, "_asdict"):
        return {k: _as_data(v) for k, v in value._asdict().items()}
    if isinstance(value, list | tuple):
        return [_as_data(v) for v in value]
    return value


@pytest.fixture
def stored(tmp_path: Path):
    home = tmp_path / "home"
    reports = []
    with ReportStore.open(home) as store:
        for r in varied_reports():
            rid = store.create(r.model_copy(update={"status": "draft"})).id or 0
            if r.status != "draft":  # a report reaches these through review: set them here
                store.conn.execute(
                    "UPDATE reports SET status = ?, body = json_set(body, '$.status', ?)"
                    " WHERE id = ?",
                    (r.status, r.status, rid),
                )
                store.conn.commit()
            reports.append(store.get(rid))
    return home, reports


def _plain(home: Path, report_id: int) -> plain.PlainReport:
    access = ExportAccess.open(home)
    assert access is not None
    with access:
        return access.get_plain(report_id)


def test_derived_text_is_the_same(stored):
    home, reports = stored
    for r in reports:
        p = _plain(home, r.id or 0)
        assert (p.id, p.revision, p.created_at, p.updated_at) == (
            r.id,
            r.revision,
            r.created_at,
            r.updated_at,
        )
        assert p.display_title() == r.display_title()
        assert p.display_opening() == r.display_opening()
        assert p.date_text() == r.date_text()
        assert p.area_keys() == r.area_keys() and p.own_titles() == r.own_titles()
        for s, ps in zip(r.sections, p.sections, strict=True):
            assert (ps.key, ps.title, ps.done) == (s.key, s.title, s.done)
            assert p.section_title(s.key) == r.section_title(s.key)
            assert [q.id for q in ps.included_points()] == [q.id for q in s.included_points()]
            for q, pq in zip(s.points, ps.points, strict=True):
                assert (pq.body, pq.shown_status, pq.weak) == (q.body, q.shown_status, q.weak)
                assert _as_data(pq) == q.model_dump()


def test_the_export_reads_the_same_document(stored):
    home, reports = stored
    today = dt.date(2026, 12, 1)
    for r in reports:
        p = _plain(home, r.id or 0)
        for numbering in ("runin", "headings"):
            for where in ("before", "after"):
                assert assemble(p, numbering, where) == assemble(r, numbering, where)
        assert ExportOptions.for_report(p) == ExportOptions.for_report(r)
        assert attachment_names(p) == attachment_names(r)
        assert preflight(p, today) == preflight(r, today)


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(colour="红"),  # a key the model does not know
        lambda d: d["sections"].reverse(),
        lambda d: d.update(year="2026"),
        lambda d: d["sections"][0]["points"].append({"id": "x", "text": " 空格 "}),
        lambda d: d["sections"][0]["points"].append({"id": "x", "text": "好", "status": "优秀"}),
        lambda d: d.update(date="2026-13-01"),
        lambda d: d.update(unit=""),
    ],
)
def test_an_unusual_body_is_left_to_the_validating_path(change):
    report = varied_reports(2)[1]
    data = json.loads(report.model_dump_json())
    plain.plain_report(json.loads(report.model_dump_json()))  # as stored: reads plain
    change(data)
    with pytest.raises(plain.NotPlain):
        plain.plain_report(data)


def test_access_reads_the_approval_as_the_store_does(tmp_path: Path):
    home = tmp_path / "home"
    with ReportStore.open(home) as store:
        rid = store.create(varied_reports(2)[1].model_copy(update={"status": "draft"})).id or 0
        # An approval as review leaves it (set directly: the workflow is tested elsewhere).
        store.conn.execute(
            "INSERT INTO reviews (report_id, edition, approved_by, approved_at) VALUES (?, 1, ?, ?)",
            (rid, "王科长", "2026-11-30T10:00:00+08:00"),
        )
        store.conn.execute("UPDATE reports SET status = 'approved' WHERE id = ?", (rid,))
        store.conn.commit()
        want = store.approval(rid)
    access = ExportAccess.open(home)
    assert access is not None and want is not None
    with access:
        got = access.approval(rid)
    assert got is not None
    assert (got.approved_by, got.approved_at) == (want.approved_by, want.approved_at)


def test_access_logs_an_event_the_audit_check_accepts(tmp_path: Path):
    home = tmp_path / "home"
    with ReportStore.open(home) as store:
        rid = store.create(varied_reports(1)[0]).id or 0  # no evidence files to look for
        assert store.approval(rid) is None
    access = ExportAccess.open(home)
    assert access is not None
    with access:
        assert access.approval(rid) is None and access.has_users() is False
        access.record("export", rid, {"path": "x.docx"}, actor="本机用户", detail="docx x.docx")
        head = access.audit_head_label()
    with ReportStore.open(home) as store:
        assert store.audit_head_label() == head
        last = store.audit_log(rid)[-1]
        assert (last.action, last.actor, last.detail) == ("export", "本机用户", "docx x.docx")
        assert store.verify_audit().ok
    assert json.loads((home / "audit_anchor.json").read_text())["rows"] == last.id


def test_a_missing_report_says_so_in_chinese(tmp_path: Path):
    ReportStore.open(tmp_path / "home").close()
    access = ExportAccess.open(tmp_path / "home")
    assert access is not None
    with access, pytest.raises(Exception, match="找不到编号为 7 的报告"):
        access.get_plain(7)
