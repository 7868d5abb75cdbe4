"""`zicha bundle export ID -o FILE.zicha`: the signed submission bundle sent up the chain."""

from __future__ import annotations

import os

import click

from report.errors import ZichaError

from .context import CliContext, fail


@click.group()
def bundle() -> None:
    """报送包：把已审定的报告连同 Word 文档、台账和佐证材料打包并用单位密钥签名，报送上级。

    \b
    zicha bundle export 1 -o 青禾县2026.zicha          只能导出已审定的报告
    zicha bundle export 1 -o 青禾县2026.zicha --draft  先报送草稿（包内标明是草稿）
    上级用 zicha rollup import 校验并汇总。
    """


@bundle.command("export")
@click.argument("report_id", metavar="报告编号", type=int)
@click.option("-o", "--output", required=True, type=click.Path(), help="报送包保存路径（.zicha）。")
@click.option("--draft", is_flag=True, help="报告尚未审定时也导出（包内标明是草稿）。")
@click.option("--force", is_flag=True, help="目标文件已存在时覆盖。")
@click.pass_obj
def export_bundle_cmd(
    obj: CliContext, report_id: int, output: str, draft: bool, force: bool
) -> None:
    """导出报送包：报告内容（JSON）、Word 文档、清单及各文件的校验值，整体用单位密钥签名。"""
    from report.keys import PASSPHRASE_ENV
    from rollup.bundle_export import export_bundle

    actor = obj.actor
    with obj.store() as store:
        try:
            info = export_bundle(
                store,
                report_id,
                output,
                draft=draft,
                force=force,
                actor=actor,
                passphrase=os.environ.get(PASSPHRASE_ENV),
            )
        except ZichaError as exc:
            raise fail(exc) from exc
    kind = "草稿（未审定）" if info.draft else "已审定"
    click.echo(
        f"已导出报送包：{info.unit} {info.year}年度，{kind}，共 {len(info.members)} 个文件。"
    )
    click.echo(f"签名密钥指纹：{info.fingerprint}")
    click.echo(f"日志末尾：{info.audit_head}")
    click.echo(str(info.path))
