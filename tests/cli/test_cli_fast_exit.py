"""The zicha console script ends without the interpreter's teardown only when nothing is lost
(tui/cli/__init__.py _exit_now): the output all printed, the file and the audit event written,
the exit code kept, and any atexit callback or other thread still honoured."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import docx

from report.models import Point, Report
from report.store import ReportStore

RUN = "from tui.cli import run; run()"


def _zicha(home: Path, *args: str, prefix: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "ZICHA_HOME": str(home)}
    return subprocess.run(
        [sys.executable, "-c", prefix + RUN, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


def _stored(home: Path) -> int:
    report = Report(
        unit="某县社会保险事业局",
        addressee="市社会保险事业管理处",
        year=2026,
        basis_title="关于开展内部控制检查评估工作的通知",
        basis_number="某社险函〔2026〕71号",
        date=dt.date(2026, 11, 29),
    )
    report.section("organization").points = [
        Point(text=f"第{i}项：关键岗位分设，业务经办与复核由不同人员负责。", status="符合")
        for i in range(1, 4)
    ]
    with ReportStore.open(home) as store:
        report_id = store.create(report).id
    assert report_id is not None
    return report_id


def test_export_prints_everything_writes_the_file_and_logs_it(tmp_path: Path):
    home = tmp_path / "home"
    report_id = _stored(home)
    target = tmp_path / "报告.docx"
    proc = _zicha(home, "export", str(report_id), "-o", str(target))
    assert proc.returncode == 0, proc.stderr
    lines = proc.stdout.splitlines()
    assert lines[0].startswith("预检") and lines[-2] == "已导出：" and lines[-1] == str(target)
    paragraphs = [p.text for p in docx.Document(str(target)).paragraphs]
    assert any("关键岗位分设" in t for t in paragraphs)
    with ReportStore.open(home) as store:
        assert [e.action for e in store.audit_log(report_id)][-1] == "export"
    assert not list(tmp_path.glob(".~zicha-*"))


def test_a_failing_command_keeps_its_exit_code_and_message(tmp_path: Path):
    home = tmp_path / "home"
    _stored(home)
    proc = _zicha(home, "export", "999", "-o", str(tmp_path / "x.docx"))
    assert proc.returncode == 1
    assert "错误" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "x.docx").exists()


def test_an_atexit_callback_still_runs(tmp_path: Path):
    home = tmp_path / "home"
    _stored(home)
    prefix = "import atexit; atexit.register(lambda: print('atexit ran', flush=True)); "
    proc = _zicha(home, "report", "list", prefix=prefix)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.rstrip().endswith("atexit ran")


def test_another_thread_is_still_waited_for(tmp_path: Path):
    home = tmp_path / "home"
    _stored(home)
    prefix = (
        "import threading, time\n"
        "def late():\n    time.sleep(0.3); print('thread done', flush=True)\n"
        "threading.Thread(target=late).start()\n"
    )
    proc = _zicha(home, "report", "list", prefix=prefix)
    assert proc.returncode == 0, proc.stderr
    assert "thread done" in proc.stdout
