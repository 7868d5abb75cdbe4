"""The last line of defence: any exception a command did not expect becomes one Chinese
sentence on screen and a traceback in a log file, never a traceback on the terminal."""

from __future__ import annotations

import datetime as dt
import errno
import os
import sqlite3
import tempfile
import traceback
from pathlib import Path

LOG_DIR = "logs"


def known_cause(exc: BaseException) -> str | None:
    """A Chinese sentence for faults that come from the machine, not from a bug."""
    if isinstance(exc, sqlite3.OperationalError):
        text = str(exc).lower()
        if "readonly" in text or "read-only" in text:
            return "数据文件是只读的，无法写入。请检查数据文件和数据目录的权限（或换一个可写的目录），未写入任何内容。"
        if "locked" in text or "busy" in text:
            return "数据文件正被另一个 zicha 长时间占用，请稍后再试。未写入任何内容。"
        if "disk" in text and "full" in text:
            return "磁盘已满，未写入任何内容。请清理磁盘空间后再试。"
        if "unable to open" in text:
            return "无法打开数据文件：请检查数据目录是否存在、是否有读写权限。"
    if isinstance(exc, sqlite3.DatabaseError | UnicodeDecodeError):
        return (
            "数据文件已损坏（读取时内容不对）。请不要继续写入，用备份恢复；"
            "可先运行 zicha audit verify 查看情况。"
        )
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return "磁盘已满，未写入任何内容。请清理磁盘空间后再试。"
        if exc.errno == errno.ENAMETOOLONG:
            return "文件名太长（超过 255 字节，约 85 个汉字），请换一个短一些的名字。"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            where = f"：{exc.filename}" if exc.filename else ""
            return f"没有权限读写{where}。请检查文件和文件夹的权限。"
    if isinstance(exc, MemoryError):
        return "内存不足，操作未完成，未写入任何内容。请关闭其他程序，或把输入分成几份。"
    if isinstance(exc, RecursionError):
        return "输入的嵌套层数过多，无法处理，未写入任何内容。"
    return None


def write_log(exc: BaseException, home: Path | None) -> Path | None:
    """Write the traceback to <home>/logs (or the temp folder); the path, or None if neither."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    for folder in ([home / LOG_DIR] if home else []) + [Path(tempfile.gettempdir())]:
        try:
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
            path = folder / f"zicha-error-{stamp}-{os.getpid()}.log"
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
            with os.fdopen(fd, "w", encoding="utf-8", errors="backslashreplace") as fh:
                fh.write(text)
            return path
        except OSError:
            continue
    return None


def crash_message(exc: BaseException, home: Path | None) -> str:
    log = write_log(exc, home)
    where = f"详细信息已写入 {log}，" if log else ""
    cause = known_cause(exc)
    if cause:
        return f"{cause}（{where.rstrip('，')}）" if where else cause
    return f"程序内部出错，操作没有完成（已写入的内容不受影响）。{where}请把该文件发给维护人员。"
