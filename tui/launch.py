"""Start the full-screen app from the `zicha` command (no subcommand)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.cli.context import CliContext


def launch(ctx_obj: CliContext) -> None:
    from tui.app import ZichaApp

    ZichaApp(home=ctx_obj.home, actor=ctx_obj.actor).run()
