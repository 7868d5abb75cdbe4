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
