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


def _word_file(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph("unit: 某县社会保险事业局")
    document.save(str(path))
    return path


def _excel_file(path: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.active["A1"] = "unit"
    book.save(str(path))
    return path


def test_a_word_file_is_named_as_word_and_says_what_the_file_should_be(
    loader, tmp_path: Path
) -> None:
    # Named .yaml on purpose: the officer renamed the file, the bytes still say Word.
    message = refused(loader, _word_file(tmp_path / "答案.yaml"))
    assert "这是 Word 文档（.docx），不是文本文件" in message, message
    assert "YAML 格式的纯文本" in message and "examples/" in message
    assert "编码" not in message.split("不是文本文件")[0]  # not an encoding problem


@pytest.mark.parametrize(
    ("make", "kind"),
    [
        (lambda p: _excel_file(p), "Excel 表格（.xlsx）"),
        (lambda p: p.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n") and p, "PDF 文件"),
        (lambda p: p.write_bytes(b"PK\x03\x04\x14\x00\x00\x00notes.txt") and p, "zip 压缩包"),
        (
            lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64) and p,
            "旧版 Word 或 Excel 文件",
        ),
    ],
    ids=["xlsx", "pdf", "zip", "doc"],
)
def test_other_binary_files_are_named_by_their_kind(loader, tmp_path: Path, make, kind) -> None:
    path = tmp_path / "文件.yaml"
    make(path)
    message = refused(loader, path)
    assert kind in message and "不是文本文件" in message and "UTF-8 后再试" not in message


def test_an_empty_file_is_called_empty(loader, tmp_path: Path) -> None:
    for content in (b"", b"\n\r\n  \n", b"\xef\xbb\xbf"):
        path = tmp_path / "空.yaml"
        path.write_bytes(content)
        message = refused(loader, path)
        assert "文件是空的" in message and "unit: 单位全称" not in message, message


def test_an_answers_file_of_comments_only_has_no_answers(tmp_path: Path) -> None:
    path = tmp_path / "只有注释.yaml"
    path.write_text("# 答案文件\n# unit: 某县\n", encoding="utf-8")
    message = refused(LOADERS[0], path)
    assert "只有注释或空行，没有答案内容" in message


def test_a_gbk_profile_is_read_like_a_gbk_answers_file(tmp_path: Path) -> None:
    path = tmp_path / "上报.yaml"
    path.write_bytes(
        "name: 上报市局\norgan_mark: 某县社会保险事业局文件\n".replace("\n", "\r\n").encode("gbk")
    )
    profile = load_profile_file(path)
    assert profile.name == "上报市局" and profile.organ_mark == "某县社会保险事业局文件"
