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

# Started first under xdist: the longest single pieces of the run (building the offline
# installer downloads wheels for three platforms), so that no worker waits for them at the end.
FIRST = ("install/test_offline_install.py",)
# Modules whose module fixtures embed the same regulations with the real e5 model: on one
# worker, one after the other, the second finds the vectors cached (_e5_vectors_once).
SAME_WORKER = {"test_kb_semantic_eval": "e5-libraries", "test_kb_noise": "e5-libraries"}

REPO = Path(__file__).resolve().parent.parent
EXAMPLE_ANSWERS = REPO / "examples" / "answers.yaml"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """For `make test` (pytest-xdist, --dist loadgroup): the tests of a module that share a
    module-scoped fixture run on one worker, so that fixture (an offline installer, an imported
    library, a model) is built once; and the FIRST modules go first. tryfirst: xdist reads the
    groups in its own hook of this name."""
    for item in items:
        info = getattr(item, "_fixtureinfo", None)
        defs = info.name2fixturedefs.values() if info is not None else ()
        if any(d.scope in ("module", "class", "package") for ds in defs for d in ds):
            stem = Path(str(item.path)).stem
            item.add_marker(pytest.mark.xdist_group(SAME_WORKER.get(stem, stem)))
    first = [i for i in items if Path(str(i.path)).as_posix().endswith(FIRST)]
    items[:] = first + [i for i in items if i not in first]


@pytest.fixture(autouse=True, scope="session")
def _e5_vectors_once(tmp_path_factory: pytest.TempPathFactory):
    """The real e5 model embeds each distinct text once per run, not once per test: every fresh
    library computes vectors for the shipped 要点 (about a minute on a busy CI machine), and the
    evaluation sets ask the same questions in several tests. Keyed by model, engine and text, so
    the NumPy engine is never answered with the C engine's vectors; stand-in encoders that tests
    put in place of load_encoder are not touched. Shared by the xdist workers through files."""
    from knowledge import semantic

    if semantic.unavailable_reason() is not None:
        yield
        return
    import hashlib

    import numpy as np

    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # the run's folder, above each worker's own
    cache = base / "e5-vectors"
    cache.mkdir(exist_ok=True)

    def cached(original, kind: str):
        def embed(self, texts):
            single = isinstance(texts, str)
            if not single and not texts:
                return original(self, texts)
            batch = [texts] if single else list(texts)
            paths = [
                cache
                / hashlib.sha256(
                    f"{self.key}|{self.engine}|{kind}|{t}".encode("utf-8", "surrogatepass")
                ).hexdigest()
                for t in batch
            ]
            rows: dict[int, np.ndarray] = {}
            for i, path in enumerate(paths):
                if path.exists():
                    rows[i] = np.frombuffer(path.read_bytes(), dtype=np.float32)
            todo = [i for i in range(len(batch)) if i not in rows]
            if todo:
                fresh = original(self, batch[todo[0]] if single else [batch[i] for i in todo])
                fresh = np.asarray(fresh, dtype=np.float32).reshape(len(todo), -1)
                for i, row in zip(todo, fresh, strict=True):
                    rows[i] = row
                    part = paths[i].with_suffix(f".{os.getpid()}")
                    part.write_bytes(row.tobytes())
                    os.replace(part, paths[i])  # whole or absent for the other worker
            if single:
                return rows[0].copy()
            return np.stack([rows[i] for i in range(len(batch))])

        return embed

    patch = pytest.MonkeyPatch()
    patch.setattr(semantic.Encoder, "query", cached(semantic.Encoder.query, "query"))
    patch.setattr(semantic.Encoder, "passages", cached(semantic.Encoder.passages, "passage"))
    yield
    patch.undo()


@pytest.fixture
def fake_encoder(monkeypatch: pytest.MonkeyPatch):
    """The stand-in encoder (tests/stand_in_encoder.py) in place of the e5 model."""
    from stand_in_encoder import FAKE_KEY, FakeEncoder

    from knowledge import semantic

    enc = FakeEncoder()
    monkeypatch.setattr(semantic, "load_encoder", lambda: enc)
    monkeypatch.setattr(semantic, "model_key", lambda: FAKE_KEY)
    return enc


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
