"""`zicha kb …` through click's CliRunner, against a real data home."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner
from kb_docs import FIXTURE_REGULATION, FIXTURE_TITLE, pdf_bytes, write_docx

from tui.cli import main


def run(home: Path, *args: str):
    return CliRunner().invoke(main, ["--home", str(home), "kb", *args], catch_exceptions=False)


def test_import_list_search_show_remove_rebuild(tmp_path: Path) -> None:
    home, folder = tmp_path / "home", tmp_path / "法规"
    folder.mkdir()
    write_docx(folder / "细则.docx", FIXTURE_REGULATION)
    (folder / "稽核.txt").write_bytes(
        "社会保险稽核办法\n第一条 稽核缴费基数。\n第二条 核定缴费基数。".encode("gbk")
    )
    (folder / "财务.pdf").write_bytes(
        pdf_bytes(["某制度", "第一条 收支两条线。", "第二条 专款专用。"])
    )
    (folder / "坏.pdf").write_bytes(b"%PDF-1.4 broken")
    result = run(home, "import", str(folder))
    assert result.exit_code == 1
    assert "[4/4]" in result.output
    assert "坏.pdf：PDF 文件已损坏或不完整，无法读取。" in result.output
    assert "导入完成：新增 3 个，更新 0 个，未变 0 个，失败 1 个" in result.output
    assert (home / "knowledge.db").exists()

    listing = run(home, "list")
    assert f"《{FIXTURE_TITLE}》（某人社发〔2021〕8号）" in listing.output
    assert "内置要点" in listing.output

    search = run(home, "search", "缴费基数核定", "-k", "3")
    assert search.exit_code == 0
    assert search.output.startswith("1. 《")
    assert "【缴费基数】" in search.output and "〔" in search.output

    data = json.loads(run(home, "search", "缴费基数核定", "--json").output)
    assert 1 <= len(data) <= 5 and {"citation", "highlighted", "score"} <= set(data[0])
    shown = run(home, "show", str(data[0]["chunk_id"]))
    assert shown.output.startswith(data[0]["citation"])

    assert "没有找到相关条文" in run(home, "search", "你好").output

    docs = json.loads(run(home, "list", "--json").output)
    doc = next(d for d in docs if d["title"] == FIXTURE_TITLE)
    assert f"已删除《{FIXTURE_TITLE}》" in run(home, "remove", str(doc["id"])).output
    missing = CliRunner().invoke(main, ["--home", str(home), "kb", "remove", "99999"])
    assert missing.exit_code == 1 and "没有编号为 99999 的文件" in missing.output
    assert "索引已重建" in run(home, "rebuild").output
    again = run(home, "import", str(folder / "稽核.txt"))
    assert "未变化，跳过" in again.output and again.exit_code == 0


def test_every_kb_command_has_chinese_help(tmp_path: Path) -> None:
    for cmd in ["import", "list", "remove", "rebuild", "search", "show"]:
        out = run(tmp_path, cmd, "--help").output
        assert any("\u4e00" <= ch <= "\u9fff" for ch in out.split("Options")[0]), cmd


def test_knowledge_imports_nothing_heavy_or_foreign() -> None:
    code = (
        "import sys, knowledge.library, knowledge.models;"
        "bad = [m for m in ('textual', 'report', 'jieba', 'rjieba', 'langchain_core', 'docx', 'pypdf')"
        " if m in sys.modules]; print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
    src = Path(__file__).resolve().parents[2] / "knowledge"
    for f in src.rglob("*.py"):
        text = f.read_text(encoding="utf-8")
        assert "from report" not in text and "import report" not in text, f
        assert "textual" not in text, f
