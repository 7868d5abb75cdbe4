"""Export modal: preflight shown first, real files written in a worker, errors as Chinese notices."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, Checkbox, Input, RadioSet, Static

from tui.app import ZichaApp
from tui.screens.export import ExportScreen
from tui.widgets.export_preflight import PreflightList


async def open_export(app: ZichaApp, pilot, report_id: int, directory: Path) -> list:
    results: list = []
    await pilot.pause()
    await app.push_screen(ExportScreen(report_id, directory=directory), results.append)
    await pilot.pause()
    return results


async def run_export(app: ZichaApp, pilot) -> None:
    # Ctrl+S, not a click: a Button ignores a second click within its 0.2 s press effect.
    await pilot.press("ctrl+s")
    await app.workers.wait_for_complete()
    await pilot.pause()


def status_text(screen: ExportScreen) -> str:
    return str(screen.query_one("#export-status", Static).render())


def docx_paragraphs(path: Path) -> list[str]:
    import docx

    # The writer breaks a long title into lines; compare the words.
    paras = docx.Document(str(path)).paragraphs
    return [p.text.replace("\n", "") for p in paras if p.text.strip()]


async def test_default_export_writes_a_docx_that_opens(home, store, example_report, tmp_path):
    report = store.create(example_report)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_export(app, pilot, report.id, out_dir)
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        expected = out_dir / "青禾县社会保险事业局2026年度自查报告.docx"
        assert screen.query_one("#export-path", Input).value == str(expected)
        preflight = str(screen.query_one(PreflightList).query_one(Static).render())
        assert "预检" in preflight and "征求意见稿" in preflight

        await run_export(app, pilot)
        assert "已导出" in status_text(screen) and str(expected) in status_text(screen)
        assert str(screen.query_one("#export-go", Button).label).startswith("关闭")
        await pilot.click("#export-go")
        await pilot.pause()
        assert results == [expected]
        assert not isinstance(app.screen, ExportScreen)

    # The modal uses the same service as `zicha export`, so the export is in the audit log.
    assert [e.action for e in store.audit_log(report.id)][-1] == "export"
    paragraphs = docx_paragraphs(expected)
    assert paragraphs[0] == "青禾县社会保险事业局关于2026年度内部控制检查评估的自查报告"
    assert "临川市社会保险事业管理处：" in paragraphs
    assert "一、组织机构控制" in paragraphs
    assert any(p.startswith("一是") for p in paragraphs)
    assert paragraphs[-1] == "2026年11月29日"


async def test_markdown_with_heading_numbering(home, store, example_report, tmp_path):
    report = store.create(example_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export(app, pilot, report.id, tmp_path)
        screen = app.screen
        screen.query_one("#export-format", RadioSet).query_one("#fmt-md").value = True
        screen.query_one("#export-numbering", RadioSet).query_one("#num-headings").value = True
        await pilot.pause()
        path_box = screen.query_one("#export-path", Input)
        assert path_box.value.endswith("自查报告.md")
        await run_export(app, pilot)
        written = Path(path_box.value)
    text = written.read_text(encoding="utf-8")
    assert "（一）" in text and "一是" not in text
    assert "组织机构控制" in text


async def test_existing_file_needs_overwrite_tick(home, store, example_report, tmp_path):
    report = store.create(example_report)
    target = tmp_path / "报告.docx"
    target.write_bytes(b"old")
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_export(app, pilot, report.id, tmp_path)
        screen = app.screen
        screen.query_one("#export-path", Input).value = str(target)
        await run_export(app, pilot)
        assert "已存在" in status_text(screen)
        assert target.read_bytes() == b"old"
        assert not screen.query_one("#export-go", Button).disabled

        screen.query_one("#export-force", Checkbox).value = True
        await run_export(app, pilot)
        assert "已导出" in status_text(screen)
        await pilot.press("escape")
        await pilot.pause()
        assert results == [target]
    assert "一、组织机构控制" in docx_paragraphs(target)


async def test_bad_folder_and_empty_path_are_explained(home, store, example_report, tmp_path):
    report = store.create(example_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        results = await open_export(app, pilot, report.id, tmp_path)
        screen = app.screen
        box = screen.query_one("#export-path", Input)
        box.value = ""
        await run_export(app, pilot)
        assert "请填写保存路径" in status_text(screen)

        box.value = str(tmp_path / "没有这个文件夹" / "报告.docx")
        await run_export(app, pilot)
        assert "不存在" in status_text(screen)
        assert not (tmp_path / "没有这个文件夹").exists()

        await pilot.press("escape")
        await pilot.pause()
        assert results == [None]


async def test_missing_report_is_a_notice_not_a_crash(home, tmp_path):
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_export(app, pilot, 999, tmp_path)
        screen = app.screen
        assert "无法读取报告" in status_text(screen)
        assert screen.query_one("#export-go", Button).disabled


async def test_score_appendix_offered_only_on_a_scored_bank(province_home, tmp_path):
    from province_tables import cli, new_report

    new_report(cli(province_home))  # report 2, on the built-in bank: no 分值, nothing offered
    app = ZichaApp(province_home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export(app, pilot, 2, tmp_path)
        assert not app.screen.query_one("#export-appendix-score", Checkbox).display

    out_dir = tmp_path / "out"
    out_dir.mkdir()
    app = ZichaApp(province_home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export(app, pilot, 1, out_dir)
        screen = app.screen
        box = screen.query_one("#export-appendix-score", Checkbox)
        assert box.display
        box.value = True
        await pilot.pause()
        await run_export(app, pilot)
        assert "已导出" in status_text(screen), status_text(screen)
    (written,) = out_dir.glob("*.docx")
    import docx

    (table,) = docx.Document(str(written)).tables
    assert [c.text for c in table.rows[0].cells] == [
        "序号",
        "项目",
        "检查内容",
        "分值",
        "得分",
        "扣分原因",
        "备注",
    ]


async def test_export_shows_the_audit_head_to_write_down(home, store, example_report, tmp_path):
    """Each export prints the log's head (count + short hash): an anchor outside the file."""
    report = store.create(example_report)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_export(app, pilot, report.id, out_dir)
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        await run_export(app, pilot)
        shown = status_text(screen).replace("\n", "")
    head = store.audit_head_label()  # after the export's own audit row
    assert "审计日志末尾" in shown and head in shown, (shown, head)
