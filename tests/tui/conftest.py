"""Fixtures for the TUI tests."""

from __future__ import annotations

import pytest

from tui.app import ZichaApp


class NoLibrary:
    """An empty regulation library: the interview shows no excerpts and never builds an index."""

    def search(self, query: str, k: int = 5) -> list:
        return []


@pytest.fixture
def no_library(monkeypatch: pytest.MonkeyPatch) -> NoLibrary:
    lib = NoLibrary()
    monkeypatch.setattr(ZichaApp, "library", lambda self: lib)
    return lib
