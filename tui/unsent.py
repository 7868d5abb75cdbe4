"""Text typed in a dialog and not yet saved, kept in a file of the data home.

A reviewer's comment or return reason, a reply to a comment: until it is posted it is no part
of the report, so it is not kept in the report's state (that belongs to the interview and its
lease). A closed terminal, a dropped SSH session or a refused save must still not lose it:
the dialog keeps it here while it is typed and the screen drops it once the text is posted.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel
from textual.screen import ModalScreen
from textual.widgets import TextArea

if TYPE_CHECKING:
    from textual.timer import Timer


class UnsentSlot(BaseModel):
    """Where one dialog's text is kept: the data home and a key naming the user, the
    report and what the text is for (review.comment, review.return, …)."""

    home: Path
    key: str

    @property
    def path(self) -> Path:
        digest = hashlib.sha256(self.key.encode("utf-8")).hexdigest()[:32]
        return self.home / "unsent" / f"{digest}.txt"

    def keep(self, text: str) -> None:
        """Write text (atomically); blank text removes the slot. Best effort: a disk that
        cannot be written must not stop the officer typing."""
        if not text.strip():
            self.drop()
            return
        path = self.path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            partial = path.with_suffix(".part")
            partial.write_text(text, encoding="utf-8")
            os.replace(partial, path)
        except OSError:
            pass

    def recall(self) -> str | None:
        try:
            text = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return text if text.strip() else None

    def drop(self) -> None:
        try:
            self.path.unlink(missing_ok=True)
        except OSError:
            pass


class KeepsUnsentText(ModalScreen[str | None]):
    """A dialog whose TextArea (area_id) keeps what is typed in an UnsentSlot: written after a
    quiet moment, and by save_draft when the app quits or the terminal is gone. The dialog
    calls save_draft before it dismisses the text (the screen drops the slot once it has
    posted it) and drop_unsent when the officer cancels."""

    KEEP_AFTER_S = 0.5  # quiet time before what was typed is written to the slot

    def __init__(self, area_id: str, unsent: UnsentSlot | None) -> None:
        super().__init__()
        self.area_id = area_id
        self.unsent = unsent
        self.kept = unsent.recall() if unsent is not None else None
        self._keep_timer: Timer | None = None

    @property
    def value(self) -> str:
        return self.query_one(f"#{self.area_id}", TextArea).text

    def on_mount(self) -> None:
        area = self.query_one(f"#{self.area_id}", TextArea)
        area.focus()
        area.move_cursor(area.document.end)

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.unsent is None or event.text_area.id != self.area_id:
            return
        if self._keep_timer is not None:
            self._keep_timer.stop()
        self._keep_timer = self.set_timer(self.KEEP_AFTER_S, self.save_draft)

    def save_draft(self) -> None:
        """Also called by the app before it quits or when the terminal is gone."""
        if self.unsent is not None and self.is_mounted:
            self.unsent.keep(self.value)

    def drop_unsent(self) -> None:
        if self.unsent is not None:
            self.unsent.drop()
