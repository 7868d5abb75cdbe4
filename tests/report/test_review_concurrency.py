"""Two processes on one report: the stale write is refused with a clear message, never locked."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from review_helpers import add_team, new_report

from report import users
from report.store import ReportStore

# Each worker reads the report, says "ready", waits for "go", then writes from what it read.
WORKER = r"""
import json, sys
from report.store import ReportStore
from report.models import Point
from report import workflow
path, actor, mode = sys.argv[1], sys.argv[2], sys.argv[3]
from pathlib import Path
store = ReportStore.open(Path(path).parent)  # zicha.db there, or $ZICHA_DB (PostgreSQL)
report = store.get(1)
print("ready", flush=True)
sys.stdin.readline()
try:
    if mode == "submit":
        workflow.submit(store, 1, actor, expected_revision=report.revision)
    else:
        report.section("organization").points.append(Point(text=f"{actor}写的一段。"))
        store.save(report, actor=actor)
    print(json.dumps({"ok": True}), flush=True)
except Exception as exc:
    print(json.dumps({"ok": False, "type": type(exc).__name__, "msg": str(exc)}, ensure_ascii=False), flush=True)
"""


def _race(path: Path, jobs: list[tuple[str, str]]) -> list[dict]:
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WORKER, str(path), actor, mode],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        for actor, mode in jobs
    ]
    for p in procs:
        assert p.stdout is not None and p.stdout.readline().strip() == "ready"
    for p in procs:  # release both as close together as we can
        assert p.stdin is not None
        p.stdin.write("go\n")
        p.stdin.flush()
    results = []
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert "locked" not in out + err, err
        assert p.returncode == 0, err
        results.append(json.loads(out.strip().splitlines()[-1]))
    return results


@pytest.fixture
def db(home: Path) -> Path:
    with ReportStore.open(home) as store:
        add_team(store)
        users.add_user(store.conn, "zhao", "officer", "zhao-pass-1", "admin")
        new_report(store)
        return store.path


@pytest.mark.slow
@pytest.mark.parametrize("round_no", range(3))
def test_two_editors_at_once_one_wins_the_other_is_told(db, round_no):
    results = _race(db, [("zhang", "edit"), ("zhao", "edit")])
    assert sorted(r["ok"] for r in results) == [False, True]
    loser = next(r for r in results if not r["ok"])
    assert loser["type"] == "ConflictError"
    assert "已被他人修改" in loser["msg"] and "未写入" in loser["msg"]
    with ReportStore.open(db.parent) as store:
        texts = [p.text for p in store.get(1).section("organization").points]
        assert len(texts) == 2  # the original point plus exactly one of the two
        assert store.verify_audit().ok


@pytest.mark.slow
def test_edit_racing_a_submission_never_overwrites_it(db):
    results = _race(db, [("zhang", "submit"), ("zhao", "edit")])
    with ReportStore.open(db.parent) as store:
        report = store.get(1)
        assert store.verify_audit().ok
    sub, edit = results
    if sub["ok"]:
        # The edit was either first (then the submission saw a newer revision) or refused.
        assert not edit["ok"]
        assert edit["type"] in ("ConflictError", "PermissionDenied")
        assert report.status == "submitted"
    else:
        assert edit["ok"] and sub["type"] == "ConflictError"
        assert report.status == "draft"
