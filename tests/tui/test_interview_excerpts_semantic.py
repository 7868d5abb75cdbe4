"""The excerpts panel does not freeze while a query is embedded (issue 13, semantic leg): the
real Library searches with a stand-in encoder that blocks until released; meanwhile the officer
keeps typing and the keys arrive."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from stand_in_encoder import FakeEncoder
from tui_helpers import settle

from knowledge import semantic
from knowledge.library import Library
from report.home import knowledge_db_path
from tui.app import ZichaApp
from tui.screens.interview import InterviewScreen
from tui.widgets.answer_box import AnswerBox
from tui.widgets.excerpts_panel import ExcerptsPanel

KEY = "blocking stand-in v1"


class BlockingEncoder:
    key = KEY

    def __init__(self) -> None:
        self.release = threading.Event()
        self.release.set()
        self.entered = threading.Event()
        self.queries: list[str] = []

    _vec = staticmethod(FakeEncoder._vec)

    def query(self, text: str) -> np.ndarray:
        self.queries.append(text)
        self.entered.set()
        assert self.release.wait(30), "never released"
        return self._vec(text)

    def passages(self, texts: list[str]) -> np.ndarray:
        return np.stack([self._vec(t) for t in texts])


@pytest.fixture
def encoder(home: Path, monkeypatch: pytest.MonkeyPatch) -> BlockingEncoder:
    enc = BlockingEncoder()
    monkeypatch.setattr(semantic, "load_encoder", lambda: enc)
    monkeypatch.setattr(semantic, "model_key", lambda: KEY)
    with Library(knowledge_db_path(home)) as lib:
        assert lib.build_vectors().complete  # the starter 要点 get (stand-in) vectors
    return enc


async def test_typing_goes_on_while_the_query_is_embedded(home, store, blank_report, encoder):
    report = store.create(blank_report)
    encoder.release.clear()  # every embedding now waits until released
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(120, 34)) as pilot:
        app.open_report(report.id)
        for _ in range(1500):  # the opening search reaches the model (in a worker)
            await pilot.pause(0.02)
            if encoder.entered.is_set():
                break
        assert encoder.entered.is_set()
        assert isinstance(app.screen, InterviewScreen)
        screen = app.screen
        box = screen.query_one(AnswerBox)
        box.focus()
        await pilot.press("a", "b", "c")  # handled while the embedding still blocks
        await pilot.pause()
        assert box.text.endswith("abc")
        assert not encoder.release.is_set()
        encoder.release.set()
        await settle(pilot)
        assert screen.query_one(ExcerptsPanel).hits  # the excerpts arrive after all
        assert encoder.queries
