"""Measure the language rules against their labelled sets (tuning and held-out).

Used by benchmarks/prose_bench.py (prints the table) and by the tests (thresholds).
"""

from __future__ import annotations

from pydantic import BaseModel

from .phrasing import _load_yaml, formalize, is_filler

SPLITS = ("tuning", "heldout")


class FillerScore(BaseModel):
    split: str
    total: int
    true_pos: int
    false_pos: int
    false_neg: int
    misses: list[str]  # texts labelled wrongly, for the report

    @property
    def precision(self) -> float:
        found = self.true_pos + self.false_pos
        return self.true_pos / found if found else 1.0

    @property
    def recall(self) -> float:
        real = self.true_pos + self.false_neg
        return self.true_pos / real if real else 1.0


class RewriteScore(BaseModel):
    split: str
    total: int
    exact: int
    untouched_total: int  # formal sentences that must not change
    untouched_kept: int
    misses: list[str]

    @property
    def accuracy(self) -> float:
        return self.exact / self.total if self.total else 1.0


def everyday_split(text: str) -> str:
    """The fixed split rule of the *_everyday.yaml sets: about two items in five are held out."""
    import hashlib

    return (
        "heldout" if int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 5 < 2 else "tuning"
    )


# Later batches that only ever join the tuning part of an everyday set.
TUNING_BATCHES = {
    "colloquial_everyday.yaml": ("colloquial_everyday_tuning2.yaml",),
    "filler_everyday.yaml": ("filler_everyday_tuning2.yaml",),
}


def _labelled_items(name: str) -> list[dict[str, object]]:
    items: list[dict[str, object]] = _load_yaml(name)["items"]
    for item in items:
        item.setdefault("split", everyday_split(str(item["text"])))
    for batch in TUNING_BATCHES.get(name, ()):
        items += [{**item, "split": "tuning"} for item in _load_yaml(batch)["items"]]
    return items


def score_filler(split: str, name: str = "filler_labelled.yaml") -> FillerScore:
    """Filler detection on one part of a labelled file (filler_labelled / filler_everyday)."""
    tp = fp = fn = 0
    total = 0
    misses: list[str] = []
    for item in _labelled_items(name):
        if item["split"] != split:
            continue
        total += 1
        got = is_filler(str(item["text"]))
        if got and item["filler"]:
            tp += 1
        elif got:
            fp += 1
            misses.append(f"误判为笼统：{item['text']}")
        elif item["filler"]:
            fn += 1
            misses.append(f"漏判：{item['text']}")
    return FillerScore(
        split=split, total=total, true_pos=tp, false_pos=fp, false_neg=fn, misses=misses
    )


def score_rewrites(split: str, name: str = "colloquial_labelled.yaml") -> RewriteScore:
    """Exact rewrites on one part of a labelled file (colloquial_labelled / colloquial_everyday)."""
    exact = total = untouched_total = untouched_kept = 0
    misses: list[str] = []
    for item in _labelled_items(name):
        if item["split"] != split:
            continue
        total += 1
        self_name = str(item.get("self", "我局"))
        got = formalize(str(item["text"]), self_name).text
        stable = formalize(got, self_name).text == got
        if item["expected"] == item["text"]:
            untouched_total += 1
            untouched_kept += got == item["text"]
        if got == item["expected"] and stable:
            exact += 1
        else:
            misses.append(f"{item['text']} → {got}（应为 {item['expected']}）")
    return RewriteScore(
        split=split,
        total=total,
        exact=exact,
        untouched_total=untouched_total,
        untouched_kept=untouched_kept,
        misses=misses,
    )
