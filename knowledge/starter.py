"""The starter library: 要点 summaries shipped as YAML in knowledge/data/starter/.

Each file is one regulation (title, 文号, issuer) with entries: area, chapter, article (only
where the article number is certain; otherwise the chapter alone), a stable key and the text.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from importlib.resources.abc import Traversable

from pydantic import BaseModel, Field

from .models import Chunk, DocumentMeta

FORMAT_VERSION = "1"
AREAS = ("organization", "business", "fund_finance", "information_system", "supervision")


class StarterEntry(BaseModel):
    key: str
    area: str
    chapter: str = ""
    article: str | None = None
    text: str


class StarterDocument(BaseModel):
    slug: str
    title: str
    doc_number: str | None = None
    issuer: str | None = None
    issued_date: str | None = None
    entries: list[StarterEntry] = Field(default_factory=list)

    def meta(self) -> DocumentMeta:
        return DocumentMeta(
            title=self.title,
            doc_number=self.doc_number,
            issuer=self.issuer,
            issued_date=self.issued_date,
        )

    def chunks(self) -> list[Chunk]:
        return [
            Chunk(seq=i, chapter_path=e.chapter, article=e.article, text=e.text.strip(), key=e.key)
            for i, e in enumerate(self.entries)
        ]


def _files() -> list[Traversable]:
    folder = resources.files("knowledge.data").joinpath("starter")
    return sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)


def starter_fingerprint() -> str:
    h = hashlib.sha256(FORMAT_VERSION.encode())
    for f in _files():
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()


def load_starter() -> list[StarterDocument]:
    import yaml

    docs = []
    for f in _files():
        raw = yaml.safe_load(f.read_text(encoding="utf-8"))
        docs.append(StarterDocument(slug=f.name.removesuffix(".yaml"), **raw))
    return docs
