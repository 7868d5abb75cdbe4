"""RegulationRetriever: the library as a LangChain BaseRetriever.

Documents carry the excerpt as page_content and the citation fields as metadata, so any
LangChain chain (and the interview engine) can show and cite what it used.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from .library import Library
from .models import SearchHit


def hit_to_document(hit: SearchHit) -> Document:
    return Document(
        page_content=hit.text,
        metadata={
            "chunk_id": hit.chunk_id,
            "doc_id": hit.doc_id,
            "title": hit.title,
            "doc_number": hit.doc_number,
            "chapter_path": hit.chapter_path,
            "article": hit.article,
            "citation": hit.citation,
            "score": hit.score,
            "is_summary": hit.is_summary,
            "label": hit.label,
            "key": hit.key,
            "highlighted": hit.highlighted,
        },
    )


class RegulationRetriever(BaseRetriever):
    """Top-k articles for a query; an empty list when nothing clears the relevance floor."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    library: Library
    k: int = 5

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, **kwargs: Any
    ) -> list[Document]:
        k = int(kwargs.get("k", self.k))
        return [hit_to_document(h) for h in self.library.search(query, k=k)]
