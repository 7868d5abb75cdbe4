"""LibreOffice as the tests run it: convert one file headless, with a profile of its own (two
soffice processes on one profile collide, and `make test` runs two workers side by side)."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def convert(src: Path, outdir: Path, to: str = "pdf") -> Path:
    """src converted to `to` in outdir (made if missing); fails the test if LibreOffice fails."""
    assert SOFFICE is not None, "the caller skips where LibreOffice is missing"
    with tempfile.TemporaryDirectory(prefix="zicha-test-lo-") as profile:
        subprocess.run(
            [
                SOFFICE,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--convert-to",
                to,
                "--outdir",
                str(outdir),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    return outdir / f"{src.stem}.{to.split(':')[0]}"
