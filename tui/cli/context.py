"""State shared by all subcommands: the data home and who is acting."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import click

from report.errors import ZichaError
from report.home import data_home
from report.store import DEFAULT_ACTOR, ReportStore


@dataclass
class CliContext:
    home: Path
    actor: str = DEFAULT_ACTOR

    @classmethod
    def create(cls, home: str | None) -> CliContext:
        return cls(home=data_home(home))

    def store(self) -> ReportStore:
        try:
            return ReportStore.open(self.home)
        except ZichaError as exc:
            raise click.ClickException(str(exc)) from exc


def fail(exc: Exception) -> click.ClickException:
    """Wrap a domain error so click prints it as one Chinese line, exit code 1."""
    return click.ClickException(str(exc))
