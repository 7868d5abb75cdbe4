"""Export speed: a 40-page report through `export_report` next to a bare python-docx loop.

Not a test. Whole processes, alternating, median of N paired runs (wall and CPU time; CPU is
the steadier figure on a shared machine):
  zicha  - python: load the report (JSON), export_report(..., fmt="docx")
  bare   - python: read the same paragraph texts, docx.Document(); add_paragraph(text) each; save
Then, in one process, write_docx alone against the writer as it was before issue 16 (taken
from git, when the repository has it) on the same assembled report.
The real command, `zicha export ID -o x.docx`, is timed too on a store holding the same report
(it also runs the preflight and appends to the audit log, so it does more than the child).
The page count is measured with LibreOffice when it is installed. The children may write
.pyc files even where PYTHONDONTWRITEBYTECODE is set, as an installed copy has them; the floor
rows time a process that only imports the report model (pydantic) or python-docx.

    .venv/bin/python benchmarks/export_bench.py [-n 5] [--pages 40]
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import shutil
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
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp / 'lo').as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp),
            str(docx_path),
        ],
        capture_output=True,
        check=True,
        timeout=300,
    )
    from pypdf import PdfReader

    return len(PdfReader(str(tmp / (docx_path.stem + ".pdf"))).pages)


# The bare loop plus the least any pydantic-validated input costs: one one-field model. Whatever
# zicha does beyond the bare loop, a process like this one is the floor of a pydantic-based export.
BARE_PYDANTIC_CHILD = """
import json, sys
import docx
from pydantic import BaseModel
class Texts(BaseModel):
    texts: list[str]
texts = Texts.model_validate({"texts": json.load(open(sys.argv[1], encoding="utf-8"))}).texts
doc = docx.Document()
for text in texts:
    doc.add_paragraph(text)
doc.save(sys.argv[2])
"""

CHILD_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
FLOORS = (
    ("只导入报告模型（pydantic）", "from report.models import Report"),
    ("只导入 python-docx", "import docx"),
    ("导入报告模型和 python-docx", "import docx\nfrom report.models import Report"),
)


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
        out_z, out_b = tmp / "zicha.docx", tmp / "bare.docx"
        py = sys.executable
        zicha_cmd = [py, "-c", ZICHA_CHILD, str(report_json), str(out_z)]
        bare_cmd = [py, "-c", BARE_CHILD, str(texts_json), str(out_b)]
        bare_pyd_cmd = [py, "-c", BARE_PYDANTIC_CHILD, str(texts_json), str(tmp / "bare_pyd.docx")]
        cli_env, report_id = stored_report(report, tmp / "home")
        cli_cmd = [py, "-m", "tui.cli", "export", str(report_id), "-o", str(tmp / "cli.docx")]
        cli_cmd.append("--force")
        for cmd in (zicha_cmd, bare_cmd, bare_pyd_cmd):  # warm the file cache
            timed(cmd)
        timed(cli_cmd, cli_env)
        z_runs, b_runs, bp_runs, cli_runs = [], [], [], []
        for _ in range(args.n):
            z_runs.append(timed(zicha_cmd))
            b_runs.append(timed(bare_cmd))
            bp_runs.append(timed(bare_pyd_cmd))
            cli_runs.append(timed(cli_cmd, cli_env))
        floors = []
        for label, code in FLOORS:
            timed([py, "-c", code])
            floors.append(
                (label, statistics.median(timed([py, "-c", code])[1] for _ in range(args.n)))
            )
        pages = pages_of(out_z, tmp)
        inproc = in_process(report, args.n)

    z_times, b_times = [w for w, _ in z_runs], [w for w, _ in b_runs]
    z, b = statistics.median(z_times), statistics.median(b_times)
    zc, bc = statistics.median(c for _, c in z_runs), statistics.median(c for _, c in b_runs)
    paired = statistics.median(zr[1] / br[1] for zr, br in zip(z_runs, b_runs, strict=True))

    def row(label: str, runs: list[tuple[float, float]]) -> str:
        wall, cpu = statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)
        pair = statistics.median(r[1] / br[1] for r, br in zip(runs, b_runs, strict=True))
        return f"| {label} | {wall:.2f}（{wall / b:.2f}x） | {cpu:.3f}（{cpu / bc:.2f}x，逐对 {pair:.2f}x） |"

    print(
        f"报告：{len(texts)} 段，{sum(len(t) for t in texts)} 字，"
        f"{pages if pages is not None else '（未装 LibreOffice，未测）'} 页"
    )
    print()
    print("| 进程（整个进程，中位数） | 墙钟秒 | CPU 秒 |")
    print("| --- | --- | --- |")
    print(f"| 裸 python-docx 循环 | {b:.2f} | {bc:.3f} |")
    print(f"| zicha export_report（docx） | {z:.2f} | {zc:.3f} |")
    print(f"| 比值（目标 ≤ 1.5x） | {z / b:.2f}x | {zc / bc:.2f}x（逐对 {paired:.2f}x） |")
    print(row("下限参考：裸循环 + 一个 pydantic 模型校验输入", bp_runs))
    print(row("zicha export ID -o x.docx（真实命令，含预检和审计日志）", cli_runs))
    for label, cpu in floors:
        print(f"| 下限参考：{label}（不做导出） | | {cpu:.3f}（{cpu / bc:.2f}x） |")
    print()
    print("| 同一进程内，只计 write_docx（中位数） | 秒 |")
    print("| --- | --- |")
    for label, seconds in inproc:
        print(f"| {label} | {seconds:.3f} |")
    print()
    print(
        f"（{args.n} 对交替运行；各次：zicha {[round(t, 2) for t in z_times]}，"
        f"裸循环 {[round(t, 2) for t in b_times]}）"
    )


if __name__ == "__main__":
    main()
