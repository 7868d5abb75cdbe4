"""Pydantic models at the library's boundary: search hits, import progress and outcomes."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class SearchHit(BaseModel):
    """One excerpt: an article (or a 要点 summary) with everything needed to cite it."""

    chunk_id: int
    doc_id: int
    title: str
    doc_number: str | None = None
    chapter_path: str = ""
    article: str | None = None
    text: str
    highlighted: str
    citation: str
    score: float = 0.0
    is_summary: bool = False
    key: str | None = Field(default=None, description="stable id of a starter entry")
    matched_terms: list[str] = Field(default_factory=list)
    by_meaning: bool = Field(
        default=False, description="found by the meaning of the query alone: no word of it matched"
    )

    @property
    def label(self) -> str:
        return "要点" if self.is_summary else "原文"

    @property
    def found_by(self) -> str:
        """Said beside a hit no word of the question matched, so the officer reads it as a guess."""
        return "意思相近，未匹配到字词" if self.by_meaning else ""


OutcomeStatus = Literal["imported", "replaced", "unchanged", "duplicate", "failed"]


class FileOutcome(BaseModel):
    path: str
    status: OutcomeStatus
    message: str
    doc_id: int | None = None
    chunks: int = 0

    @property
    def ok(self) -> bool:
        return self.status != "failed"


class ImportProgress(BaseModel):
    """Sent after each file: what a progress bar or a status line needs."""

    total: int
    done: int
    chunks: int
    errors: int
    current: str
    last: FileOutcome | None = None


class ImportResult(BaseModel):
    outcomes: list[FileOutcome] = Field(default_factory=list)
    stopped: bool = False
    not_started: list[str] = Field(default_factory=list)

    def count(self, *statuses: OutcomeStatus) -> int:
        return sum(1 for o in self.outcomes if o.status in statuses)

    @property
    def chunks(self) -> int:
        return sum(o.chunks for o in self.outcomes)

    def summary(self) -> str:
        text = (
            f"导入完成：新增 {self.count('imported')} 个，更新 {self.count('replaced')} 个，"
            f"未变 {self.count('unchanged', 'duplicate')} 个，失败 {self.count('failed')} 个，"
            f"共 {self.chunks} 个条文片段。"
        )
        if self.stopped:
            text += f"已按要求中止，{len(self.not_started)} 个文件未处理（已处理的文件完整保存）。"
        return text


class DocumentInfo(BaseModel):
    id: int
    title: str
    doc_number: str | None = None
    issuer: str | None = None
    issued_date: str | None = None
    effective_date: str | None = None
    source_path: str
    sha256: str
    imported_at: str
    chunks: int
    is_starter: bool = False


class Chunk(BaseModel):
    """A piece of a document as the splitter cuts it, before indexing."""

    seq: int
    chapter_path: str = ""
    article: str | None = None
    part: int = 1
    text: str
    key: str | None = None


class DocumentMeta(BaseModel):
    title: str
    doc_number: str | None = None
    issuer: str | None = None
    issued_date: str | None = None
    effective_date: str | None = None
