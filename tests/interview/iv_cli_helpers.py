"""Running `zicha` as a user does, in a subprocess with piped stdin (the interview CLI tests)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from province_tables import NEW_REPORT

ZICHA = [str(Path(sys.executable).parent / "zicha")]
TIMEOUT = 60


def zicha_env(home: Path) -> dict[str, str]:
    env = {**os.environ, "ZICHA_HOME": str(home), "PYTHONUNBUFFERED": "1"}
    env.pop("ZICHA_USER", None)
    return env


def new_report(home: Path) -> int:
    """`zicha report new` for a county on the built-in bank; the new report's id."""
    out = subprocess.run(
        [*ZICHA, *NEW_REPORT],
        env=zicha_env(home),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=True,
    )
    return int(out.stdout.strip().splitlines()[-1])


def run_interview(
    home: Path, report_id: int, typed: list[str], *flags: str
) -> subprocess.CompletedProcess[str]:
    """`zicha interview ID` with the lines typed piped in, to its end."""
    return subprocess.run(
        [*ZICHA, "interview", str(report_id), *flags],
        input="\n".join(typed) + "\n",
        env=zicha_env(home),
        capture_output=True,
        text=True,
        timeout=TIMEOUT * 2,
    )
