"""A cue word inside a sentence that says the control works proposes no weakness (issue 9).

「业务电脑插不了手机U盘」 names a capability the control blocks; 「他不在业务科兼岗」 and
「系统不让一个人同时经办和复核」 deny the bad thing. The look-alike answers that tell the bad thing
itself (「业务电脑能插手机U盘」「他在业务科兼着岗」) must still never be proposed 符合. The labelled
batch behind these rules is tests/interview/weakness_labelled/weakness_everyday_tuning18.yaml.
"""

from __future__ import annotations

import pytest

from interview.weakness import detect


@pytest.mark.parametrize(
    "text",
    [
        "业务电脑插不了手机U盘",
        "他不在业务科兼岗",
        "系统不让一个人同时经办和复核",
        "复核岗的人不在窗口兼职",
        "内网电脑的USB口都封了，U盘插不上",
        "经办的账号改不了自己录的数据",
        "外网电脑连不上业务系统",
        "业务专网上不了外网",
        "待遇核定不是一个人说了算，要三个人签字",
        "档案室的钥匙不放抽屉，锁在保险柜里",
        "他两口子不在一个科，一个在窗口一个在后勤",
        "密码不告诉别人，各人用各人的账号",
        "离职的人账号当天就停了，登不上去",
    ],
)
def test_a_blocked_or_denied_bad_thing_proposes_no_weakness(text: str) -> None:
    d = detect(text)
    assert d.label != "weakness", (text, [(f.category, f.cue) for f in d.findings])
    assert d.status not in ("基本符合", "不符合")


@pytest.mark.parametrize(
    "text",
    [
        "业务电脑能插手机U盘，也没封",
        "他在业务科兼着岗",
        "复核岗的人还在窗口兼职",
        "服务器密码只有外包公司知道，我们自己登不上",
        "系统经常登不上去",
        "科长不在的时候会计代签",
        "杀毒软件装不了",
        "档案室的钥匙就放在抽屉里",
        "他两口子在一个科，一个经办一个复核",
        "待遇核定基本是科长一个人说了算",
        # a failure, not a block: 「……不了」 about our own work or an outage
        "系统用不了",
        "改了什么数据系统里查不到记录",
        "企业的工资数据拿不到",
        "档案柜的锁锈了打不开",
        "稽核查不了企业的账",
    ],
)
def test_the_bad_thing_itself_is_never_proposed_compliant(text: str) -> None:
    d = detect(text)
    assert d.status != "符合", (text, d.reason())


@pytest.mark.parametrize(
    "text",
    ["人员离职，当天停用账号", "工作人员退休，账号由信息股注销", "有人调岗，权限当天收回"],
)
def test_a_trigger_event_at_the_end_of_a_clause_is_the_topic_of_the_next(text: str) -> None:
    """「人员离职」 names the moment the next clause deals with, as 「离职后」 does: it was missed
    when a word came before the trigger (only a clause of the bare trigger word matched)."""
    d = detect(text)
    assert d.status == "符合", (text, d.unaccounted, d.doubts)


@pytest.mark.parametrize("text", ["人员离职，账号一直没停", "人员离职"])
def test_a_trigger_event_without_its_handling_is_not_compliant(text: str) -> None:
    assert detect(text).status != "符合"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("备份每天都做不过，备份盘都放在同一个机房里面", "备份盘都放在同一个机房里面"),
        ("备份每天都做，不过，备份盘都放在同一个机房里面", "备份盘都放在同一个机房里面"),
        ("备份每天都做但是 备份盘都放在同一个机房里面", "备份盘都放在同一个机房里面"),
        ("借阅要登记，科长签字，但是，登记本上经常有漏登的情况", "登记本上经常有漏登的情况"),
    ],
)
def test_a_turn_word_at_the_end_of_a_clause_opens_the_next(text: str, problem: str) -> None:
    """「……不过，……」: a turn word before a comma or a space (or standing alone) belongs to the
    clause after it. It stayed with the clause before, so the quoted problem began with 「，」 or
    carried a bare 「但是」."""
    d = detect(text)
    assert d.label == "weakness" and d.problems == [problem], d.problems


def test_a_bare_turn_word_is_never_quoted_alone() -> None:
    d = detect("内网物理隔离，但是，有的同志用手机给内网电脑充电")
    assert d.status != "符合"
    assert "「但是」" not in d.reason(), d.reason()
