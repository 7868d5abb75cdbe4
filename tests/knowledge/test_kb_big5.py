"""A Big5 (traditional Chinese) .txt regulation is refused with what to do, not imported garbled.

Big5 bytes also decode as GB18030, into rare characters: 「社會保險經辦條例」 came in as
「穦玂繧竒快兵ㄒ」 without a word. The library searches simplified Chinese, so the officer is told
to convert the file first."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from knowledge.encoding import detect_and_decode
from knowledge.errors import LoadError
from knowledge.library import Library
from report.home import knowledge_db_path
from tui.cli import main

TRADITIONAL = (
    "社會保險經辦條例\n"
    "第一條 為了規範社會保險經辦，優化社會保險服務，保障社會保險基金安全，"
    "維護用人單位和個人的合法權益，促進社會公平，制定本條例。\n"
    "第二條 經辦基本養老保險、基本醫療保險、工傷保險、失業保險、生育保險等社會保險，適用本條例。\n"
)
REFUSED = "是繁体中文（Big5 编码）的文本，未导入"
WHAT_TO_DO = "请先转为简体中文"


@pytest.mark.parametrize("codec", ["big5", "cp950"])
@pytest.mark.parametrize("chars", [len(TRADITIONAL), 8])
def test_big5_text_is_refused_with_what_to_do(codec: str, chars: int) -> None:
    data = TRADITIONAL[:chars].encode(codec)
    assert data.decode("gb18030")  # why it slipped through: valid GB18030, garbled
    with pytest.raises(LoadError) as exc:
        detect_and_decode(data, "條例.txt")
    assert str(exc.value).startswith(f"條例.txt：{REFUSED}")
    assert WHAT_TO_DO in str(exc.value) and "UTF-8" in str(exc.value)


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (TRADITIONAL, "gbk"),  # traditional characters saved as GBK are read as they are
        ("稽核", "gbk"),  # a very short GBK text that is valid Big5 as well
        ("社会保险经办条例\n第一条 为了规范社会保险经办，制定本条例。\n", "gb18030"),
    ],
)
def test_gb_texts_are_not_taken_for_big5(text: str, codec: str) -> None:
    assert detect_and_decode(text.encode(codec), "x.txt") == (text, "gb18030")


def test_kb_import_refuses_a_big5_file_and_keeps_the_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # no vector phase: this is about reading the file (vectors take minutes on CI)
    monkeypatch.setattr("knowledge.semantic.unavailable_reason", lambda: "（测试：不算语义向量）")
    folder = tmp_path / "法规"
    folder.mkdir()
    (folder / "經辦條例.txt").write_bytes(TRADITIONAL.encode("big5"))
    (folder / "稽核办法.txt").write_text(
        "社会保险稽核办法\n第一条 稽核机构应当对缴费基数进行稽核。\n", "utf-8"
    )
    home = tmp_path / "home"
    result = CliRunner().invoke(main, ["--home", str(home), "kb", "import", str(folder)])
    assert result.exit_code == 1, result.output
    assert f"經辦條例.txt：{REFUSED}" in result.output and WHAT_TO_DO in result.output
    with Library(knowledge_db_path(home)) as lib:
        titles = [d.title for d in lib.documents() if not d.is_starter]
        garbled = lib.conn.execute(
            "SELECT count(*) FROM chunks WHERE text LIKE '%穦玂%'"
        ).fetchone()[0]
    assert titles == ["社会保险稽核办法"] and garbled == 0
