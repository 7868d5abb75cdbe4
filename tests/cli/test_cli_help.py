"""Every command has Chinese help text and is documented in the README (sqlite-utils style)."""

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from tui.cli import COMMANDS, main

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
CJK = re.compile(r"[\u4e00-\u9fff]")


def all_commands():
    ctx = click.Context(main)
    for name in sorted(COMMANDS):
        cmd = main.get_command(ctx, name)
        yield (name,), cmd
        if isinstance(cmd, click.Group):
            for sub in cmd.list_commands(ctx):
                yield (name, sub), cmd.get_command(ctx, sub)


@pytest.mark.parametrize(
    ("path", "cmd"), list(all_commands()), ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_command_has_chinese_help(path, cmd):
    assert cmd is not None, path
    assert cmd.help and CJK.search(cmd.help), f"zicha {' '.join(path)} needs Chinese help text"
    result = CliRunner().invoke(main, [*path, "--help"])
    assert result.exit_code == 0


@pytest.mark.parametrize(
    ("path", "cmd"), list(all_commands()), ids=lambda v: " ".join(v) if isinstance(v, tuple) else ""
)
def test_command_is_in_readme(path, cmd):
    name = path[-1]
    if len(path) == 1:
        assert f"`zicha {name}" in README
    else:
        assert f"`{name}`" in README or f"zicha {path[0]} {name}" in README, f"README lacks {path}"


# English a help page may show: command names, option names, the values an option takes
# (collected per page below) and these names of formats, programs and keys used as examples.
EXAMPLE_WORDS = {
    "zicha", "YAML", "Word", "Excel", "xlsx", "GB", "LibreOffice", "name", "examples",
    "profiles", "stats", "rectification", "WPS", "Markdown", "PDF", "JSON", "MB", "docx", "doc", "wps",
    "md", "txt", "html", "pdf", "yaml", "pub", "config", "toml", "Ctrl", "ORG",
    "PostgreSQL", "postgresql", "SQLite", "database", "url",
}  # fmt: skip
ENGLISH_WORD = re.compile(r"[A-Za-z][A-Za-z]*")


def _allowed_words(cmd: click.Command) -> set[str]:
    words = set(EXAMPLE_WORDS)
    for name in COMMANDS:
        words.add(name)
    if isinstance(cmd, click.Group):
        for name in cmd.list_commands(click.Context(cmd)):
            words.update(ENGLISH_WORD.findall(name))
    for param in cmd.params:
        if isinstance(param.type, click.Choice):
            for choice in param.type.choices:
                words.update(ENGLISH_WORD.findall(str(choice)))
    return words


def _english_words(page: str, allowed: set[str]) -> list[str]:
    page = re.sub(r"(?<![\w])--?[A-Za-z][\w-]*", " ", page)  # option names
    page = re.sub(r"\bZICHA_[A-Z_]+\b", " ", page)  # environment variable names
    page = re.sub(r"zicha( [a-z][a-z-]*)*", " ", page)  # command lines given as examples
    # One capital letter is a key (Ctrl+C) or a placeholder (/上移 N).
    return [w for w in ENGLISH_WORD.findall(page) if w not in allowed and len(w) > 1]


@pytest.mark.parametrize(
    ("path", "cmd"),
    [((), main), *all_commands()],
    ids=lambda v: " ".join(v) or "zicha" if isinstance(v, tuple) else "",
)
def test_help_page_has_no_english(path, cmd):
    result = CliRunner().invoke(main, [*path, "--help"], prog_name="zicha")
    assert result.exit_code == 0, result.output
    page = result.output
    for heading in ("用法：", "选项："):
        assert heading in page
    english = _english_words(page, _allowed_words(cmd))
    assert not english, f"zicha {' '.join(path)} --help shows English: {english}\n{page}"


def test_help_pages_name_arguments_in_chinese():
    page = CliRunner().invoke(main, ["review", "reply", "--help"], prog_name="zicha").output
    assert "用法：zicha review reply [选项] 批注编号 内容" in page
    assert "显示本帮助并退出。" in page
    page = CliRunner().invoke(main, ["user", "add", "--help"]).output
    assert "〔默认：officer〕" in page
    page = CliRunner().invoke(main, ["--help"]).output
    assert "命令：" in page and "[命令] [参数]" in page
    assert "--user 用户名" in page  # not the type name 「文字」


def test_missing_argument_is_named_in_chinese():
    result = CliRunner().invoke(main, ["report", "show"])
    assert result.exit_code == 2
    assert "缺少参数 '报告编号'" in result.output
