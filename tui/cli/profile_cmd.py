"""`zicha profile add|list|show|remove`: document profiles (版头, 版记, layout) in the data home."""

from __future__ import annotations

from pathlib import Path

import click

from report.errors import ZichaError

from .context import CliContext, fail


@click.group()
def profile() -> None:
    """文档配置：版头（发文机关标志、发文字号、签发人）、版记（抄送、印发）和版式。

    \b
    配置是一个 YAML 文件，示例见 examples/profiles/上行文示例.yaml。
    导出时选用：zicha export 报告编号 --profile 名称（或 --profile 文件.yaml）。
    内置配置「标准」即 GB/T 9704-2012 版式、不带版头版记。
    """


@profile.command("add")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--force", is_flag=True, help="已有同名配置时替换。")
@click.pass_obj
def add(obj: CliContext, file: str, force: bool) -> None:
    """检查并保存一个文档配置文件（名称取文件中的 name，没有时取文件名）。"""
    from exports.profile_store import add_profile

    _ = obj.actor  # a change to the data home: log in first when users exist
    try:
        saved = add_profile(obj.home, Path(file), force=force)
    except ZichaError as exc:
        raise fail(exc) from exc
    click.echo(
        f"已保存文档配置「{saved.name}」。导出时使用：zicha export 报告编号 --profile {saved.name}"
    )


@profile.command("list")
@click.pass_obj
def list_(obj: CliContext) -> None:
    """列出内置和已保存的文档配置。"""
    from exports.profile_store import list_profiles

    for entry in list_profiles(obj.home):
        where = "内置" if entry.builtin else "已保存"
        kind = entry.kind or "无版头"
        mark = f"  {entry.organ_mark}" if entry.organ_mark else ""
        template = "  （带模板）" if entry.template else ""
        click.echo(f"{entry.name}\t{where}\t{kind}{mark}{template}")


@profile.command("show")
@click.argument("name")
@click.pass_obj
def show(obj: CliContext, name: str) -> None:
    """显示一个文档配置的内容（名称或 .yaml 文件）。"""
    from exports.profile_store import profile_text, resolve_profile

    try:
        resolved = resolve_profile(obj.home, name)
        try:
            text = profile_text(obj.home, name)
        except ZichaError:
            text = Path(name).expanduser().read_text(encoding="utf-8-sig")
    except (ZichaError, OSError) as exc:
        raise fail(exc) from exc
    click.echo(text.rstrip("\n"))
    lay = resolved.layout
    click.echo("—— 生效的版式 ——")
    click.echo(
        f"纸张 {lay.page_width_mm:g}×{lay.page_height_mm:g} mm；页边距 上{lay.margin_top_mm:g} "
        f"下{lay.margin_bottom_mm:g} 左{lay.margin_left_mm:g} 右{lay.margin_right_mm:g} mm；"
        f"每页 {lay.lines_per_page} 行，每行 {lay.chars_per_line} 字"
    )
    from exports.layout import ROLE_LABELS

    for role, label in ROLE_LABELS.items():
        size = lay.sizes[role]
        size_text = size if isinstance(size, str) else f"{size:g} 磅"
        click.echo(f"{label}：{lay.fonts[role]} {size_text}")


@profile.command("remove")
@click.argument("name")
@click.pass_obj
def remove(obj: CliContext, name: str) -> None:
    """删除一个已保存的文档配置（内置配置不能删除）。"""
    from exports.profile_store import remove_profile

    _ = obj.actor
    try:
        remove_profile(obj.home, name)
    except ZichaError as exc:
        raise fail(exc) from exc
    click.echo(f"已删除文档配置「{name}」。")
