"""`zicha interview ID`: the interview as a line-by-line conversation in the terminal."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from report.errors import ZichaError

from .context import CliContext, fail

if TYPE_CHECKING:
    from exports.assemble import Numbering
    from report.store import ReportStore


def _read(prompt: str) -> str:
    # input() gives line editing on a terminal and plain reads from a pipe.
    if sys.stdin.isatty():
        return input(prompt)
    sys.stdout.write(prompt + "\n")
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    return line.rstrip("\n")


def _terminal_width() -> int | None:
    """Columns of the terminal the interview is printed on; None when piped (scripts get
    the text unbroken)."""
    if not sys.stdout.isatty():
        return None
    import shutil

    return shutil.get_terminal_size().columns


def fit_lines(text: str, width: int) -> str:
    """Lines broken by the 避头尾 rules before the terminal breaks them anywhere (「，」 at
    the start of a line, 2025 cut in two); a line's indent is kept on its continuations."""
    from report.linebreak import wrap

    out: list[str] = []
    for line in text.split("\n"):
        body = line.lstrip(" ")
        indent = line[: len(line) - len(body)]
        room = max(width - 1 - len(indent), 20)  # one column spare: no auto-wrap at the edge
        out.extend(indent + part for part in wrap(body, room))
    return "\n".join(out)


def _write(text: str) -> None:
    width = _terminal_width()
    click.echo(fit_lines(text, width) if width else text)


def line_mode_exporter(
    store: ReportStore, report_id: int, actor: str, numbering: Numbering
) -> Callable[[str], str]:
    """The line mode's export at the end of the interview: the same service as `zicha export`
    (preflight listed, approval facts, draft mark, the audit event)."""

    def run(path: str) -> str:
        from exports.errors import ExportError
        from exports.formats import FORMATS
        from exports.preflight import has_errors, preflight
        from exports.service import export_stored
        from exports.writer import format_from_path

        if Path(path).suffix.lower().lstrip(".") not in FORMATS:
            # A line piped after the last answer is not a file name: never write it as one.
            raise ExportError(
                f"「{path[:40]}」不是保存路径（应以 "
                + "、".join(f".{k}" for k in FORMATS)
                + " 结尾）。访谈已结束，这一行没有作为回答记录，也没有导出；"
                "请输入保存路径（如 自查报告.docx），或直接回车跳过。"
            )
        report = store.get(report_id)
        items = preflight(report)
        for item in items:
            _write("  " + item.line())
        if has_errors(items):
            _write("有「错误」项，文档仍会导出，但请补正后再报送。")
        target = Path(path).expanduser()
        outcome = export_stored(
            store,
            report_id,
            target,
            fmt=format_from_path(path),
            numbering=numbering,
            actor=actor,
            report=report,
        )
        return str(outcome.path)

    return run


@click.command("interview")
@click.argument("report_id", metavar="ID", type=int)
@click.option("--no-library", is_flag=True, help="不检索法规库（不显示相关条文）。")
@click.option("--no-assistant", is_flag=True, help="即使 config.toml 配置了语言模型也不使用。")
@click.option(
    "--numbering",
    type=click.Choice(["runin", "headings"]),
    default="runin",
    show_default=True,
    help="访谈结束时导出所用的编号：runin「一是……二是……」；headings「（一）（二）」小标题。",
)
@click.pass_obj
def interview(
    obj: CliContext, report_id: int, no_library: bool, no_assistant: bool, numbering: str
) -> None:
    """逐题访谈，填写一份报告：显示问题和相关法规条文，回答含糊时追问。

    \b
    直接输入回答后回车；以 / 开头的是命令（输入 /帮助 查看全部）：
      /接受 /跳过 /返回 /继续 /转到 ORG-03 /状态 不符合 /问题 … /修改 …
      /确认 /重拟 /自拟 … /列表 /上移 N /下移 N /删除 N /新增整改 … /整改 /完成 /覆盖
      /采纳 /回复 … /解决 /退出
    每条回答在显示「已记录」之前就已保存；按 Ctrl+C 或关闭终端不会丢失已记录的回答，
    再次运行本命令即从中断处继续。
    """
    from interview.assistant import Assistant
    from interview.bank_store import bank_for_report
    from interview.console import ConsoleSession
    from interview.engine import InterviewEngine
    from interview.retrieval import open_library
    from report.home import knowledge_db_path

    actor = obj.actor
    retriever = None
    with obj.store() as store:
        try:
            refusal = store.edit_refusal(actor, report_id)
            if refusal:
                raise click.ClickException(f"报告 {report_id}：{refusal}")
            report = store.get(report_id)
            bank = bank_for_report(obj.home, report.bank)
            retriever = None if no_library else open_library(knowledge_db_path(obj.home))
            assistant = None
            if not no_assistant:
                try:
                    assistant = Assistant.from_home(obj.home)
                except ZichaError as exc:
                    click.echo(f"{exc}（本次不使用语言模型）", err=True)
            store.take_lease(report_id, actor)  # one interview per report at a time
            engine = InterviewEngine(
                store, report_id, bank=bank, retriever=retriever, actor=actor, assistant=assistant
            )
            exporter = line_mode_exporter(store, report_id, actor, numbering)  # type: ignore[arg-type]
            session = ConsoleSession(engine, _read, _write, exporter, actor=actor)
            code = session.run()
        except KeyboardInterrupt:
            click.echo("\n已中断。已记录的回答均已保存，下次运行 zicha interview 从当前位置继续。")
            raise SystemExit(130) from None
        except ZichaError as exc:
            raise fail(exc) from exc
        finally:
            try:
                store.release_lease(report_id)
            except ZichaError:
                pass  # taken over meanwhile: nothing of ours to release
            if retriever is not None and hasattr(retriever, "close"):
                retriever.close()
    raise SystemExit(code)
