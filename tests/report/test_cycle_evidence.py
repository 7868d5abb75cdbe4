"""Evidence files: stored once by SHA-256, size limit, audit log, tamper caught by audit verify,
snapshots keep what they referenced."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from click.testing import CliRunner
from review_helpers import add_team, new_report

from report import evidence, workflow
from report.errors import ZichaError
from tui.cli import main


def _file(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_add_stores_once_by_hash_and_logs_it(store, example_report, tmp_path):
    rid = store.create(example_report).id
    scan = _file(tmp_path, "岗位职责.pdf", b"%PDF-1.4 scan")
    copy = _file(tmp_path, "岗位职责副本.pdf", b"%PDF-1.4 scan")
    sha = hashlib.sha256(b"%PDF-1.4 scan").hexdigest()
    added = evidence.add_evidence(store, rid, "ORG-01", [scan])
    assert added[0].sha256 == sha
    evidence.add_evidence(store, rid, "整改1", [copy])
    stored = evidence.stored_path(evidence.evidence_root(store), sha)
    assert stored.read_bytes() == b"%PDF-1.4 scan"
    assert len(list(evidence.evidence_root(store).rglob("*"))) == 2  # one folder, one file
    rows = evidence.list_evidence(store.get(rid))
    assert [(r.holder, r.name) for r in rows] == [
        ("组织机构控制 ORG-01", "岗位职责.pdf"),
        ("整改项 1", "岗位职责副本.pdf"),
    ]
    log = store.audit_log(rid)[-2:]
    assert [e.action for e in log] == ["evidence_add", "evidence_add"]
    assert sha in log[0].detail
    assert store.verify_audit().ok


def test_size_limit_and_missing_file_change_nothing(store, example_report, tmp_path, monkeypatch):
    rid = store.create(example_report).id
    monkeypatch.setattr(evidence, "MAX_EVIDENCE_BYTES", 10)
    big = _file(tmp_path, "大文件.pdf", b"x" * 11)
    small = _file(tmp_path, "小.pdf", b"x")
    with pytest.raises(ZichaError, match="超过每个文件 50 MB 的上限"):
        evidence.add_evidence(store, rid, "ORG-01", [small, big])
    with pytest.raises(ZichaError, match="找不到文件"):
        evidence.add_evidence(store, rid, "ORG-01", [tmp_path / "无.pdf"])
    with pytest.raises(ZichaError, match="找不到要点"):
        evidence.add_evidence(store, rid, "XYZ-99", [small])
    assert store.get(rid).revision == 1
    assert not evidence.evidence_root(store).exists()


def test_tampered_or_missing_file_caught_by_audit_verify(
    home, store, example_report, tmp_path, backend
):
    rid = store.create(example_report).id
    evidence.add_evidence(store, rid, "ORG-01", [_file(tmp_path, "纪要.docx", b"meeting")])
    sha = hashlib.sha256(b"meeting").hexdigest()
    path = evidence.stored_path(evidence.evidence_root(store), sha)
    path.write_bytes(b"meeting, edited")
    result = CliRunner().invoke(main, ["--home", str(home), "audit", "verify"])
    assert result.exit_code == 1
    assert "佐证材料「纪要.docx」与登记的哈希不符" in result.output
    path.unlink()
    result = store.verify_audit()
    if backend == "sqlite":
        assert "找不到" in result.reason
    else:  # a shared database: the file may be on the PC that added it; said, not failed
        assert result.ok and any("本机没有 1 份佐证材料的文件" in n for n in result.notes)


def test_removal_keeps_the_submitted_version(store, tmp_path):
    add_team(store)
    r = new_report(store)
    point = store.get(r.id).section("organization").points[0].id
    evidence.add_evidence(store, r.id, point, [_file(tmp_path, "a.png", b"png")], actor="zhang")
    snap = workflow.submit(store, r.id, "zhang")
    workflow.approve(store, r.id, "li")
    # evidence is tracking: it may change on an approved report, the text may not
    evidence.remove_evidence(store, r.id, point, "a.png", actor="zhang")
    assert store.get(r.id).status == "approved"
    assert evidence.list_evidence(store.get(r.id)) == []
    assert evidence.list_evidence(snap.report())[0].name == "a.png"
    assert store.verify_audit().ok  # the snapshot's file is still there and intact
    changed = store.get(r.id)
    changed.section("organization").points[0].drafted = "改写"
    with pytest.raises(ZichaError, match="正文不能修改"):
        store.save_tracking(changed, "zhang")


def test_cli_add_list_remove(home, example_report, tmp_path):
    from report.store import ReportStore

    with ReportStore.open(home) as s:
        rid = s.create(example_report).id
    f = _file(tmp_path, "轮岗记录.pdf", b"rota")

    def run(*args):
        return CliRunner().invoke(main, ["--home", str(home), "evidence", *args])

    added = run("add", str(rid), "整改1", str(f))
    assert added.exit_code == 0 and "已添加：轮岗记录.pdf" in added.output
    # A 4-byte file is 「4 字节」, never 「0 KB」 (read as an empty file).
    assert "（4 字节，SHA-256" in added.output, added.output
    listed = run("list", str(rid))
    assert "整改项 1\t轮岗记录.pdf\t4 字节\t" in listed.output, listed.output
    removed = run("remove", str(rid), "整改1", "轮岗记录.pdf")
    assert removed.exit_code == 0 and "已移除" in removed.output
    assert "还没有佐证材料" in run("list", str(rid)).output
