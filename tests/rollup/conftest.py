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
