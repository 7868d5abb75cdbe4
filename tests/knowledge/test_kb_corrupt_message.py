"""A damaged 法规库 is explained in Chinese only: SQLite's English reason
(「database disk image is malformed」) was printed in the middle of the message."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.errors import KnowledgeError
from knowledge.library import Library


def test_damaged_library_message_has_no_english(tmp_path: Path) -> None:
    path = tmp_path / "knowledge.db"
    Library(path).close()
    data = bytearray(path.read_bytes())
    data[100:4000] = b"\x00" * 3900  # the header's page map and the schema page
    path.write_bytes(bytes(data))
    with pytest.raises(KnowledgeError) as refused:
        Library(path)
    message = str(refused.value).replace(str(path), "").replace("zicha", "")
    assert "已损坏" in message and "重新导入" in message
    assert not re.search(r"[A-Za-z]{3,}", message), message
