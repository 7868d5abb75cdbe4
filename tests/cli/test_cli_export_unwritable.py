"""exporting into a folder that cannot hold new files gives a Chinese message, no traceback."""

from __future__ import annotations

import tempfile
from pathlib import Path

from click.testing import CliRunner

from report.answers import load_answers
from report.store import ReportStore
from tui.cli import main

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "answers.yaml"


def test_export_into_unwritable_folder_is_a_clear_error(tmp_path: Path, monkeypatch):
    home = tmp_path / "home"
    with ReportStore.open(home) as store:
        rid = store.create(load_answers(EXAMPLE).new_report()).id

    def refuse(*args, **kwargs):  # what a read-only folder does (root ignores chmod)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["--home", str(home), "export", str(rid), "-o", str(out)])
    assert result.exit_code == 1, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "无法写入" in result.output and "权限" in result.output
    assert not out.exists()
    with ReportStore.open(home) as store:
        assert not [e for e in store.audit_log(rid) if e.action == "export"]
