"""Library imports and removals are traced in the audit log, with the acting user."""

from click.testing import CliRunner

from report.store import ReportStore
from tui.cli import main

REGULATION = """某市社会保险经办内部控制细则
第一条 经办机构应当建立内部控制制度。
第二条 稽核科负责对缴费基数核定开展稽核。
"""


def test_kb_import_and_remove_are_audited(home, tmp_path):
    src = tmp_path / "细则.txt"
    src.write_text(REGULATION, encoding="gb18030")
    runner = CliRunner()
    first = runner.invoke(main, ["kb", "import", str(src)])
    assert first.exit_code == 0, first.output
    again = runner.invoke(main, ["kb", "import", str(src)])  # unchanged: not an action
    assert again.exit_code == 0, again.output
    listed = runner.invoke(main, ["kb", "list", "--json"])
    import json

    doc_id = next(d["id"] for d in json.loads(listed.output) if not d["is_starter"])
    removed = runner.invoke(main, ["kb", "remove", str(doc_id)])
    assert removed.exit_code == 0, removed.output

    with ReportStore.open(home) as store:
        events = store.audit_log()
        assert [e.action for e in events] == ["kb_import", "kb_remove"]
        assert all(e.actor == "本机用户" and e.report_id is None for e in events)
        assert "细则" in events[1].detail
        assert store.verify_audit().ok
    log = runner.invoke(main, ["audit", "log"])
    assert "导入法规文件" in log.output and "删除法规文件" in log.output


def test_kb_rebuild_needs_a_login_and_is_audited(home, monkeypatch):
    from report import users

    with ReportStore.open(home) as store:
        users.add_user(store.conn, "admin", "admin", "admin-pass-1", "本机用户")
        users.add_user(store.conn, "zhang", "officer", "zhang-pass-1", "admin")
    monkeypatch.delenv("ZICHA_USER", raising=False)
    monkeypatch.delenv("ZICHA_PASSWORD", raising=False)
    runner = CliRunner()
    refused = runner.invoke(main, ["kb", "rebuild"], input="")
    assert refused.exit_code != 0 and "未登录" in refused.output, refused.output
    monkeypatch.setenv("ZICHA_USER", "zhang")
    monkeypatch.setenv("ZICHA_PASSWORD", "zhang-pass-1")
    monkeypatch.setenv("ZICHA_NEW_PASSWORD", "zhang-own-pass-2")  # the admin's was temporary
    done = runner.invoke(main, ["kb", "rebuild"])
    assert done.exit_code == 0, done.output
    with ReportStore.open(home) as store:
        events = [e for e in store.audit_log() if e.action == "kb_rebuild"]
        assert len(events) == 1 and events[0].actor == "zhang"
        assert store.verify_audit().ok
    log = runner.invoke(main, ["audit", "log"])
    assert "重建法规库索引" in log.output
