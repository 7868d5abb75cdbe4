"""`zicha rollup trust|import|list|summary`: the office above collects the counties' bundles."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from report.errors import ZichaError

from .context import CliContext, fail

if TYPE_CHECKING:
    from rollup.city import CityStore


@click.group()
def rollup() -> None:
    """汇总：登记下级单位的公钥，校验并接收报送包，生成汇总表和汇总报告初稿。

    \b
    zicha rollup trust 青禾县.pub --unit 青禾县社会保险事业局   登记公钥
    zicha rollup import 收到的报送包/                          校验并接收（文件或文件夹）
    zicha rollup list --year 2026                             已接收的报送包
    zicha rollup summary --year 2026 -o 汇总.xlsx              汇总表
    zicha rollup summary --year 2026 --format docx -o 汇总报告.docx   汇总报告初稿
    """


def _city(obj: CliContext) -> CityStore:
    from rollup.city import CityStore

    return CityStore(obj.home)


@rollup.command("trust")
@click.argument("pub_file", metavar="公钥文件", type=click.Path(dir_okay=False))
@click.option("--unit", required=True, help="该公钥所属单位的全称（与其报告中的单位一致）。")
@click.option("--replace", is_flag=True, help="该单位更换了密钥时，用新公钥替换旧公钥。")
@click.pass_obj
def trust(obj: CliContext, pub_file: str, unit: str, replace: bool) -> None:
    """登记下级单位的公钥；之后只接收用该密钥签名的报送包。"""
    obj.actor  # noqa: B018 - changing the city's records needs a login
    with _city(obj) as city:
        try:
            key = city.trust(Path(pub_file), unit, replace=replace)
        except ZichaError as exc:
            raise fail(exc) from exc
    click.echo(f"已登记「{unit.strip()}」的公钥，指纹：{key.fingerprint}")
    click.echo("请与该单位核对指纹（电话或书面），确认公钥确实来自该单位。")


@rollup.command("import")
@click.argument("targets", metavar="报送包或文件夹…", type=click.Path(), nargs=-1, required=True)
@click.pass_obj
def import_cmd(obj: CliContext, targets: tuple[str, ...]) -> None:
    """校验并接收报送包：签名、各文件校验值、格式版本和已登记的公钥；不合格的一个也不保存。

    可以写一个或几个报送包（如 *.zicha），或一个文件夹（接收其中全部 .zicha 文件；
    其他文件逐个列出跳过的原因）。有报送包被拒收时退出码为 1。
    """
    from rollup.city import ImportLine

    obj.actor  # noqa: B018
    lines: list[ImportLine] = []
    with _city(obj) as city:
        for target in targets:
            try:
                lines += city.import_paths(Path(target))
            except ZichaError as exc:
                if len(targets) == 1:
                    raise fail(exc) from exc
                # Several given (a shell's *.zicha): say it on its line and go on.
                lines.append(ImportLine(file=Path(target).name, accepted=False, message=str(exc)))
    read = [line for line in lines if not line.skipped]
    skipped = [line for line in lines if line.skipped]
    for line in read:
        mark = "接收" if line.accepted else "拒收"
        click.echo(f"{mark}：{line.file}：{line.message}")
    for line in skipped:
        click.echo(f"跳过：{line.file}：{line.message}")
    refused = sum(1 for line in read if not line.accepted)
    click.echo(
        f"共 {len(read)} 个文件：接收 {len(read) - refused} 个，拒收 {refused} 个。"
        + (f"另跳过 {len(skipped)} 个不是报送包的文件（见上）。" if skipped else "")
    )
    # Skipped files are not bundles anyone sent for checking: only a refusal fails the run.
    if refused:
        sys.exit(1)


@rollup.command("list")
@click.option("--year", type=int, default=None, help="只列出这一年度。")
@click.option("--history", is_flag=True, help="也列出已被新报送包取代的旧包。")
@click.pass_obj
def list_cmd(obj: CliContext, year: int | None, history: bool) -> None:
    """列出已接收的报送包。"""
    from report.local_time import local_minutes
    from rollup.summary import STATUS_LABELS

    with _city(obj) as city:
        rows = city.history(year)
        trusted = city.trusted_units()
    if not history:
        rows = [r for r in rows if r.superseded_by is None]
    if not rows:
        click.echo("还没有接收任何报送包。" if not trusted else "这一年度还没有接收报送包。")
        return
    for r in rows:
        old = f"（已被 {r.superseded_by} 号取代）" if r.superseded_by else ""
        kind = "草稿" if r.draft else STATUS_LABELS.get(r.status, r.status)
        when = local_minutes(r.created_at)
        click.echo(f"{r.id}  {r.unit}  {r.year}年度  {kind}  导出于 {when}{old}")


@rollup.command("summary")
@click.option("--year", type=int, required=True, help="汇总哪一年度。")
@click.option(
    "-o", "--output", required=True, type=click.Path(), help="保存路径（.xlsx 或 .docx）。"
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["xlsx", "docx"]),
    default=None,
    help="xlsx：汇总表（总表、问题清单、整改台账汇总）；docx：市级汇总报告初稿。默认按扩展名。",
)
@click.option(
    "--unit", default="市社会保险事业管理局", show_default=True, help="汇总报告的发文单位。"
)
@click.option(
    "--addressee", default="省社会保险事业管理局", show_default=True, help="汇总报告的主送机关。"
)
@click.option("--force", is_flag=True, help="目标文件已存在时覆盖。")
@click.pass_obj
def summary(
    obj: CliContext,
    year: int,
    output: str,
    fmt: str | None,
    unit: str,
    addressee: str,
    force: bool,
) -> None:
    """生成汇总表或汇总报告初稿，数字均由已接收的报送包统计。"""
    from rollup.summary import build_rollup
    from rollup.summary_docx import write_summary_docx
    from rollup.summary_xlsx import write_summary_xlsx

    path = Path(output)
    fmt = fmt or path.suffix.lower().lstrip(".")
    if fmt not in ("xlsx", "docx"):
        raise click.UsageError(
            "汇总只能导出为 .xlsx（汇总表）或 .docx（汇总报告初稿），请修改文件名或加 --format。"
        )
    with _city(obj) as city:
        data = build_rollup(city, year, dt.date.today())
        if not data.units:
            raise click.ClickException(
                f"{year}年度还没有接收任何报送包，无法汇总。先用 zicha rollup import 接收。"
            )
        try:
            if fmt == "xlsx":
                written = write_summary_xlsx(data, path, force=force)
            else:
                written = write_summary_docx(
                    data, path, unit=unit, addressee=addressee, force=force
                )
        except ZichaError as exc:
            raise fail(exc) from exc
    click.echo(
        f"已汇总 {len(data.units)} 个单位"
        + (f"（{len(data.missing)} 个已登记单位未报送）" if data.missing else "")
        + "："
    )
    click.echo(str(written))
