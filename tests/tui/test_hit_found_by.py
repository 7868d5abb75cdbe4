"""A hit no word of the question matched (knowledge: SearchHit.by_meaning) says so in the library
results and in the interview's excerpts, so the officer reads it as a guess to check."""

from __future__ import annotations

from knowledge.models import SearchHit
from tui.widgets.excerpts_panel import ExcerptCard
from tui.widgets.library_results import hit_text

MARK = "意思相近，未匹配到字词"


def _hit(by_meaning: bool) -> SearchHit:
    text = "业务档案中的永久保管档案，应当长期保存。"
    return SearchHit(
        chunk_id=7,
        doc_id=1,
        title="社会保险业务档案管理规定",
        article="第十九条",
        text=text,
        highlighted=text if by_meaning else text.replace("档案", "【档案】"),
        citation="《社会保险业务档案管理规定》第十九条",
        matched_terms=[] if by_meaning else ["档案"],
        by_meaning=by_meaning,
    )


def test_library_result_says_when_no_word_matched() -> None:
    assert MARK in hit_text(_hit(True)).plain
    assert MARK not in hit_text(_hit(False)).plain


def test_interview_excerpt_says_when_no_word_matched() -> None:
    def card_text(hit: SearchHit) -> str:
        card = ExcerptCard(0, hit)
        return str(card.render())

    assert MARK in card_text(_hit(True))
    assert MARK not in card_text(_hit(False))
