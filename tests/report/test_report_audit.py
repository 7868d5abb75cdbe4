from click.testing import CliRunner
from review_helpers import file_before_migration, raw_connect

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
    conn = raw_connect(store.path)
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


def test_rows_cut_off_the_end_are_caught(store, blank_report):
    _three_events(store, blank_report)
    store.record("export", 1, {"path": "r.docx"})  # a row that changes no report
    _tamper(store, "DELETE FROM audit WHERE id = 4")
    result = store.verify_audit()
    assert not result.ok and result.bad_row == 4
    assert "末尾" in result.reason and "被删除" in result.reason


def test_row_appended_behind_the_programs_back_is_caught(store, blank_report):
    """A forger who links and hashes the new row correctly is still caught by the head."""
    from report.audit import _row_hash

    _three_events(store, blank_report)
    last = store.audit_log()[-1]
    fields = {
        "id": 4,
        "ts": last.ts,
        "actor": "别人",
        "action": "export",
        "report_id": 1,
        "digest": last.digest,
        "detail": "",
    }
    forged = _row_hash(last.hash, fields)
    _tamper(
        store,
        "INSERT INTO audit (id, ts, actor, action, report_id, digest, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        *fields.values(),
        last.hash,
        forged,
    )
    result = store.verify_audit()
    assert not result.ok and result.bad_row == 4
    assert "不是由本程序写入" in result.reason


def test_list_columns_edited_behind_the_programs_back_are_caught(store, blank_report):
    _three_events(store, blank_report)
    _tamper(store, "UPDATE reports SET unit = '某市社会保险事业局'")
    result = store.verify_audit()
    assert not result.ok and "单位、年度或状态" in result.reason


def test_head_is_set_up_for_a_file_made_before_it(tmp_path, blank_report):
    from report.store import ReportStore

    path = tmp_path / "zicha.db"
    file_before_migration(path, blank_report, 3)  # written before the head existed
    with ReportStore(path) as s:  # migrates: the head starts at the current last row
        assert s.verify_audit().ok
        s.record("export", 1, {"path": "r.docx"})
        assert s.verify_audit().ok
