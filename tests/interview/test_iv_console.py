"""The line-by-line console: commands typed in Chinese, driven in-process."""

from __future__ import annotations

from click.testing import CliRunner
from console_lines import run_lines

from tui.cli import main


def test_commands(make_engine):
    e = make_engine()
    ex1 = e.bank.get("ORG-01").example
    replies: dict[str, str] = {}
    code, out = run_lines(
        e,
        [
            "/帮助",
            ex1,
            "/问题 岗位职责手册两年未修订",
            "/修改 我局岗位职责均以书面形式明确",
            "/状态 基本符合",
            "/自拟 我们每季度召开一次内控例会",
            "/列表",
            "/上移 2",
            "/转到 基金",
            "/不存在",
            "/状态 很好",
            "/退出",
        ],
        replies=replies,
    )
    assert code == 0
    assert "/跳过" in out and "/退出" in out  # the help
    assert "✔ 已记录 ORG-01" in out
    assert "已补记问题：岗位职责手册两年未修订" in out
    assert "已改写报告稿：我局岗位职责均以书面形式明确。" in out
    assert "FIN-01" in replies["/转到 基金"]  # the first question of 基金财务控制 is asked
    assert "FIN-01" not in replies["/列表"]
    assert "！不认识的命令「/不存在」" in out and "符合情况只能是" in out
    r = e.store.get(e.report_id)
    pts = r.section("organization").points
    assert pts[0].custom and pts[0].drafted == "我局每季度召开一次内控例会。"
    assert pts[1].problems == ["岗位职责手册两年未修订"] and pts[1].hand_edited


def test_eof_and_finish_with_exporter(make_engine):
    e = make_engine()
    for key in ("organization", "business", "fund_finance", "information_system", "supervision"):
        e.mark_section_done(key)
    exported = []
    code, out = run_lines(
        e, ["/接受", "/跳过", "/tmp/x.docx"], exporter=lambda p: exported.append(p) or p
    )
    assert code == 0 and exported == ["/tmp/x.docx"] and "访谈已全部完成" in out
    assert "已导出：/tmp/x.docx" in out


def test_a_command_at_the_export_prompt_is_no_path(make_engine):
    """「/整改」 typed when the path is asked must not write a file named /整改."""
    e = make_engine()
    for key in ("organization", "business", "fund_finance", "information_system", "supervision"):
        e.mark_section_done(key)
    exported: list[str] = []
    replies: dict[str, str] = {}
    code, out = run_lines(
        e,
        ["/接受", "/跳过", "/整改", "／覆盖", "/tmp/x.docx"],
        exporter=lambda p: exported.append(p) or p,
        replies=replies,
    )
    assert code == 0 and exported == ["/tmp/x.docx"]
    # commands typed after the end are carried out (issue 9), never taken as a file name
    assert "本次自查没有形成需要整改的问题" in replies["/整改"]
    assert "进度：已答" in replies["／覆盖"]
    code, out = run_lines(e, ["/退出"], exporter=lambda p: exported.append(p) or p)
    assert exported == ["/tmp/x.docx"] and "未导出" in out


def test_cli_refuses_unknown_and_frozen_reports(home, store, blank_report):
    runner = CliRunner()
    res = runner.invoke(main, ["--home", str(home), "interview", "99"], input="")
    assert res.exit_code == 1 and "找不到编号为 99 的报告" in res.output
    rid = store.create(blank_report).id
    with store.transaction() as conn:  # as if the review workflow had approved it
        conn.execute(
            "UPDATE reports SET status = 'approved',"
            " body = json_set(body, '$.status', 'approved') WHERE id = ?",
            (rid,),
        )
    res = runner.invoke(main, ["--home", str(home), "interview", str(rid)], input="")
    assert res.exit_code == 1 and "已审定" in res.output


def test_line_mode_exporter_is_the_export_service(store, example_report, tmp_path):
    """What `zicha interview` hands the console for the export at the end: the numbering asked
    for (--numbering), the draft mark of an unapproved report and the audit event, as
    `zicha export` writes them."""
    from docx import Document

    from tui.cli.interview_cmd import line_mode_exporter

    report = store.create(example_report)
    target = tmp_path / "自查报告.docx"
    written = line_mode_exporter(store, report.id, "本机用户", "headings")(str(target))
    assert written == str(target)
    texts = [p.text for p in Document(str(target)).paragraphs]
    assert any(t.startswith("（一）") for t in texts)  # headings, not 一是……
    assert not any(t.startswith("一是") for t in texts)
    doc = Document(str(target))
    headers = [p.text for s in doc.sections for p in s.header.paragraphs]
    assert any("征求意见稿" in h for h in headers)
    events = [e for e in store.audit_log(report.id) if e.action == "export"]
    assert len(events) == 1 and "自查报告.docx" in events[0].detail


def test_commands_still_work_after_the_interview_is_complete(make_engine):
    """After the last question /转到 reopens a point and the interview goes on from there;
    /状态 then changes its status (issue 9: line mode accepted no command after the end)."""
    e = make_engine()
    for key in ("organization", "business", "fund_finance", "information_system", "supervision"):
        e.mark_section_done(key)
    replies: dict[str, str] = {}
    code, out = run_lines(
        e,
        [
            "/接受",
            "/跳过",
            "/转到 ORG-02",
            "会计出纳是两个人，U盾分开保管",
            "/接受",
            "/状态 基本符合",
        ],
        exporter=lambda p: p,
        replies=replies,
    )
    assert code == 0
    assert "（访谈已完成；仍可输入 /状态、/转到" in out
    assert "ORG-02" in replies["/转到 ORG-02"] and "问：" in replies["/转到 ORG-02"]
    assert "已记录 ORG-02" in replies["/接受"]
    assert "基本符合" in replies["/状态 基本符合"]
    point = next(p for p in e.report.section("organization").points if p.control_point == "ORG-02")
    assert point.status == "基本符合" and point.status_confirmed
