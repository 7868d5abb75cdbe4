"""State shared by all subcommands: the data home and who is acting."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
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
    db: str | None = None  # --db URL (report/backend.py: else $ZICHA_DB, config.toml, zicha.db)

    @classmethod
    def create(cls, home: str | None, user: str | None = None, db: str | None = None) -> CliContext:
        return cls(home=data_home(home), user=user or os.environ.get(USER_ENV) or None, db=db)

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
                name = self.user or click.prompt("用户名", err=True, prompt_suffix="：")
                password = os.environ.get(PASSWORD_ENV)
                if password is None and not sys.stdin.isatty():
                    # Piped: getpass would print an English "may be echoed" warning.
                    line = sys.stdin.readline()
                    if not line:
                        raise click.Abort
                    password = line.rstrip("\r\n")
                elif password is None:
                    password = click.prompt(
                        f"{name} 的密码", hide_input=True, err=True, prompt_suffix="："
                    )
            except click.Abort:
                raise click.ClickException(
                    "未登录：没有读到用户名或密码。脚本中请设置环境变量 ZICHA_USER 和 ZICHA_PASSWORD。"
                ) from None
            try:
                user = store.authenticate(name, password)
                if user.login_notice:
                    click.echo(user.login_notice, err=True)
                if user.must_change:
                    _replace_temporary_password(store, user.name, password)
                return user.name
            except ZichaError as exc:
                raise fail(exc) from exc

    def store(self, readonly: bool = False) -> ReportStore:
        """The data home's store; readonly for commands that only look (never creates or
        migrates the file)."""
        from report.store import ReportStore  # here: `zicha` alone starts without pydantic

        try:
            store = ReportStore.open(self.home, self.db, readonly=readonly)
        except ZichaError as exc:
            raise click.ClickException(str(exc)) from exc
        for notice in store.notices:
            click.echo(notice, err=True)
        return store

    @contextmanager
    def acting(self) -> Iterator[tuple[ReportStore, str]]:
        """The store and the logged-in actor for a command that changes something; a
        domain error anywhere inside ends the command as one Chinese line."""
        with domain_errors():
            actor = self.actor
            with self.store() as store:
                yield store, actor

    @contextmanager
    def reading(self) -> Iterator[ReportStore]:
        """The store opened read-only; a domain error inside ends the command cleanly."""
        with domain_errors(), self.store(readonly=True) as store:
            yield store


NEW_PASSWORD_ENV = "ZICHA_NEW_PASSWORD"


def _replace_temporary_password(store: ReportStore, name: str, temporary: str) -> None:
    """A password an admin set must be replaced before the first action: ask for a new one."""
    from report.users import password_problem

    new = os.environ.get(NEW_PASSWORD_ENV)
    if new is None:
        if not sys.stdin.isatty():
            raise ZichaError(
                "您的密码是管理员设置的临时密码，必须先改成自己的密码才能操作。"
                f"脚本中请把新密码放在环境变量 {NEW_PASSWORD_ENV} 中再运行一次；"
                "或在终端中直接运行，按提示输入新密码。"
            )
        click.echo("您的密码是管理员设置的临时密码，请先设置自己的新密码。", err=True)
        while True:
            new = click.prompt("新密码", hide_input=True, err=True, prompt_suffix="：")
            problem = password_problem(new)
            if problem:
                click.echo(problem, err=True)
                continue
            if click.prompt("再输入一遍", hide_input=True, err=True, prompt_suffix="：") == new:
                break
            click.echo("两次输入的密码不一致，请重新设置。", err=True)
    if new == temporary:
        raise ZichaError("新密码不能与管理员设置的临时密码相同，请换一个。")
    store.set_password(name, new, name)
    click.echo("新密码已生效。", err=True)


def fail(exc: Exception) -> click.ClickException:
    """Wrap a domain error so click prints it as one Chinese line, exit code 1."""
    return click.ClickException(str(exc))


@contextmanager
def domain_errors() -> Iterator[None]:
    """Turn a domain error raised inside into `fail` (one Chinese line, exit code 1)."""
    try:
        yield
    except ZichaError as exc:
        raise fail(exc) from exc
