"""Typed modal dialogs of the review screen: a text dialog (comment, reply, return reason) and the
diff view. Rules stay in report/; these only collect input and show results."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Select, Static

from report.diff import SectionDiff
from tui.jobs import run_on_store
from tui.keys import HELP_FIRST, after_typed_keys
from tui.unsent import KeepsUnsentText
from tui.widgets.cjk_text_area import CjkTextArea

if TYPE_CHECKING:
    from report.store import ReportStore
    from tui.unsent import UnsentSlot

TEXT = {
    "ok": "确定（Ctrl+S）",
    "cancel": "取消",
    "empty": "内容不能为空，请填写。",
    "restored": "已恢复上次没有发出的文字。",
    "diff_title": "比较版本",
    "diff_from": "从",
    "diff_to": "到",
    "diff_same": "两个版本内容相同，没有差异。",
    "diff_legend": "红色删除线：删去的句子；绿色：新增或改写后的句子",
    "unchanged": "【{title}】无变化",
    "changed": "【{title}】删去 {removed} 句，新增 {added} 句",
    "close": "关闭",
}


class TextDialog(KeepsUnsentText):
    """Asks for a non-empty text; dismisses the text, or None when cancelled.

    Given an UnsentSlot, what is typed is kept there as it is typed (and when the app quits
    or the terminal goes away) and offered again the next time; Esc drops it. After Ctrl+S
    it stays until the screen has posted it (it drops the slot then), so a refused save
    loses nothing either."""

    BINDINGS = [
        HELP_FIRST,
        Binding("escape", "cancel", TEXT["cancel"]),
        Binding("ctrl+s", "ok", "确定", priority=True),
    ]

    def __init__(
        self, title: str, hint: str = "", initial: str = "", unsent: UnsentSlot | None = None
    ) -> None:
        super().__init__("text-dialog-input", unsent)
        self.title_text = title
        self.hint = hint
        self.restored = bool(self.kept) and not initial
        self.initial = self.kept if self.restored and self.kept else initial

    def compose(self) -> ComposeResult:
        with Vertical(id="text-dialog", classes="dialog"):
            yield Static(self.title_text, classes="dialog-title")
            hint = "\n".join(h for h in (TEXT["restored"] if self.restored else "", self.hint) if h)
            if hint:
                yield Static(hint, id="text-dialog-hint")
            yield CjkTextArea(self.initial, id="text-dialog-input")
            yield Static("", id="text-dialog-error", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button(TEXT["ok"], id="text-dialog-ok", variant="primary")
                yield Button(TEXT["cancel"], id="text-dialog-cancel")
        yield Footer(compact=True)  # its own keys, not the review screen's

    @on(Button.Pressed, "#text-dialog-ok")
    @after_typed_keys
    def action_ok(self) -> None:
        text = self.value.strip()
        if not text:
            self.query_one("#text-dialog-error", Static).update(TEXT["empty"])
            return
        self.save_draft()
        self.dismiss(text)

    @on(Button.Pressed, "#text-dialog-cancel")
    def action_cancel(self) -> None:
        self.drop_unsent()
        self.dismiss(None)


def render_diff(diffs: list[SectionDiff]) -> Text:
    out = Text()
    if not any(d.changed for d in diffs):
        return Text(TEXT["diff_same"])
    for d in diffs:
        if not d.changed:
            out.append(TEXT["unchanged"].format(title=d.title) + "\n", style="dim")
            continue
        removed, added = d.counts
        out.append(
            TEXT["changed"].format(title=d.title, removed=removed, added=added) + "\n", style="bold"
        )
        for line in d.lines:
            if line.kind == "removed":
                out.append("  －" + line.text + "\n", style="red strike")
            elif line.kind == "added":
                out.append("  ＋" + line.text + "\n", style="green")
            else:
                out.append("  　" + line.text + "\n", style="dim")
    return out


class DiffScreen(ModalScreen[None]):
    """Pick two versions (submissions or the current draft); the per-section diff below."""

    BINDINGS = [HELP_FIRST, Binding("escape", "close", TEXT["close"])]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, report_id: int, options: list[tuple[str, str]], a: str, b: str) -> None:
        super().__init__()
        self.report_id = report_id
        self.options = options  # (label, spec) with spec "1", "2", … or "当前"
        self.a = a
        self.b = b

    def compose(self) -> ComposeResult:
        with Vertical(id="diff-box", classes="dialog"):
            yield Static(TEXT["diff_title"], classes="dialog-title")
            with Horizontal(id="diff-pickers"):
                yield Static(TEXT["diff_from"], classes="diff-label")
                yield Select(self.options, value=self.a, allow_blank=False, id="diff-a")
                yield Static(TEXT["diff_to"], classes="diff-label")
                yield Select(self.options, value=self.b, allow_blank=False, id="diff-b")
            yield Static(TEXT["diff_legend"], id="diff-legend")
            with VerticalScroll(id="diff-scroll"):
                yield Static("", id="diff-text")
            with Horizontal(classes="buttons"):
                yield Button(TEXT["close"], id="diff-close")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.show_diff()

    @on(Select.Changed)
    def _picked(self, event: Select.Changed) -> None:
        if event.select.id == "diff-a":
            self.a = str(event.value)
        else:
            self.b = str(event.value)
        self.show_diff()

    def show_diff(self) -> None:
        """Read both versions in a job (its own store), then show what changed."""
        from report import diff, workflow
        from report.errors import ZichaError

        rid, a, b = self.report_id, self.a, self.b

        def compare(store: ReportStore) -> list[SectionDiff] | str:
            try:
                _, old = workflow.version(store, rid, a)
                _, new = workflow.version(store, rid, b)
            except ZichaError as exc:
                return str(exc)
            return diff.diff_reports(old, new)

        def show(diffs: list[SectionDiff] | str) -> None:
            if isinstance(diffs, str):
                self.query_one("#diff-text", Static).update(diffs)
                return
            self.diffs = diffs
            self.query_one("#diff-text", Static).update(render_diff(self.diffs))

        run_on_store(self, compare, show, group="diff", exclusive=True)

    @on(Button.Pressed, "#diff-close")
    def action_close(self) -> None:
        self.dismiss(None)
