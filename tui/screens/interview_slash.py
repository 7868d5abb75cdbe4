"""Slash commands typed in the answer box (/接受, /跳过 …): the words, help and actions are
interview/commands.py's, the same as `zicha interview`; only showing the help page and leaving
the screen are done here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from interview.commands import parse, unknown_message

if TYPE_CHECKING:
    from tui.screens.interview import InterviewScreen


def run_slash(screen: InterviewScreen, line: str) -> None:
    inv = parse(line)
    if inv is None:
        return
    if inv.command is None:
        screen.notify(unknown_message(inv.word), severity="warning", timeout=8)
    elif inv.command.name == "帮助":
        screen.app.action_help()
    elif inv.command.name == "退出":
        screen.action_home()
    else:
        screen.run_command(inv)
