"""The `zicha` command: no subcommand starts the TUI; subcommands are for scripting.

Subcommand modules are imported only when used, so `zicha` starts fast.
"""

from __future__ import annotations

import importlib

import click

from .context import CliContext
from .zh_errors import ChineseError, chinese
from .zh_help import ZhContext, localize

# name -> "module:attribute"; each module owns one command group.
COMMANDS: dict[str, str] = {
    "report": "tui.cli.report_cmd:report",
    "export": "tui.cli.export_cmd:export",
    "audit": "tui.cli.audit_cmd:audit",
    "user": "tui.cli.user_cmd:user",
    "review": "tui.cli.review_cmd:review",
    "kb": "tui.cli.kb_cmd:kb",
    "interview": "tui.cli.interview_cmd:interview",
    "ledger": "tui.cli.ledger_cmd:ledger",
    "evidence": "tui.cli.evidence_cmd:evidence",
    "doctor": "tui.cli.doctor_cmd:doctor",
    "bundle": "tui.cli.bundle_cmd:bundle",
    "rollup": "tui.cli.rollup_cmd:rollup",
    "key": "tui.cli.key_cmd:key",
}


def _safe_console() -> None:
    """A console that cannot show a character (cp936 on Windows) gets '?' for it, not a crash."""
    import sys

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="replace")
            except (ValueError, OSError):
                pass


class LazyGroup(click.Group):
    context_class = ZhContext  # help pages in Chinese (用法：/选项：/命令：)

    def main(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        _safe_console()
        return super().main(*args, **kwargs)

    # Errors raised while parsing or running any subcommand pass through here and are
    # shown in Chinese; click's own main() then prints them and sets the exit code.
    def make_context(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        try:
            return super().make_context(*args, **kwargs)
        except click.ClickException as exc:
            raise chinese(exc) from exc

    def invoke(self, ctx: click.Context):  # type: ignore[no-untyped-def]
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            raise chinese(exc) from exc
        except click.exceptions.Abort as exc:
            # click.prompt on Ctrl+C or end of input: click would print "Aborted!".
            raise ChineseError("已取消，未做任何修改。") from exc

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module_name, attr = target.split(":")
        return localize(getattr(importlib.import_module(module_name), attr))


@click.group(
    cls=LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.version_option(
    package_name="zicha", message="zicha %(version)s", help="显示 zicha 的版本号后退出。"
)
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    default=None,
    help="数据目录（默认为系统用户数据目录，也可用环境变量 ZICHA_HOME 指定）。",
)
@click.option(
    "--user",
    default=None,
    help="以哪个用户身份操作（也可用环境变量 ZICHA_USER；密码可放在 ZICHA_PASSWORD）。",
)
@click.pass_context
def main(ctx: click.Context, home: str | None, user: str | None) -> None:
    """zicha 自查：社会保险经办机构内部控制自查报告助手。

    不带子命令时启动全屏界面；子命令用于脚本和批量处理。
    """
    ctx.obj = CliContext.create(home, user)
    if ctx.invoked_subcommand is None:
        from tui.launch import launch

        launch(ctx.obj)


localize(main)
