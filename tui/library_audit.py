"""Library changes go into the report store's audit log (issue: every action is traced).

knowledge/ knows nothing of report/, so the command line and the TUI call these after a
library change, each from the thread that owns its store connection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from knowledge.library import Library
    from knowledge.models import DocumentInfo, ImportResult
    from report.store import ReportStore

# imported documents as (source path, sha256) by id: what an import may have changed
Snapshot = dict[int, tuple[str, str]]


def snapshot(library: Library) -> Snapshot:
    return {d.id: (d.source_path, d.sha256) for d in library.documents() if not d.is_starter}


def imported_since(library: Library, before: Snapshot) -> ImportResult:
    """What an import that did not finish (Ctrl+C, a crash, the app closed) has written: each
    document is whole, so every one that is new since `before` is logged."""
    from knowledge.models import FileOutcome, ImportResult

    sources = {source for source, _ in before.values()}
    return ImportResult(
        outcomes=[
            FileOutcome(
                path=d.source_path,
                status="replaced" if d.source_path in sources else "imported",
                message="",
                doc_id=d.id,
                chunks=d.chunks,
            )
            for d in library.documents()
            if not d.is_starter and d.id not in before
        ],
        stopped=True,
    )


def record_import(store: ReportStore, actor: str, result: ImportResult) -> bool:
    """Log an import that changed the library; an all-unchanged run is not an action."""
    changed = [o for o in result.outcomes if o.status in ("imported", "replaced")]
    if not changed:
        return False
    change = {
        "files": [
            {"path": o.path, "status": o.status, "doc_id": o.doc_id, "chunks": o.chunks}
            for o in changed
        ],
        "failed": result.count("failed"),
    }
    detail = f"法规库导入 {len(changed)} 个文件，共 {sum(o.chunks for o in changed)} 个片段"
    store.record("kb_import", None, change, actor=actor, detail=detail)
    return True


def record_rebuild(store: ReportStore, actor: str, chunks: int) -> None:
    """A rebuilt index changes what every search returns: who did it and when is logged."""
    store.record(
        "kb_rebuild", None, {"chunks": chunks}, actor=actor, detail=f"重建索引，共 {chunks} 个片段"
    )


def record_remove(store: ReportStore, actor: str, doc: DocumentInfo) -> None:
    change = {"doc_id": doc.id, "title": doc.title, "chunks": doc.chunks}
    store.record("kb_remove", None, change, actor=actor, detail=f"法规库删除《{doc.title}》")
