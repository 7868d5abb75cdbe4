"""Where an export goes by default, and keeping the suffix in step with the format."""

from __future__ import annotations

from pathlib import Path

from exports.writer import FORMATS


def default_directory() -> Path:
    """The user's Documents folder when there is one, else the home folder.

    Not the working directory: zicha is usually started from a shortcut or from the
    project checkout (`make run`), and an officer would not think to look there.
    """
    home = Path.home()
    for name in ("Documents", "文档"):
        candidate = home / name
        if candidate.is_dir():
            return candidate
    return home


def with_format(path_text: str, fmt: str) -> str:
    """Swap a known export suffix for the chosen one; leave any other name alone."""
    path_text = path_text.strip()
    if not path_text:
        return path_text
    path = Path(path_text)
    if path.suffix.lower().lstrip(".") in FORMATS:
        return str(path.with_suffix(f".{fmt}"))
    return path_text
