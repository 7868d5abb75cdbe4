"""click's help pages in Chinese: 用法：/选项：/命令：, argument names such as 报告编号,
[默认：…] instead of [default: …], and help text wrapped by the 避头尾 line breaker.

`localize(command)` is applied to every command as it is loaded, so a command added later
(any `click.group()` or `click.command()`) gets the same pages without doing anything.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import click

from report.linebreak import cells, wrap

# Argument names shown in usage lines and in errors (缺少参数 '报告编号').
ARGUMENT_NAMES: dict[str, str] = {
    "report_id": "报告编号",
    "answers_file": "答案文件",
    "comment_id": "批注编号",
    "text": "内容",
    "reason": "理由",
    "name": "用户名",
    "query": "检索内容",
    "chunk_id": "条文编号",
    "doc_id": "文件编号",
    "paths": "文件或文件夹",
    "path": "文件",
    "a": "版本甲",
    "b": "版本乙",
    "key": "密钥",
    "key_id": "密钥编号",
    "file": "文件",
    "folder": "文件夹",
    "question": "问题",
    "point": "要点",
    "files": "文件",
}
# Where a name means something else in one command: (command, argument) -> shown name.
COMMAND_ARGUMENT_NAMES: dict[tuple[str, str], str] = {
    ("remove", "name"): "文件名",  # zicha evidence remove: a stored file's name
}
# English placeholders given as metavar= on options.
OPTION_METAVARS = {"ID": "编号", "FILE": "文件", "PATH": "路径", "DIR": "文件夹", "N": "数量"}

# Value placeholders of options, by click type name.
TYPE_NAMES: dict[str, str] = {
    "text": "文字",
    "integer": "整数",
    "integer range": "整数",
    "float": "数字",
    "float range": "数字",
    "file": "文件",
    "filename": "文件",
    "directory": "文件夹",
    "path": "路径",
    "datetime": "日期",
    "uuid": "编号",
    "boolean": "是或否",
}

HEADINGS = {
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Arguments": "参数",
}

_HELP_OPTION = {"Show this message and exit.": "显示本帮助并退出。"}
_EXTRA = re.compile(r"\s*\[([^\[\]]+)\]\s*$")
_RANGE = [
    (re.compile(r"^(-?[\d.]+)<=x<=(-?[\d.]+)$"), r"\1～\2"),
    (re.compile(r"^x>=(-?[\d.]+)$"), r"不小于 \1"),
    (re.compile(r"^x<=(-?[\d.]+)$"), r"不大于 \1"),
]


def _extra_item(item: str) -> str:
    item = item.strip()
    if item.startswith("default: "):
        return "默认：" + item[len("default: ") :]
    if item == "required":
        return "必填"
    if item.startswith("env var: "):
        return "环境变量：" + item[len("env var: ") :]
    for pattern, repl in _RANGE:
        if pattern.match(item):
            return pattern.sub(repl, item)
    return item


def translate_help(text: str) -> str:
    """An option's help column: the help option's text and [default: …] in Chinese."""
    text = _HELP_OPTION.get(text, text)
    m = _EXTRA.search(text)
    if m:
        items = "；".join(_extra_item(i) for i in m.group(1).split(";"))
        text = text[: m.start()] + f"〔{items}〕"
    return text


def _join_lines(lines: list[str]) -> str:
    out = ""
    for line in lines:
        line = line.strip()
        if not out:
            out = line
        elif out[-1].isascii() and line[:1].isascii():
            out += " " + line
        else:
            out += line
    return out


class ZhFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix="用法：" if prefix is None else prefix)

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{HEADINGS.get(heading, heading)}：\n")

    def _write_wrapped(self, text: str, indent: int, width: int) -> None:
        for line in wrap(text, max(width, 10)):
            self.write(f"{'':>{indent}}{line}\n")

    def write_text(self, text: str) -> None:
        width = self.width - self.current_indent
        paragraphs = re.split(r"\n\s*\n", text.strip("\n"))
        for n, para in enumerate(paragraphs):
            if n:
                self.write("\n")
            lines = para.split("\n")
            if lines and lines[0].strip() == "\b":  # click's "keep these lines as they are"
                for line in lines[1:]:
                    self.write(f"{'':>{self.current_indent}}{line}\n")
            else:
                self._write_wrapped(_join_lines(lines), self.current_indent, width)

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = [(first, translate_help(second)) for first, second in rows]
        if not rows:
            return
        first_col = min(max(cells(first) for first, _ in rows), col_max) + col_spacing
        text_width = max(self.width - first_col - self.current_indent - 2, 10)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cells(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cells(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            lines = wrap(second, text_width)
            self.write(lines[0] + "\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


class ZhContext(click.Context):
    formatter_class = ZhFormatter


def _metavar_words(text: str) -> str:
    return (
        text.replace("COMMAND1", "命令1")
        .replace("COMMAND2", "命令2")
        .replace("COMMAND", "命令")
        .replace("ARGS", "参数")
    )


def localize(cmd: click.Command) -> click.Command:
    """Give `cmd` (and its subcommands) the Chinese help pages; safe to call twice."""
    if getattr(cmd, "_zh_localized", False):
        return cmd
    cmd.context_class = ZhContext
    if cmd.options_metavar == "[OPTIONS]":
        cmd.options_metavar = "[选项]"
    if isinstance(cmd, click.Group):
        cmd.subcommand_metavar = _metavar_words(cmd.subcommand_metavar)
    for param in cmd.params:
        if isinstance(param, click.Argument):
            name = COMMAND_ARGUMENT_NAMES.get((cmd.name or "", param.name or "")) or (
                ARGUMENT_NAMES.get(param.name or "")
            )
            if name and (param.metavar is None or param.metavar.rstrip(".…").isascii()):
                if param.metavar and "." in param.metavar.rstrip(".…"):  # FILE.xlsx -> 文件.xlsx
                    name += "." + param.metavar.rstrip(".…").rsplit(".", 1)[1]
                # A metavar is shown as given: keep click's [optional] and ... marks.
                if param.nargs != 1:
                    name += "…"
                param.metavar = name if param.required else f"[{name}]"
        elif isinstance(param, click.Option) and param.metavar in OPTION_METAVARS:
            param.metavar = OPTION_METAVARS[param.metavar]
        elif (
            isinstance(param, click.Option)
            and param.metavar
            and re.search(r"\b(NAME|FILE|ID|PATH|DIR)\b", param.metavar)
        ):  # NAME|FILE.yaml -> 名称|文件.yaml
            param.metavar = re.sub(
                r"\b(NAME|FILE|ID|PATH|DIR)\b",
                lambda m: {"NAME": "名称", **OPTION_METAVARS}[m.group(1)],
                param.metavar,
            )
        elif isinstance(param, click.Option) and not param.is_flag and param.metavar is None:
            if isinstance(param.type, click.Choice):
                continue  # the values themselves are shown, e.g. [docx|md|txt]
            name = TYPE_NAMES.get(param.type.name)
            if name:
                param.metavar = name
    cmd._zh_localized = True  # type: ignore[attr-defined]
    if isinstance(cmd, click.Group):
        for sub in cmd.commands.values():
            localize(sub)
    return cmd
