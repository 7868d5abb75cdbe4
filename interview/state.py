"""Engine state that is not part of the document, kept in the store's report_state table.

Keys: where the officer went with back/goto (cursor), the answer being followed up (pending),
a status chosen before answering, which statuses the officer set by hand, and text typed but
not yet sent. Writes join an outer store transaction when there is one.

Every write is compare-and-set: it names the revision this session last read or wrote for
the key (revisions are loaded when the session starts), so a write from another session in
between is refused with ConflictError instead of being overwritten or mixed in.
"""

from __future__ import annotations

import json

from pydantic import BaseModel, Field, ValidationError

from report.errors import ConflictError
from report.store import ReportStore

PREFIX = "interview."
CURSOR = PREFIX + "cursor"
PENDING = PREFIX + "pending"
PENDING_STATUS = PREFIX + "pending_status"
MANUAL_STATUS = PREFIX + "manual_status"
UNSENT = PREFIX + "unsent"
CONFIRM = PREFIX + "confirm"


class Pending(BaseModel):
    target: str
    parts: list[str] = Field(default_factory=list)
    followups: int = 0
    question: str | None = None
    reasons: list[str] = Field(default_factory=list)


class PendingStatus(BaseModel):
    target: str
    status: str


class EngineState:
    def __init__(self, store: ReportStore, report_id: int):
        self.store = store
        self.report_id = report_id
        self._revisions: dict[str, int] = store.state_revisions(report_id)

    def reload(self) -> None:
        """Take the stored revisions as seen (after a conflict was shown to the officer)."""
        self._revisions = self.store.state_revisions(self.report_id)

    def _get(self, key: str) -> str | None:
        entry = self.store.get_state_entry(self.report_id, key)
        if entry is None:
            self._revisions.pop(key, None)
            return None
        self._revisions[key] = entry[1]
        return entry[0]

    def _set(self, key: str, value: str | None) -> None:
        try:
            revision = self.store.set_state(
                self.report_id, key, value, expected=self._revisions.get(key)
            )
        except ConflictError:
            # The refused operation is reported; the next one starts from what is stored.
            self.reload()
            raise
        if revision is None:
            self._revisions.pop(key, None)
        else:
            self._revisions[key] = revision

    # cursor -------------------------------------------------------------------------
    def cursor(self) -> str | None:
        return self._get(CURSOR)

    def set_cursor(self, target: str | None) -> None:
        self._set(CURSOR, target)

    # pending follow-up ----------------------------------------------------------------
    # Kept per question: going back (/返回) to answer an earlier one must not drop the
    # follow-up parts already given for a later one. PENDING alone is the older single slot.
    def pending(self, target: str | None) -> Pending | None:
        if target is None:
            return None
        raw = self._get(f"{PENDING}:{target}") or self._get(PENDING)
        if not raw:
            return None
        try:
            p = Pending.model_validate_json(raw)
        except ValidationError:
            return None
        return p if p.target == target else None

    def set_pending(self, pending: Pending) -> None:
        self._set(f"{PENDING}:{pending.target}", pending.model_dump_json())

    def clear_pending(self, target: str) -> None:
        """The question's answer was recorded or skipped: its follow-up parts are done."""
        self._set(f"{PENDING}:{target}", None)
        legacy = self._get(PENDING)
        if legacy and f'"target":"{target}"' in legacy.replace(" ", ""):
            self._set(PENDING, None)

    # status chosen before the answer ------------------------------------------------
    def pending_status(self, target: str | None) -> str | None:
        raw = self._get(PENDING_STATUS)
        if not raw or target is None:
            return None
        try:
            p = PendingStatus.model_validate_json(raw)
        except ValidationError:
            return None
        return p.status if p.target == target else None

    def set_pending_status(self, target: str | None, status: str | None) -> None:
        value = (
            PendingStatus(target=target, status=status).model_dump_json()
            if target and status
            else None
        )
        self._set(PENDING_STATUS, value)

    # points whose status the officer chose ---------------------------------------------
    def manual_status(self) -> set[str]:
        raw = self._get(MANUAL_STATUS)
        try:
            return set(json.loads(raw)) if raw else set()
        except (ValueError, TypeError):
            return set()

    def add_manual_status(self, point_id: str) -> None:
        ids = self.manual_status() | {point_id}
        self._set(MANUAL_STATUS, json.dumps(sorted(ids)))

    # the point whose proposed status waits for the officer's confirmation ----------------
    def confirm(self) -> str | None:
        return self._get(CONFIRM)

    def set_confirm(self, point_id: str | None) -> None:
        self._set(CONFIRM, point_id)

    # unsent text ----------------------------------------------------------------------
    def unsent(self) -> str:
        return self._get(UNSENT) or ""

    def set_unsent(self, text: str | None) -> None:
        self._set(UNSENT, text if text and text.strip() else None)
