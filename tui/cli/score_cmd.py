"""`zicha score export ID -o 自查评分表.xlsx`: the scored table of a report on a scored bank."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from report.errors import ZichaError

from .context import CliContext, fail

if TYPE_CHECKING:
    from report.models import Report
    from report.scoring import ScoreRow


@click.group()
def score() -> None:
    """自查评分表：按带分值的题库（省里的检查评估表）计算得分、扣分原因和折算后的总分。

    \b
    zicha score show 1                       查看各部分得分和总分
    zicha score export 1 -o 自查评分表.xlsx   导出评分表
    """


def _rows(obj: CliContext, report_id: int, readonly: bool) -> tuple[Report, list[ScoreRow]]:
    from interview.bank_store import bank_for_report
    from interview.scoring import score_rows

    with obj.store(readonly=readonly) as store:
        report = store.get(report_id)
    bank = bank_for_report(obj.home, report.bank)
    return report, score_rows(report, bank)


@score.command("show")
@click.argument("report_id", metavar="报告编号", type=int)
@click.pass_obj
def show(obj: CliContext, report_id: int) -> None:
    """各部分的适用分值、得分、得分率，以及折算百分制的总分。"""
    from report.scoring import section_totals, totals

    try:
        report, rows = _rows(obj, report_id, readonly=True)
    except ZichaError as exc:
        raise fail(exc) from exc
    if not rows:
        raise click.ClickException(
            "这份报告所用的题库没有分值。带分值的题库用 zicha bank import 导入。"
        )
    for key, t in section_totals(rows).items():
        rate = f"{t.rate:.1%}" if t.rate is not None else "全部不适用"
        click.echo(
            f"{report.section_title(key)}：{t.score:g} / {t.applicable_max:g} 分（得分率 {rate}）"
        )
    t = totals(rows)
    click.echo(
        f"合计：{t.score:g} / {t.applicable_max:g} 分（分值 {t.max_all:g} 分，折算百分制 {t.hundred:g} 分）"
    )
    pending = [r for r in rows if r.score is None and r.applicable]
    waiting = [r for r in rows if not r.confirmed and r.applicable]
    if pending:
        click.echo("待填写扣分：" + "、".join(r.control_point for r in pending))
    if waiting:
        click.echo("扣分待确认：" + "、".join(r.control_point for r in waiting))


@score.command("export")
@click.argument("report_id", metavar="报告编号", type=int)
@click.option("-o", "--output", required=True, type=click.Path(), help="保存路径（.xlsx）。")
@click.option("--force", is_flag=True, help="目标文件已存在时覆盖。")
@click.pass_obj
def export(obj: CliContext, report_id: int, output: str, force: bool) -> None:
    """导出自查评分表：序号、项目、检查内容、分值、得分、扣分原因、备注，含小计与合计。"""
    from exports.score_xlsx import write_score_xlsx

    actor = obj.actor
    try:
        report, rows = _rows(obj, report_id, readonly=False)
        path = write_score_xlsx(report, rows, output, force=force)
    except ZichaError as exc:
        raise fail(exc) from exc
    with obj.store() as store:
        store.record("score_export", report_id, {"path": str(path)}, actor=actor, detail=path.name)
    click.echo(f"已导出：{path}")
