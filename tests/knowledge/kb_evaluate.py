"""Evaluation helpers shared by test_kb_eval.py and benchmarks/kb_bench.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import yaml
from kb_docs import FIXTURE_REGULATION

EVAL_FILE = Path(__file__).with_name("kb_eval.yaml")
HOLDOUT_FILE = Path(__file__).with_name("kb_eval_holdout.yaml")


def load_eval(path: Path = EVAL_FILE) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write_fixture(folder: Path) -> Path:
    """The fixture regulation as a GBK text file, as an office would have it."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "实施细则.txt"
    path.write_bytes(FIXTURE_REGULATION.encode("gbk"))
    return path


def matches(expect: str, key: str | None, citation: str, title: str) -> bool:
    if expect.startswith("fixture:"):
        return title.startswith("某市") and citation.endswith(expect.removeprefix("fixture:"))
    return key == expect


def evaluate(
    search: Callable[[str], list[tuple[str | None, str, str]]], path: Path = EVAL_FILE
) -> dict[str, dict]:
    """search(q) → ranked (key, citation, title). Returns recall@5 and MRR per style + misses."""
    out: dict[str, dict] = {}
    for item in load_eval(path):
        stats = out.setdefault(item["style"], {"n": 0, "hits": 0, "rr": 0.0, "misses": []})
        stats["n"] += 1
        results = search(item["q"])[:5]
        rank = next(
            (i for i, (k, c, t) in enumerate(results, 1) if matches(item["expect"], k, c, t)),
            None,
        )
        if rank:
            stats["hits"] += 1
            stats["rr"] += 1 / rank
        else:
            stats["misses"].append((item["q"], item["expect"], [r[1] for r in results[:3]]))
    for stats in out.values():
        stats["recall@5"] = stats["hits"] / stats["n"]
        stats["mrr"] = stats["rr"] / stats["n"]
    return out
