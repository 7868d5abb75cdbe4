"""General synonyms from CC-CEDICT (knowledge/synonyms.py): which shared senses make synonyms."""

from __future__ import annotations

from knowledge.synonyms import build_table, general_synonyms, read_dictionary, table_text

LINES = [
    "# CC-CEDICT header line",
    "退休金 退休金 [tui4 xiu1 jin1] /retirement pay; pension/",
    "養老金 养老金 [yang3 lao3 jin1] /pension/",
    "檢查 检查 [jian3 cha2] /to inspect; to examine/",
    "查驗 查验 [cha2 yan4] /to check; to examine; to inspect/",
    "密碼 密码 [mi4 ma3] /password; cipher; code; pin/",
    "別針 别针 [bie2 zhen1] /pin; safety pin; brooch/",
    "見 见 [jian4] /to see/",
    "參見 参见 [can1 jian4] /see also 查看[cha2 kan4]/",
    "查看 查看 [cha2 kan4] /to look over; to examine/",
]


def test_words_sharing_their_senses_are_synonyms() -> None:
    table = build_table(LINES)
    assert table["退休金"] == ("养老金",)  # 养老金's only sense is shared
    assert "查验" in table["检查"] and "检查" in table["查验"]  # two shared senses
    assert "别针" not in table.get("密码", ())  # one ambiguous English word: not synonyms
    assert "见" not in table  # one-character words are left out
    assert "参见" not in table  # cross-references are not senses


def test_a_sense_shared_by_too_many_words_is_skipped() -> None:
    lines = [f"詞{i} 词{chr(0x4E00 + i)} [ci2] /unit; unit of measure/" for i in range(12)]
    table = build_table(lines)
    assert all(table.get(w) == () for w in table.words())


def test_the_shipped_table_loads() -> None:
    table = general_synonyms()
    assert len(table) > 10_000
    assert "养老金" in table["退休金"].split() and "计算机" in table["电脑"].split()


def test_the_shipped_table_is_what_the_rules_work_out_from_cc_cedict() -> None:
    """knowledge/data/general_synonyms.txt is derived, not edited: regenerating gives it back."""
    from importlib import resources

    shipped = resources.files("knowledge.data").joinpath("general_synonyms.txt")
    assert shipped.read_text(encoding="utf-8") == table_text(read_dictionary())
    assert "CC BY-SA 4.0" in shipped.read_text(encoding="utf-8")[:600]
