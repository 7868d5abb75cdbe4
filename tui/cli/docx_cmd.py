"""`zicha docx check FILE.docx`: check any .docx against GB/T 9704-2012."""

from __future__ import annotations

import click


@click.group()
def docx() -> None:
    """Word 文档工具。"""


@docx.command("check")
@click.argument("file", type=click.Path(dir_okay=True))
def check(file: str) -> None:
    """按 GB/T 9704-2012 检查 .docx：纸张、页边距、网格、各级字体字号、首行缩进、页码、版头版记、主题字体。

    有「错误」时退出码为 1，只有「提醒」或没有问题时为 0。
    """
    from exports.docx_check import DocxCheckError, check_docx

    try:
        result = check_docx(file)
    except DocxCheckError as exc:
        raise click.ClickException(str(exc)) from exc
    for line in result.lines():
        click.echo(line)
    if result.errors:
        raise SystemExit(1)
