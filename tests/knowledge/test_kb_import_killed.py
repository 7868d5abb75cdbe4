"""A killed import (the process dies mid-way, as on a power cut or a task-manager kill) leaves a
library that opens, passes SQLite's and FTS5's integrity checks, holds only whole documents,
and takes the same folder again to finish the job."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from knowledge.library import Library

ROOT = Path(__file__).resolve().parents[2]
FILES, ARTICLES = 60, 100  # 6,000 chunks: more than one commit batch (5,000)

# The child stops itself after file N, so
# the kill lands at a known point: no race with the parent, no flaky count.
CHILD = """
import sys, time
from knowledge.library import Library
lib = Library(sys.argv[1])
stop_after = int(sys.argv[3])
def tell(p):
    if p.done == stop_after:
        print("ready", flush=True)
        time.sleep(600)
lib.import_paths([sys.argv[2]], progress=tell)
"""


def _corpus(folder: Path) -> None:
    folder.mkdir(parents=True)
    words = "经办 稽核 缴费基数 待遇 审核 复核 基金 财务 档案 权限 备份 岗位 分离 授权 审批".split()
    for d in range(FILES):
        lines = [f"测试规程{d}号"]
        for a in range(1, ARTICLES + 1):
            body = "，".join(words[(d + a + i) % len(words)] + f"事项{a}" for i in range(12))
            lines.append(f"第{a}条 {body}。")
        (folder / f"规程{d:03d}.txt").write_text("\n".join(lines), encoding="utf-8")


def _check(db: Path) -> int:
    with Library(db) as lib:
        conn = lib.conn
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO chunks_fts (chunks_fts) VALUES ('integrity-check')")
        n_chunks = conn.execute("SELECT count(*) FROM chunks").fetchone()[0]
        assert conn.execute("SELECT count(*) FROM chunks_fts").fetchone()[0] == n_chunks
        docs = [d for d in lib.documents() if not d.is_starter]
        assert all(d.chunks == ARTICLES for d in docs), [d.chunks for d in docs]
        return len(docs)


@pytest.mark.slow
@pytest.mark.parametrize("kill_after", [3, 55])
def test_killed_import_leaves_whole_documents_and_can_be_finished(
    tmp_path: Path, kill_after: int
) -> None:
    corpus, db = tmp_path / "法规", tmp_path / "home" / "knowledge.db"
    _corpus(corpus)
    with Library(db) as lib:
        lib.ensure_starter()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(db), str(corpus), str(kill_after)],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    child.send_signal(signal.SIGKILL)
    child.wait()
    kept = _check(db)
    # Before the first batch commit (5,000 chunks = 50 files) nothing is kept: the library is
    # exactly as it was; after it, the committed files are kept whole.
    assert kept == (0 if kill_after < 50 else 50)
    with Library(db) as lib:
        result = lib.import_paths([corpus])
    assert result.count("unchanged") == kept
    assert result.count("imported") == FILES - kept
    assert _check(db) == FILES
