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

from pydantic import BaseModel


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
