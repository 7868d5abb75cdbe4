"""click's own error lines in Chinese: users read 错误：… and 用法：…, not Error:/Usage:.

click builds its messages in English (bad integers, out-of-range values, unknown options,
missing arguments). The few phrases a user can meet are rewritten here; anything else keeps
its text but still gets the Chinese frame.
"""

from __future__ import annotations

import functools
import re
from typing import IO, Any

import click

# (pattern, replacement); compiled on the first error only: most commands never show one.
_PHRASES: tuple[tuple[str, str], ...] = (
    (r"Invalid value for (.+?): ", r"参数 \1 的值无效："),
    (r"'([^']*)' is not a valid integer( range)?\.", r"「\1」不是有效的整数。"),
    (r"'([^']*)' is not a valid float( range)?\.", r"「\1」不是有效的数字。"),
    (r"(\S+) is not in the range (.+?)\.", r"\1 不在允许的范围（\2）内。"),
    (r"'([^']*)' is not one of (.+?)\.$", r"「\1」不是可选的值，只能是 \2。"),
    (r"'([^']*)' is not (.+?)\.$", r"「\1」不是 \2。"),
    (
        r"'([^']*)' does not match the formats? (.+?)\.$",
        r"「\1」的格式不对，应写成 \2。",
    ),
    (r"Missing argument (.+?)\.", r"缺少参数 \1。"),
    (r"Missing option (.+?)\.", r"缺少选项 \1。"),
    (r"No such option:? ('[^']+'|\S+?)\.?(?=\s|$)", r"没有选项 \1。"),
    (r"No such command (.+?)\.", r"没有命令 \1。"),
    (r"Got unexpected extra arguments? \((.+)\)", r"多余的参数：\1"),
    (r"Option (.+?) requires an argument\.", r"选项 \1 后面需要一个值。"),
    (r"Option (.+?) does not take a value\.", r"选项 \1 后面不需要值。"),
    (r"(?:File|Directory|Path) (.+?) does not exist\.", r"\1 不存在。"),
    (r"(?:File|Path) (.+?) is a directory\.", r"\1 是文件夹，这里需要文件。"),
    (r"Directory (.+?) is a file\.", r"\1 是文件，这里需要文件夹。"),
    (r"\(?Did you mean one of:? (.+?)\?\)?", r"您是不是要用以下之一：\1？"),
    (r"\(?Did you mean (.+?)\?\)?", r"您是不是要用 \1？"),
    (r"\(?Possible options: (.+?)\)?$", r"可用的选项：\1。"),
    (r"\(choose from (.+?)\)", r"（可选：\1）"),
)


@functools.cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((re.compile(p), repl) for p, repl in _PHRASES)


def translate(message: str) -> str:
    for pattern, repl in _compiled():
        message = pattern.sub(repl, message)
    return message


class ChineseError(click.ClickException):
    """A ClickException shown as 错误：… (and 用法：… for a usage error)."""

    def __init__(self, message: str, exit_code: int = 1, ctx: click.Context | None = None):
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click declares it on the class
        self.ctx = ctx

    def show(self, file: IO[Any] | None = None) -> None:
        if self.ctx is not None:
            click.echo(
                f"用法：{self.ctx.command_path} …（加 --help 查看说明）", file=file, err=True
            )
        click.echo(f"错误：{self.message}", file=file, err=True)


def chinese(exc: click.ClickException) -> ChineseError:
    if isinstance(exc, ChineseError):
        return exc
    ctx = exc.ctx if isinstance(exc, click.UsageError) else None
    return ChineseError(translate(exc.format_message()), exc.exit_code, ctx)
