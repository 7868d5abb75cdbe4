"""The report store's backends: `zicha db check`, `zicha db copy` between SQLite and
PostgreSQL (verified on arrival), Chinese connection messages, and the refusal of a SQLite
data home on a network filesystem."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner
from review_helpers import PASSWORDS, add_team, new_report

from report import comments, netfs, workflow
from report.db import MIGRATIONS
from report.db_postgres import PG_MIGRATIONS, explain
from report.store import ReportStore
from tui.cli import main


def zicha(*args: str, user: str | None = None):
    env = {"ZICHA_USER": user, "ZICHA_PASSWORD": PASSWORDS[user]} if user else {}
    return CliRunner().invoke(main, list(args), env=env)


def test_both_backends_have_the_same_schema_versions() -> None:
    assert len(PG_MIGRATIONS) == len(MIGRATIONS)


def test_db_check_names_backend_place_and_version(home: Path, backend: str) -> None:
    ReportStore.open(home).close()
    result = zicha("db", "check")
    assert result.exit_code == 0, result.output
    assert ("PostgreSQL" if backend == "postgresql" else "SQLite") in result.output
    assert f"结构版本：{len(MIGRATIONS)}（本程序：{len(MIGRATIONS)}）" in result.output
    assert "连接：正常" in result.output


def _filled_sqlite_home(home: Path) -> None:
    with ReportStore.open(home) as store:
        add_team(store)
        r = new_report(store)
        workflow.submit(store, r.id, "zhang")
        comments.add_comment(store, r.id, "li", "请补充制度名称。")
        new_report(store)


def test_copy_to_postgresql_and_back_to_a_sqlite_archive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pg_url: str
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("ZICHA_HOME", str(home))
    monkeypatch.delenv("ZICHA_DB", raising=False)
    _filled_sqlite_home(home)

    out = zicha("db", "copy", "--to", pg_url, user="admin")
    assert out.exit_code == 0, out.output
    assert "reports：2 → 2  一致" in out.output and "audit：" in out.output
    assert "目标上的审计日志：共" in out.output and "校验通过" in out.output
    assert "复制完成，核对无误。" in out.output

    # The shared database is now the store: same reports, audit verify passes there.
    listed = zicha("--db", pg_url, "report", "list", user="zhang")
    assert listed.exit_code == 0 and listed.output.count("某县社会保险事业局") == 2
    assert zicha("--db", pg_url, "audit", "verify", user="admin").exit_code == 0
    # New rows get new ids after the copied ones.
    with ReportStore.open(home, pg_url) as store:
        assert new_report(store).id == 3

    again = zicha("db", "copy", "--to", pg_url, user="admin")
    assert again.exit_code == 1 and "不是空的" in again.output

    archive = tmp_path / "归档" / "zicha-2026.db"
    back = zicha("--db", pg_url, "db", "copy", "--to", str(archive), user="admin")
    assert back.exit_code == 0, back.output
    assert "reports：3 → 3  一致" in back.output
    conn = sqlite3.connect(archive)
    assert conn.execute("SELECT count(*) FROM reports").fetchone()[0] == 3
    conn.close()


def test_copy_needs_an_admin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("ZICHA_HOME", str(home))
    monkeypatch.delenv("ZICHA_DB", raising=False)
    _filled_sqlite_home(home)
    out = zicha("db", "copy", "--to", str(tmp_path / "copy.db"), user="zhang")
    assert out.exit_code == 1 and "管理员" in out.output
    assert not (tmp_path / "copy.db").exists()


def test_unreachable_server_is_one_chinese_sentence_without_the_password(
    home: Path, backend: str
) -> None:
    url = "postgresql://zicha:s3cret-pw@127.0.0.1:1/zicha"
    out = zicha("--db", url, "db", "check")
    assert out.exit_code == 1
    assert "连不上数据库服务器" in out.output and "s3cret-pw" not in out.output
    assert "zicha:***@127.0.0.1:1/zicha" in out.output
    # Nothing is known about the tables of a server it cannot reach: no word on the schema.
    assert "结构版本" not in out.output and "尚未建表" not in out.output, out.output
    assert "连接：无法连接。" in out.output
    listed = zicha("--db", url, "report", "list")
    assert listed.exit_code == 1 and "连不上" in listed.output and "s3cret-pw" not in listed.output


def test_missing_database_role_and_privileges_are_named(pg_server, pg_url: str) -> None:
    import psycopg
    from sqlalchemy.engine import make_url

    admin = make_url(pg_server.url)
    base = f"postgresql://{admin.host}:{admin.port}"
    out = zicha("--db", f"{base}/no_such_db?user=postgres", "db", "check")
    assert out.exit_code == 1 and "没有" in out.output and "数据库" in out.output

    out = zicha("--db", f"{base}/postgres?user=nobody_here", "db", "check")
    assert out.exit_code == 1 and "用户（角色）" in out.output

    schema = pg_url.rsplit("%3D", 1)[1]
    with psycopg.connect(pg_server.url, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS zicha_ro")
        conn.execute("CREATE ROLE zicha_ro LOGIN")
        conn.execute(f"GRANT USAGE ON SCHEMA {schema} TO zicha_ro")
    try:
        ro = f"{base}/postgres?user=zicha_ro&options=-csearch_path%3D{schema}"
        out = zicha("--db", ro, "db", "check")
        assert out.exit_code == 1 and "建表的权限" in out.output, out.output
    finally:
        with psycopg.connect(pg_server.url, autocommit=True) as conn:
            conn.execute(f"REVOKE ALL ON SCHEMA {schema} FROM zicha_ro")
            conn.execute("DROP ROLE zicha_ro")


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        (
            'connection failed: FATAL:  password authentication failed for user "zicha"',
            "用户名或密码不正确",
        ),
        (
            'FATAL:  pg_hba.conf rejects connection for host "10.0.0.5", user "zicha", '
            'database "zicha", no encryption',
            "要求加密连接",
        ),
        ("server does not support SSL, but SSL was required", "没有开启 TLS"),
        ("permission denied for table reports", "权限"),
    ],
)
def test_libpq_messages_become_chinese(message: str, expected: str) -> None:
    """Password and TLS refusals need a server configured for them; libpq's wording is fixed."""
    text = explain(Exception(message), "postgresql://zicha:***@db/zicha")
    assert expected in text


# --- SQLite on a shared folder ----------------------------------------------------------------
MOUNTS = (
    "/dev/sda1 / ext4 rw 0 0\n"
    "server:/export/office /mnt/office nfs4 rw 0 0\n"
    "//nas/share /mnt/nas cifs rw 0 0\n"
    "sshfs#me@host: /mnt/remote fuse.sshfs rw 0 0\n"
    "fuse-overlayfs /var/lib/containers fuse.fuse-overlayfs rw 0 0\n"
    "/dev/sdb1 /mnt/office/local ext4 rw 0 0\n"
)


@pytest.mark.parametrize(
    ("path", "network"),
    [
        ("/mnt/office/zicha", True),
        ("/mnt/nas/科室/zicha", True),
        ("/mnt/remote/zicha", True),
        ("/mnt/office/local/zicha", False),  # a local disk mounted inside the share
        ("/home/me/.local/share/zicha", False),
        ("/var/lib/containers/x", False),
        ("/mnt/officer", False),  # a prefix of a mount point is not inside it
    ],
)
def test_network_mounts_are_recognised(path: str, network: bool) -> None:
    assert netfs.is_network_type(netfs.filesystem_of(Path(path), MOUNTS)) is network


@pytest.mark.sqlite_only("the SQLite file's own folder")
def test_sqlite_home_on_a_network_filesystem_is_refused_unless_allowed(
    home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(netfs, "network_kind", lambda folder: "nfs4")
    out = zicha("report", "list")
    assert out.exit_code == 1
    assert "网络文件系统（nfs4）" in out.output and "PostgreSQL" in out.output
    assert not (home / "zicha.db").exists()
    monkeypatch.setenv(netfs.ALLOW_ENV, "1")
    assert zicha("report", "list").exit_code == 0
    monkeypatch.delenv(netfs.ALLOW_ENV)
    home.mkdir(exist_ok=True)  # `report list` only looks: it creates no data home
    (home / "config.toml").write_text(
        "[database]\nallow_network_filesystem = true\n", encoding="utf-8"
    )
    assert zicha("report", "list").exit_code == 0


def test_a_writer_that_waits_too_long_is_told_in_chinese_and_writes_nothing(
    home: Path, backend: str, monkeypatch: pytest.MonkeyPatch, blank_report
) -> None:
    """Another writer holds the store: after the wait, a Chinese refusal and nothing written."""
    from report import db, db_postgres
    from report.errors import StoreBusyError

    monkeypatch.setattr(db, "BUSY_TIMEOUT_MS", 200)
    monkeypatch.setattr(db_postgres, "LOCK_WAIT_S", 1)
    with ReportStore.open(home) as store:
        report = store.create(blank_report)
    store = ReportStore.open(home)
    holder = ReportStore.open(home)
    holder.conn.begin_write()  # as a long transaction on another PC would
    try:
        report.addressee = "省社会保险事业管理局"
        with pytest.raises(StoreBusyError, match="报告库正忙.*未写入"):
            store.save(report)
    finally:
        holder.conn.rollback()
        holder.close()
        store.close()
    with ReportStore.open(home) as store:
        assert store.get(report.id or 0).revision == 1
        assert len(store.audit_log()) == 1


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://zicha:Pw%40secret1@127.0.0.1:notaport/zicha",
        "postgresql://zicha@127.0.0.1:1/zicha?password=Pw%40secret1",
        "postgresql://zicha:Pw%40secret1@[bad/zicha",
    ],
)
def test_password_never_in_messages_even_for_a_malformed_url(
    home: Path, backend: str, url: str
) -> None:
    for args in (["db", "check"], ["report", "list"], ["doctor"]):
        out = zicha("--db", url, *args)
        assert out.exit_code == 1, out.output
        assert "secret1" not in out.output and "Pw@" not in out.output, out.output
    crash_logs = list(home.rglob("*.log")) if home.exists() else []
    assert all("secret1" not in p.read_text(errors="replace") for p in crash_logs)


def _drop_connection(pg_server, store: ReportStore) -> None:
    """The server ends this store's session, as a restart or a network cut would."""
    import psycopg

    pid = store.conn.execute("SELECT pg_backend_pid()").fetchone()[0]
    with psycopg.connect(pg_server.url, autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))


def test_a_dropped_idle_connection_is_replaced(
    tmp_path: Path, pg_server, pg_url: str, blank_report
) -> None:
    with ReportStore.open(tmp_path, pg_url) as store:
        created = store.create(blank_report)
        _drop_connection(pg_server, store)
        assert store.get(created.id or 0).unit == blank_report.unit  # reconnected, read again
        _drop_connection(pg_server, store)
        created.addressee = "省社会保险事业管理局"
        saved = store.save(created)  # BEGIN on a fresh connection
        assert saved.revision == 2
        assert store.verify_audit().ok


def test_a_connection_lost_inside_a_write_commits_nothing_and_says_so(
    tmp_path: Path, pg_server, pg_url: str, blank_report, monkeypatch: pytest.MonkeyPatch
) -> None:
    from report import audit
    from report.db_postgres import DatabaseUnavailable

    with ReportStore.open(tmp_path, pg_url) as store:
        created = store.create(blank_report)
        real = audit.append_event

        def cut_then_append(conn, **kw):  # noqa: ANN001, ANN202
            _drop_connection(pg_server, store)
            return real(conn, **kw)

        monkeypatch.setattr(audit, "append_event", cut_then_append)
        created.addressee = "省社会保险事业管理局"
        with pytest.raises(DatabaseUnavailable, match="连接在保存时中断，本次未写入"):
            store.save(created)
        monkeypatch.setattr(audit, "append_event", real)
        again = store.get(created.id or 0)
        assert again.revision == 1 and again.addressee == blank_report.addressee
        assert len(store.audit_log()) == 1


def _zicha_tables(backend: str, home: Path) -> set[str]:
    """The tables in the store's place: zicha.db, or the test's PostgreSQL schema."""
    if backend == "sqlite":
        db = home / "zicha.db"
        if not db.exists():
            return set()
        conn = sqlite3.connect(db)
        try:
            return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        finally:
            conn.close()
    import os

    import psycopg

    with psycopg.connect(os.environ["ZICHA_DB"], autocommit=True) as conn:
        rows = conn.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()"
        ).fetchall()
    return {r[0] for r in rows}


# Commands that only look: on a database with no zicha data they create nothing.
LOOKING = [
    (("report", "list"), 0, "还没有报告"),
    (("report", "show", "1"), 1, "找不到编号为 1 的报告"),
    (("review", "list"), 0, "还没有报告"),
    (("user", "list"), 0, "还没有用户"),
    (("audit", "log"), 0, "审计日志中没有记录"),
    (("score", "show", "1"), 1, "找不到编号为 1 的报告"),
    (("evidence", "list", "1"), 1, "找不到编号为 1 的报告"),
]


@pytest.mark.parametrize(
    ("args", "code", "said"), LOOKING, ids=[" ".join(a) for a, _, _ in LOOKING]
)
def test_looking_at_an_empty_database_creates_no_tables(
    home: Path, backend: str, args: tuple[str, ...], code: int, said: str
) -> None:
    out = zicha(*args)
    assert out.exit_code == code, out.output
    assert said in out.output
    if backend == "postgresql":
        # Said once, in Chinese, with what to do; no traceback, no English.
        assert out.output.count("还没有 zicha 的数据") == 1
        assert "zicha report new" in out.output and "Traceback" not in out.output
    assert _zicha_tables(backend, home) == set()


def test_looking_at_a_filled_database_writes_nothing(home: Path, backend: str) -> None:
    with ReportStore.open(home) as store:
        new_report(store)
    before = _zicha_tables(backend, home)
    with ReportStore.open(home, readonly=True) as store:
        assert [r.id for r in store.list()] == [1]
        with pytest.raises(Exception):  # noqa: B017 - the backend's own read-only refusal
            with store.transaction() as conn:
                conn.execute("DELETE FROM reports")
    with ReportStore.open(home) as store:
        assert [r.id for r in store.list()] == [1]
    assert _zicha_tables(backend, home) == before
