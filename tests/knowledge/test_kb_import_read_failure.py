"""A file that cannot be read: one Chinese line saying why and what to do, never the OS text."""

from __future__ import annotations

import errno
import os
import re
from pathlib import Path

import pytest

from knowledge.library import Library
from knowledge.models import ImportProgress

GOOD = "某办法\n第一条 甲规定。\n第二条 乙规定。"


def _no_english(message: str) -> None:
    reason = message.split("：", 1)[1].replace("Word", "").replace("WPS", "")
    assert not re.search(r"[A-Za-z]{3,}", reason), message


def test_file_deleted_before_it_is_read_says_it_is_gone(kb_lib: Library, tmp_path: Path) -> None:
    folder = tmp_path / "法规 文件"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    gone = folder / "b 办法.txt"
    gone.write_text(GOOD.replace("甲", "丙"), encoding="utf-8")

    def remove_second(p: ImportProgress) -> None:
        if p.done == 1:
            gone.unlink()  # moved away while the first file was being imported

    result = kb_lib.import_paths([folder], progress=remove_second)
    [failed] = [o for o in result.outcomes if o.status == "failed"]
    assert failed.message.startswith("b 办法.txt：文件不存在")
    assert "重新导入" in failed.message
    _no_english(failed.message)
    assert result.count("imported") == 1


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_says_permission_or_in_use(kb_lib: Library, tmp_path: Path) -> None:
    locked = tmp_path / "锁住的 细则.txt"
    locked.write_text(GOOD, encoding="utf-8")
    locked.chmod(0)
    try:
        [outcome] = kb_lib.import_paths([locked]).outcomes
    finally:
        locked.chmod(0o600)
    assert outcome.status == "failed"
    assert "没有读取权限" in outcome.message and "占用" in outcome.message
    _no_english(outcome.message)


@pytest.mark.parametrize(
    ("exc", "expected"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "正被其他程序（如 Word、WPS）占用"),
        (OSError(errno.EIO, "Input/output error"), "读取文件时出错"),
    ],
)
def test_read_errors_are_explained_in_chinese(
    kb_lib: Library, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exc: OSError, expected: str
) -> None:
    # As root (CI) a chmod cannot make a file unreadable; the open itself fails here instead.
    path = tmp_path / "在用.txt"
    path.write_text(GOOD, encoding="utf-8")

    def failing_open(*args: object, **kwargs: object) -> None:
        raise exc

    monkeypatch.setattr("knowledge.importer.open", failing_open, raising=False)
    [outcome] = kb_lib.import_paths([path]).outcomes
    assert outcome.status == "failed"
    assert outcome.message.startswith("在用.txt：") and expected in outcome.message
    _no_english(outcome.message)
    assert not [d for d in kb_lib.documents() if not d.is_starter]


def test_a_path_too_long_for_the_system_is_a_chinese_line(kb_lib: Library, tmp_path: Path) -> None:
    good = tmp_path / "好.txt"
    good.write_text(GOOD, encoding="utf-8")
    too_long = tmp_path / ("很长的文件名" * 40 + ".docx")  # > 255 bytes: the OS refuses it
    result = kb_lib.import_paths([too_long, good])
    [failed] = [o for o in result.outcomes if o.status == "failed"]
    assert "文件名或路径太长" in failed.message
    _no_english(failed.message)
    assert result.count("imported") == 1
