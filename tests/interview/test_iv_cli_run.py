"""`zicha interview ID` as a user runs it: a subprocess with piped stdin.

A full scripted interview ends in an exported .docx; a process killed with SIGKILL at random
points loses no answer it reported as recorded and resumes at the right point.
"""

from __future__ import annotations

import os
import queue
import random
import re
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from iv_cli_helpers import TIMEOUT, ZICHA, new_report, run_interview, zicha_env

from interview.bank import load_bank
from report.models import AREA_KEYS
from report.store import ReportStore

BANK = load_bank()
WEAK = {
    "ORG-06": "我局规定重要岗位5年轮岗，但2026年有2名待遇审核人员在岗超过5年，轮岗不够及时",
    "INF-04": "我局业务专网与互联网物理隔离，但移动存储介质管理不严，尚未统一登记U盘",
}


def _script() -> dict[str, list[str]]:
    """Per control point, the lines typed: ORG-03 gets a vague first answer and a follow-up."""
    lines: dict[str, list[str]] = {}
    for key in AREA_KEYS:
        for cp in BANK.points(key):
            lines[cp.id] = [WEAK.get(cp.id, cp.example)]
    lines["ORG-03"] = ["都有审批的", BANK.get("ORG-03").example]
    return lines


@pytest.mark.slow
def test_full_scripted_interview_ends_in_an_exported_docx(tmp_path):
    docx = pytest.importorskip("docx")
    home = tmp_path / "home"
    rid = new_report(home)
    script = _script()
    # An empty line after each point confirms the status zicha proposes for it (Enter).
    typed = [line for cid in script for line in [*script[cid], ""]]
    typed += ["/覆盖", "/接受"]  # the proposed assessment
    typed += ["修订轮岗管理办法，年内完成2名人员轮岗", "由办公室负责，2026年12月31日前完成"]
    typed += ["建立移动存储介质登记制度，统一发放专用U盘，由信息股负责，2026年12月底前完成"]
    out_path = tmp_path / "自查报告.docx"
    typed += [str(out_path)]
    run = run_interview(home, rid, typed)
    assert run.returncode == 0, run.stderr + run.stdout[-2000:]
    out = run.stdout
    assert "追问（1/2）" in out and "访谈已全部完成" in out and "已导出" in out
    assert "相关条文" in out and "《社会保险经办机构内部控制暂行办法》" in out

    with ReportStore.open(home) as store:
        report = store.get(rid)
    assert all(len(report.section(k).points) == len(BANK.points(k)) for k in AREA_KEYS)
    org3 = next(p for p in report.section("organization").points if p.control_point == "ORG-03")
    assert org3.text.startswith("都有审批的；我局印发了")
    assert org3.citations  # the excerpts shown when it was answered
    items = report.section("rectification").points
    assert [(i.owner, i.due.isoformat()) for i in items] == [
        ("办公室", "2026-12-31"),
        ("信息股", "2026-12-31"),
    ]
    assert "基本符合2项" in report.assessment

    doc = docx.Document(str(out_path))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "我局按县委编办“三定”方案设置办公室" in text
    assert report.assessment in text
    # The exporter writes each item as problem + measure, with its owner and deadline.
    assert (
        "的问题，建立移动存储介质登记制度，统一发放专用U盘（责任部门：信息股；完成时限：2026年12月31日前）"
        in text
    )
    assert items[1].measure == "建立移动存储介质登记制度，统一发放专用U盘。"
    assert "市社会保险事业管理处：" in text


class Session:
    """A running `zicha interview` whose output is read line by line on a thread."""

    def __init__(self, home: Path, rid: int):
        self.proc = subprocess.Popen(
            [*ZICHA, "interview", str(rid), "--no-library"],
            env=zicha_env(home),
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            bufsize=1,
        )
        self.lines: queue.Queue[str | None] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))
        self.lines.put(None)

    def until_prompt(self) -> list[str]:
        got = []
        deadline = time.monotonic() + TIMEOUT
        while True:
            line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            if line is None:
                raise AssertionError("process ended:\n" + "\n".join(self.seen[-30:]))
            self.seen.append(line)
            if line == "> ":
                return got
            got.append(line)

    def send(self, text: str) -> None:
        self.proc.stdin.write(text + "\n")
        self.proc.stdin.flush()

    def kill(self) -> None:
        self.proc.send_signal(signal.SIGKILL)
        self.proc.wait(timeout=TIMEOUT)
        # Whatever it printed before dying still counts as seen by the user.
        while True:
            try:
                line = self.lines.get(timeout=5)
            except queue.Empty:
                break
            if line is None:
                break
            self.seen.append(line)


def _recorded(lines: list[str]) -> list[str]:
    return [m[1] for line in lines if (m := re.match(r"✔ 已记录 ([A-Z]+-\d\d)", line))]


@pytest.mark.slow
def test_sigkill_at_random_points_loses_nothing_and_resumes(tmp_path):
    # Reproduce a failure with ZICHA_KILL_SEED=<the seed printed below> pytest -k sigkill.
    seed = int(os.environ.get("ZICHA_KILL_SEED") or random.randrange(10**6))
    print(f"SIGKILL test seed: {seed} (rerun with ZICHA_KILL_SEED={seed})")
    rng = random.Random(seed)
    home = tmp_path / "home"
    rid = new_report(home)
    script = _script()
    order = [cp.id for k in AREA_KEYS for cp in BANK.points(k)]
    reported: set[str] = set()
    for rnd in range(5):
        with ReportStore.open(home) as store:
            report = store.get(rid)
        have = {p.control_point for k in AREA_KEYS for p in report.section(k).points}
        expected_next = next(c for c in order if c not in have)
        s = Session(home, rid)
        header = s.until_prompt()
        assert any(expected_next in line and "【" in line for line in header), (seed, header)
        todo = list(script[expected_next])
        if any(line.startswith("追问（1/2）") for line in header):
            todo = todo[1:]  # the vague answer was kept as pending across the kill
        queue_ids = [c for c in order[order.index(expected_next) + 1 :]]
        steps = rng.randint(1, 6)
        for step in range(steps):
            if not todo:
                if not queue_ids:
                    break
                todo = list(script[queue_ids.pop(0)])
            s.send(todo.pop(0))
            if step == steps - 1:
                time.sleep(rng.choice([0, 0, 0.01, 0.05, 0.2]))
                break
            s.until_prompt()
        s.kill()
        reported |= set(_recorded(s.seen))
        with ReportStore.open(home) as store:
            report = store.get(rid)
            assert store.verify_audit().ok
        stored = {p.control_point: p for k in AREA_KEYS for p in report.section(k).points}
        for cid in reported:
            assert cid in stored, (seed, rnd, cid)
            want = "；".join(script[cid]) if cid == "ORG-03" else script[cid][0]
            assert stored[cid].text == want, (seed, cid)
    # A final clean run continues exactly after the last stored point.
    with ReportStore.open(home) as store:
        report = store.get(rid)
    have = {p.control_point for k in AREA_KEYS for p in report.section(k).points}
    s = Session(home, rid)
    header = s.until_prompt()
    nxt = next(c for c in order if c not in have)
    assert any(nxt in line and "【" in line for line in header), (seed, header)
    s.send("/退出")
    assert s.proc.wait(timeout=TIMEOUT) == 0
