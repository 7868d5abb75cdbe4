"""`zicha bank import|list|show|export|remove`: the province's 检查评估表 as a question bank."""

from __future__ import annotations

from pathlib import Path

import click

from report.errors import ZichaError

from .context import CliContext, fail


@click.group()
def bank() -> None:
    """题库：导入省里下发的检查评估表（Excel 或 Word 表格），按表中的检查项访谈和评分。

    \b
    zicha bank import 2026检查评估表.xlsx --name 2026省表     导入为题库
    zicha bank import 评估表.docx --name 省表 --map 稽核内控=监督   指定项目对应的方面
    zicha bank import 市表.xlsx --name 市表 --own-sections     按表中的项目分部分
    zicha bank list                                          列出题库（内置题库总在）
    zicha bank show 2026省表                                 查看检查项
    zicha bank export 2026省表 -o 检查评估表.xlsx            写回表格
    zicha bank remove 2026省表                               删除
    """


@bank.command("import")
@click.argument("file", metavar="表格文件", type=click.Path(dir_okay=False))
@click.option("--name", required=True, help="题库名称，例如 2026省检查评估表。")
@click.option(
    "--map",
    "mapping",
    multiple=True,
    metavar="项目=方面",
    help="表中项目对应五个方面中的哪一个（组织、业务、基金、信息系统、监督），可写多次。",
)
@click.option(
    "--own-sections",
    is_flag=True,
    help="按表中的项目分部分，不对应到五个方面（项目都不是五个方面时自动如此）。",
)
@click.option("--replace", is_flag=True, help="已有同名题库时导入为它的新版本。")
@click.pass_obj
def import_cmd(
    obj: CliContext,
    file: str,
    name: str,
    mapping: tuple[str, ...],
    own_sections: bool,
    replace: bool,
) -> None:
    """读取检查评估表，每行生成一个要点（问题、关键词、检索词、分值、评分标准），并列出导入情况。"""
    from interview.bank_import import parse_mapping, read_table
    from interview.bank_store import save_bank

    actor = obj.actor
    try:
        if mapping and own_sections:
            raise click.UsageError("--map 与 --own-sections 只能选一个。")
        table = read_table(Path(file), parse_mapping(list(mapping)), own=own_sections)
        info = save_bank(obj.home, name, table, replace=replace)
    except ZichaError as exc:
        raise fail(exc) from exc
    with obj.store() as store:
        store.record(
            "bank_import",
            None,
            {"name": info.name, "version": info.version, "hash": info.hash, "source": table.source},
            actor=actor,
            detail=f"题库「{info.name}」版本 {info.version}",
        )
    total = f"，分值合计 {table.total_score():g} 分" if info.total_score is not None else ""
    click.echo(
        f"已导入题库「{info.name}」（版本 {info.version}）：来自 {table.source}，共 {len(table.rows)} 项{total}。"
    )
    if table.sections:
        click.echo(
            f"{table.own_reason}，按表中的 {len(table.sections)} 个项目分部分"
            "（要对应到五个方面，请用 --map 项目=方面 重新导入）："
        )
    for key in table.section_keys():
        rows = [r for r in table.rows if r.area == key]
        score = sum(r.score or 0 for r in rows)
        items = "、".join(dict.fromkeys(r.item for r in rows))
        click.echo(
            f"  {table.section_title(key)}：{len(rows)} 项，{score:g} 分（表中项目：{items}）"
        )
    if table.skipped:
        click.echo("跳过的行：")
        for s in table.skipped:
            click.echo(f"  第 {s.row} 行：{s.reason}")
    if table.declared_total is not None and abs(table.declared_total - table.total_score()) > 1e-6:
        click.echo(
            f"注意：表中合计为 {table.declared_total:g} 分，各项分值相加为 {table.total_score():g} 分，请核对原表。"
        )
    click.echo(f"内容哈希：{info.hash[:16]}")


@bank.command("list")
@click.pass_obj
def list_cmd(obj: CliContext) -> None:
    """列出题库：名称、版本、要点数、分值合计、来源。"""
    from interview.bank_store import list_banks

    try:
        banks = list_banks(obj.home)
    except ZichaError as exc:
        raise fail(exc) from exc
    for b in banks:
        score = f"，{b.total_score:g} 分" if b.total_score is not None else ""
        click.echo(f"{b.name}  版本 {b.version}  {b.points} 项{score}  {b.source}  {b.hash[:12]}")


@bank.command("show")
@click.argument("name", metavar="题库名称")
@click.pass_obj
def show(obj: CliContext, name: str) -> None:
    """列出题库中每个方面的检查项、问题和分值。"""
    from interview.bank_store import open_bank

    try:
        info, loaded = open_bank(obj.home, name)
    except ZichaError as exc:
        raise fail(exc) from exc
    click.echo(f"题库「{info.name}」版本 {info.version}，{info.points} 项，哈希 {info.hash[:16]}")
    if loaded.own_sections():
        click.echo(f"本题库自带 {len(loaded.own_sections())} 个部分（不套用五个方面）。")
    for key in loaded.area_keys():
        click.echo(f"\n{loaded.title(key)}")
        for p in loaded.points(key):
            score = f"（{p.score:g} 分）" if p.score is not None else ""
            click.echo(f"  {p.id} {p.title}{score}")
            click.echo(f"      问：{p.question}")


@bank.command("export")
@click.argument("name", metavar="题库名称")
@click.option("-o", "--output", required=True, type=click.Path(), help="保存路径（.xlsx）。")
@click.option("--force", is_flag=True, help="目标文件已存在时覆盖。")
@click.pass_obj
def export(obj: CliContext, name: str, output: str, force: bool) -> None:
    """把题库写回检查评估表（.xlsx：序号、项目、检查内容、评分标准、分值，含合计行）。"""
    from interview.bank_store import open_bank
    from interview.bank_table import write_bank_xlsx

    try:
        info, loaded = open_bank(obj.home, name)
        path = write_bank_xlsx(loaded, f"检查评估表（{info.name}）", output, force=force)
    except ZichaError as exc:
        raise fail(exc) from exc
    click.echo(f"已导出：{path}")


@bank.command("remove")
@click.argument("name", metavar="题库名称")
@click.pass_obj
def remove(obj: CliContext, name: str) -> None:
    """删除导入的题库（内置题库不能删除）。"""
    from interview.bank_store import remove_bank

    actor = obj.actor
    try:
        remove_bank(obj.home, name)
    except ZichaError as exc:
        raise fail(exc) from exc
    with obj.store() as store:
        store.record("bank_remove", None, {"name": name}, actor=actor, detail=f"题库「{name}」")
    click.echo(f"已删除题库「{name}」。")
