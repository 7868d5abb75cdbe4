"""The semantic leg looks beyond the documents the words hit (knowledge/semantic.py, OTHER_K):
a plain question whose words land in the wrong document still reaches the article that answers
it, below the words' best hit unless the library knows few of the question's words
(semantic.KNOWN_FULL), and only while the library is small enough to scan."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from stand_in_encoder import FakeEncoder  # fake_encoder: the fixture in tests/conftest.py

from knowledge import semantic
from knowledge.library import Library
from knowledge.ranking import Ranked

ACCOUNTS = """某某会计办法
第一条 会计人员按月登记总账和明细账。
第二条 现金日记账逐日结出余额。
"""
YEAR_END = """某某经办细则
第一条 经办机构每年一月底前编制上年度基金决算报表，报上级主管部门审核。
第二条 业务档案按年度整理归档。
"""
QUESTION = "年底要出一本总账给上面吗"


def _unit(v: np.ndarray) -> np.ndarray:
    return (v / np.linalg.norm(v)).astype(np.float32)


def test_fuse_adds_close_passages_of_other_documents_below_the_best_word_hit() -> None:
    ranked = [Ranked(1, 4.0, 0.9, ("总账",)), Ranked(2, 2.0, 0.5, ("账",))]
    ids = np.array([1, 2], dtype=np.int64)
    sims = np.array([0.86, 0.82], dtype=np.float32)
    others = (np.array([7, 8], dtype=np.int64), np.array([0.95, 0.80], dtype=np.float32))
    fused = semantic.fuse(ranked, ids, sims, 10, others)
    order = [r.chunk_id for r in fused]
    assert order[0] == 1  # the words' best hit stays first
    assert 7 in order and order.index(7) < order.index(
        2
    )  # closer than a weak word hit far in meaning
    assert 8 not in order  # below the similarity floor: no evidence
    seven = next(r for r in fused if r.chunk_id == 7)
    assert seven.matched == () and seven.score == pytest.approx(semantic.OTHER_WEIGHT)
    assert semantic.fuse(ranked, ids, sims, 10) == semantic.fuse(ranked, ids, sims, 10, None)


@pytest.fixture
def two_documents(tmp_path: Path, fake_encoder: FakeEncoder) -> Library:  # noqa: F811
    for name, text in (("会计办法.txt", ACCOUNTS), ("经办细则.txt", YEAR_END)):
        (tmp_path / name).write_text(text, encoding="utf-8")
    lib = Library(tmp_path / "knowledge.db")
    lib.import_paths([tmp_path / "会计办法.txt", tmp_path / "经办细则.txt"])
    assert lib.build_vectors().complete
    # the question means the 细则's year-end report more than the 办法's ledger (the stand-in
    # encoder's passages are near-orthogonal: the floor comes down to meet them)
    texts = dict(
        lib.conn.execute(
            "SELECT d.title, c.text FROM chunks c JOIN documents d"
            " ON d.id = c.doc_id WHERE c.article = '第一条'"
        )
    )
    ledger, report = fake_encoder.passages([texts["某某会计办法"], texts["某某经办细则"]])
    question = _unit(0.6 * ledger + 0.8 * report)
    plain = fake_encoder.query
    fake_encoder.query = lambda text: question if text == QUESTION else plain(text)  # type: ignore[method-assign]
    return lib


def test_a_question_whose_words_hit_another_document_reaches_its_article(
    two_documents: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(semantic, "DENSE_FLOOR", 0.5)
    words = Library(two_documents.path, semantic_leg=False).search(QUESTION, k=10)
    assert words and "某某经办细则" not in {h.title for h in words}  # the words know 总账 only
    hits = two_documents.search(QUESTION, k=10)
    found = [h for h in hits if h.title == "某某经办细则"]
    assert [h.article for h in found] == ["第一条"] and found[0].matched_terms == []
    # the library knows one of the question's five concepts (总账): the words weigh
    # LEXICAL_FLOOR, and the article closest in meaning leads
    assert hits[0].title == "某某经办细则"
    # with the words' full share it stays below their best hit
    monkeypatch.setattr(semantic, "LEXICAL_FLOOR", 1.0)
    hits = two_documents.search(QUESTION, k=10)
    assert hits[0].title == "某某会计办法"
    assert [h.article for h in hits if h.title == "某某经办细则"] == ["第一条"]


def test_a_library_too_big_to_scan_keeps_to_the_documents_hit(
    two_documents: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(semantic, "DENSE_FLOOR", 0.5)
    monkeypatch.setattr(semantic, "LIBRARY_ROWS", 3)
    hits = two_documents.search(QUESTION, k=10)
    assert hits and "某某经办细则" not in {h.title for h in hits}
