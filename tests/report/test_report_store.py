import sqlite3

import pytest

from report.db import MIGRATIONS, open_db
from report.errors import ConflictError, NotFoundError, SchemaTooNewError
from report.models import Point
from report.store import ReportStore


@pytest.fixture
def two_sessions(home):
    """Two stores open on the same data home, as two officers' sessions; closed after."""
    first = ReportStore.open(home)
    second = ReportStore.open(home)
    yield first, second
    second.close()
    first.close()


def test_round_trip_keeps_every_field(store, example_report):
    created = store.create(example_report)
    again = store.get(created.id)
    assert again.revision == 1
    assert again.model_dump(
        exclude={"created_by", "created_at", "updated_at", "id", "revision"}
    ) == (
        example_report.model_dump(
            exclude={"created_by", "created_at", "updated_at", "id", "revision"}
        )
    )


@pytest.mark.sqlite_only("the pragmas of the SQLite file")
def test_database_uses_wal_foreign_keys_and_schema_version(store):
    conn = store.conn
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert conn.execute("SELECT max(version) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


def test_save_bumps_revision_and_stale_save_is_refused(store, blank_report):
    first = store.create(blank_report)
    mine = store.get(first.id)
    theirs = store.get(first.id)
    theirs.section("organization").points.append(Point(text="他人的修改"))
    store.save(theirs)
    mine.section("organization").points.append(Point(text="我的修改"))
    with pytest.raises(ConflictError) as info:
        store.save(mine)
    assert "已被他人修改" in str(info.value)
    stored = store.get(first.id)
    assert [p.text for p in stored.section("organization").points] == ["他人的修改"]
    assert stored.revision == 2


def test_missing_report_is_a_clear_error(store):
    with pytest.raises(NotFoundError, match="找不到编号为 42 的报告"):
        store.get(42)


def test_failed_save_changes_nothing_including_audit(store, blank_report):
    created = store.create(blank_report)
    before = len(store.audit_log())
    stale = created.model_copy(update={"revision": 0})
    with pytest.raises(ConflictError):
        store.save(stale)
    assert len(store.audit_log()) == before


def test_newer_schema_is_refused_and_file_untouched(tmp_path):
    path = tmp_path / "zicha.db"
    open_db(path).close()
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO schema_version (version) VALUES (99)")
    conn.commit()
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="更新版本的 zicha"):
        ReportStore(path)
    assert path.read_bytes() == before


def test_not_a_database_gives_chinese_message(tmp_path):
    path = tmp_path / "zicha.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(Exception, match="已损坏或不是 zicha 的数据文件"):
        ReportStore(path)


@pytest.mark.sqlite_only("zicha.db read with sqlite-utils")
def test_rows_are_plain_sqlite_readable_by_sqlite_utils(store, blank_report):
    import sqlite_utils

    created = store.create(blank_report)
    db = sqlite_utils.Database(store.path)
    [row] = db["reports"].rows
    assert (row["id"], row["unit"], row["revision"], row["status"]) == (
        created.id,
        "某县社会保险事业局",
        1,
        "draft",
    )
    assert [r["action"] for r in db["audit"].rows] == ["create"]
    db.close()


def test_list_shows_progress(store, example_report):
    store.create(example_report)
    [summary] = store.list()
    assert summary.points_total == 17
    assert summary.points_answered == 17
    assert summary.status_label == "草稿"


def test_state_is_kept_per_report_and_removed_with_it(store, blank_report):
    r = store.create(blank_report)
    store.set_state(r.id, "unsent", "还没发出的话")
    assert store.get_state(r.id, "unsent") == "还没发出的话"
    store.delete(r.id, expected_revision=r.revision)
    assert store.get_state(r.id, "unsent") is None
    assert store.audit_log()[-1].action == "delete"


def test_changes_survive_reopening(home, blank_report):
    with ReportStore.open(home) as s:
        r = s.create(blank_report)
        r.section("business").points.append(Point(text="已确认的回答"))
        s.save(r)
    with ReportStore.open(home) as s:
        assert s.get(r.id).section("business").points[0].text == "已确认的回答"


def test_stale_state_write_from_a_second_store_is_refused_and_changes_nothing(
    two_sessions, blank_report
):
    first, second = two_sessions
    rid = first.create(blank_report).id
    # a first write names no revision: there was no row
    assert first.set_state(rid, "interview.unsent", "张三的话", expected=None) == 1
    value, seen = second.get_state_entry(rid, "interview.unsent") or ("", 0)
    assert (value, seen) == ("张三的话", 1)
    assert first.set_state(rid, "interview.unsent", "张三又补充", expected=1) == 2
    with pytest.raises(ConflictError) as info:
        second.set_state(rid, "interview.unsent", "李四的话", expected=seen)
    assert "已被他人修改" in str(info.value) and "未保存" in str(info.value)
    assert "请刷新后再试" in str(info.value)
    assert first.get_state_entry(rid, "interview.unsent") == ("张三又补充", 2)
    # nor may a stale writer remove the row, or create one it believed was there
    with pytest.raises(ConflictError):
        second.set_state(rid, "interview.unsent", None, expected=seen)
    with pytest.raises(ConflictError):
        second.set_state(rid, "interview.cursor", "pt:x", expected=3)
    with pytest.raises(ConflictError):
        second.set_state(rid, "interview.unsent", "李四的话", expected=None)
    assert first.state_revisions(rid) == {"interview.unsent": 2}
    assert first.get_state(rid, "interview.unsent") == "张三又补充"


def test_engine_state_of_a_second_session_is_refused_after_the_first_wrote(
    two_sessions, blank_report
):
    from interview.state import EngineState

    first, second = two_sessions
    rid = first.create(blank_report).id
    mine = EngineState(first, rid)
    theirs = EngineState(second, rid)  # started while the key had no row
    mine.set_unsent("张三的话")
    with pytest.raises(ConflictError):
        theirs.set_unsent("李四的话")
    assert first.get_state(rid, "interview.unsent") == "张三的话"
    # after the refusal the session starts again from what is stored
    theirs.set_unsent("李四核对后重写")
    with pytest.raises(ConflictError):
        mine.set_unsent("张三的旧稿")
    assert second.get_state(rid, "interview.unsent") == "李四核对后重写"


def test_a_stale_editor_is_refused_after_the_key_was_removed_and_written_again(
    two_sessions, blank_report
):
    from interview.state import EngineState

    first, second = two_sessions
    rid = first.create(blank_report).id
    mine = EngineState(first, rid)
    mine.set_unsent("张三的旧稿")
    mine.set_unsent("张三的旧稿，又改了一句")
    stale = EngineState(second, rid)  # read the key at its second revision
    assert stale.unsent() == "张三的旧稿，又改了一句"
    mine.set_unsent(None)  # sent: the row is removed
    mine.set_unsent("张三的新稿")
    mine.set_unsent("张三的新稿，更新的一句")  # as many writes as before the removal
    with pytest.raises(ConflictError):
        stale.set_unsent("过时的编辑")
    assert first.get_state(rid, "interview.unsent") == "张三的新稿，更新的一句"


def test_a_stale_editor_of_a_deleted_report_cannot_write_into_its_successor(
    two_sessions, blank_report
):
    from interview.state import EngineState

    first, second = two_sessions
    old = first.create(blank_report)
    mine = EngineState(first, old.id)
    mine.set_unsent("旧报告的话")
    mine.set_unsent("旧报告的话，改过")
    stale = EngineState(second, old.id)
    stale.unsent()
    first.delete(old.id, expected_revision=old.revision)
    new = first.create(blank_report)  # SQLite may give it the same id
    fresh = EngineState(first, new.id)
    fresh.set_unsent("新报告的话")
    fresh.set_unsent("新报告的话，改过")
    if new.id == old.id:
        with pytest.raises(ConflictError):
            stale.set_unsent("旧报告的过时编辑")
    assert first.get_state(new.id, "interview.unsent") == "新报告的话，改过"
    revisions = [
        first.set_state(new.id, f"k{i}", "x", expected=None) for i in range(3)
    ]  # one counter for every key: never handed out twice
    assert len(set(revisions)) == 3 and min(revisions) > 2


@pytest.mark.sqlite_only("rewinds the SQLite file to schema version 7 by hand")
def test_upgrading_a_version_7_store_starts_the_counter_above_its_revisions(home, blank_report):
    import sqlite3

    with ReportStore.open(home) as s:
        rid = s.create(blank_report).id
        rev = None
        for text in ("一", "二", "三"):
            rev = s.set_state(rid, "interview.unsent", text, expected=rev)
    raw = sqlite3.connect(home / "zicha.db")
    raw.execute("DROP TABLE state_revision")
    raw.execute("DELETE FROM schema_version WHERE version = 8")
    raw.commit()
    raw.close()
    with ReportStore.open(home) as s:
        assert s.set_state(rid, "interview.cursor", "pt:x", expected=None) == 4
