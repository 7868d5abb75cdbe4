"""A library that cannot be opened says in Chinese why and what to do, no English OS text."""

from __future__ import annotations

import errno
import re
from pathlib import Path

import pytest

from knowledge import db
from knowledge.errors import KnowledgeError


def open_error(path: Path) -> str:
    with pytest.raises(KnowledgeError) as info:
        db.open_connection(path)
    return str(info.value)


def assert_no_english(text: str) -> None:
    assert "Errno" not in text and not re.search(r"[A-Za-z]{4,}", text.replace("knowledge.db", ""))


def test_parent_is_a_file(tmp_path: Path):
    (tmp_path / "lib").write_text("x", encoding="utf-8")
    text = open_error(tmp_path / "lib" / "knowledge.db")
    assert "不是文件夹" in text
    assert_no_english(text.split("：", 1)[1])


@pytest.mark.parametrize(
    ("code", "words"),
    [(errno.EACCES, "没有写权限"), (errno.ENOSPC, "磁盘已满"), (errno.ENOENT, "不存在")],
)
def test_os_reasons_in_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code, words):
    def refuse(*args, **kwargs):
        raise OSError(code, "English reason from the OS")

    monkeypatch.setattr(Path, "mkdir", refuse)
    text = open_error(tmp_path / "lib" / "knowledge.db")
    assert words in text
    assert_no_english(text.split("：", 1)[1])


def test_sqlite_cannot_open(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    def refuse(*args, **kwargs):
        raise db.sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(db.sqlite3, "connect", refuse)
    text = open_error(tmp_path / "knowledge.db")
    assert "unable" not in text and "权限" in text
