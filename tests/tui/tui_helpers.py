"""Waiting for the app without a wall clock: until the screens are mounted and no worker runs."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

from county_report import county_report

from report import users, workflow
from report.models import Point
from report.store import ReportStore
from tui.app import ZichaApp
from tui.screens.draft import DraftScreen
from tui.screens.interview import InterviewScreen
from tui.widgets.answer_box import AnswerBox
from tui.widgets.section_tree import SectionTree

MAX_ROUNDS = 50
ScreenT = TypeVar("ScreenT")
# The new-report form filled in completely and correctly (field id after "#f-" → value).
NEW_REPORT_FORM = {
    "unit": "某县社会保险事业局",
    "addressee": "市社会保险事业管理处",
    "year": "2026",
    "basis_title": "关于开展内部控制检查评估工作的通知",
    "basis_number": "某社险函〔2026〕71号",
    "date": "2026-11-29",
}


async def settle(pilot: Any) -> None:
    """Process pending messages (a pushed screen mounts and starts its workers), wait for the
    workers, and repeat while new ones appear. `wait_for_complete` alone, right after
    push_screen, can return before the screen's on_mount started anything (a flaky test)."""
    app = pilot.app
    for _ in range(MAX_ROUNDS):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            return


async def press_for(pilot: Any, key: str, screen_type: type[ScreenT]) -> ScreenT:
    """Press key, settle, and return the screen it opened, checked to be a screen_type."""
    await pilot.press(key)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, screen_type), f"{key} opened {screen!r}"
    return screen


def notices(app: Any) -> list[str]:
    """The notifications shown so far, each on one line (the toast wraps them)."""
    return [n.message.replace("\n", "") for n in app._notifications]


def fill_form(form: Any, values: dict[str, str]) -> None:
    """Type each value into the form's Input #f-<field> (as a paste would: no key events)."""
    from textual.widgets import Input

    for field, value in values.items():
        form.query_one(f"#f-{field}", Input).value = value


def submitted_report(home: Path, point: Point) -> int:
    """A data home with admin, zhang (officer) and li (supervisor), and one report holding
    point in 组织机构控制, made by zhang and submitted for review; its id."""
    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", "admin-pass-1", "本机用户")
        users.add_user(store.conn, "zhang", "officer", "zhang-pass-1", "admin")
        users.add_user(store.conn, "li", "supervisor", "li-pass-123", "admin")
        report = county_report()
        report.section("organization").points.append(point)
        created = store.create(report, actor="zhang")
        workflow.submit(store, created.id, "zhang")
        return created.id


async def open_interview(pilot: Any, report_id: int) -> InterviewScreen:
    """The interview on report_id, settled."""
    pilot.app.open_report(report_id)
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    return screen


async def open_draft(app: ZichaApp, pilot: Any, report_id: int) -> DraftScreen:
    """The draft of report_id pushed over the current screen, settled."""
    await settle(pilot)
    screen = DraftScreen(report_id)
    await app.push_screen(screen)
    await settle(pilot)
    return screen


@asynccontextmanager
async def draft_app(
    home: Path, report_id: int, size: tuple[int, int] = (80, 24)
) -> AsyncIterator[tuple[ZichaApp, Any, DraftScreen]]:
    """The app on the draft of report_id: (app, pilot, draft screen)."""
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=size) as pilot:
        yield app, pilot, await open_draft(app, pilot, report_id)


def tree_text(screen: InterviewScreen) -> str:
    """The interview's section tree as shown: every section and point label, a line each."""
    tree = screen.query_one(SectionTree)
    return "\n".join(str(n.label) for n in tree.root.children for n in [n, *n.children])


async def send_answer(pilot: Any, text: str) -> None:
    """Put text in the answer box and send it (Ctrl+S), as a paste then the key would."""
    pilot.app.screen.query_one(AnswerBox).text = text
    await pilot.press("ctrl+s")
    await settle(pilot)
