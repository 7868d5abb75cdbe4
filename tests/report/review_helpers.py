"""Shared set-up for the review tests: a store with three users and a report by the officer."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from county_report import county_report

from report import users
from report.models import Point, Report
from report.store import ReportStore

PASSWORDS = {
    "admin": "admin-pass-1",
    "zhang": "zhang-pass-1",
    "li": "li-pass-123",
    "wang": "wang-pass-1",
}
TABLES = ("reports", "audit", "comments", "reviews", "snapshots", "users", "report_state")


def add_team(store: ReportStore) -> None:
    """admin (first user), zhang officer, li and wang supervisors."""
    users.add_user(store.conn, "admin", "admin", PASSWORDS["admin"], "本机用户")
    users.add_user(store.conn, "zhang", "officer", PASSWORDS["zhang"], "admin")
    users.add_user(store.conn, "li", "supervisor", PASSWORDS["li"], "admin")
    users.add_user(store.conn, "wang", "supervisor", PASSWORDS["wang"], "admin")


def new_report(store: ReportStore, actor: str = "zhang") -> Report:
    report = county_report()
    report.section("organization").points.append(
        Point(text="成立了内部控制领导小组。明确了各科室职责。")
    )
    report.section("business").points.append(Point(text="参保登记按规程办理。"))
    return store.create(report, actor=actor)


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read with a separate plain connection (sqlite3, or psycopg
    when the test runs on PostgreSQL: tests/report/conftest.py sets ZICHA_DB)."""
    conn = raw_connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1, 2").fetchall() for t in TABLES}
    finally:
        conn.close()


@contextmanager
def refused(path: Path, error: type[Exception], match: str) -> Iterator[None]:
    """The block must raise `error` with a message matching `match`, and leave every row of
    every table as it was."""
    before = dump(path)
    with pytest.raises(error, match=match):
        yield
    assert dump(path) == before, "a refusal must change nothing"


def file_before_migration(path: Path, report: Report, migrations: int) -> None:
    """A data file as an older zicha left it: only the first `migrations` migrations, and
    `report` stored as report 1 with its create event (linked to it from migration 3 on)."""
    import json

    from report import audit
    from report.db import MIGRATIONS, open_db, transaction

    conn = open_db(path, MIGRATIONS[:migrations])
    body = report.model_dump_json(exclude={"id", "revision", "created_at", "updated_at"})
    with transaction(conn):
        conn.execute(
            "INSERT INTO reports (id, unit, year, status, revision, created_at, updated_at, body)"
            " VALUES (1, ?, 2026, 'draft', 1, 'now', 'now', ?)",
            (report.unit, body),
        )
        event = audit.append_event(
            conn, actor="本机用户", action="create", report_id=1, change=json.loads(body)
        )
        if migrations >= 3:  # reports.audit_id
            conn.execute("UPDATE reports SET audit_id = ?", (event.id,))
    conn.close()


def verify_cli(home: Path, *extra: str) -> tuple[int, str]:
    """`zicha audit verify` as a user runs it: (exit code, what it printed)."""
    from click.testing import CliRunner

    from tui.cli import main

    r = CliRunner().invoke(main, ["--home", str(home), "audit", "verify", *extra])
    return r.exit_code, r.output


def verify_fails(home: Path, *extra: str) -> str:
    """`zicha audit verify` must fail (exit code 1): what it printed."""
    code, out = verify_cli(home, *extra)
    assert code == 1, out
    return out


def run_sql(path: Path, *statements: str) -> None:
    """Run statements on the data file behind the program's back, as plain sqlite3 would."""
    conn = raw_connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


class _RawPg:
    """psycopg in autocommit with qmark parameters: what `sqlite3.connect(path)` is to a test
    that changes rows behind the program's back, for the PostgreSQL variant."""

    def __init__(self, url: str):
        import psycopg
        from sqlalchemy.engine import make_url

        u = make_url(url)
        self._conn = psycopg.connect(
            host=u.host, port=u.port, user=u.username, dbname=u.database,
            autocommit=True, **{k: str(v) for k, v in u.query.items()},
        )  # fmt: skip

    # The same attack spelled for PostgreSQL: switching off foreign keys and triggers.
    SAME_ATTACK = {
        "PRAGMA foreign_keys = OFF": "SET session_replication_role = replica",
        "DROP TRIGGER snapshots_no_delete": "SET session_replication_role = replica",
        "DROP TRIGGER snapshots_no_update": "SET session_replication_role = replica",
    }

    def execute(self, sql: str, params: tuple | list = ()):  # noqa: ANN201
        from report.db_postgres import qmark_to_format

        sql = self.SAME_ATTACK.get(sql, sql)
        if sql.startswith("PRAGMA wal_checkpoint"):
            return self._conn.execute("SELECT 1")
        if params:
            return self._conn.execute(qmark_to_format(sql), params)
        return self._conn.execute(sql)

    def commit(self) -> None:
        pass

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> _RawPg:
        return self

    def __exit__(self, *exc: object) -> None:
        pass


def raw_connect(path: Path | str):  # noqa: ANN201
    """A connection to the store's database that bypasses the store (to tamper, or to look)."""
    url = os.environ.get("ZICHA_DB")
    if url:
        return _RawPg(url)
    return sqlite3.connect(path)


def raw_error() -> tuple[type[Exception], ...]:
    """The error the raw connection raises when the database refuses a statement."""
    import psycopg

    return (sqlite3.DatabaseError, psycopg.Error)
