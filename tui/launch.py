"""Start the full-screen app from the `zicha` command (no subcommand).

Login: with users in the data home the app opens on its login screen. When both ZICHA_USER
(or --user) and ZICHA_PASSWORD are set, the login happens here instead, with the same rules.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.cli.context import CliContext


def launch(ctx_obj: CliContext) -> None:
    from report.labels import DEFAULT_ACTOR
    from tui.app import ZichaApp
    from tui.cli.context import PASSWORD_ENV

    actor = DEFAULT_ACTOR
    if ctx_obj.user and os.environ.get(PASSWORD_ENV) is not None:
        actor = ctx_obj.actor  # logs in now; a refusal ends here with a Chinese message
    ZichaApp(home=ctx_obj.home, actor=actor, login_name=ctx_obj.user, db=ctx_obj.db).run()
