"""Export modal: preflight first, then format, numbering, path; the export runs in a worker."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from pydantic import BaseModel
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import (
    Button,
    Checkbox,
    Footer,
    Input,
    Label,
    RadioButton,
    RadioSet,
    Select,
    Static,
)
from textual.worker import Worker, WorkerState

from exports.assemble import Numbering
from exports.writer import FORMAT_LABELS, FORMATS, NUMBERING_LABELS, default_filename
from tui.keys import HELP_FIRST, after_typed_keys
from tui.widgets.export_path import default_directory, remember_directory, with_format
from tui.widgets.export_preflight import PreflightList
from tui.widgets.line_input import LineInput

if TYPE_CHECKING:
    from textual import getters

    from report.models import Report
    from tui.app import ZichaApp
    from tui.commands import PaletteCommand

NUMBERINGS: tuple[str, ...] = tuple(NUMBERING_LABELS)

TEXT = {
    "title": "导出报告",
    "format": "格式",
    "numbering": "编号",
    "path": "保存到",
    "extras": "附表",
    "profile": "版式",
    "appendix_stats": "要点统计表",
    "appendix_rectification": "整改措施清单",
    "appendix_score": "自查评分表",
    "force": "覆盖已有文件",
    "export": "导出（Ctrl+S）",
    "cancel": "取消（Esc）",
    "close": "关闭（Esc）",
    "working": "正在导出……",
    "done": "已导出：{path}",
    "head": "审计日志末尾：{head}（可记下，日后用 zicha audit verify --anchor 核对）",
    "empty_path": "请填写保存路径，例如 {example}",
    "failed": "导出失败：{error}",
    "load_failed": "无法读取报告：{error}",
}


class ExportResult(BaseModel):
    path: Path | None = None
    error: str | None = None
    head: str | None = None  # the audit log's head after the export: an anchor to write down


class ExportScreen(ModalScreen[Path | None]):
    """Dismisses with the exported file's Path, or None when nothing was exported."""

    if TYPE_CHECKING:  # the running app is always ZichaApp
        app = getters.app(ZichaApp)

    CSS_PATH = "../export.tcss"
    BINDINGS = [
        HELP_FIRST,
        Binding("escape", "close", "关闭"),
        Binding("ctrl+s", "export", "导出"),
        # F3: letters go into the path box; listed in F1 and the command palette.
        Binding("f3", "ledger_export", "导出整改台账", show=False),
    ]

    def action_ledger_export(self) -> None:
        from tui.cycle_actions import export_ledger

        export_ledger(self.app, self.report_id)

    def palette_commands(self) -> list[PaletteCommand]:
        from tui.commands import PaletteCommand

        return [
            PaletteCommand("导出报告", "Ctrl+S", self.action_export),
            PaletteCommand("导出整改台账（Excel）", "F3", self.action_ledger_export),
        ]

    def __init__(
        self, report_id: int, directory: Path | None = None, numbering: str = "runin"
    ) -> None:
        super().__init__()
        self.report_id = report_id
        self._directory = directory
        # Preselect the numbering the user is looking at in the draft.
        self._numbering = numbering if numbering in NUMBERINGS else NUMBERINGS[0]
        self._report: Report | None = None
        self._exported: Path | None = None
        self._score_rows: list[Any] = []  # the 自查评分表's rows on a scored bank

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box"):
            yield Label(TEXT["title"], id="export-title")
            yield PreflightList(id="export-preflight")
            with Horizontal(classes="export-row"):
                yield Label(TEXT["format"], classes="export-label")
                with RadioSet(id="export-format"):
                    for i, fmt in enumerate(FORMATS):
                        yield RadioButton(FORMAT_LABELS[fmt], value=i == 0, id=f"fmt-{fmt}")
            with Horizontal(classes="export-row"):
                yield Label(TEXT["numbering"], classes="export-label")
                with RadioSet(id="export-numbering"):
                    for key in NUMBERINGS:
                        label = NUMBERING_LABELS[key]
                        yield RadioButton(label, value=key == self._numbering, id=f"num-{key}")
            with Horizontal(classes="export-row"):
                yield Label(TEXT["extras"], classes="export-label")
                yield Checkbox(TEXT["appendix_stats"], id="export-appendix-stats", compact=True)
                yield Checkbox(
                    TEXT["appendix_rectification"], id="export-appendix-rectification", compact=True
                )
                # Shown only for a report on a bank with 分值 (a province's 检查评估表).
                score = Checkbox(TEXT["appendix_score"], id="export-appendix-score", compact=True)
                score.display = False
                yield score
                yield Label(TEXT["profile"], classes="export-label export-profile-label")
                yield Select(
                    [(name, name) for name in self._profile_names()],
                    value=self._profile_names()[0],
                    allow_blank=False,
                    id="export-profile",
                    compact=True,
                )
            with Horizontal(classes="export-row"):
                yield Label(TEXT["path"], classes="export-label")
                yield LineInput(id="export-path", compact=True)
            yield Static("", id="export-status")
            with Horizontal(id="export-buttons"):
                yield Checkbox(TEXT["force"], id="export-force")
                yield Button(TEXT["export"], id="export-go", variant="primary", compact=True)
                yield Button(TEXT["cancel"], id="export-cancel", compact=True)
        # Its own keys at the bottom: the draft's footer showed through, keys that do nothing here.
        yield Footer(compact=True)

    def on_mount(self) -> None:
        from tui.readiness import full_preflight

        try:
            self._report = self.app.store.get(self.report_id)
        except Exception as exc:  # a missing or unreadable report: say so, export nothing
            self._set_status(TEXT["load_failed"].format(error=exc), error=True)
            self.query_one("#export-go", Button).disabled = True
            return
        report = self._report
        directory = self._directory or default_directory(self.app.home)
        self.query_one("#export-path", Input).value = str(
            directory / default_filename(report, "docx")
        )
        bank = self.app.report_bank(report)
        self.query_one(PreflightList).show(full_preflight(report, bank))
        self._score_rows = self._scores(report, bank)
        self.query_one("#export-appendix-score", Checkbox).display = bool(self._score_rows)
        self.query_one("#export-go", Button).focus()

    # --- choices ------------------------------------------------------------------
    def _profile_names(self) -> list[str]:
        """Built-in and stored document profiles; the one last used for this report first."""
        if getattr(self, "_profiles", None) is None:
            from exports.profile_store import last_used, list_profiles

            names = [e.name for e in list_profiles(self.app.home)]
            used = last_used(self.app.home, self.report_id)
            if used in names:
                names.remove(used)
                names.insert(0, used)
            self._profiles = names
        return self._profiles

    @staticmethod
    def _scores(report: Report, bank: Any) -> list[Any]:
        from interview.scoring import score_rows

        return score_rows(report, bank) if bank is not None else []

    @property
    def appendices(self) -> tuple[str, ...]:
        return tuple(
            key
            for key in ("stats", "rectification", "score")
            if self.query_one(f"#export-appendix-{key}", Checkbox).value
        )

    @property
    def profile_name(self) -> str:
        return str(self.query_one("#export-profile", Select).value)

    @property
    def fmt(self) -> str:
        pressed = self.query_one("#export-format", RadioSet).pressed_index
        return FORMATS[max(pressed, 0)]

    @property
    def numbering(self) -> Numbering:
        pressed = self.query_one("#export-numbering", RadioSet).pressed_index
        return cast("Numbering", NUMBERINGS[max(pressed, 0)])

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self) -> None:
        box = self.query_one("#export-path", Input)
        box.value = with_format(box.value, self.fmt)

    # --- actions ------------------------------------------------------------------
    @on(Button.Pressed, "#export-cancel")
    def action_close(self) -> None:
        self.workers.cancel_group(self, "export")
        self.dismiss(self._exported)

    @on(Button.Pressed, "#export-go")
    @after_typed_keys
    def action_export(self) -> None:
        if self._report is None or self._exported is not None:
            if self._exported is not None:
                self.dismiss(self._exported)
            return
        target = self._target()
        if target is None:
            return
        self.query_one("#export-go", Button).disabled = True
        self._set_status(TEXT["working"])
        self._run_export(
            target,
            self.fmt,
            self.numbering,
            self.query_one("#export-force", Checkbox).value,
            self.appendices,
            self.profile_name,
        )

    def _target(self) -> Path | None:
        """The path typed, or None after saying what to write; the writer checks the rest."""
        text = self.query_one("#export-path", Input).value.strip()
        if not text:
            assert self._report is not None  # the Export button stays off until it loads
            example = (self._directory or default_directory(self.app.home)) / default_filename(
                self._report, self.fmt
            )
            self._set_status(TEXT["empty_path"].format(example=example), True)
            return None
        return Path(text).expanduser()

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _run_export(
        self,
        path: Path,
        fmt: str,
        numbering: str,
        force: bool,
        appendices: tuple[str, ...] = (),
        profile_name: str | None = None,
    ) -> ExportResult:
        # The same service as `zicha export`: approval facts, draft mark and the audit event.
        from exports.profile_store import remember, resolve_profile
        from exports.service import export_stored
        from report.errors import ZichaError
        from report.store import ReportStore

        try:
            profile = resolve_profile(self.app.home, profile_name)
            # The app's connection belongs to the UI thread; a worker opens its own.
            with ReportStore(self.app.db_path) as store:
                outcome = export_stored(
                    store,
                    self.report_id,
                    path,
                    fmt=fmt,
                    numbering=cast("Numbering", numbering),
                    force=force,
                    actor=self.app.actor,
                    report=self._report,
                    profile=profile,
                    appendices=appendices,
                    score_rows=self._score_rows if "score" in appendices else None,
                )
                head = store.audit_head_label()
            remember(self.app.home, self.report_id, profile.name)
        except (ZichaError, OSError, ValueError) as exc:
            return ExportResult(error=str(exc))
        return ExportResult(path=Path(outcome.path), head=head)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.group != "export":
            return
        if event.state == WorkerState.ERROR:
            self._finish(ExportResult(error=str(event.worker.error)))
        elif event.state == WorkerState.SUCCESS and isinstance(event.worker.result, ExportResult):
            self._finish(event.worker.result)

    def _finish(self, result: ExportResult) -> None:
        go = self.query_one("#export-go", Button)
        if result.path is None:
            go.disabled = False
            message = TEXT["failed"].format(error=result.error or "")
            self._set_status(message, error=True)
            self.notify(message, severity="error", markup=False)
            return
        self._exported = result.path
        remember_directory(self.app.home, result.path)
        done = TEXT["done"].format(path=result.path)
        if result.head:
            done += "\n" + TEXT["head"].format(head=result.head)
        self._set_status(done)
        go.label = TEXT["close"]
        go.disabled = False
        go.focus()
        self.query_one("#export-cancel", Button).display = False

    def _set_status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#export-status", Static)
        status.update(Text(text))
        status.set_class(error, "error")
