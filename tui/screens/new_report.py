"""The new-report form (validated by report.models.Report) and import from an answers file."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Button, Footer, Header, Input, Label, Select, Static

from report.errors import ZichaError
from report.models import Report, validation_message
from report.naming import default_short_name
from tui import strings as S
from tui.jobs import run_on_store
from tui.keys import HELP_FIRST, after_typed_keys
from tui.widgets.line_input import LineInput

# (field, label key, placeholder key or None)
FIELDS: tuple[tuple[str, str, str | None], ...] = (
    ("unit", "unit", "unit_ph"),
    ("short_name", "short_name", None),
    ("addressee", "addressee", "addressee_ph"),
    ("year", "year", None),
    ("basis_title", "basis_title", "basis_title_ph"),
    ("basis_number", "basis_number", "basis_number_ph"),
    ("date", "date", "date_ph"),
)

if TYPE_CHECKING:
    from textual import getters

    from report.store import ReportStore
    from tui.app import ZichaApp


# The model's labels carry the answers-file key, e.g. "单位全称（unit）"; the form has no keys.
_KEY_NOTE = re.compile(r"（[A-Za-z_.]+）")


def form_errors(values: dict[str, str]) -> tuple[Report | None, dict[str, str]]:
    """Validate the form with the model itself; return the report or per-field messages."""
    errors: dict[str, str] = {}
    data: dict[str, object] = {k: v for k, v in values.items() if k not in ("year", "date")}
    year = values.get("year", "").strip()
    if year.isdigit():
        data["year"] = int(year)
    else:
        errors["year"] = S.NEW["year_bad"]
        data["year"] = 2000  # placeholder so the other fields are still checked
    try:
        data["date"] = dt.date.fromisoformat(values.get("date", "").strip())
    except ValueError:
        errors["date"] = S.NEW["date_bad"]
        data.pop("date", None)
    try:
        report = Report.model_validate(data)
    except ValidationError as exc:
        lines = validation_message(exc).split("\n")
        for err, line in zip(exc.errors(), lines, strict=False):
            field = str(err["loc"][0]) if err.get("loc") else ""
            errors.setdefault(field, _KEY_NOTE.sub("", line))
        return None, errors
    return (None, errors) if errors else (report, {})


# What the form edits on an existing report (the 报告信息 behind its title, 主送机关, 落款).
INFO_FIELDS = ("unit", "short_name", "addressee", "year", "basis_title", "basis_number", "date")


class NewReportScreen(Screen[int | None]):
    """Dismisses with the new report's id, or None when cancelled. Given `existing`, the same
    form edits that report's information and dismisses with its id once saved."""

    if TYPE_CHECKING:  # the running app is always ZichaApp
        app = getters.app(ZichaApp)

    BINDINGS = [
        HELP_FIRST,
        Binding("ctrl+s", "create", S.NEW["create"], priority=True),
        # Editing a report's information: the same key, named as the button is (保存).
        Binding("ctrl+s", "save_info", S.NEW["save"], priority=True),
        Binding("escape", "cancel", S.NEW["cancel"]),
    ]

    def __init__(self, today: dt.date | None = None, existing: Report | None = None) -> None:
        super().__init__()
        self.today = today or dt.date.today()
        self.existing = existing
        self._touched: set[str] = set()
        self._tried = False
        self._saving = False  # a create job is running
        self._initial: dict[str, str] = {}  # the form as opened: Esc discards nothing else
        self._warned = False  # Esc once said that typed text would be discarded
        # The self-name follows the unit's name until the officer types one of their own.
        self._auto_short = default_short_name(existing.unit if existing else "")
        if existing is not None and existing.short_name != self._auto_short:
            self._touched.add("short_name")  # chosen before: kept when the unit changes

    def compose(self) -> ComposeResult:
        defaults = {
            "short_name": self._auto_short,
            "year": str(self.today.year),
            "date": self.today.isoformat(),
        }
        if self.existing is not None:
            defaults = {f: str(getattr(self.existing, f) or "") for f in INFO_FIELDS}
            defaults["date"] = self.existing.date.isoformat()
        editing = self.existing is not None
        yield Header()
        yield Static(S.NEW["edit_title" if editing else "title"], classes="screen-title")
        with VerticalScroll(id="new-form"):
            for field, label, placeholder in FIELDS:
                yield Label(S.NEW[label], classes="field-label")
                yield LineInput(
                    value=defaults.get(field, ""),
                    placeholder=S.NEW[placeholder] if placeholder else "",
                    id=f"f-{field}",
                )
                yield Static("", id=f"e-{field}", classes="field-error")
            banks = [] if editing else self._imported_banks()
            if banks:  # a choice only once a province's table has been imported
                yield Label("题库（按哪份检查评估表访谈）", classes="field-label")
                yield Select(
                    [("内置题库", "")]
                    + [(f"{b.name}（版本 {b.version}，{b.points} 项）", b.name) for b in banks],
                    value="",
                    allow_blank=False,
                    id="f-bank",
                )
            yield Static("", id="new-summary", classes="field-error")
            with Horizontal(classes="buttons"):
                label = S.NEW["save" if editing else "create"]
                yield Button(label, id="new-create", variant="primary")
                yield Button(S.NEW["cancel"], id="new-cancel")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#f-unit", Input).focus()
        self._initial = self.values()

    def _imported_banks(self) -> list[Any]:
        from interview.bank_store import imported_banks

        try:
            return imported_banks(self.app.home)
        except ZichaError:
            return []

    def _bank_ref(self) -> Any:
        from interview.bank_store import bank_ref, open_bank

        chosen = self.query("#f-bank")
        name = chosen.first(Select).value if chosen else ""
        if not isinstance(name, str) or not name:
            return None
        info, bank = open_bank(self.app.home, name)
        return bank_ref(info, bank)

    def values(self) -> dict[str, str]:
        return {f: self.query_one(f"#f-{f}", Input).value for f, _, _ in FIELDS}

    def _show(self, errors: dict[str, str]) -> None:
        for field, _, _ in FIELDS:
            shown = field in self._touched or self._tried
            self.query_one(f"#e-{field}", Static).update(errors.get(field, "") if shown else "")
        summary = S.NEW["fix_first"].format(n=len(errors)) if errors and self._tried else ""
        self.query_one("#new-summary", Static).update(summary)

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        field = (event.input.id or "").removeprefix("f-")
        if field == "short_name" and event.value == self._auto_short:
            pass  # set by _follow_unit (or unchanged): not the officer's own choice
        elif field:
            self._touched.add(field)
        self._warned = False
        if field == "unit":
            self._follow_unit(event.value)
        self._show(form_errors(self.values())[1])

    def _follow_unit(self, unit: str) -> None:
        short = self.query_one("#f-short_name", Input)
        if "short_name" in self._touched and short.value.strip():
            return
        self._auto_short = default_short_name(unit)
        if short.value != self._auto_short:
            short.value = self._auto_short

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        inputs = list(self.query(Input))
        index = inputs.index(event.input)
        if index + 1 < len(inputs):
            inputs[index + 1].focus()
        else:
            self.action_create()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("create", "save_info"):
            return (action == "save_info") == (self.existing is not None)
        return True

    def action_save_info(self) -> None:
        self.action_create()

    @on(Button.Pressed, "#new-create")
    @after_typed_keys
    def action_create(self) -> None:
        self._tried = True
        report, errors = form_errors(self.values())
        self._show(errors)
        if report is None:
            first = next(f for f, _, _ in FIELDS if f in errors) if errors else "unit"
            self.query_one(f"#f-{first}", Input).focus()
            return
        try:
            report.bank = self._bank_ref()
        except ZichaError as exc:
            self.app.notify_error(exc)
            return
        if self._saving:  # Ctrl+S twice: one report
            return
        self._saving = True

        def refused(exc: Exception) -> None:
            self._saving = False
            self.app.notify_error(exc)

        actor = self.app.actor
        if self.existing is not None:
            # The stored revision is checked: an edit made meanwhile elsewhere is not overwritten.
            changed = self.existing.model_copy(update={f: getattr(report, f) for f in INFO_FIELDS})
            run_on_store(
                self,
                lambda store: store.save(changed, actor=actor),
                self._saved,
                failed=refused,
            )
            return
        run_on_store(
            self, lambda store: store.create(report, actor=actor), self._created, failed=refused
        )

    def _saved(self, saved: Report) -> None:
        self.notify(S.NEW["saved"])
        self.dismiss(saved.id)

    def _created(self, created: Report) -> None:
        self.notify(S.HOME["created"].format(unit=created.unit, year=created.year))
        self.dismiss(created.id)

    @on(Button.Pressed, "#new-cancel")
    def action_cancel(self) -> None:
        # What was typed is not thrown away by one stray Esc: the second one discards it.
        if self.values() != self._initial and not self._warned:
            self._warned = True
            self.query_one("#new-summary", Static).update(S.NEW["discard"])
            return
        self.dismiss(None)


class ImportAnswersScreen(ModalScreen[int | None]):
    """Create a report from a YAML answers file; dismisses with its id."""

    if TYPE_CHECKING:  # the running app is always ZichaApp
        app = getters.app(ZichaApp)

    BINDINGS = [Binding("escape", "cancel", S.IMPORT["cancel"])]

    _saving = False  # an import job is running

    def compose(self) -> ComposeResult:
        with Vertical(id="import-box", classes="dialog"):
            yield Static(S.IMPORT["title"], classes="dialog-title")
            yield Static(S.IMPORT["hint"])
            yield LineInput(placeholder=S.IMPORT["path"], id="import-path")
            yield Static("", id="import-error", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button(S.IMPORT["ok"], id="import-ok", variant="primary")
                yield Button(S.IMPORT["cancel"], id="import-cancel")

    def on_mount(self) -> None:
        self.query_one("#import-path", Input).focus()

    def _error(self, text: str) -> None:
        self.query_one("#import-error", Static).update(text)

    @on(Input.Submitted, "#import-path")
    @on(Button.Pressed, "#import-ok")
    def _import(self) -> None:
        from report.answers import load_answers

        raw = self.query_one("#import-path", Input).value.strip().strip("'\"")
        if not raw:
            self._error(S.IMPORT["empty"])
            return
        path = Path(raw).expanduser()
        if path.is_dir():
            self._error(S.IMPORT["is_dir"].format(path=path))
            return
        if not path.is_file():
            self._error(S.IMPORT["missing"].format(path=path))
            return
        if self._saving:  # Enter twice: one report
            return
        self._saving = True
        actor = self.app.actor

        def create(store: ReportStore) -> Report:
            report = load_answers(path).new_report()
            return store.create(report, actor=actor, action="import")

        def created(report: Report) -> None:
            self.notify(S.HOME["created"].format(unit=report.unit, year=report.year))
            self.dismiss(report.id)

        def refused(exc: Exception) -> None:
            self._saving = False
            if isinstance(exc, ZichaError):  # the answers file's own problem, shown beside it
                self._error(str(exc))
            else:
                self.app.notify_error(exc)

        run_on_store(self, create, created, failed=refused)

    @on(Button.Pressed, "#import-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
