"""Answers files and document profiles are read by one helper: the same Chinese sentence for
the same mistake, whichever of the two the officer named."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from exports.profile import MAX_PROFILE_BYTES, ProfileError, load_profile_file
from report import user_text_file
from report.answers import MAX_ANSWERS_FILE_BYTES, AnswersFileError, load_answers
from report.errors import ZichaError

LOADERS: list[tuple[Callable[[Path], object], type[ZichaError], int]] = [
    (load_answers, AnswersFileError, MAX_ANSWERS_FILE_BYTES),
    (load_profile_file, ProfileError, MAX_PROFILE_BYTES),
]


@pytest.fixture(params=LOADERS, ids=["answers", "profile"])
def loader(
    request: pytest.FixtureRequest,
) -> tuple[Callable[[Path], object], type[ZichaError], int]:
    return request.param  # type: ignore[no-any-return]


def refused(loader, path: Path) -> str:
    load, error, _ = loader
    with pytest.raises(error) as info:
        load(path)
    message = str(info.value)
    assert message.startswith(f"{path}：")
    return message


def test_a_folder_is_named_as_a_folder(loader, tmp_path: Path) -> None:
    assert "这是一个文件夹" in refused(loader, tmp_path)


def test_a_missing_file(loader, tmp_path: Path) -> None:
    assert "找不到这个文件" in refused(loader, tmp_path / "没有.yaml")


def test_an_unreadable_file_says_permission_in_chinese(
    loader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "锁定.yaml"
    path.write_text("unit: 某县\n", encoding="utf-8")

    def refuse(*args: object, **kwargs: object) -> None:  # root ignores chmod
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(user_text_file, "open", refuse, raising=False)
    message = refused(loader, path)
    assert "没有读取这个文件的权限" in message and "Permission" not in message


def test_a_too_large_file_is_refused_reading_no_more_than_the_limit(
    loader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    limit = loader[2]
    path = tmp_path / "大.yaml"
    path.write_bytes(b"#" * (limit * 3))
    asked: list[int] = []
    real_open = open

    class Counting:
        def __init__(self, fh) -> None:
            self.fh = fh

        def __enter__(self):
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def read(self, size: int = -1) -> bytes:
            asked.append(size)
            return self.fh.read(size)

    monkeypatch.setattr(
        user_text_file, "open", lambda p, mode: Counting(real_open(p, mode)), raising=False
    )
    assert "文件过大" in refused(loader, path)
    assert asked == [limit + 1]


def test_binary_content_is_not_text(loader, tmp_path: Path) -> None:
    path = tmp_path / "二进制.yaml"
    path.write_bytes(b"unit: \xff\xfe\xfd\x81\x30")
    assert "编码的文本文件，请另存为 UTF-8" in refused(loader, path)
