"""The `zicha` command: no subcommand starts the TUI; subcommands are for scripting.

Subcommand modules are imported only when used, so `zicha` starts fast.
"""

from __future__ import annotations

import importlib
import os
import sys
from typing import Any

import click

from report.errors import ZichaError

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
    "profile": "tui.cli.profile_cmd:profile",
    "docx": "tui.cli.docx_cmd:docx",
    "ledger": "tui.cli.ledger_cmd:ledger",
    "evidence": "tui.cli.evidence_cmd:evidence",
    "doctor": "tui.cli.doctor_cmd:doctor",
    "bank": "tui.cli.bank_cmd:bank",
    "score": "tui.cli.score_cmd:score",
    "bundle": "tui.cli.bundle_cmd:bundle",
    "rollup": "tui.cli.rollup_cmd:rollup",
    "key": "tui.cli.key_cmd:key",
    "db": "tui.cli.db_cmd:db",
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

    def main(self, *args: Any, **kwargs: Any) -> Any:
        _safe_console()
        return super().main(*args, **kwargs)

    # Errors raised while parsing or running any subcommand pass through here and are
    # shown in Chinese; click's own main() then prints them and sets the exit code.
    def make_context(self, *args: Any, **kwargs: Any) -> click.Context:
        try:
            return super().make_context(*args, **kwargs)
        except click.ClickException as exc:
            raise chinese(exc) from exc

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except click.ClickException as exc:
            raise chinese(exc) from exc
        except click.exceptions.Abort as exc:
            # click.prompt on Ctrl+C or end of input: click would print "Aborted!".
            raise ChineseError("已取消，未做任何修改。") from exc
        except click.exceptions.Exit:
            raise
        except ZichaError as exc:
            raise ChineseError(str(exc)) from exc
        except BrokenPipeError:
            # `zicha report list | head`: the reader left. click's main() ends quietly.
            raise
        except Exception as exc:
            # Never a traceback on screen: one Chinese sentence, the traceback in a log file.
            from .crash import crash_message

            home = getattr(ctx.obj, "home", None)
            raise ChineseError(crash_message(exc, home)) from exc

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
    metavar="用户名",
    help="以哪个用户身份操作（也可用环境变量 ZICHA_USER；密码可放在 ZICHA_PASSWORD）。",
)
@click.option(
    "--db",
    "db",
    metavar="地址",
    default=None,
    help="报告库所在的 PostgreSQL 数据库，如 postgresql://zicha@主机:5432/zicha"
    "（也可用环境变量 ZICHA_DB 或 config.toml 的 [database] url；默认用数据目录中的 zicha.db）。",
)
@click.pass_context
def main(ctx: click.Context, home: str | None, user: str | None, db: str | None) -> None:
    """zicha 自查：社会保险经办机构内部控制自查报告助手。

    不带子命令时启动全屏界面；子命令用于脚本和批量处理。
    """
    ctx.obj = CliContext.create(home, user, db)
    if ctx.invoked_subcommand is None:
        from tui.launch import launch

        launch(ctx.obj)
    else:
        from .safe_output import terminal_safe_output

        ctx.with_resource(terminal_safe_output())


localize(main)


def run() -> None:
    """The console script: main(), then make sure a full disk or closed pipe on stdout ends
    in one Chinese line rather than Python's "Exception ignored … closed file" at exit."""
    code: int | str | None = 0
    try:
        main(prog_name="zicha", standalone_mode=True)
    except SystemExit as exc:
        code = exc.code
    try:
        sys.stdout.flush()
    except OSError as exc:
        _silence_stdout()
        if code in (0, None):
            code = 1
        if getattr(exc, "errno", None) != 32:  # EPIPE: the reader left, nothing to say
            try:
                sys.stderr.write("错误：输出没有写完（磁盘已满或无法写入）。\n")
            except OSError:
                pass
    _exit_now(code)
    sys.exit(code)


def _exit_now(code: int | str | None) -> None:
    """End the process without the interpreter's teardown (~35 ms with pydantic loaded: every
    module and object freed one by one) when that teardown has nothing left to do.

    The command has returned: its files were written, fsynced and replaced, the store's
    transaction committed and the connection closed (each command's `with` blocks). What a
    normal exit would still run is checked here: no other thread (it would be waited for), no
    atexit callback (logging, weakref.finalize, thread pools register one), no profiler or
    tracer, and stdout/stderr flushed. Anything else falls through to sys.exit()."""
    import atexit
    import threading

    if not isinstance(code, int | None) or threading.active_count() != 1:
        return
    if atexit._ncallbacks() or sys.getprofile() is not None or sys.gettrace() is not None:
        return  # a profiler or debugger writes its results after the command returns
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        return
    os._exit(code or 0)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
