"""`zicha export` reads a stored report without pydantic when it can (issue 16), and writes the
same document, prints the same preflight and logs the same event as the validating path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from plain_corpus import varied_reports

from report import audit
from report.models import BankRef, BankSection
from report.store import ReportStore

# Runs the command like the console script, then says whether pydantic was ever imported.
RUN = (
    "import sys\n"
    "from tui.cli import main\n"
    "try:\n"
    "    main(sys.argv[1:], prog_name='zicha')\n"
    "except SystemExit as exc:\n"
    "    code = exc.code\n"
    "print('PYDANTIC', any(m.startswith('pydantic') for m in sys.modules), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _zicha(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "ZICHA_HOME": str(home), **env}
    full_env.pop("ZICHA_USER", None) if "ZICHA_USER" not in env else None
    return subprocess.run(
        [sys.executable, "-c", RUN, *args],
        capture_output=True,
        text=True,
        env=full_env,
        timeout=120,
    )


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        # core.xml holds the time of writing (dcterms:modified)
        return {n: z.read(n) for n in z.namelist() if n != "docProps/core.xml"}


def _store(home: Path, reports) -> list[int]:
    with ReportStore.open(home) as store:
        return [store.create(r.model_copy(update={"status": "draft"})).id or 0 for r in reports]


def _lines(out: str) -> list[str]:
    """The output without the two lines that differ between runs (audit head, file path)."""
    return [ln for ln in out.splitlines() if not ln.startswith(("审计日志末尾", "/"))]


def test_the_plain_and_the_validating_path_write_the_same(tmp_path: Path):
    home = tmp_path / "home"
    ids = _store(home, [r for r in varied_reports(8) if r.bank is None])
    assert len(ids) >= 5
    for rid in ids:
        plain_out, full_out = tmp_path / f"p{rid}.docx", tmp_path / f"f{rid}.docx"
        plain = _zicha(home, "export", str(rid), "-o", str(plain_out))
        # --profile 标准 is the same built-in profile, read the validating way
        full = _zicha(home, "export", str(rid), "-o", str(full_out), "--profile", "标准")
        assert plain.returncode == full.returncode == 0, (plain.stderr, full.stderr)
        assert "PYDANTIC False" in plain.stderr and "PYDANTIC True" in full.stderr
        assert _lines(plain.stdout) == _lines(full.stdout)
        assert _parts(plain_out) == _parts(full_out)
    with ReportStore.open(home) as store:
        events = [e for e in store.audit_log() if e.action == "export"]
        assert len(events) == 2 * len(ids)
        assert audit.verify(store.conn).ok  # (the evidence files are not in this home)
    for a, b in zip(events[0::2], events[1::2], strict=True):
        assert (a.report_id, a.actor) == (b.report_id, b.actor)
        assert a.detail.split()[0] == b.detail.split()[0] == "docx"


@pytest.mark.parametrize("case", ["users", "own bank", "unusual body"])
def test_anything_else_takes_the_validating_path(tmp_path: Path, case: str):
    home = tmp_path / "home"
    report = varied_reports(1)[0]
    env: dict[str, str] = {}
    if case == "own bank":
        bank = BankRef(
            name="某省表",
            version=1,
            hash="c" * 64,
            sections=(BankSection(key="s01", title="机构"),),
        )
        report = report.model_copy(update={"bank": bank, "sections": []})
        report = type(report).model_validate(report.model_dump())
    (rid,) = _store(home, [report])
    with ReportStore.open(home) as store:
        if case == "users":
            store.add_user("zhang", "admin", "zhang-pass-1", "本机用户")
            env = {"ZICHA_USER": "zhang", "ZICHA_PASSWORD": "zhang-pass-1"}
        if case == "unusual body":
            # a body an older zicha wrote without a field the model now has: still exportable
            body = json.loads(store.conn.execute("SELECT body FROM reports").fetchone()[0])
            body["sections"][0]["colour"] = "红"
            store.conn.execute("UPDATE reports SET body = ?", (json.dumps(body),))
            store.conn.commit()
    result = _zicha(home, "export", str(rid), "-o", str(tmp_path / "x.docx"), **env)
    assert "PYDANTIC True" in result.stderr
    if case == "unusual body":
        assert result.returncode == 1 and "错误" in result.stderr  # the model says what is wrong
    else:
        assert result.returncode == 0, result.stderr
        assert (tmp_path / "x.docx").exists()


def test_a_missing_report_is_the_same_message(tmp_path: Path):
    home = tmp_path / "home"
    _store(home, [varied_reports(1)[0]])
    result = _zicha(home, "export", "9", "-o", str(tmp_path / "x.docx"))
    assert result.returncode == 1 and "找不到编号为 9 的报告" in result.stderr
    assert "PYDANTIC False" in result.stderr
