"""The import pane names the engine that computes the semantic vectors in the words of
`zicha kb import` and `zicha doctor` (「multilingual-e5-small，C 引擎」, or the NumPy engine and
why not C), while it computes and once it is done."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_library_import_vectors import _import

from tui.widgets.library_import import ImportPane


@pytest.fixture
def status_lines(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every line the pane's status showed, in order (the progress lines last a moment only)."""
    lines: list[str] = []
    real = ImportPane._status

    def shown(self: ImportPane, text: str, error: bool = False) -> None:
        lines.append(text)
        real(self, text, error)

    monkeypatch.setattr(ImportPane, "_status", shown)
    return lines


async def test_import_status_names_the_c_engine(home, tmp_path, fake_encoder, status_lines):
    final = await _import(home, tmp_path)
    progress = [line for line in status_lines if "正在计算语义向量" in line]
    assert progress and all(
        "正在计算语义向量（multilingual-e5-small，C 引擎）：" in line for line in progress
    )
    assert "语义向量已就绪" in final
    assert final.endswith("语义引擎：multilingual-e5-small，C 引擎。")


async def test_import_status_names_the_numpy_engine_and_why(
    home: Path, tmp_path: Path, fake_encoder, status_lines
):
    fake_encoder.engine = "NumPy 引擎"
    fake_encoder.note = "C 引擎无法加载（libgomp.so.1: cannot open shared object file）"
    final = await _import(home, tmp_path)
    words = "multilingual-e5-small，NumPy 引擎；C 引擎无法加载（libgomp.so.1"
    assert any(f"正在计算语义向量（{words}" in line for line in status_lines)
    assert "语义向量已就绪" in final and f"语义引擎：{words}" in final
    assert "multilingual-e5-small，C 引擎" not in "".join(status_lines)
