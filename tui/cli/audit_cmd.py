"""`zicha audit verify` (and `audit log`)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

from .context import CliContext, fail

if TYPE_CHECKING:
    from collections.abc import Callable

    from report.models import Report


@click.group()
def audit() -> None:
    """审计日志：查看与校验。"""


@audit.command("verify")
@click.option(
    "--key",
    "key_file",
    type=click.Path(dir_okay=False),
    default=None,
    help="用 zicha key export-public 导出的公钥文件核对签名（默认用数据目录中的公钥）。",
)
@click.option(
    "--anchor",
    default=None,
    help="此前记下的日志末尾，如 42:3f9a0c1b2d4e：日志必须至少有这么长且与之吻合。",
)
@click.pass_obj
def verify(obj: CliContext, key_file: str | None, anchor: str | None) -> None:
    """校验审计日志：哈希链、末尾签名、各表封记和锚点，指出第一处被改动的地方。"""
    from pathlib import Path

    from report.errors import ZichaError
    from report.integrity import parse_anchor
    from report.keys import load_public_key

    try:
        public_key = load_public_key(Path(key_file)) if key_file else None
        spec = parse_anchor(anchor) if anchor else None
    except ZichaError as exc:
        raise click.UsageError(str(exc)) from exc
    with obj.store(readonly=True) as store:
        try:
            result = store.verify_audit(public_key, spec)
        except ZichaError as exc:
            raise fail(exc) from exc
    head = f"日志末尾：{result.head}" if result.head else ""
    if result.ok:
        signed = f"，末尾由单位密钥（指纹 {result.signed_by}）签名" if result.signed_by else ""
        click.echo(f"审计日志完好：共 {result.rows} 条记录，哈希链全部吻合{signed}。")
        click.echo(f"{head}（可记下或报送上级，日后用 --anchor 核对）")
        for note in result.notes:
            click.echo(note)
        return
    click.echo(f"审计日志校验失败：{result.reason}。", err=True)
    if head:
        click.echo(head, err=True)
    sys.exit(1)


@audit.command("log")
@click.argument("report_id", type=int, required=False)
@click.option(
    "--raw",
    is_flag=True,
    help="显示存储的原值：说明一栏为原始编号（控制点、段落编号），时间为完整的存储时间。",
)
@click.pass_obj
def log(obj: CliContext, report_id: int | None, raw: bool) -> None:
    """列出审计日志（可只看一份报告）：序号、时间、操作人、操作、报告、说明。"""
    from report.audit import ACTION_LABELS
    from report.errors import ZichaError

    labels = ACTION_LABELS
    reports: dict[int, Report] = {}
    with obj.store(readonly=True) as store:
        events = store.audit_log(report_id)
        if not raw:
            for rid in {e.report_id for e in events if e.report_id is not None}:
                try:
                    reports[rid] = store.get(rid)
                except ZichaError:
                    pass  # a deleted report: its paragraphs are named without their text
    if not events:
        click.echo("审计日志中没有记录。")
        return
    from report.local_time import local_minutes

    describe = _describer(reports) if not raw else None
    for e in events:
        target = f"报告 {e.report_id}" if e.report_id is not None else "—"
        detail = describe(e.detail, e.report_id) if describe else e.detail
        # --raw: the stored values, the time to the second as the hash chain has it
        when = e.ts if raw else local_minutes(e.ts)
        click.echo(
            f"{e.id}\t{when}\t{e.actor}\t{labels.get(e.action, e.action)}\t{target}\t{detail}"
        )


def _describer(reports: dict[int, Report]) -> Callable[[str, int | None], str]:
    from interview.audit_words import describe
    from interview.bank import load_bank
    from report.errors import ZichaError

    try:
        bank = load_bank()
    except ZichaError:
        bank = None  # control points are then shown by number only

    def words(detail: str, report_id: int | None) -> str:
        return describe(detail, reports.get(report_id) if report_id is not None else None, bank)

    return words
