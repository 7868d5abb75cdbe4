"""The small retriever protocol the engine needs from the regulation library.

`knowledge.library.Library` fits it; tests pass a fake. A missing library or a failing search
never stops the interview: the prompt simply shows no excerpts.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol, runtime_checkable

from .models import Excerpt

MAX_EXCERPT_CHARS = 400
# the best imported article leads the panel when it scores at least this share of the best hit
# (looked at on the bank's own queries against the tuning libraries, words only: the local
# article answering the point scored 0.45-0.95 of the national 要点 first)
FULL_TEXT_SHARE = 0.4


@runtime_checkable
class ExcerptLike(Protocol):
    citation: str
    text: str


@runtime_checkable
class Retriever(Protocol):
    def search(self, query: str, k: int = 5) -> Sequence[ExcerptLike]: ...


def fetch_excerpts(
    retriever: Retriever | None, query: str, k: int = 3
) -> tuple[list[Excerpt], str | None]:
    """Top excerpts for query, and a one-line notice when the library could not be searched."""
    if retriever is None or not query.strip():
        return [], None
    try:
        hits = full_text_ahead(list(retriever.search(query, k=2 * k)), k)
    except Exception:  # noqa: BLE001 - any library failure only hides the excerpts
        return [], "法规库检索出错，本题暂不显示条文。"
    out = []
    for hit in hits:
        text = str(getattr(hit, "text", "") or "").strip()
        if len(text) > MAX_EXCERPT_CHARS:
            text = text[:MAX_EXCERPT_CHARS] + "……"
        out.append(
            Excerpt(
                citation=str(getattr(hit, "citation", "") or ""),
                text=text,
                chunk_id=(
                    str(getattr(hit, "chunk_id"))  # noqa: B009 - optional on ExcerptLike
                    if getattr(hit, "chunk_id", None) is not None
                    else None
                ),
                title=getattr(hit, "title", None) or None,
                label=getattr(hit, "label", None) or None,
            )
        )
    return out, None


def full_text_ahead(hits: list[ExcerptLike], k: int) -> list[ExcerptLike]:
    """The first k hits, the best imported article (原文) first when it matches well.

    A point's query lists the official terms of the whole checklist item in the national
    wording, and a 要点 summarises a whole part of a national regulation: it holds more of
    those terms than any one article of the office's own rules, so the library ranks it first
    (right for a general search). Answering about the office, the officer wants the local rule
    first. Only that one article moves: the 要点 stay in the panel, in their order."""
    scores = [float(getattr(h, "score", 0.0) or 0.0) for h in hits]
    best = max(scores, default=0.0)
    article = next(
        (
            i
            for i, h in enumerate(hits)
            if not getattr(h, "is_summary", False) and scores[i] >= FULL_TEXT_SHARE * best
        ),
        None,
    )
    if best <= 0 or article is None:
        return hits[:k]
    return [hits[article], *(h for i, h in enumerate(hits) if i != article)][:k]


def open_library(path: Path) -> Retriever | None:
    """The regulation library at path (its starter summaries ship with zicha), or None."""
    try:
        from knowledge.library import Library
    except ImportError:
        return None
    try:
        return Library(path)
    except Exception:  # noqa: BLE001 - a broken library must not stop the interview
        return None
