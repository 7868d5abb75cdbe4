"""Shared set-up for the review tests: a store with three users and a report by the officer."""

from __future__ import annotations

import sqlite3
from pathlib import Path

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
    report = Report(
        unit="某县社会保险事业局",
        addressee="市社会保险事业管理处",
        year=2026,
        basis_title="关于开展内部控制检查评估工作的通知",
        basis_number="某社险函〔2026〕71号",
    )
    report.section("organization").points.append(
        Point(text="成立了内部控制领导小组。明确了各科室职责。")
    )
    report.section("business").points.append(Point(text="参保登记按规程办理。"))
    return store.create(report, actor=actor)


def dump(path: Path) -> dict[str, list[tuple]]:
    """Every row of every table, read with a separate plain sqlite3 connection."""
    conn = sqlite3.connect(path)
    try:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY rowid").fetchall() for t in TABLES}
    finally:
        conn.close()
