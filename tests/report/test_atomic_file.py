"""save_atomically: the target is either the old file or the whole new one, never a piece."""

from __future__ import annotations

from pathlib import Path

import pytest

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
