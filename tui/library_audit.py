"""Library changes go into the report store's audit log (issue: every action is traced).

knowledge/ knows nothing of report/, so the command line and the TUI call these after a
library change, each from the thread that owns its store connection.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from knowledge.models import DocumentInfo, ImportResult
    from report.store import ReportStore


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
