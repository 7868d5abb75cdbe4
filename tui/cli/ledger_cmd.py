"""`zicha ledger export ID -o 整改台账.xlsx` and `zicha ledger import ID FILE.xlsx`."""

from __future__ import annotations

from pathlib import Path

import click

from report.errors import ZichaError

from .context import CliContext, fail


@click.group()
def ledger() -> None:
    """整改台账（Excel）：导出给各部门填写，再导回报告。"""


@ledger.command("export")
@click.argument("report_id", metavar="ID", type=int)
@click.option(
    "-o",
    "--output",
    type=click.Path(),
    default=None,
    help="保存路径（.xlsx）；默认为当前文件夹中的「整改台账.xlsx」。",
)
@click.option("--force", is_flag=True, help="目标文件已存在时覆盖。")
@click.pass_obj
def export_ledger(obj: CliContext, report_id: int, output: str | None, force: bool) -> None:
    """导出整改台账（.xlsx）：每个整改项一行，各部门填写整改情况和完成状态。"""
    from exports.ledger_service import export_ledger_stored

    actor = obj.actor
    target = Path(output) if output else Path.cwd() / "整改台账.xlsx"
    try:
        with obj.store() as store:
            path, count = export_ledger_stored(store, report_id, target, force=force, actor=actor)
    except ZichaError as exc:
        raise fail(exc) from exc
    if not count:
        click.echo("这份报告还没有整改项，台账只有表头。")
    click.echo(f"已导出整改台账（{count} 项）：\n{path}")


@ledger.command("import")
@click.argument("report_id", metavar="ID", type=int)
@click.argument("file", metavar="FILE.xlsx", type=click.Path(dir_okay=False))
@click.option("--yes", is_flag=True, help="不询问，直接更新（用于脚本）。")
@click.pass_obj
def import_ledger(obj: CliContext, report_id: int, file: str, yes: bool) -> None:
    """导入各部门填写后的整改台账：先列出每行将要更新的内容，确认后写入报告。"""
    from exports.ledger_xlsx import read_ledger
    from report.ledger import apply_plan, plan_import, raise_all

    actor = obj.actor
    try:
        with obj.store() as store:
            report = store.get(report_id)
            # Every bad cell of the file in one message; nothing is imported while any is bad.
            problems: list[str] = []
            rows = read_ledger(file, problems)
            plan = plan_import(report, rows, Path(file).name, problems)
            raise_all(problems)
            click.echo(plan.text())
            for note in plan.notes:
                click.echo(f"提示：{note}")
            if not plan.changes:
                return
            if not yes and not click.confirm("确认按以上内容更新报告？", default=False):
                click.echo("未更新，报告保持原样。")
                return
            saved = apply_plan(store, plan, rows, actor=actor)
    except ZichaError as exc:
        raise fail(exc) from exc
    click.echo(
        f"已导入整改台账：更新 {len(plan.changes)} 处，报告 {saved.id} 现为第 {saved.revision} 版。"
    )
