"""An approved report with rectification items, made through the real review workflow."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from report import users, workflow
from report.models import Point
from report.store import ReportStore

PASSWORDS = {"admin": "admin-pass-1", "zhang": "zhang-pass-1", "li": "li-pass-123"}


def approved_report(home: Path) -> int:
    from report.answers import load_answers

    example = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"
    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", PASSWORDS["admin"], "本机用户")
        users.add_user(store.conn, "zhang", "officer", PASSWORDS["zhang"], "admin")
        users.add_user(store.conn, "li", "supervisor", PASSWORDS["li"], "admin")
        for name in ("zhang", "li"):  # their own passwords, not the admin's temporary ones
            users.set_password(store.conn, name, PASSWORDS[name], name)
        report = load_answers(example).new_report()
        report.section("rectification").points.append(
            Point(
                text="稽核覆盖面不足",
                measure="扩大稽核范围",
                owner="稽核科",
                due=dt.date(2027, 9, 30),
            )
        )
        rid = store.create(report, actor="zhang").id
        workflow.submit(store, rid, "zhang")
        workflow.approve(store, rid, "li")
        return rid
