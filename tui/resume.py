"""What `zicha` reopens on the next start: a tiny JSON file in the data home."""

from __future__ import annotations

import json
import os
from pathlib import Path

from pydantic import BaseModel, ValidationError

RESUME_FILE = "tui_state.json"


class ResumeState(BaseModel):
    report_id: int | None = None
    screen: str = "interview"
    # Who left it there: another user logging in on the same data home starts at Home.
    actor: str | None = None


def load_resume(home: Path) -> ResumeState:
    path = home / RESUME_FILE
    try:
        return ResumeState.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, ValidationError):
        # A missing or damaged file only means "start at home".
        return ResumeState()


def save_resume(home: Path, state: ResumeState) -> None:
    home.mkdir(parents=True, exist_ok=True)
    path = home / RESUME_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(state.model_dump_json(), encoding="utf-8")
    os.replace(tmp, path)
