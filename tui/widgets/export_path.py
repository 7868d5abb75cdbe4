"""Where an export goes by default, and keeping the suffix in step with the format."""

from __future__ import annotations

from pathlib import Path

from exports.writer import FORMATS

LAST_DIR_FILE = "last_export_dir.txt"  # in the data home
# Folders an export is never proposed into (the system's, and a bare home folder such as /root).
_SYSTEM_PARTS = {"windows", "program files", "program files (x86)", "programdata", "system32"}
_SYSTEM_TOP = {"bin", "boot", "dev", "etc", "lib", "lib64", "proc", "root", "run", "sbin", "sys",
               "usr", "var", "opt", "srv", "snap"}  # fmt: skip


def is_system_folder(path: Path) -> bool:
    parts = [p.lower() for p in path.resolve().parts[1:]]
    if not parts:  # / or C:\
        return True
    if parts[0] in _SYSTEM_TOP and (parts[0] != "root" or len(parts) == 1):
        return True
    return any(p in _SYSTEM_PARTS for p in parts)


def last_directory(data_home: Path) -> Path | None:
    try:
        text = (data_home / LAST_DIR_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    return Path(text) if text else None


def remember_directory(data_home: Path, exported: Path) -> None:
    """Keep the folder of a finished export; the next export proposes it again."""
    try:
        data_home.mkdir(parents=True, exist_ok=True)
        (data_home / LAST_DIR_FILE).write_text(str(exported.parent.resolve()), encoding="utf-8")
    except OSError:
        pass  # only a convenience: the export itself succeeded


def default_directory(data_home: Path | None = None) -> Path:
    """The folder used last time, else Documents (文档), else the data home's exports folder.

    Never the working directory (zicha is usually started from a shortcut or `make run`)
    and never a system folder such as /root or C:\\Windows.
    """
    if data_home is not None:
        last = last_directory(data_home)
        if last is not None and last.is_dir() and not is_system_folder(last):
            return last
    home = Path.home()
    for name in ("Documents", "文档", "My Documents"):
        candidate = home / name
        if candidate.is_dir() and not is_system_folder(candidate):
            return candidate
    if data_home is None:
        from report.home import data_home as default_home

        data_home = default_home()
    exports = data_home / "exports"
    try:
        exports.mkdir(parents=True, exist_ok=True)
    except OSError:
        pass  # the writer then says the folder cannot be written
    return exports


def with_format(path_text: str, fmt: str) -> str:
    """Swap a known export suffix for the chosen one; leave any other name alone."""
    path_text = path_text.strip()
    if not path_text:
        return path_text
    path = Path(path_text)
    if path.suffix.lower().lstrip(".") in FORMATS:
        return str(path.with_suffix(f".{fmt}"))
    return path_text
