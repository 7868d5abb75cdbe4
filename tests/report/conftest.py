"""Store, workflow, audit and concurrency tests run against both backends: in the modules
listed in BOTH_BACKENDS, every test that takes the `home` fixture (and so `store`) runs once
on zicha.db (SQLite) and once on a PostgreSQL schema of its own, reached through ZICHA_DB
exactly as a user's --db would be. Other modules (answers files, text, models) run on SQLite
only: they do not depend on the backend, and `make test` must stay short."""

from __future__ import annotations

from pathlib import Path

import pytest

BOTH_BACKENDS = {
    "test_report_store",
    "test_report_audit",
    "test_audit_signed",
    "test_review_cli",
    "test_review_concurrency",
    "test_review_flow",
    "test_review_rules",
    "test_review_tamper",
    "test_users_auth",
    "test_login_hardening",
    "test_cycle_carry",
    "test_cycle_evidence",
    "test_db_backends",
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """The PostgreSQL variant only for the modules in BOTH_BACKENDS."""
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        on_pg = callspec is not None and callspec.params.get("backend") == "postgresql"
        (drop if on_pg and Path(str(item.path)).stem not in BOTH_BACKENDS else keep).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, backend: str, request: pytest.FixtureRequest
) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("ZICHA_HOME", str(h))
    if backend == "postgresql":
        marker = request.node.get_closest_marker("sqlite_only")
        if marker is not None:
            pytest.skip(f"SQLite only: {marker.args[0] if marker.args else ''}")
        monkeypatch.setenv("ZICHA_DB", request.getfixturevalue("pg_url"))
    else:
        monkeypatch.delenv("ZICHA_DB", raising=False)
    return h
