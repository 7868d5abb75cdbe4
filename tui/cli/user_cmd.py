"""`zicha user add|list|passwd|disable`."""

from __future__ import annotations

import os
import sys

import click

from report import users
from report.errors import ZichaError

from .context import CliContext, fail

NEW_PASSWORD_ENV = "ZICHA_NEW_PASSWORD"


def _new_password(name: str) -> str:
    """The new password: from $ZICHA_NEW_PASSWORD (scripts) or typed twice, hidden."""
    password = os.environ.get(NEW_PASSWORD_ENV)
    if password is not None:
        return password
    if not sys.stdin.isatty():
        # Piped: getpass would print an English "may be echoed" warning; read one line.
        line = sys.stdin.readline()
        if not line:
            raise ZichaError(
                f"没有读到 {name} 的新密码。脚本中请把新密码放在环境变量 {NEW_PASSWORD_ENV} 中，"
                "或在终端中直接运行，按提示输入。"
            )
        password = line.rstrip("\r\n")
        problem = users.password_problem(password)
        if problem:
            raise ZichaError(problem)
        return password
    while True:
        password = click.prompt(
            f"为 {name} 设置密码（至少 {users.MIN_PASSWORD_LENGTH} 位）",
            hide_input=True,
            err=True,
            prompt_suffix="：",
        )
        problem = users.password_problem(password)
        if problem:
            click.echo(problem, err=True)
            continue
        if click.prompt("再输入一遍", hide_input=True, err=True, prompt_suffix="：") == password:
            return password
        click.echo("两次输入的密码不一致，请重新设置。", err=True)


@click.group()
def user() -> None:
    """用户与角色：经办人、审核人、管理员（添加用户时用 --role 指定）。

    \b
    第一个添加的用户自动成为管理员；此后凡是修改数据的命令都要登录：
      --user 用户名（或环境变量 ZICHA_USER），密码在提示时输入，
      脚本中可放在环境变量 ZICHA_PASSWORD；新密码可放在 ZICHA_NEW_PASSWORD。
    """


@user.command("add")
@click.argument("name")
@click.option(
    "--role",
    type=click.Choice(users.ROLES),
    default="officer",
    show_default=True,
    help="officer 经办人，supervisor 审核人，admin 管理员。",
)
@click.pass_obj
def add(obj: CliContext, name: str, role: str) -> None:
    """添加用户（需管理员登录；第一个用户除外）。"""
    try:
        actor = obj.actor
        password = _new_password(name)
        with obj.store() as store:
            first = not store.has_users()
            created = store.add_user(name, role, password, actor)
    except ZichaError as exc:
        raise fail(exc) from exc
    click.echo(f"已添加用户 {created.name}（{created.role_label}）。")
    if first:
        click.echo(
            "这是第一个用户，已自动设为管理员。从现在起需要登录："
            f"zicha --user {created.name} …（或设置 ZICHA_USER）。"
        )
        click.echo(
            "管理员只管理用户，不能填写或提交报告。请再添加经办人和审核人账号，例如："
            f"zicha --user {created.name} user add 名字 --role officer"
            "（审核人用 --role supervisor）。"
        )


@user.command("list")
@click.pass_obj
def list_users(obj: CliContext) -> None:
    """列出全部用户及其角色。"""
    with obj.store(readonly=True) as store:
        rows = store.users()
    if not rows:
        click.echo(
            "还没有用户（单机模式）。用 zicha user add 用户名 添加第一个用户（将成为管理员）。"
        )
        return
    from report.local_time import local_minutes

    for u in rows:
        state = "已停用" if u.disabled else "在用"
        click.echo(f"{u.name}\t{u.role_label}\t{state}\t{local_minutes(u.created_at)}")


@user.command("passwd")
@click.argument("name")
@click.pass_obj
def passwd(obj: CliContext, name: str) -> None:
    """修改密码（本人或管理员）。"""
    try:
        actor = obj.actor
        password = _new_password(name)
        with obj.store() as store:
            store.set_password(name, password, actor)
    except ZichaError as exc:
        raise fail(exc) from exc
    click.echo(f"已修改 {name} 的密码。")


@user.command("disable")
@click.argument("name")
@click.pass_obj
def disable(obj: CliContext, name: str) -> None:
    """停用用户（需管理员）；记录保留，不能再登录。"""
    with obj.acting() as (store, actor):
        store.disable_user(name, actor)
    click.echo(f"已停用用户 {name}。")
