"""`zicha key new|export-public`: the unit key that signs the audit log."""

from __future__ import annotations

import os
from pathlib import Path

import click

from report.errors import ZichaError

from .context import CliContext, fail


@click.group()
def key() -> None:
    """单位密钥：为审计日志签名，使改写日志必须持有密钥。

    \b
    zicha key new                       生成单位密钥（需管理员登录）
    zicha key new --passphrase          生成带口令的密钥；此后写入时需设置环境变量
                                        ZICHA_KEY_PASSPHRASE
    zicha key export-public -o 单位.pub  导出公钥，报送上级或另行保存，用于核对签名
    """


@key.command("new")
@click.option(
    "--passphrase",
    is_flag=True,
    help="为密钥设置口令（提示输入两遍，或取自 ZICHA_KEY_PASSPHRASE）。",
)
@click.pass_obj
def new(obj: CliContext, passphrase: bool) -> None:
    """生成单位密钥，保存在数据目录（仅本人可读）。"""
    from report.keys import PASSPHRASE_ENV

    actor = obj.actor
    secret: str | None = None
    if passphrase:
        secret = os.environ.get(PASSPHRASE_ENV) or click.prompt(
            "密钥口令",
            hide_input=True,
            confirmation_prompt="再输入一遍",
            err=True,
            prompt_suffix="：",
        )
        if not secret or len(secret) < 8:
            raise click.UsageError("密钥口令至少需要 8 个字符。")
    with obj.store() as store:
        try:
            if store.has_users():
                store.require_admin(actor, "生成单位密钥")
            created = store.create_unit_key(actor, secret)
        except ZichaError as exc:
            raise fail(exc) from exc
        head = store.audit_head_label()
    click.echo(f"已生成单位密钥，指纹：{created}")
    click.echo("从现在起每次写入都由此密钥为审计日志签名。")
    click.echo("请用 zicha key export-public -o 单位公钥.pub 导出公钥，报送上级或另行保存。")
    click.echo(f"日志末尾：{head}")


@key.command("export-public")
@click.option(
    "-o", "--output", required=True, type=click.Path(), help="公钥文件保存路径，如 单位.pub。"
)
@click.option("--force", is_flag=True, help="目标文件已存在时覆盖。")
@click.pass_obj
def export_public(obj: CliContext, output: str, force: bool) -> None:
    """导出单位公钥（可公开），供上级或日后核对审计日志签名。"""
    from report.keys import home_public_key

    try:
        public = home_public_key(obj.home)
    except ZichaError as exc:
        raise fail(exc) from exc
    if public is None:
        raise click.ClickException("数据目录中还没有单位密钥，请先由管理员运行 zicha key new。")
    target = Path(output)
    if target.is_symlink() or (target.exists() and not target.is_file()):
        raise click.ClickException(f"{target} 不是普通文件，未写入。请换一个文件名。")
    if target.exists() and not force:
        raise click.ClickException(f"{target} 已存在，未覆盖。如需覆盖请加 --force。")
    try:
        target.write_bytes(public.pem())
    except OSError as exc:
        raise click.ClickException(f"无法写入 {target}（{exc.strerror or '写入失败'}）。") from exc
    click.echo(f"已导出公钥：{target}")
    click.echo(f"指纹：{public.fingerprint}（核对时请比对指纹）")
