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
