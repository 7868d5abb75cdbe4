"""Is a query chit-chat rather than a question the library answers? (the semantic noise check)

Why: a greeting or an office-life remark (老婆生日送什么, wifi密码是多少, 电脑开不了机) can share one
word with a rule through the thesaurus (老婆 → 配偶, 密码 → 口令, 电脑 → 计算机), so the words
alone let it through. Its sentence embedding is closer to everyday chit-chat than to any passage
of the documents hit, while a real question, however plainly worded, is at least about as close
to its article as to chit-chat.

The check: (best cosine of the query with a passage of the hit documents) − (best cosine with a
bank of everyday sentences, knowledge/data/chitchat.txt) < MARGIN → the hits are dropped.
A query whose words matched a single concept of the question (wifi密码 → 口令 only) is held
to a stricter margin: thin evidence of words needs the sentence to agree more.
Measured on the tuning library and sets (tests/knowledge/tuning_noise.yaml, kb_eval.yaml,
tuning2/, tuning3/; margins chosen there only): of 82 noise queries the words let 33 through
(−0.06 … 0.0) and real questions lie at −0.044 and above; the check brings noise from 0.61 to
0.85 empty and costs 4 of 97 plain questions (0.91 → 0.87). The two populations overlap: a
margin alone cannot separate them.

The bank's vectors ship in knowledge/data/chitchat_vectors.txt (embedding 176 sentences takes
seconds on an office PC); they name the model and the bank they were made from, and are not
used with another model or an edited bank (then the check is off, never slow).
`python -m knowledge.chitchat` rewrites them.
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

BANK = "chitchat.txt"
VECTORS = "chitchat_vectors.txt"
# chosen on the tuning sets only (see above)
MARGIN = -0.043
# when the words' best hit matched a single concept of the query (wifi密码 → 口令 only)
MARGIN_THIN = -0.031


def _read(name: str) -> str:
    return resources.files("knowledge.data").joinpath(name).read_text(encoding="utf-8")


def bank() -> list[str]:
    """The everyday sentences, without comments and blank lines."""
    out = []
    for line in _read(BANK).splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def bank_digest(sentences: list[str]) -> str:
    return hashlib.sha256("\n".join(sentences).encode()).hexdigest()[:16]


@lru_cache(maxsize=4)
def bank_vectors(model_key: str) -> npt.NDArray[np.float32] | None:
    """The bank's unit vectors (rows), or None when they were made by another model or from
    another bank."""
    import numpy as np

    lines = _read(VECTORS).splitlines()
    header = dict(
        line[2:].split(": ", 1) for line in lines if line.startswith("# ") and ": " in line
    )
    if header.get("model") != model_key or header.get("bank") != bank_digest(bank()):
        return None
    rows = [
        np.frombuffer(base64.b64decode(line), dtype=np.float16)
        for line in lines
        if line and not line.startswith("#")
    ]
    if not rows:
        return None
    return np.stack(rows).astype(np.float32)


def closeness(model_key: str, vector: npt.NDArray[np.float32]) -> float | None:
    """Best cosine of a query vector with the bank; None when the bank has no vectors here."""
    found = bank_vectors(model_key)
    if found is None:
        return None
    return float((found @ vector).max())


def is_chitchat(
    model_key: str, vector: npt.NDArray[np.float32], best_passage: float, thin: bool = False
) -> bool:
    """True when the query is clearly closer to everyday chit-chat than to the library; thin:
    the words matched one concept of the query only, so the sentence must agree more."""
    chat = closeness(model_key, vector)
    return chat is not None and best_passage - chat < (MARGIN_THIN if thin else MARGIN)


def write_vectors() -> int:
    """Embed the bank with the installed model and rewrite the vectors file (in the source
    tree). Returns how many sentences."""
    from pathlib import Path

    import numpy as np

    from .semantic import load_encoder

    encoder = load_encoder()
    sentences = bank()
    matrix = np.stack([encoder.query(s) for s in sentences])
    lines = [
        "# Vectors of chitchat.txt (knowledge/chitchat.py), by python -m knowledge.chitchat",
        f"# model: {encoder.key}",
        f"# bank: {bank_digest(sentences)}",
    ]
    lines += [base64.b64encode(row.astype(np.float16).tobytes()).decode() for row in matrix]
    Path(__file__).with_name("data").joinpath(VECTORS).write_text(
        "\n".join(lines) + "\n", encoding="utf-8"
    )
    return len(sentences)


if __name__ == "__main__":
    print(f"{write_vectors()} sentences embedded")
