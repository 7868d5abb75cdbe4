import sqlite3

from click.testing import CliRunner

from report.models import Point
from tui.cli import main


def _three_events(store, blank_report):
    r = store.create(blank_report)
    r.section("organization").points.append(Point(text="一"))
    r = store.save(r)
    r.section("organization").points.append(Point(text="二"))
    store.save(r)


def test_every_change_appends_a_chained_event(store, blank_report):
    _three_events(store, blank_report)
    log = store.audit_log()
    assert [e.action for e in log] == ["create", "edit", "edit"]
    assert log[1].prev_hash == log[0].hash
    assert store.verify_audit().ok


def _tamper(store, sql, *args):
    conn = sqlite3.connect(store.path)
    conn.execute(sql, args)
    conn.commit()
    conn.close()


def test_altered_row_is_named(store, blank_report):
    _three_events(store, blank_report)
    _tamper(store, "UPDATE audit SET actor = '别人' WHERE id = 2")
    result = store.verify_audit()
    assert not result.ok and result.bad_row == 2


def test_deleted_row_is_caught(store, blank_report):
    _three_events(store, blank_report)
    _tamper(store, "DELETE FROM audit WHERE id = 2")
    result = store.verify_audit()
    assert not result.ok and result.bad_row == 3


def test_inserted_row_is_caught(store, blank_report):
    _three_events(store, blank_report)
    _tamper(
        store,
        "INSERT INTO audit (id, ts, actor, action, report_id, digest, detail, prev_hash, hash)"
        " SELECT 4, ts, actor, action, report_id, digest, detail, prev_hash, hash FROM audit WHERE id = 3",
    )
    result = store.verify_audit()
    assert not result.ok and result.bad_row == 4


def test_cli_verify_exits_nonzero_and_names_row(home, store, blank_report):
    _three_events(store, blank_report)
    runner = CliRunner()
    ok = runner.invoke(main, ["audit", "verify"])
    assert ok.exit_code == 0 and "共 3 条记录" in ok.output
    _tamper(store, "UPDATE audit SET detail = 'x' WHERE id = 1")
    bad = runner.invoke(main, ["audit", "verify"])
    assert bad.exit_code == 1
    assert "第 1 条" in bad.output
