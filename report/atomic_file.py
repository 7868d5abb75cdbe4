"""Write a file all or nothing: into a temporary file beside it, then renamed into place.

Modes: mkstemp makes a private (0600) temporary file, so before the rename the file gets the
mode an ordinary save would have given it — an existing file keeps its own mode (as opening it
for writing would), a new one gets 0666 less the user's umask. The umask is read, never set:
os.umask() can only be read by changing it, which races with other threads creating files.
"""

from __future__ import annotations

import os
import secrets
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path

TEMP_PREFIX = ".~zicha-"
TEMP_SUFFIX = ".tmp"


def save_atomically(path: Path, save: Callable[[str], object]) -> None:
    """Call save(tmp) on a fresh temporary name in path's folder, then rename it to path.

    The temporary name matches the `.~zicha-*.tmp` that start-up cleans after a kill. Any
    failure removes the temporary file and propagates (callers word the OSError in Chinese);
    path itself is never half-written.
    """
    fd, tmp = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX, dir=path.parent)
    os.close(fd)
    try:
        save(tmp)
        give_ordinary_mode(Path(tmp), path)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def give_ordinary_mode(tmp: Path, target: Path) -> None:
    """Give tmp the permission bits that writing target the ordinary way would leave it with."""
    if os.name == "nt":  # no POSIX modes; the folder's ACL already applies
        return
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~current_umask(tmp.parent)
    os.chmod(tmp, mode)


def current_umask(folder: Path) -> int:
    """The process umask, read without changing it."""
    mask = _umask_from_proc()
    return mask if mask is not None else _umask_from_probe(folder)


def _umask_from_proc() -> int | None:
    # Linux 4.7 and later show it in /proc/self/status.
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        return None
    return None


def _umask_from_probe(folder: Path) -> int:
    # Elsewhere: create a file asking for 0777 and see what the kernel left of it. The name
    # matches the temporary files start-up cleans, should a kill come in between.
    probe = folder / f"{TEMP_PREFIX}{secrets.token_hex(8)}{TEMP_SUFFIX}"
    fd = os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o777)
    try:
        return 0o777 & ~stat.S_IMODE(os.fstat(fd).st_mode)
    finally:
        os.close(fd)
        probe.unlink(missing_ok=True)
