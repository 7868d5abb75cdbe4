"""`zicha report list | head -1`: the reader leaving early is not a program error.

Before, the broken pipe became 「程序内部出错」 with a log file to send to the maintainers.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ZICHA = [sys.executable, "-c", "from tui.cli import main; main()"]


def test_output_into_a_closed_pipe_is_quiet(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ZICHA_")}
    env["ZICHA_HOME"] = str(home)
    read_end, write_end = os.pipe()
    os.close(read_end)  # the reader (head) is already gone when zicha writes
    try:
        result = subprocess.run(
            [*ZICHA, "report", "list"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            timeout=120,
        )
    finally:
        os.close(write_end)
    assert "程序内部出错" not in result.stderr, result.stderr
    assert "Traceback" not in result.stderr and "Error" not in result.stderr, result.stderr
    assert not (home / "logs").exists()
