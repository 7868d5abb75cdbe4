"""Issue 11: an answers file with 100,000 points must be done with in ≤ 5 s and ≤ 200 MB —
here by a limit that refuses it — and the largest file the limits allow must stay quick.

Each case runs `zicha report new --from FILE` in a fresh process (fresh data home) and reports
wall time, peak RSS (ru_maxrss of the child) and the exit code; then `report list` on the result.

    .venv/bin/python benchmarks/limits_bench.py
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

HEAD = """unit: 某县社会保险事业局
addressee: 市社会保险事业管理处
year: 2026
basis: {title: 关于开展内部控制检查评估工作的通知, number: 某社险函〔2026〕71号}
"""
AREAS = ("organization", "business", "fund_finance", "information_system", "supervision")


def block_file(points_per_area: int, areas: int = 5) -> str:
    out = [HEAD, "sections:\n"]
    for key in AREAS[:areas]:
        out.append(f"  {key}:\n")
        out.extend(
            f"    - text: 第{i}项工作按规程办理，台账齐全。\n" for i in range(points_per_area)
        )
    return "".join(out)


def flow_file(points: int) -> str:
    items = ", ".join(f"{{text: 第{i}项}}" for i in range(points))
    return HEAD + f"sections: {{organization: [{items}]}}\n"


# A fresh wrapper per case: RUSAGE_CHILDREN's max RSS then belongs to that one zicha run.
WRAPPER = """
import resource, subprocess, sys, time
t0 = time.perf_counter()
p = subprocess.run([sys.executable, "-c", "from tui.cli import run; run()", *sys.argv[1:]],
                   capture_output=True, text=True)
wall = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
msg = (p.stderr.strip() or p.stdout.strip()).splitlines()[-1:] or [""]
print(wall, rss, p.returncode, msg[0][:70].replace(" ", "\u00a0"))
"""


def run(home: Path, *args: str) -> tuple[float, float, int, str]:
    env = {**os.environ, "ZICHA_HOME": str(home)}
    out = subprocess.run(
        [sys.executable, "-c", WRAPPER, *args], capture_output=True, text=True, env=env
    ).stdout.split(maxsplit=3)
    wall, rss, code = float(out[0]), int(out[1]), int(out[2])
    msg = out[3].strip().replace("\u00a0", " ") if len(out) > 3 else ""
    return wall, rss / 1024, code, msg


def main() -> None:
    cases = [
        ("100,000 points, block style", block_file(20_000)),
        ("100,000 points, one flow line", flow_file(100_000)),
        ("largest allowed: 5 × 500 points", block_file(500)),
    ]
    print(f"{'case':34} {'bytes':>9} {'seconds':>8} {'peak MB':>8} exit  message")
    with tempfile.TemporaryDirectory() as tmp:
        for n, (label, text) in enumerate(cases):
            path = Path(tmp) / f"case{n}.yaml"
            path.write_text(text, encoding="utf-8")
            home = Path(tmp) / f"home{n}"
            wall, mb, code, msg = run(home, "report", "new", "--from", str(path))
            print(f"{label:34} {len(text.encode()):>9} {wall:>8.2f} {mb:>8.0f} {code:>4}  {msg}")
            if code == 0:
                wall, mb, code, _ = run(home, "report", "list")
                print(f"{'  then report list':34} {'':>9} {wall:>8.2f} {mb:>8.0f} {code:>4}")


if __name__ == "__main__":
    main()
