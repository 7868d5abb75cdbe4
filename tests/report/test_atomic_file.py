"""save_atomically: the target is either the old file or the whole new one, never a piece."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from report import atomic_file
from report.atomic_file import save_atomically


def test_a_failed_save_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "台账.xlsx"
    target.write_text("旧内容", encoding="utf-8")

    def half_then_fail(tmp: str) -> None:
        Path(tmp).write_text("半截", encoding="utf-8")
        raise OSError(28, "No space left on device")

    with pytest.raises(OSError):
        save_atomically(target, half_then_fail)
    assert target.read_text(encoding="utf-8") == "旧内容"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["台账.xlsx"]


def test_a_good_save_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "评分表.xlsx"
    target.write_text("旧内容", encoding="utf-8")
    save_atomically(target, lambda tmp: Path(tmp).write_text("新内容", encoding="utf-8"))
    assert target.read_text(encoding="utf-8") == "新内容"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["评分表.xlsx"]


@pytest.fixture
def umask_027() -> Iterator[None]:
    old = os.umask(0o027)
    try:
        yield
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name == "nt", reason="Windows has no POSIX file modes")
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077, 0o002])
def test_a_new_file_gets_the_mode_the_umask_gives(tmp_path: Path, umask: int) -> None:
    old = os.umask(umask)
    try:
        save_atomically(tmp_path / "评分表.xlsx", lambda tmp: Path(tmp).write_bytes(b"PK"))
        (tmp_path / "对照.txt").write_bytes(b"PK")  # what an ordinary save gives
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "评分表.xlsx").stat().st_mode) == 0o666 & ~umask
    assert stat.S_IMODE((tmp_path / "评分表.xlsx").stat().st_mode) == stat.S_IMODE(
        (tmp_path / "对照.txt").stat().st_mode
    )


@pytest.mark.skipif(os.name == "nt", reason="Windows has no POSIX file modes")
def test_a_replaced_file_keeps_its_own_mode(tmp_path: Path, umask_027: None) -> None:
    target = tmp_path / "台账.xlsx"
    target.write_bytes(b"old")
    os.chmod(target, 0o664)  # shared with the office group on purpose
    save_atomically(target, lambda tmp: Path(tmp).write_bytes(b"new"))
    assert target.read_bytes() == b"new"
    assert stat.S_IMODE(target.stat().st_mode) == 0o664


@pytest.mark.skipif(os.name == "nt", reason="Windows has no POSIX file modes")
def test_the_umask_is_read_without_changing_it(
    tmp_path: Path, umask_027: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_setting(mask: int) -> int:  # another thread may be creating a file right now
        raise AssertionError("os.umask() called")

    monkeypatch.setattr(os, "umask", no_setting)
    assert atomic_file.current_umask(tmp_path) == 0o027
    monkeypatch.setattr(atomic_file, "_umask_from_proc", lambda: None)  # not Linux
    assert atomic_file.current_umask(tmp_path) == 0o027
    assert list(tmp_path.iterdir()) == []  # the probe is gone


@pytest.mark.skipif(os.name == "nt", reason="Windows has no POSIX file modes")
def test_xlsx_exports_are_not_private(tmp_path: Path, umask_027: None) -> None:
    from interview.bank import load_bank
    from interview.bank_table import write_bank_xlsx

    out = write_bank_xlsx(load_bank(None), "测试题库", tmp_path / "题库.xlsx")
    assert stat.S_IMODE(out.stat().st_mode) == 0o640
