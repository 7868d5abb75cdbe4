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
        hits = list(retriever.search(query, k=k))[:k]
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
