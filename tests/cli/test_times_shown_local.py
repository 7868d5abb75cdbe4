"""Times people read are local minutes (2026-12-01 06:10 in Beijing for a time stored as
2026-11-30T22:10:05+00:00): report list, user list, audit log; --raw and the stored values
keep the ISO text."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from report import audit
from report.local_time import local_minutes
from report.store import ReportStore
from tui.cli import main

STORED = "2026-11-30T22:10:05+00:00"
SHOWN = "2026-12-01 06:10"
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"


@pytest.fixture
def beijing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(audit, "now_iso", lambda: STORED)
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    yield
    monkeypatch.undo()
    if "TZ" not in os.environ:
        time.tzset()


def _run(home: Path, *args: str) -> str:
    result = CliRunner().invoke(
        main,
        ["--home", str(home), *args],
        env={"ZICHA_PASSWORD": "admin-pass-1", "ZICHA_NEW_PASSWORD": "admin-pass-1"},
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_local_minutes(beijing: None) -> None:
    assert local_minutes(STORED) == SHOWN
    assert local_minutes("2026-11-30T20:12:32+08:00") == "2026-11-30 20:12"
    assert local_minutes("2026-11-30T20:12:32") == "2026-11-30 20:12"  # naive: written local
    assert local_minutes(None) == local_minutes("") == ""
    assert local_minutes("昨天") == "昨天"


def test_lists_show_local_minutes_and_raw_keeps_iso(home: Path, beijing: None) -> None:
    _run(home, "report", "new", "--from", str(EXAMPLE))
    _run(home, "user", "add", "admin")
    listed = _run(home, "report", "list")
    assert listed.splitlines()[0].endswith("\t" + SHOWN) and "T22:10" not in listed
    users = _run(home, "user", "list")
    assert users.splitlines()[0].endswith("\t" + SHOWN) and "+00:00" not in users
    log = _run(home, "--user", "admin", "audit", "log", "1")
    assert log.splitlines()[0].split("\t")[1] == SHOWN and "+00:00" not in log
    raw = _run(home, "--user", "admin", "audit", "log", "1", "--raw")
    assert raw.splitlines()[0].split("\t")[1] == STORED
    with ReportStore.open(home) as store:
        assert store.get(1).updated_at == STORED  # stored unchanged
