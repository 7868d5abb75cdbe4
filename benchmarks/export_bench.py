"""Export speed: the real `zicha export` command next to a bare python-docx loop (issue 16).

Not a test. Whole processes, alternating, median of N paired runs, wall and CPU time (CPU is
the steadier figure on a shared machine; "paired" is the median of each run's ratio to the bare
run next to it). Target: a 40-page export <= 1.5x the bare loop.
  bare         - python: read the paragraph texts (JSON), docx.Document(); add_paragraph(text)
                 each; save
  zicha export - the console script on a data home whose store holds the same report:
                 `zicha export ID -o x.docx` and `zicha export ID --format docx -o x.docx`
                 (default profile; both print the preflight and append to the audit log; the
                 stored report is read without pydantic), and with `--profile 标准` (the same
                 profile named: the validating path through ReportStore and report.models)
  export_report - python: load the report (JSON, pydantic), export_report(..., fmt="docx")
Floor rows time processes that do no export: the interpreter alone, and the imports the
command cannot do without (python-docx and click). Then, in one process, write_docx alone
against the writer as it was before issue 16 (taken from git) on the same assembled report.
The page count is measured with LibreOffice when it is installed. The children run without
PYTHONDONTWRITEBYTECODE (an installed copy has its .pyc files).
Wall time also holds what the bare loop never does: zicha fsyncs the document before it
replaces the target, commits the audit event (SQLite WAL, synchronous=FULL) and checkpoints the
WAL when it closes zicha.db; on a busy machine it mostly measures the other processes.

    .venv/bin/python benchmarks/export_bench.py [-n 5] [--points 56]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import pickle
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
OLD_WRITER_COMMIT = "79f94e7"  # main before issue 16: add_paragraph(style=name) per paragraph

SENTENCE = (
    "我局严格执行经办规程，业务受理、复核、审批分设岗位，关键环节实行双人复核，"
    "每月对参保登记和待遇核定情况开展抽查，发现问题当即整改并记录在案。"
)

ZICHA_CHILD = """
import sys, time
t0 = time.perf_counter()
from report.models import Report
from exports.writer import export_report
report = Report.model_validate_json(open(sys.argv[1], encoding="utf-8").read())
export_report(report, sys.argv[2], fmt="docx", force=True)
"""

BARE_CHILD = """
import json, sys
import docx
texts = json.load(open(sys.argv[1], encoding="utf-8"))
doc = docx.Document()
for text in texts:
    doc.add_paragraph(text)
doc.save(sys.argv[2])
"""


def make_report(points_per_area: int):
    import datetime as dt

    from report.models import Point, Report

    r = Report(
        unit="某县社会保险事业局",
        addressee="市社会保险事业管理处",
        year=2026,
        basis_title="关于开展养老保险经办机构内部控制检查评估工作的通知",
        basis_number="某社险函〔2026〕71号",
        date=dt.date(2026, 11, 29),
        assessment="总体来看，我局内部控制制度基本健全，但个别环节仍有薄弱之处。",
    )
    for key in ("organization", "business", "fund_finance", "information_system", "supervision"):
        r.section(key).points = [
            Point(text=f"第{i + 1}项：{SENTENCE}", status="符合") for i in range(points_per_area)
        ]
    return r


def pages_of(docx_path: Path, tmp: Path) -> int | None:
    from exports.pdf import convert, find_soffice

    if find_soffice() is None:
        return None
    from pypdf import PdfReader

    return len(PdfReader(str(convert(docx_path, tmp))).pages)


# The least the command's own work costs with today's writer: click and python-docx imported,
# the assembled report and options (plain dataclasses) unpickled instead of read, checked and
# assembled, the document written and fsynced, the stored body read back and the file hashed
# (as the audit record does), then exit without teardown. No pydantic, no preflight.
LEAN_FLOOR_CHILD = """
import hashlib, json, os, pickle, sqlite3, sys
import click
from exports.docx_writer import write_docx
with open(sys.argv[1], "rb") as f:
    assembled, options = pickle.load(f)
with open(sys.argv[2], "wb") as out:
    write_docx(assembled, out, options)
    out.flush()
    os.fsync(out.fileno())
conn = sqlite3.connect(sys.argv[3])
json.loads(conn.execute("SELECT body FROM reports").fetchone()[0])
conn.close()
with open(sys.argv[2], "rb") as f:
    hashlib.sha256(f.read()).hexdigest()
sys.stdout.flush()
os._exit(0)
"""

CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
# Processes that export nothing: what any export command pays before its own work.
FLOORS = (
    ("解释器启动（python -c pass）", "pass"),
    ("只导入 python-docx", "import docx"),
    ("导入 python-docx 和 click（命令行框架）", "import docx, click"),
)


def zicha_command() -> list[str]:
    """The console script users run (`zicha`), else the same entry point through python."""
    script = Path(sys.executable).parent / ("zicha.exe" if os.name == "nt" else "zicha")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from tui.cli import run; run()"]


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(args: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """(wall, CPU) seconds of one child process."""
    c0, t0 = _children_cpu(), time.perf_counter()
    subprocess.run(args, check=True, cwd=REPO, env=env or CHILD_ENV, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0, _children_cpu() - c0


def old_writer():
    """The writer before issue 16, loaded from git as exports._old_docx_writer (or None)."""
    import importlib.util

    try:
        source = subprocess.run(
            ["git", "show", f"{OLD_WRITER_COMMIT}:exports/docx_writer.py"],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    except (OSError, subprocess.CalledProcessError):
        return None
    spec = importlib.util.spec_from_loader("exports._old_docx_writer", loader=None)
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "exports"
    exec(compile(source, "old_docx_writer.py", "exec"), module.__dict__)  # noqa: S102
    return module


def stored_report(report, home: Path) -> tuple[dict[str, str], int]:
    """A data home whose store holds the report: the environment for `zicha` and the id."""
    from report.home import reports_db_path
    from report.store import ReportStore

    home.mkdir()
    with ReportStore(reports_db_path(home)) as store:
        report_id = store.create(report).id
    assert report_id is not None
    return {**CHILD_ENV, "ZICHA_HOME": str(home)}, report_id


def assembled_and_options(report):
    from exports.assemble import assemble
    from exports.options import ExportOptions

    return assemble(report), ExportOptions.for_report(report)


def in_process(report, runs: int) -> list[tuple[str, float]]:
    from exports.assemble import assemble
    from exports.docx_writer import write_docx
    from exports.options import ExportOptions

    assembled = assemble(report)
    options = ExportOptions.for_report(report)
    rows = []
    writers = [("write_docx (now)", write_docx)]
    old = old_writer()
    if old is not None:
        writers.insert(0, (f"write_docx (before, {OLD_WRITER_COMMIT})", old.write_docx))
    write_docx(assembled, io.BytesIO(), options)  # warm the imports
    for label, fn in writers:
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            fn(assembled, io.BytesIO(), options)
            times.append(time.perf_counter() - t0)
        rows.append((label, statistics.median(times)))
    return rows


Runs = list[tuple[float, float]]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("-n", type=int, default=5, help="paired runs")
    parser.add_argument("--points", type=int, default=56, help="points per area (56 ≈ 40 pages)")
    args = parser.parse_args()

    from exports.assemble import assemble

    report = make_report(args.points)
    texts = assemble(report).texts()
    with tempfile.TemporaryDirectory(prefix="zicha-bench-") as tmp_name:
        tmp = Path(tmp_name)
        report_json = tmp / "report.json"
        report_json.write_text(report.model_dump_json(), encoding="utf-8")
        texts_json = tmp / "texts.json"
        texts_json.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        py = sys.executable
        cli_env, report_id = stored_report(report, tmp / "home")
        lean_input = tmp / "assembled.pickle"
        lean_input.write_bytes(pickle.dumps(assembled_and_options(report)))
        zicha = [*zicha_command(), "export", str(report_id)]
        commands: list[tuple[str, list[str], dict[str, str] | None]] = [
            (
                "裸 python-docx 循环",
                [py, "-c", BARE_CHILD, str(texts_json), str(tmp / "b.docx")],
                None,
            ),
            ("zicha export ID -o x.docx", [*zicha, "-o", str(tmp / "x.docx"), "--force"], cli_env),
            (
                "zicha export ID --format docx -o x.docx",
                [*zicha, "--format", "docx", "-o", str(tmp / "y.docx"), "--force"],
                cli_env,
            ),
            (
                "zicha export ID -o x.docx --profile 标准（同一配置，经 pydantic 校验的路径）",
                [*zicha, "-o", str(tmp / "v.docx"), "--force", "--profile", "标准"],
                cli_env,
            ),
            (
                "下限原型：同一写入器，无 pydantic、无预检（见 LEAN_FLOOR_CHILD）",
                [
                    py,
                    "-c",
                    LEAN_FLOOR_CHILD,
                    str(lean_input),
                    str(tmp / "lean.docx"),
                    str(tmp / "home" / "zicha.db"),
                ],
                None,
            ),
            (
                "export_report()（Python 接口，pydantic 读入）",
                [py, "-c", ZICHA_CHILD, str(report_json), str(tmp / "z.docx")],
                None,
            ),
        ]
        for _label, cmd, env in commands:  # warm the file cache
            timed(cmd, env)
        runs: list[Runs] = [[] for _ in commands]
        for _ in range(args.n):
            for (_label, cmd, env), out in zip(commands, runs, strict=True):
                out.append(timed(cmd, env))
        floors: list[tuple[str, Runs]] = []
        for label, code in FLOORS:
            timed([py, "-c", code])
            floors.append((label, [timed([py, "-c", code]) for _ in range(args.n)]))
        pages = pages_of(tmp / "x.docx", tmp)
        inproc = in_process(report, args.n)

    bare = runs[0]
    bw, bc = statistics.median(w for w, _ in bare), statistics.median(c for _, c in bare)

    def row(label: str, rs: Runs, paired: bool = True) -> str:
        wall, cpu = statistics.median(w for w, _ in rs), statistics.median(c for _, c in rs)
        if not paired:
            return f"| {label} | {wall:.3f} | {wall / bw:.2f}x | {cpu:.3f} | {cpu / bc:.2f}x |"
        pw = statistics.median(r[0] / b[0] for r, b in zip(rs, bare, strict=True))
        pc = statistics.median(r[1] / b[1] for r, b in zip(rs, bare, strict=True))
        return (
            f"| {label} | {wall:.3f} | {wall / bw:.2f}x（逐对 {pw:.2f}x） "
            f"| {cpu:.3f} | {cpu / bc:.2f}x（逐对 {pc:.2f}x） |"
        )

    print(
        f"报告：{len(texts)} 段，{sum(len(t) for t in texts)} 字，"
        f"{pages if pages is not None else '（未装 LibreOffice，未测）'} 页；"
        f"{args.n} 对交替运行，中位数；目标：真实命令 ≤ 1.5x 裸循环"
    )
    print()
    print("| 进程（整个进程） | 墙钟秒 | 比值 | CPU 秒 | 比值 |")
    print("| --- | --- | --- | --- | --- |")
    for (label, _cmd, _env), rs in zip(commands, runs, strict=True):
        print(row(label, rs))
    for label, rs in floors:
        print(row(f"下限参考：{label}", rs, paired=False))
    print()
    print("| 同一进程内，只计 write_docx（中位数） | 秒 |")
    print("| --- | --- |")
    for label, seconds in inproc:
        print(f"| {label} | {seconds:.3f} |")


if __name__ == "__main__":
    main()
