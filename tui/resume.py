"""What `zicha` reopens on the next start: a tiny JSON file in the data home.

A frozen dataclass checked by hand rather than a pydantic model: this file is read before
the first screen is drawn, and importing pydantic there would cost ~60 ms of start-up.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

RESUME_FILE = "tui_state.json"


@dataclass(frozen=True)
class ResumeState:
    report_id: int | None = None
    screen: str = "interview"
    # Who left it there: another user logging in on the same data home starts at Home.
    actor: str | None = None

    @classmethod
    def from_json(cls, data: object) -> ResumeState:
        if not isinstance(data, dict):
            raise ValueError("not an object")
        report_id = data.get("report_id")
        screen = data.get("screen", "interview")
        actor = data.get("actor")
        if report_id is not None and (type(report_id) is not int or report_id < 1):
            raise ValueError("report_id")
        if not isinstance(screen, str) or (actor is not None and not isinstance(actor, str)):
            raise ValueError("screen or actor")
        return cls(report_id=report_id, screen=screen, actor=actor)


def load_resume(home: Path) -> ResumeState:
    path = home / RESUME_FILE
    try:
        return ResumeState.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError):
        # A missing or damaged file only means "start at home".
        return ResumeState()


def save_resume(home: Path, state: ResumeState) -> None:
    home.mkdir(parents=True, exist_ok=True)
    path = home / RESUME_FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(asdict(state), ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
