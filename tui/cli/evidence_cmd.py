"""`zicha evidence add ID POINT FILE…`, `zicha evidence list ID`, `zicha evidence remove`."""

from __future__ import annotations

import click

from report.errors import ZichaError

from .context import CliContext, fail


def _size(n: int) -> str:
    """12 字节, 126 KB, 3.4 MB: a small file never reads as 「0 KB」 (as if it were empty)."""
    if n < 1024:
        return f"{n} 字节"
    if n < 1024 * 1024:
        return f"{n / 1024:.0f} KB"
    return f"{n / (1024 * 1024):.1f} MB"


@click.group()
def evidence() -> None:
    """佐证材料：给要点或整改项附上文件（扫描件、会议纪要、截图等）。"""


@evidence.command("add")
@click.argument("report_id", metavar="ID", type=int)
@click.argument("point", metavar="POINT")
@click.argument("files", metavar="FILE…", nargs=-1, required=True)
@click.pass_obj
def add(obj: CliContext, report_id: int, point: str, files: tuple[str, ...]) -> None:
    """添加佐证材料。要点为要点编号（如 ORG-01）、整改项（如 整改1）或上年度整改项（如 上年1）。"""
    from report.evidence import add_evidence

    actor = obj.actor
    try:
        with obj.store() as store:
            added = add_evidence(store, report_id, point, list(files), actor=actor)
    except ZichaError as exc:
        raise fail(exc) from exc
    for a in added:
        click.echo(f"已添加：{a.name}（{_size(a.size)}，SHA-256 {a.sha256}）")


@evidence.command("list")
@click.argument("report_id", metavar="ID", type=int)
@click.pass_obj
def list_cmd(obj: CliContext, report_id: int) -> None:
    """列出报告的全部佐证材料。"""
    from report.evidence import list_evidence

    with obj.reading() as store:
        rows = list_evidence(store.get(report_id))
    if not rows:
        click.echo("这份报告还没有佐证材料。用 zicha evidence add 编号 要点 文件 添加。")
        return
    for r in rows:
        click.echo(f"{r.holder}\t{r.name}\t{_size(r.size)}\t{r.sha256[:16]}")


@evidence.command("remove")
@click.argument("report_id", metavar="ID", type=int)
@click.argument("point", metavar="POINT")
@click.argument("name", metavar="NAME")
@click.pass_obj
def remove(obj: CliContext, report_id: int, point: str, name: str) -> None:
    """从要点上移除一个佐证材料（按文件名）；已提交的版本仍保留它。"""
    from report.evidence import remove_evidence

    actor = obj.actor
    try:
        with obj.store() as store:
            gone = remove_evidence(store, report_id, point, name, actor=actor)
    except ZichaError as exc:
        raise fail(exc) from exc
    click.echo(f"已移除：{gone.name}（文件仍保存在数据目录中，已提交的版本不受影响）")
