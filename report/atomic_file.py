"""Write a file all or nothing: into a temporary file beside it, then renamed into place."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def save_atomically(path: Path, save: Callable[[str], object]) -> None:
    """Call save(tmp) on a fresh temporary name in path's folder, then rename it to path.

    The temporary name matches the `.~zicha-*.tmp` that start-up cleans after a kill. Any
    failure removes the temporary file and propagates (callers word the OSError in Chinese);
    path itself is never half-written.
    """
    fd, tmp = tempfile.mkstemp(prefix=".~zicha-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        save(tmp)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
