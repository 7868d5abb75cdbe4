"""The title, 主送机关 and 落款 of the draft come from the report's information. Pressing E on
them said 「请在首页修改报告信息」, but no screen could change it: a typo in the addressee
stayed for good. E there now opens the report's form, filled in; Ctrl+S saves it."""

from __future__ import annotations

from pathlib import Path

from test_draft_screen import select_kind, shown_texts
from textual.widgets import Footer, Input
from textual.widgets._footer import FooterKey
from tui_helpers import draft_app, press_for, settle

from report.store import ReportStore
from tui.screens.draft import DraftScreen
from tui.screens.new_report import NewReportScreen


async def test_addressee_is_corrected_from_the_draft(home: Path, store, example_report):
    report = store.create(example_report)
    async with draft_app(home, report.id, (100, 40)) as (app, pilot, screen):
        select_kind(screen, "addressee")
        form = await press_for(pilot, "e", NewReportScreen)
        field = form.query_one("#f-addressee", Input)
        assert field.value == report.addressee  # filled in with what is stored
        # the footer names the key as the button does: it saves, it does not create
        footer = [str(k.description) for k in form.query_one(Footer).query(FooterKey)]
        assert "保存（Ctrl+S）" in footer and "创建（Ctrl+S）" not in footer, footer
        assert form.query_one("#f-unit", Input).value == report.unit
        field.value = "临川市人力资源和社会保障局"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, DraftScreen)
        assert "临川市人力资源和社会保障局：" in shown_texts(app.screen)
    with ReportStore.open(home) as s:
        saved = s.get(report.id or 0)
    assert saved.addressee == "临川市人力资源和社会保障局"
    assert saved.unit == report.unit and saved.year == report.year
    assert saved.section("organization").points == report.section("organization").points
    assert saved.revision == (report.revision or 0) + 1


async def test_cancelled_form_changes_nothing(home: Path, store, example_report):
    report = store.create(example_report)
    async with draft_app(home, report.id, (100, 40)) as (app, pilot, screen):
        select_kind(screen, "title")
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, NewReportScreen)
        app.screen.query_one("#f-unit", Input).value = "别的单位"
        await pilot.press("escape")  # the first Esc warns that the change would be lost
        await settle(pilot)
        assert isinstance(app.screen, NewReportScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, DraftScreen)
    with ReportStore.open(home) as s:
        assert s.get(report.id or 0).revision == report.revision
