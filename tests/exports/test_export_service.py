"""export_stored(): approval facts and comments come from the store; the export is audited."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_helpers import body_texts, make_report, open_docx

from exports.errors import TargetExistsError
from exports.service import export_stored
from exports.writer import file_sha256
from report import comments, users, workflow
from report.store import ReportStore


def approved_with_comment(store: ReportStore) -> int:
    users.add_user(store.conn, "admin", "admin", "admin-pass-1", "本机用户")
    users.add_user(store.conn, "zhang", "officer", "zhang-pass-1", "admin")
    users.add_user(store.conn, "li", "supervisor", "li-pass-123", "admin")
    rid = store.create(make_report(), actor="zhang").id
    workflow.submit(store, rid, "zhang")
    comments.add_comment(store, rid, "li", "轮岗人数请再核对", section="organization")
    workflow.approve(store, rid, "li")
    return rid


def test_approved_export_records_approver_and_comments(tmp_path: Path):
    with ReportStore.open(tmp_path / "home") as store:
        rid = approved_with_comment(store)
        outcome = export_stored(store, rid, tmp_path / "a.docx", with_comments=True, actor="li")
        assert outcome.draft_mark is False and outcome.comments == 1
        doc = open_docx(outcome.path)
        assert doc.sections[0].header.paragraphs[0].text == ""
        assert doc.core_properties.content_status == "已审定"
        assert "审定人：li" in doc.core_properties.comments
        texts = body_texts(doc)
        assert "1．【组织机构控制】li：轮岗人数请再核对。" in texts

        event = [e for e in store.audit_log(rid) if e.action == "export"][-1]
        assert event.actor == "li"
        assert event.detail == "docx a.docx"
        assert store.verify_audit().ok
        assert len(file_sha256(outcome.path)) == 64


def test_comments_never_exported_unless_asked(tmp_path: Path):
    with ReportStore.open(tmp_path / "home") as store:
        rid = approved_with_comment(store)
        outcome = export_stored(store, rid, tmp_path / "b.docx", actor="li")
        assert outcome.comments == 0
        texts = body_texts(open_docx(outcome.path))
        assert "审核意见" not in texts
        assert not any("轮岗人数请再核对" in t for t in texts)


def test_draft_export_is_marked_and_failed_export_is_not_logged(tmp_path: Path):
    with ReportStore.open(tmp_path / "home") as store:
        rid = store.create(make_report()).id
        outcome = export_stored(store, rid, tmp_path / "c.md", fmt="md")
        assert outcome.draft_mark is True
        assert outcome.path.read_text("utf-8").startswith("**征求意见稿**")
        before = len(store.audit_log(rid))
        with pytest.raises(TargetExistsError, match="已存在"):
            export_stored(store, rid, tmp_path / "c.md", fmt="md")  # exists, no force
        assert len(store.audit_log(rid)) == before
