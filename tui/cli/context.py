"""State shared by all subcommands: the data home and who is acting."""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import click

from report.errors import ZichaError
from report.home import data_home
from report.labels import DEFAULT_ACTOR

if TYPE_CHECKING:
    from report.store import ReportStore

USER_ENV = "ZICHA_USER"
PASSWORD_ENV = "ZICHA_PASSWORD"


@dataclass
class CliContext:
    home: Path
    user: str | None = None
    _actor: str | None = field(default=None, repr=False)

    @classmethod
    def create(cls, home: str | None, user: str | None = None) -> CliContext:
        return cls(home=data_home(home), user=user or os.environ.get(USER_ENV) or None)

    @property
    def actor(self) -> str:
        """Who is acting. Once users exist this logs in (password asked once per command)."""
        if self._actor is None:
            self._actor = self._login()
        return self._actor

    @actor.setter
    def actor(self, name: str) -> None:
        self._actor = name

    def _login(self) -> str:

        with self.store() as store:
            if not store.has_users():
                return DEFAULT_ACTOR
            try:
                name = self.user or click.prompt("用户名", err=True)
                password = os.environ.get(PASSWORD_ENV)
                if password is None and not sys.stdin.isatty():
                    # Piped: getpass would print an English "may be echoed" warning.
                    line = sys.stdin.readline()
                    if not line:
                        raise click.Abort
                    password = line.rstrip("\r\n")
                elif password is None:
                    password = click.prompt(f"{name} 的密码", hide_input=True, err=True)
            except click.Abort:
                raise click.ClickException(
                    "未登录：没有读到用户名或密码。脚本中请设置环境变量 ZICHA_USER 和 ZICHA_PASSWORD。"
                ) from None
            try:
                return store.authenticate(name, password).name
            except ZichaError as exc:
                raise fail(exc) from exc

    def store(self) -> ReportStore:
        from report.store import ReportStore  # here: `zicha` alone starts without pydantic

        try:
            return ReportStore.open(self.home)
        except ZichaError as exc:
            raise click.ClickException(str(exc)) from exc


def fail(exc: Exception) -> click.ClickException:
    """Wrap a domain error so click prints it as one Chinese line, exit code 1."""
    return click.ClickException(str(exc))
