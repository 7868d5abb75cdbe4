"""`zicha interview ID` with piped stdin: weaknesses said in several styles (terse, dialect,
everyday, formal, an incident, a contrast) all reach the list that opens the rectification stage.
"""

from __future__ import annotations

import pytest
from iv_cli_helpers import new_report, run_interview

from interview.bank import load_bank
from report.models import AREA_KEYS
from report.store import ReportStore

BANK = load_bank()
# control point -> lines typed (a vague 「没有」 first, then the detail the follow-up asks for)
WEAK = {
    "ORG-01": ["没有", "科室是按县编办三定方案设的，每个岗位的职责还没写成文件"],
    "ORG-02": ["俺们这儿受理复核倒是分开的，会计出纳都是老李一个人弄"],
    "BUS-05": ["待遇核定有经办、复核、科长审批三道关，今年还是错发了两笔丧葬补助，已经追回了"],
    "BUS-09": ["业务档案每年归档，借阅要填借阅单、科长签字，档案借阅偶尔未登记"],
    "INF-04": ["我局业务专网与互联网物理隔离，但移动存储介质管理不严，尚未统一登记U盘"],
    "INF-05": ["数据每天晚上自动备份到服务器，也拷了一份放市局机房，就是从来没做过恢复测试"],
}
QUOTED = {
    "ORG-01": "每个岗位的职责还没写成文件",
    "ORG-02": "会计出纳都是老李一个人弄",
    "BUS-05": "今年还是错发了两笔丧葬补助",
    "BUS-09": "档案借阅偶尔未登记",
    "INF-04": "移动存储介质管理不严，尚未统一登记U盘",
    "INF-05": "从来没做过恢复测试",
}


@pytest.mark.slow
def test_weaknesses_in_everyday_words_are_listed_at_rectification(tmp_path) -> None:
    home = tmp_path / "home"
    rid = new_report(home)
    typed: list[str] = []
    for key in AREA_KEYS:
        for cp in BANK.points(key):
            typed += WEAK.get(cp.id, [cp.example])
            if cp.id != "BUS-09":
                typed.append("")  # Enter: take the proposed status (BUS-09 stays 待确认)
    typed += ["/接受"]  # zicha's assessment paragraph
    run = run_interview(home, rid, typed, "--no-library", "--no-assistant")
    assert run.returncode == 0, run.stderr + run.stdout[-2000:]
    out = run.stdout
    assert "拟定：基本符合 —— 因为：「……档案借阅偶尔未登记」" in out
    assert "本次自查没有形成需要整改的问题" not in out
    head = f"本次自查发现的问题（共 {len(WEAK)} 项）"
    assert head in out
    listing = out[out.index(head) :].split("─" * 40)[0]
    for cid, words in QUOTED.items():
        line = next(x for x in listing.splitlines() if cid in x)
        assert words in line, (cid, line)
    bus09 = next(x for x in listing.splitlines() if "BUS-09" in x)
    assert "待确认（拟定：基本符合）" in bus09
    # The first item is asked next: the measure for ORG-01's weakness.
    assert "针对这个问题，准备采取什么整改措施" in out[out.index(head) :]

    with ReportStore.open(home) as store:
        report = store.get(rid)
    items = report.section("rectification").points
    linked = {report.find_point(i.source_point)[1].control_point for i in items}
    assert linked == set(WEAK)
    weak = [p for k in AREA_KEYS for p in report.section(k).points if p.weak]
    assert {p.control_point for p in weak} == set(WEAK)
