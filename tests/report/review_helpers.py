"""Shared set-up for the review tests: a store with three users and a report by the officer."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

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
