"""Store, workflow, audit and concurrency tests run against both backends: every test that
takes the `home` fixture (and so `store`) runs once on zicha.db (SQLite) and once on a
PostgreSQL schema of its own, reached through ZICHA_DB exactly as a user's --db would be."""

from __future__ import annotations

from pathlib import Path

import pytest


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
