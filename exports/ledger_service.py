"""Export the ledger of a stored report and log it (the file's SHA-256) in the audit log."""

from __future__ import annotations

import hashlib
from pathlib import Path

from report.labels import DEFAULT_ACTOR
from report.store import ReportStore

from .ledger_xlsx import write_ledger


def export_ledger_stored(
    store: ReportStore,
    report_id: int,
    path: str | Path,
    *,
    force: bool = False,
    actor: str = DEFAULT_ACTOR,
) -> tuple[Path, int]:
    from report.ledger import items

    report = store.get(report_id)
    written = write_ledger(report, path, force=force)
    sha = hashlib.sha256(written.read_bytes()).hexdigest()
    count = len(items(report))
    store.record(
        "ledger_export",
        report_id,
        {"file": written.name, "sha256": sha, "rows": count, "revision": report.revision},
        actor=actor,
        detail=f"整改台账 {written.name}（{count} 项）",
    )
    return written, count
