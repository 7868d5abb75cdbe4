"""Is a folder on a network filesystem? SQLite's locking is unreliable over NFS/SMB and many
FUSE mounts (its own documentation says so), so a zicha.db there is refused unless the user
overrides it explicitly; an office that shares reports uses PostgreSQL instead."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from .errors import ZichaError

ALLOW_ENV = "ZICHA_ALLOW_NETWORK_DB"
MOUNTS_FILE = "/proc/self/mounts"

# Linux filesystem types whose file locking SQLite cannot rely on.
NETWORK_TYPES = frozenset(
    {
        "nfs", "nfs4", "cifs", "smb", "smb3", "smbfs", "ncpfs", "afs", "coda", "9p",
        "ceph", "glusterfs", "lustre", "gpfs", "ocfs2", "gfs2", "davfs", "virtiofs",
    }
)  # fmt: skip
# FUSE mounts that are local disks in disguise (container layers, NTFS on a USB disk).
LOCAL_FUSE = frozenset({"fuse.fuse-overlayfs", "fuseblk", "fuse.ntfs-3g", "fuse.lxcfs"})


class NetworkFilesystemError(ZichaError):
    pass


def _unescape(field: str) -> str:
    # /proc/mounts writes space, tab, newline and backslash as octal escapes.
    for code, char in (("\\040", " "), ("\\011", "\t"), ("\\012", "\n"), ("\\134", "\\")):
        field = field.replace(code, char)
    return field


def filesystem_of(path: Path, mounts_text: str) -> str | None:
    """The type of the mount that holds path, from the text of /proc/self/mounts."""
    target = str(path)
    best, best_type = "", None
    for line in mounts_text.splitlines():
        parts = line.split()
        if len(parts) < 3:
            continue
        mount_point, fs_type = _unescape(parts[1]), parts[2]
        prefix = mount_point.rstrip("/") + "/"
        if (target == mount_point or target.startswith(prefix) or mount_point == "/") and len(
            mount_point
        ) >= len(best):
            best, best_type = mount_point, fs_type
    return best_type


def is_network_type(fs_type: str | None) -> bool:
    if fs_type is None:
        return False
    if fs_type in LOCAL_FUSE:
        return False
    return fs_type in NETWORK_TYPES or fs_type == "fuse" or fs_type.startswith("fuse.")


def network_kind(folder: Path) -> str | None:
    """A short name of the network filesystem holding folder, or None when it is local."""
    path = _existing(folder)
    if sys.platform == "win32":
        return _windows_kind(path)
    try:
        with open(MOUNTS_FILE, encoding="utf-8", errors="replace") as fh:
            text = fh.read()
    except OSError:
        return None  # no mount table (macOS, BSD): nothing to judge by
    fs_type = filesystem_of(path, text)
    return fs_type if is_network_type(fs_type) else None


def _existing(folder: Path) -> Path:
    path = Path(os.path.abspath(folder))
    while not path.exists() and path != path.parent:
        path = path.parent
    try:
        return path.resolve()
    except OSError:
        return path


def _windows_kind(path: Path) -> str | None:  # pragma: no cover - Windows only
    text = str(path)
    if text.startswith("\\\\"):
        return "SMB 共享文件夹"
    import ctypes

    drive = os.path.splitdrive(text)[0] + "\\"
    drive_remote = 4
    if ctypes.windll.kernel32.GetDriveTypeW(drive) == drive_remote:  # type: ignore[attr-defined]  # windll exists on Windows only
        return "网络驱动器"
    return None


def refuse_network_home(folder: Path, allowed: bool) -> None:
    """Raise a Chinese explanation when folder is on a network filesystem and not allowed."""
    if allowed or os.environ.get(ALLOW_ENV) == "1":
        return
    kind = network_kind(folder)
    if kind is None:
        return
    raise NetworkFilesystemError(
        f"数据目录 {folder} 位于网络文件系统（{kind}）上。SQLite 数据文件放在共享文件夹中"
        "容易损坏或被锁住，多台电脑共用时请改用 PostgreSQL 数据库（见说明文档「多台电脑共用」，"
        "用 --db postgresql://… 或环境变量 ZICHA_DB 指定）。如确需在此使用，"
        f"请设置环境变量 {ALLOW_ENV}=1，或在 config.toml 的 [database] 中写 "
        "allow_network_filesystem = true。"
    )
