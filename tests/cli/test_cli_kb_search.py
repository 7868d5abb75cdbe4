"""an empty search (a script with an unset variable) is an error, not "nothing found"."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from tui.cli import main


@pytest.mark.parametrize("query", ["", "   ", "\u3000"])
def test_blank_query_is_a_usage_error(tmp_path: Path, query: str):
    result = CliRunner().invoke(main, ["--home", str(tmp_path), "kb", "search", query])
    assert result.exit_code == 2, result.output
    assert "请输入要检索的内容" in result.output
    assert "没有找到" not in result.output


def test_fts_syntax_is_searched_as_text_without_error(tmp_path: Path):
    result = CliRunner().invoke(main, ["--home", str(tmp_path), "kb", "search", '"AND OR NOT*'])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output


def test_show_of_a_summary_says_which_document_to_import(tmp_path: Path):
    import json

    def run(*args: str):  # type: ignore[no-untyped-def]
        return CliRunner().invoke(main, ["--home", str(tmp_path), "kb", *args])

    hits = json.loads(run("search", "缴费基数核定", "--json").output)
    summary = next(h for h in hits if h["is_summary"])
    shown = run("show", str(summary["chunk_id"]))
    assert shown.exit_code == 0, shown.output
    assert shown.output.startswith(f"{summary['citation']}〔要点〕")
    number = f"（{summary['doc_number']}）" if summary["doc_number"] else ""
    assert f"要看全文，请导入《{summary['title']}》{number}的正式文本：zicha kb import" in (
        shown.output
    )
