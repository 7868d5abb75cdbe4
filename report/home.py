"""Where zicha keeps its files: the data home."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ENV_VAR = "ZICHA_HOME"


def data_home(override: str | os.PathLike[str] | None = None) -> Path:
    """The data home: --home, else $ZICHA_HOME, else the platform's user data dir
    (%APPDATA%\\zicha on Windows, ~/.local/share/zicha on Linux).

    Nothing is created here; callers create the folder when they first write.
    """
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    if sys.platform == "win32" and os.environ.get("APPDATA"):
        # %APPDATA% (roaming): where Windows programs keep a user's documents-like data.
        return Path(os.environ["APPDATA"]) / "zicha"
    import platformdirs

    return Path(platformdirs.user_data_dir("zicha", appauthor=False, roaming=True))


def reports_db_path(home: Path) -> Path:
    return home / "zicha.db"


def knowledge_db_path(home: Path) -> Path:
    return home / "knowledge.db"
