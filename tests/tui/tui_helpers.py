"""Waiting for the app without a wall clock: until the screens are mounted and no worker runs."""

from __future__ import annotations

from typing import Any

MAX_ROUNDS = 50


async def settle(pilot: Any) -> None:
    """Process pending messages (a pushed screen mounts and starts its workers), wait for the
    workers, and repeat while new ones appear. `wait_for_complete` alone, right after
    push_screen, can return before the screen's on_mount started anything (a flaky test)."""
    app = pilot.app
    for _ in range(MAX_ROUNDS):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            return
