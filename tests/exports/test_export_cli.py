"""`zicha export` through click's CliRunner, with a real store in a temporary home."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from export_helpers import body_texts, make_report, open_docx

from report.store import ReportStore
from tui.cli import main


def stored_report(home: Path) -> int:
    with ReportStore.open(home) as store:
        return store.create(make_report()).id


def run(home: Path, *args: str):
    return CliRunner().invoke(main, ["--home", str(home), "export", *args])


def test_export_writes_prints_preflight_and_logs(tmp_path: Path):
    home = tmp_path / "home"
    rid = stored_report(home)
    out = tmp_path / "out.docx"
    result = run(home, str(rid), "-o", str(out))
    assert result.exit_code == 0, result.output
    # its paragraphs answer no bank point: five areas of unanswered points (errors, issue 9)
    # and the draft-mark reminder; the 征求意见稿 is exported all the same
    assert "预检发现 6 项" in result.output
    assert result.output.count("尚未回答") == 5
    assert "征求意见稿" in result.output
    assert result.output.strip().splitlines()[-1] == str(out.absolute())
    assert body_texts(open_docx(out))[0].startswith("某县社会保险事业局关于")
    with ReportStore.open(home) as store:
        events = [e for e in store.audit_log(rid) if e.action == "export"]
        assert len(events) == 1
        assert "out.docx" in events[0].detail
        assert store.verify_audit().ok


def test_overwrite_refused_then_forced(tmp_path: Path):
    home = tmp_path / "home"
    rid = stored_report(home)
    out = tmp_path / "out.md"
    out.write_text("keep me", "utf-8")
    result = run(home, str(rid), "-o", str(out))
    assert result.exit_code != 0
    assert "已存在" in result.output and "--force" in result.output
    assert out.read_text("utf-8") == "keep me"
    with ReportStore.open(home) as store:
        assert not [e for e in store.audit_log(rid) if e.action == "export"]
    result = run(home, str(rid), "-o", str(out), "--force", "--numbering", "headings")
    assert result.exit_code == 0, result.output
    md = out.read_text("utf-8")  # format taken from the .md extension
    assert "（一）**组织机构健全。**" in md


def test_default_name_in_current_folder_and_no_draft_mark(tmp_path: Path, monkeypatch):
    home = tmp_path / "home"
    rid = stored_report(home)
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    result = run(home, str(rid), "--format", "txt", "--no-draft-mark")
    assert result.exit_code == 0, result.output
    expected = work / "某县社会保险事业局2026年度自查报告.txt"
    assert expected.exists()
    assert "征求意见稿" not in expected.read_bytes().decode("utf-8-sig")


def test_unknown_report_is_a_clear_message(tmp_path: Path):
    home = tmp_path / "home"
    stored_report(home)
    result = run(home, "99", "-o", str(tmp_path / "x.docx"))
    assert result.exit_code != 0
    assert "找不到编号为 99 的报告" in result.output
    assert not (tmp_path / "x.docx").exists()


def test_help_is_chinese():
    result = CliRunner().invoke(main, ["export", "--help"])
    assert result.exit_code == 0
    assert "征求意见稿" in result.output and "--numbering" in result.output
