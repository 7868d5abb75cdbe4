"""Slow work off the UI thread, one way for every screen: a Textual thread worker.

`run_job(node, job, done)` runs `job()` in a thread worker (`node.run_worker(thread=True)`),
then hands its result to `done` on the UI thread with `app.call_from_thread`; an exception goes
to `failed` (default: `app.notify_error`, a Chinese notice). The worker ends only after `done`
has run, so `await app.workers.wait_for_complete()` means the screen already shows the result
(tests with Pilot stay deterministic).

Database connections: a screen that writes owns a `ReportStore` (or an engine on one) that only
its jobs touch, one job at a time — pass the screen's `lock`. Thread workers take any thread of
a pool, so those connections are opened usable from any thread (report/db.py).
"""

from __future__ import annotations

import threading
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from textual.worker import get_current_worker

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.worker import Worker

    from report.store import ReportStore

T = TypeVar("T")
Done = Callable[[T], Awaitable[None] | None]
Failed = Callable[[Exception], Awaitable[None] | None]


async def _call(
    node: DOMNode, callback: Callable[[], Awaitable[None] | None], always: bool = False
) -> bool:
    """On the UI thread: run the callback, unless its screen has gone in the meantime (a
    failure is still said, `always`). True if it ran."""
    running = node.app.is_running
    if not (node.is_attached or ((always or node is node.app) and running)):
        return False
    try:
        outcome = callback()
        if outcome is not None:
            await outcome
    except Exception as exc:  # noqa: BLE001 - a defect in the callback: said, never swallowed
        node.app.notify_error(exc)  # type: ignore[attr-defined]  # ZichaApp
    return True


def _to_ui(
    node: DOMNode, callback: Callable[[], Awaitable[None] | None], always: bool = False
) -> None:
    """From the worker thread: run the callback on the UI thread and wait until it is done."""
    # textual types call_from_thread's callback so that mypy solves its result as Never
    node.app.call_from_thread(_call, node, callback, always)  # type: ignore[arg-type]


def run_job(
    node: DOMNode,
    job: Callable[[], T],
    done: Done[T] | None = None,
    *,
    failed: Failed | None = None,
    lock: threading.Lock | None = None,
    group: str = "job",
    exclusive: bool = False,
) -> Worker[None]:
    """Run `job` in a thread worker of `node`; then `done(result)` or `failed(exc)` on the UI.

    `lock` (the owner's, not shared across owners) keeps jobs on one connection from
    overlapping; it is held for `job` only, never while the UI runs the callback.
    """
    app = node.app

    def work() -> None:
        try:
            if lock is None:
                result = job()
            else:
                with lock:
                    result = job()
        except Exception as exc:  # noqa: BLE001 - handed to the UI as a Chinese notice
            error = exc
            if failed is None:
                _to_ui(node, lambda: app.notify_error(error), always=True)  # type: ignore[attr-defined]  # ZichaApp
            else:
                _to_ui(node, lambda: failed(error))
            return
        if done is not None and not get_current_worker().is_cancelled:
            _to_ui(node, lambda: done(result))

    return node.run_worker(
        work, name=group, group=group, thread=True, exclusive=exclusive, exit_on_error=False
    )


def run_on_store(
    node: DOMNode,
    job: Callable[[ReportStore], T],
    done: Done[T] | None = None,
    *,
    failed: Failed | None = None,
    group: str = "job",
    exclusive: bool = False,
) -> Worker[None]:
    """run_job for a one-off read or write: `job(store)` on a store opened for it (and closed
    after) in the worker. A refusal (ZichaError) becomes the Chinese notice unless `failed`."""
    from report.store import ReportStore

    where = node.app.db_path  # type: ignore[attr-defined]  # ZichaApp

    def work() -> T:
        with ReportStore(where) as store:
            return job(store)

    return run_job(node, work, done, failed=failed, group=group, exclusive=exclusive)


class ScreenStore:
    """A screen's own ReportStore: opened by the screen's first job, used by one job at a
    time (`lock`), and closed after the jobs still running when the screen goes."""

    def __init__(self, node: DOMNode) -> None:
        self._node = node
        self.lock = threading.Lock()
        self._store: ReportStore | None = None

    def open(self) -> ReportStore:
        """On a worker: the store, opened the first time."""
        if self._store is None:
            from report.store import ReportStore

            self._store = ReportStore(self._node.app.db_path)  # type: ignore[attr-defined]  # ZichaApp
        return self._store

    def close_after_jobs(self) -> None:
        """On unmount: close the store once the jobs still running on it are done."""
        store = self._store
        if store is not None:
            run_job(self._node.app, store.close, lock=self.lock, group="close")
