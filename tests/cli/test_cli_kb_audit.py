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
