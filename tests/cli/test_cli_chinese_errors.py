"""click's own error messages reach the user in Chinese, with the same exit codes."""

import pytest
from click.testing import CliRunner

from tui.cli import main
from tui.cli.zh_errors import translate


@pytest.mark.parametrize(
    ("args", "expected", "code"),
    [
        (["report", "show", "abc"], "「abc」不是有效的整数", 2),
        (["kb", "search", "-k", "0", "基金"], "0 不在允许的范围", 2),
        (["export", "1", "--format", "rtf"], "「rtf」不是可选的值", 2),
        (["report", "show"], "缺少参数 '报告编号'", 2),
        (["export", "1", "--bogus"], "没有选项 '--bogus'", 2),
        (["kb", "serch", "x"], "您是不是要用 'search'", 2),
        (["report", "show", "1", "2"], "多余的参数：2", 2),
        (["report", "show", "42"], "找不到编号为 42 的报告", 1),
    ],
)
def test_errors_are_chinese(home, args, expected, code):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == code, result.output
    assert expected in result.output
    assert "错误：" in result.output
    for english in ("Error:", "Usage:", "Try '", "Invalid value", "is not"):
        assert english not in result.output


def test_prompt_cut_off_is_chinese_and_writes_nothing(home):
    """A password prompt that gets end-of-input says so in Chinese, not 'Aborted!'."""
    from report import users
    from report.store import ReportStore

    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", "admin-pass-1", "本机用户")
        before = len(store.audit_log())
    result = CliRunner().invoke(main, ["user", "add", "某人"], input="")
    assert result.exit_code != 0
    assert "Aborted" not in result.output
    with ReportStore.open(home) as store:
        assert len(store.audit_log()) == before


def test_unknown_phrases_keep_their_text():
    assert translate("something else entirely") == "something else entirely"
