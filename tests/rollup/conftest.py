"""A city office's empty data home with its administrator."""

from __future__ import annotations

from pathlib import Path

import pytest
from rollup_helpers import ok, zicha


@pytest.fixture
def city(tmp_path: Path) -> Path:
    home = tmp_path / "市局"
    ok(zicha(home, "user", "add", "市管理员"))
    return home


@pytest.fixture(autouse=True)
def _no_key_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    # The counties' keys have no passphrase; a value left in the environment would be refused.
    monkeypatch.delenv("ZICHA_KEY_PASSPHRASE", raising=False)


@pytest.fixture(autouse=True)
def _no_leaked_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    # report/store.py sets ZICHA_KEY_PASSPHRASE in os.environ when a key is made with a
    # passphrase in-process; a test that ran before must not make these keys look locked.
    monkeypatch.delenv("ZICHA_KEY_PASSPHRASE", raising=False)
