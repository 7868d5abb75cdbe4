"""`zicha db check` and `zicha db copy --to URL`: the report store's backend (SQLite or a
shared PostgreSQL database), and moving a store between them."""

from __future__ import annotations

import sys

import click

from .context import CliContext, fail


@click.group()
def db() -> None:
    """报告库：查看所用数据库，在 SQLite 与 PostgreSQL 之间复制。"""


@db.command("check")
@click.pass_obj
def check(obj: CliContext) -> None:
    """显示报告库用的是哪种数据库、在哪里、结构版本，并检查能否连接。"""
    from report.backend import store_target
    from report.db_admin import check as run_check
    from report.errors import ZichaError

    try:
        target = store_target(obj.home, obj.db)
    except ZichaError as exc:
        raise fail(exc) from exc
    result = run_check(target)
    click.echo(f"数据库：{result.backend}{f'（{result.server}）' if result.server else ''}")
    click.echo(f"位置：{result.where}")
    if not result.connected:
        # Nothing is known about the tables: only what to check.
        click.echo(f"连接：无法连接。{result.problem}", err=True)
        sys.exit(1)
    if result.schema_version is None:
        version = "尚未建表（第一次使用时自动创建）"
    else:
        version = str(result.schema_version)
    click.echo(f"结构版本：{version}（本程序：{result.expected_version}）")
    if result.reports is not None:
        click.echo(f"报告：{result.reports} 份")
    if result.ok:
        click.echo("连接：正常")
        return
    click.echo(f"连接：有问题。{result.problem}", err=True)
    sys.exit(1)


@db.command("copy")
@click.option(
    "--to",
    "to",
    required=True,
    metavar="地址",
    help="复制到哪里：空的 PostgreSQL 数据库（postgresql://用户@主机:端口/库名），"
    "或一个新的 SQLite 文件路径（归档用）。",
)
@click.pass_obj
def copy(obj: CliContext, to: str) -> None:
    """把当前报告库的全部数据复制到一个空数据库，并在目标上核对行数和审计日志。"""
    from report.backend import StoreTarget, store_target
    from report.db_admin import copy_store
    from report.errors import ZichaError

    try:
        source = store_target(obj.home, obj.db)
        dest = StoreTarget.parse(to, obj.home)
        with obj.store() as store:
            if store.has_users():
                store.require_admin(obj.actor, "复制报告库")
        click.echo(f"从 {source.display()}")
        click.echo(f"复制到 {dest.display()} …")
        result = copy_store(source, dest)
    except ZichaError as exc:
        raise fail(exc) from exc
    click.echo("各表行数（源 → 目标）：")
    for c in result.counts:
        mark = "一致" if c.source == c.target else "不一致！"
        click.echo(f"  {c.table}：{c.source} → {c.target}  {mark}")
    if result.audit_ok:
        click.echo(
            f"目标上的审计日志：共 {result.audit_rows} 条，哈希链、封记和签名校验通过；"
            f"日志末尾：{result.audit_head}"
        )
    else:
        click.echo(f"目标上的审计日志校验未通过：{result.audit_reason}", err=True)
    if not (result.counts_ok and result.audit_ok):
        sys.exit(1)
    click.echo("复制完成，核对无误。")
