"""One command table for both front ends: parsing, help text, unknown words."""

from __future__ import annotations

import pytest

from interview import commands
from interview.commands import COMMANDS, Command, Outcome, dispatch, help_text, parse
from interview.console import HELP
from report.errors import ZichaError


def test_parse_full_and_half_width_slash_and_arguments() -> None:
    inv = parse("  /转到 ORG-03 ")
    assert inv is not None and inv.command is not None
    assert inv.command.name == "转到" and inv.arg == "ORG-03"
    inv = parse("／帮助")
    assert inv is not None and inv.command is not None and inv.command.name == "帮助"
    inv = parse("/?")
    assert inv is not None and inv.command is not None and inv.command.name == "帮助"
    assert parse("我局设有五个科室") is None
    inv = parse("/不存在 一些字")
    assert inv is not None and inv.command is None and inv.word == "不存在"


def test_help_lists_every_command_and_the_line_mode_shows_the_same() -> None:
    text = help_text()
    for c in COMMANDS:
        assert c.usage in text and c.help in text
    assert HELP == text
    names = [c.name for c in COMMANDS]
    assert len(names) == len(set(names))
    for word in ("接受", "确认", "整改", "列表", "回复", "解决", "退出"):
        assert word in names


def test_unknown_word_is_a_chinese_error(make_engine) -> None:
    ctx = commands.CommandContext(make_engine(), "本机用户")
    inv = parse("/不存在")
    assert inv is not None
    with pytest.raises(ZichaError, match="不认识的命令「/不存在」"):
        dispatch(ctx, inv)


def test_a_new_command_is_one_entry(monkeypatch: pytest.MonkeyPatch, make_engine) -> None:
    new = Command("试", "/试 文字", "试一试", lambda ctx, arg: Outcome(message=f"收到{arg}"))
    monkeypatch.setattr(commands, "COMMANDS", (*COMMANDS, new))
    inv = commands.parse("/试 一下")
    assert inv is not None
    out = dispatch(commands.CommandContext(make_engine(), "本机用户"), inv)
    assert out.message == "收到一下"
    assert "/试 文字" in commands.help_text()
