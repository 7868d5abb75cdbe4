"""Fixtures shared by all test folders: a fresh data home and the example report."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from county_report import county_report
from hypothesis import settings

from report.models import Report
from report.store import ReportStore

# No per-example deadline: a loaded CI machine must not turn slow into failed.
settings.register_profile("zicha", deadline=None)
settings.load_profile("zicha")

# The province_home fixture (a report on an imported province table) for every folder.
pytest_plugins = ["province_tables"]

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_ANSWERS = REPO / "examples" / "answers.yaml"


@pytest.fixture(autouse=True)
def _no_leaked_key_passphrase():
    """ReportStore.create_unit_key sets ZICHA_KEY_PASSPHRASE for its process; a later test
    (any order) must not inherit it."""
    import os

    before = os.environ.get("ZICHA_KEY_PASSPHRASE")
    yield
    if before is None:
        os.environ.pop("ZICHA_KEY_PASSPHRASE", None)
    else:
        os.environ["ZICHA_KEY_PASSPHRASE"] = before


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty data home; ZICHA_HOME points at it so nothing touches the real one."""
    h = tmp_path / "home"
    monkeypatch.setenv("ZICHA_HOME", str(h))
    return h


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for the session (tests/pg_server.py). In CI (CI=true) it must be
    there; elsewhere the PostgreSQL variants skip with the reason none could be started."""
    import pg_server as pgs

    server = pgs.server_from_env() or pgs.start_cluster()
    if isinstance(server, str):
        if os.environ.get("CI") == "true" or os.environ.get(pgs.URL_ENV):
            pytest.fail(f"CI must run the PostgreSQL tests, but: {server}")
        pytest.skip(f"PostgreSQL tests skipped: {server}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server):
    """A URL to an empty schema of its own on the test server; dropped after the test."""
    import pg_server as pgs

    name, url = pgs.new_schema(pg_server.url)
    yield url
    pgs.drop_schema(pg_server.url, name)


@pytest.fixture
def store(home: Path):
    s = ReportStore.open(home)
    yield s
    s.close()


@pytest.fixture
def blank_report() -> Report:
    return county_report()


@pytest.fixture
def example_report() -> Report:
    from report.answers import load_answers

    return load_answers(EXAMPLE_ANSWERS).new_report()


@pytest.fixture
def complete_answers(tmp_path: Path) -> Path:
    """examples/answers.yaml with every other bank point answered by the bank's own example
    (status 符合): a report preflight lets through to review."""
    import yaml
    from answers_fill import answer_every_point

    data = yaml.safe_load(EXAMPLE_ANSWERS.read_text(encoding="utf-8"))
    answer_every_point(data)
    path = tmp_path / "complete_answers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
