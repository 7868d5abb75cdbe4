"""A text file cut short inside a character (or with one stray byte) is still the regulation:
it imports, the unreadable spots are marked and the officer is told to check them."""

from __future__ import annotations

from pathlib import Path

import pytest
from kb_docs import FIXTURE_NUMBER, FIXTURE_REGULATION, FIXTURE_TITLE

from knowledge.library import Library


@pytest.mark.parametrize(
    ("name", "payload"),
    [
        # the last character lost its second byte (a copy that stopped short)
        ("截断.txt", lambda: FIXTURE_REGULATION.rstrip().encode("gbk")[:-1]),
        ("截断UTF8.txt", lambda: FIXTURE_REGULATION.rstrip().encode("utf-8")[:-1]),
        # one stray byte between two lines
        (
            "杂字节.txt",
            lambda: (
                FIXTURE_REGULATION.replace("第一章", "\x00第一章", 1)
                .encode("gbk")
                .replace(b"\x00", b"\x80")
            ),
        ),
    ],
)
def test_text_file_with_a_bad_byte_imports_and_says_so(
    kb_lib: Library, tmp_path: Path, name: str, payload
) -> None:
    path = tmp_path / name
    path.write_bytes(payload())
    [outcome] = kb_lib.import_paths([path]).outcomes
    assert outcome.status == "imported", outcome.message
    assert f"《{FIXTURE_TITLE}》（{FIXTURE_NUMBER}）" in outcome.message
    assert "有 1 处文字无法识别（文件可能不完整），已用 � 标出，请与原件核对。" in outcome.message
    hit = kb_lib.search("银行存款余额调节表")[0]
    assert hit.citation.endswith("第十九条")


def test_text_that_is_mostly_unreadable_is_still_refused(kb_lib: Library, tmp_path: Path) -> None:
    path = tmp_path / "乱码.txt"
    good = FIXTURE_REGULATION.encode("gbk")
    path.write_bytes(b"".join(good[i : i + 40] + b"\x80\xff" for i in range(0, len(good), 40)))
    [outcome] = kb_lib.import_paths([path]).outcomes
    assert outcome.status == "failed"
    assert "无法识别文字编码" in outcome.message
