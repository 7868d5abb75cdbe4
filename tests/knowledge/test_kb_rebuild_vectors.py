"""`zicha kb rebuild` reloads the 要点 (starter summaries): one whose text is unchanged keeps its
passage vector, so the rebuild's semantic phase embeds only what changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from kb_evaluate import write_fixture
from stand_in_encoder import FakeEncoder

from knowledge import starter
from knowledge.library import Library


def _starter_vectors(db: Path) -> dict[str, np.ndarray]:
    conn = sqlite3.connect(db)
    try:
        rows = conn.execute(
            "SELECT c.text, v.vec FROM documents d JOIN chunks c ON c.doc_id = d.id"
            " LEFT JOIN chunk_vectors v ON v.chunk_id = c.id WHERE d.kind = 'starter'"
        ).fetchall()
    finally:
        conn.close()
    return {t: np.frombuffer(v, dtype=np.float16) if v else None for t, v in rows}


def test_rebuild_embeds_only_the_summaries_that_changed(
    tmp_path: Path, fake_encoder: FakeEncoder, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "knowledge.db"
    with Library(db) as lib:
        lib.import_paths([write_fixture(tmp_path / "in")])
        assert lib.build_vectors().complete
    first = fake_encoder.passages_seen
    assert first > 0

    with Library(db) as lib:
        lib.rebuild()
        result = lib.build_vectors()
    assert result.complete
    assert fake_encoder.passages_seen == first  # nothing embedded again
    kept = _starter_vectors(db)
    assert kept and all(v is not None for v in kept.values())
    for text, vec in kept.items():  # each kept vector is still that text's
        assert np.allclose(vec, FakeEncoder._vec(text), atol=1e-3)

    # a new version of the 要点 with one summary reworded: only that one is embedded
    real = starter.load_starter

    def reworded() -> list[starter.StarterDocument]:
        docs = real()
        docs[0].entries[0].text += "（已修订）"
        return docs

    monkeypatch.setattr(starter, "load_starter", reworded)
    with Library(db) as lib:
        lib.rebuild()
        assert lib.build_vectors().complete
    assert fake_encoder.passages_seen == first + 1
    changed = _starter_vectors(db)
    assert set(changed) != set(kept) and all(v is not None for v in changed.values())
