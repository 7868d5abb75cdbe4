"""Soft wrap in the text boxes follows the 避头尾 rules: no line starts with 「，」 or 「。」.

Textual's TextArea folds Chinese at the last cell that fits, so an answer or a paragraph whose
comma fell just past the edge showed it at the start of the next line (tui/widgets/
cjk_text_area.py moves such a break back a character)."""

from __future__ import annotations

import pytest
from textual._wrap import compute_wrap_offsets
from textual.app import App, ComposeResult
from textual.widgets import TextArea
from tui_helpers import draft_app, settle

from report.linebreak import CLOSING, OPENING
from tui.screens.review_dialogs import TextDialog
from tui.screens.text_edit import TextEditScreen
from tui.widgets.answer_box import AnswerBox
from tui.widgets.cjk_text_area import kinsoku_offsets


def comma_at_the_edge(cells: int) -> str:
    """Chinese prose whose 「，」 (and later 「。」) fall just past a line of `cells` cells."""
    head = "成立内部控制领导小组由局长任组长"
    line = (head * 20)[: cells // 2]
    return line + "，分管副局长任副组长。" + line[2:] + "。（一）「制度」建设，定期召开会议。"


def box_rows(app: App[object], box: TextArea) -> list[str]:
    """The rows of the box as the terminal shows them (inside its border and gutter)."""
    region = box.content_region
    strips = app.screen._compositor.render_strips()
    rows = [s.crop(region.x, region.right).text.rstrip() for s in strips]
    return [r for r in rows[region.y : region.bottom] if r]


def assert_kinsoku(rows: list[str], text: str) -> None:
    assert "".join(rows) == text.replace("\n", ""), rows
    for row in rows:
        assert row[:1] not in CLOSING and row[-1:] not in OPENING, rows


def test_textual_alone_starts_a_line_with_the_comma() -> None:
    """What the widget fixes: Textual's own fold for the same text and width."""
    text = comma_at_the_edge(40)
    offsets = compute_wrap_offsets(text, 40, tab_size=4)
    assert text[offsets[0]] == "，"
    fixed = kinsoku_offsets(text, 40, 4, offsets)
    assert all(text[k] not in CLOSING and text[k - 1] not in OPENING for k in fixed)
    assert fixed[0] == offsets[0] - 1  # one character moves down with the comma


class OneBox(App[None]):
    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def compose(self) -> ComposeResult:
        yield AnswerBox(self.text, id="box")


async def test_answer_box_wraps_by_the_rules_as_the_officer_types() -> None:
    app = OneBox("")
    async with app.run_test(size=(44, 16)) as pilot:
        box = app.query_one(AnswerBox)
        box.focus()
        text = comma_at_the_edge(box.wrap_width)
        for ch in text:  # one edit per character, as an input method commits them
            box.insert(ch)
        await pilot.pause()
        assert box.text == text
        assert_kinsoku(box_rows(app, box), text)
        # the cursor is after the last character, on the last row
        assert box.cursor_location == (0, len(text))
        assert box._cursor_offset[1] == box.wrapped_document.height - 1
        await pilot.press("home")  # Home goes to the start of the row the cursor is on
        row = box.wrapped_document.lines[0][-1]
        assert box.cursor_location == (0, len(text) - len(row))


async def test_paragraph_editor_wraps_by_the_rules_at_80x24(home, store, example_report) -> None:
    from tui.widgets.draft_edit import EditParagraphScreen

    report = store.create(example_report)
    async with draft_app(home, report.id, size=(80, 24)) as (app, pilot, _screen):
        for key in ("down",) * 6 + ("e",):
            await pilot.press(key)
        await settle(pilot)
        assert isinstance(app.screen, EditParagraphScreen)
        area = app.screen.query_one(TextArea)
        text = comma_at_the_edge(area.wrap_width)
        area.load_text(text)
        await settle(pilot)
        assert_kinsoku(box_rows(app, area), text)


class DialogHost(App[None]):
    """An empty app that opens one text dialog, as the review and draft screens do."""

    def __init__(self, screen_factory) -> None:
        super().__init__()
        self.screen_factory = screen_factory

    def on_mount(self) -> None:
        self.push_screen(self.screen_factory())


@pytest.mark.parametrize(
    ("factory", "area_id"),
    [
        (lambda: TextDialog("批注", "请写下意见"), "text-dialog-input"),
        (lambda: TextEditScreen("编辑整改措施"), "text-edit-area"),
    ],
    ids=["review-comment", "text-edit"],
)
async def test_text_dialogs_wrap_by_the_rules_at_80x24(factory, area_id) -> None:
    """The supervisor's 批注 / 退回 dialog and the text editor use the same rules."""
    app = DialogHost(factory)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        area = app.screen.query_one(f"#{area_id}", TextArea)
        text = comma_at_the_edge(area.wrap_width)
        area.load_text(text)
        await settle(pilot)
        assert_kinsoku(box_rows(app, area), text)
