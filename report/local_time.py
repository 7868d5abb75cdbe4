"""Stored times as people read them. Times are stored as ISO text (2026-11-30T22:10:05+00:00,
with the writer's offset, or without one: then it was the writer's local time); every list a
user reads shows them in this computer's local time, to the minute: 2026-11-30 22:10. What is
stored never changes; machine-readable outputs keep the ISO text."""

from __future__ import annotations

import datetime as dt

SHOWN_FORMAT = "%Y-%m-%d %H:%M"


def local_minutes(iso: str | None) -> str:
    """2026-11-30T22:10:05+00:00 -> 2026-11-30 22:10 in local time ("" for none; text that is
    not an ISO time is shown as it is)."""
    if not iso:
        return ""
    try:
        when = dt.datetime.fromisoformat(iso.strip())
    except ValueError:
        return iso
    # A naive value was written as local time: astimezone() takes it as such.
    return when.astimezone().strftime(SHOWN_FORMAT)
