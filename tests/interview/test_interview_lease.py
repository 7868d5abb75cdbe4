"""One interview per report: a second process is refused with the holder's name, a dead
holder's lease is taken over, and a session that lost its lease stops at its next write."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from report import lease, users
from report.errors import PermissionDenied
from report.store import ReportStore
from tui.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"

HOLDER = """
import sys, time
from report.store import ReportStore
store = ReportStore.open(sys.argv[1])
store.take_lease(1, "张三")
store.set_state(1, "interview.unsent", "张三 typed this")
print("held", flush=True)
time.sleep(60)
"""


@pytest.fixture
def one_report(home):
    r = CliRunner().invoke(main, ["--home", str(home), "report", "new", "--from", str(EXAMPLE)])
    assert r.exit_code == 0, r.output
    return home


def _start_holder(home: Path) -> subprocess.Popen:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(home)],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "ZICHA_HOME": str(home)},
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


@pytest.mark.slow
def test_second_process_is_refused_then_takes_over_a_dead_holder(one_report):
    home = one_report
    holder = _start_holder(home)
    try:
        with ReportStore.open(home) as store:
            with pytest.raises(lease.LeaseHeldError, match="张三") as info:
                store.take_lease(1, "李四")
            assert f"进程 {holder.pid}" in str(info.value)
            # Not holding the lease, this session cannot write the interview's state either.
            with pytest.raises(lease.LeaseHeldError):
                store.set_state(1, "interview.unsent", "李四's words")
            assert store.get_state(1, "interview.unsent") == "张三 typed this"
        # The line-mode interview says who holds it and writes nothing.
        r = CliRunner().invoke(main, ["--home", str(home), "interview", "1"], input="答复\n")
        assert r.exit_code == 1 and "张三" in r.output and "只读" in r.output
    finally:
        holder.kill()
        holder.wait()
    with ReportStore.open(home) as store:  # the holder is gone: its lease is stale
        store.take_lease(1, "李四")
        store.set_state(1, "interview.unsent", "李四's words")
        assert store.get_state(1, "interview.unsent") == "李四's words"


def test_lease_without_heartbeat_for_two_minutes_is_stale(one_report):
    with ReportStore.open(one_report) as store:
        store.take_lease(1, "张三")
        held = lease.holder(store.conn, 1)
        assert held is not None and not lease.is_stale(held)
        assert lease.is_stale(held, now=held.heartbeat + lease.STALE_AFTER_S + 1)
        dead = held.model_copy(update={"pid": 999_999_999})
        assert lease.is_stale(dead, now=held.heartbeat)


def test_session_that_lost_its_lease_stops_at_its_next_write(one_report):
    with ReportStore.open(one_report) as a, ReportStore.open(one_report) as b:
        a.take_lease(1, "张三")
        # Another machine took it over (the lease row says so).
        with b.transaction() as conn:
            conn.execute(
                "UPDATE leases SET owner = '李四', host = 'other-pc', pid = 4242, token = 'x'"
            )
        with pytest.raises(lease.LeaseLostError, match="李四"):
            a.set_state(1, "interview.unsent", "张三's late words")
        assert a.get_state(1, "interview.unsent") is None


def test_disabled_users_session_stops_at_its_next_write(home):
    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", "admin-pass-1", "本机用户")
        users.add_user(store.conn, "zhang", "officer", "zhang-pass-1", "admin")
        from report.answers import load_answers

        store.create(load_answers(EXAMPLE).new_report(), actor="zhang")
        store.take_lease(1, "zhang")
        store.set_state(1, "interview.unsent", "before")
        users.disable_user(store.conn, "zhang", "admin")
        with pytest.raises(PermissionDenied, match="已停用"):
            store.set_state(1, "interview.unsent", "after")
        assert store.get_state(1, "interview.unsent") == "before"


def test_release_lets_the_next_session_in(one_report):
    with ReportStore.open(one_report) as store:
        store.take_lease(1, "张三")
        store.release_lease(1)
        assert lease.holder(store.conn, 1) is None
