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


@audit.command("log")
@click.argument("report_id", type=int, required=False)
@click.option("--raw", is_flag=True, help="说明一栏显示原始编号（控制点、段落编号），不换成文字。")
@click.pass_obj
def log(obj: CliContext, report_id: int | None, raw: bool) -> None:
    """列出审计日志（可只看一份报告）：序号、时间、操作人、操作、报告、说明。"""
    from report.audit import ACTION_LABELS
    from report.errors import ZichaError
    from report.workflow import ACTION_LABELS as REVIEW_LABELS

    labels = {**ACTION_LABELS, **REVIEW_LABELS}
    reports: dict[int, object] = {}
    with obj.store() as store:
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
    describe = _describer(reports) if not raw else None
    for e in events:
        target = f"报告 {e.report_id}" if e.report_id is not None else "—"
        detail = describe(e.detail, e.report_id) if describe else e.detail
        click.echo(
            f"{e.id}\t{e.ts}\t{e.actor}\t{labels.get(e.action, e.action)}\t{target}\t{detail}"
        )


def _describer(reports: dict):  # type: ignore[no-untyped-def]
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
