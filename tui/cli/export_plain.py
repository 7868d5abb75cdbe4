"""`zicha export` of a stored report without pydantic (issue 16): when it can be read that way.

Taken only when nothing needs more: a local zicha.db, no users to log in (then ReportStore and
the login run as before), a report on the built-in bank whose stored body reads back plain
(report/plain.py). Otherwise None, and the command takes the validating path. Both write the
same document, print the same preflight and log the same event (tests/cli/test_cli_export_plain.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from report.errors import ZichaError

from .context import CliContext, fail

if TYPE_CHECKING:
    from report.export_access import ExportAccess
    from report.plain import PlainReport


def open_plain(obj: CliContext, report_id: int) -> tuple[ExportAccess, PlainReport] | None:
    from report.export_access import ExportAccess
    from report.plain import NotPlain

    if obj.user:  # --user / ZICHA_USER: ask ReportStore to log in, as before
        return None
    try:
        access = ExportAccess.open(obj.home, obj.db)
    except ZichaError as exc:
        raise click.ClickException(str(exc)) from exc
    if access is None:
        return None
    try:
        if access.has_users():
            access.close()
            return None
        for notice in access.notices:
            click.echo(notice, err=True)
        try:
            report = access.get_plain(report_id)
        except NotPlain:
            access.close()
            return None
        if report.bank is not None:
            access.close()
            return None
        return access, report
    except ZichaError as exc:
        access.close()
        raise fail(exc) from exc
    except BaseException:
        access.close()
        raise
