"""`zicha audit verify` (and `audit log`)."""

from __future__ import annotations

import sys

import click

from .context import CliContext


@click.group()
def audit() -> None:
    """审计日志：查看与校验。"""


@audit.command("verify")
@click.pass_obj
def verify(obj: CliContext) -> None:
    """逐条校验审计日志的哈希链，指出第一条被改动的记录。"""
    with obj.store() as store:
        result = store.verify_audit()
    if result.ok:
        click.echo(f"审计日志完好：共 {result.rows} 条记录，哈希链全部吻合。")
        return
    click.echo(f"审计日志校验失败：{result.reason}。", err=True)
    sys.exit(1)
