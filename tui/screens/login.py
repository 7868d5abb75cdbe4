"""Login: shown first when the data home has users (report.users decides who may enter).

The check goes through report.users.authenticate, so the slow-down after repeated wrong
passwords, the audit row for each failed login and the refusal of disabled users are the
same as on the command line.
"""

from __future__ import annotations

from typing import Any

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, Static

from report.errors import ZichaError
from tui import strings as S
from tui.jobs import run_on_store
from tui.keys import HELP_FIRST
from tui.widgets.line_input import LineInput

L = S.LOGIN


class LoginScreen(Screen[None]):
    BINDINGS = [
        HELP_FIRST,
        Binding("escape", "app.quit", L["quit"], show=False),
        # priority: handled as the key arrives, so what is typed right after Enter
        # already goes into the password box (fast typists, tmux send-keys).
        Binding("enter", "enter", show=False, priority=True),
    ]

    def __init__(self, name: str | None = None) -> None:
        super().__init__()
        self._initial_name = name or ""
        # Set when the password was accepted but is a temporary one an admin set.
        self._pending: Any = None
        self._temporary = ""

    def compose(self) -> ComposeResult:
        yield Header()
        # Scrolls: asking for a new password it is taller than an 80×24 terminal.
        with VerticalScroll(id="login-box", classes="dialog"):
            yield Static(L["title"], classes="dialog-title")
            yield Static(L["hint"], id="login-hint")
            yield Label(L["name"], classes="field-label")
            yield LineInput(self._initial_name, id="login-name")
            yield Label(L["password"], classes="field-label")
            yield LineInput(password=True, id="login-password")
            yield Label(L["new_password"], classes="field-label login-change")
            yield LineInput(password=True, id="login-new", classes="login-change")
            yield Label(L["new_again"], classes="field-label login-change")
            yield LineInput(password=True, id="login-new2", classes="login-change")
            yield Static("", id="login-error", classes="field-error")
            with Horizontal(classes="buttons"):
                yield Button(L["ok"], id="login-ok", variant="primary", compact=True)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        for widget in self.query(".login-change"):
            widget.display = False
        target = "#login-password" if self._initial_name else "#login-name"
        self.query_one(target, Input).focus()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # Textual scrolls a focused widget into the screen, not into a clipping box.
        box = self.query_one("#login-box", VerticalScroll)
        self.call_after_refresh(box.scroll_to_widget, event.widget, animate=False)

    def _error(self, text: str) -> None:
        self.query_one("#login-error", Static).update(text)

    def action_enter(self) -> None:
        focused = self.focused
        if self._pending is not None:
            if focused is self.query_one("#login-new", Input):
                self.set_focus(self.query_one("#login-new2", Input))
            else:
                self.call_later(self._change_password)
            return
        if focused is self.query_one("#login-name", Input):
            self.set_focus(self.query_one("#login-password", Input))
        elif focused is not None:
            # after the keys already queued for that widget (the end of the password)
            focused.call_later(self.action_login)
        else:
            self.action_login()

    @on(Button.Pressed, "#login-ok")
    def action_login(self) -> None:

        name_box = self.query_one("#login-name", Input)
        password_box = self.query_one("#login-password", Input)
        name, password = name_box.value.strip(), password_box.value
        if not name:
            self._error(L["need_name"])
            name_box.focus()
            return
        if not password:
            self._error(L["need_password"])
            password_box.focus()
            return
        app: Any = self.app

        def refused(exc: Exception) -> None:
            if not isinstance(exc, ZichaError):
                app.notify_error(exc)
                return
            password_box.value = ""
            password_box.focus()
            self._error(str(exc))

        def accepted(user: Any) -> None:
            self._error("")
            if user.login_notice:
                self.app.notify(user.login_notice, severity="warning", timeout=15)
            if user.must_change:
                self._ask_new_password(user, password)
                return
            app.logged_in(user)

        # Checking a password is slow on purpose (a key derivation): off the UI thread.
        run_on_store(
            self, lambda store: store.authenticate(name, password), accepted, failed=refused
        )

    def _ask_new_password(self, user: Any, temporary: str) -> None:
        self._pending, self._temporary = user, temporary
        for widget in self.query(".login-change"):
            widget.display = True
        self.query_one("#login-name", Input).disabled = True
        self.query_one("#login-password", Input).disabled = True
        self.query_one("#login-hint", Static).update(L["must_change"])
        self.query_one("#login-new", Input).focus()

    def _change_password(self) -> None:
        from report.users import password_problem

        new_box = self.query_one("#login-new", Input)
        again_box = self.query_one("#login-new2", Input)
        new, again = new_box.value, again_box.value
        problem = password_problem(new)
        if problem is None and new == self._temporary:
            problem = L["same_as_temp"]
        if problem is None and new != again:
            problem = L["mismatch"]
        if problem:
            new_box.value = again_box.value = ""
            new_box.focus()
            self._error(problem)
            return
        app: Any = self.app
        name = self._pending.name

        def refused(exc: Exception) -> None:
            if isinstance(exc, ZichaError):
                self._error(str(exc))
            else:
                app.notify_error(exc)

        def changed(_: None) -> None:
            self._error("")
            user, self._pending = self._pending, None
            app.logged_in(user)

        run_on_store(
            self, lambda store: store.set_password(name, new, name), changed, failed=refused
        )
