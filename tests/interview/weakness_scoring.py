"""Scoring weakness detection on the labelled answers (tuning and held-out parts).

Shared by tests/interview/test_iv_weakness_eval.py and benchmarks/weakness_eval.py.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel

DATA = Path(__file__).parent / "weakness_labelled"
TUNING_FILE = DATA / "weakness_tuning.yaml"
HELDOUT_FILE = DATA / "weakness_heldout.yaml"
# Everyday answers, one file split by a fixed rule (see everyday_split).
EVERYDAY_FILE = DATA / "weakness_everyday.yaml"
# Written after the last tuning round and never tuned on: the estimate for unseen text.
EVERYDAY_HELDOUT2_FILE = DATA / "weakness_everyday_heldout2.yaml"
# Later everyday batches that only ever join the tuning part.
EVERYDAY_TUNING_BATCHES = (
    DATA / "weakness_everyday_tuning2.yaml",
    DATA / "weakness_everyday_tuning3.yaml",
    DATA / "weakness_everyday_tuning4.yaml",
    DATA / "weakness_everyday_tuning5.yaml",
    DATA / "weakness_everyday_tuning6.yaml",
)
LABELS = ("weakness", "compliant", "not_applicable")


class Score(BaseModel):
    name: str
    n: int
    weakness: int
    tp: int
    fp: int
    fn: int
    na_right: int
    na_total: int
    misses: list[str]  # weaknesses not caught
    false_alarms: list[str]  # compliant / not-applicable answers flagged

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def load_items(path: Path) -> list[dict[str, str]]:
    import yaml

    items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    for item in items:
        assert item["label"] in LABELS, item
    return items


def is_everyday_heldout(text: str) -> bool:
    """The fixed split rule of weakness_everyday.yaml: about two items in five are held out."""
    import hashlib

    return int(hashlib.sha1(text.encode("utf-8")).hexdigest(), 16) % 5 < 2


def everyday_split(part: str) -> list[dict[str, str]]:
    """The tuning or held-out part of the everyday answers (later batches are tuning only)."""
    assert part in ("tuning", "heldout"), part
    want = part == "heldout"
    items = [i for i in load_items(EVERYDAY_FILE) if is_everyday_heldout(i["text"]) == want]
    if not want:
        for batch in EVERYDAY_TUNING_BATCHES:
            items += load_items(batch)
    return items


def score(path: Path | list[dict[str, str]], name: str) -> Score:
    from interview.weakness import detect

    tp = fp = fn = na_right = na_total = 0
    misses: list[str] = []
    alarms: list[str] = []
    items = load_items(path) if isinstance(path, Path) else path
    for item in items:
        got = detect(item["text"]).label
        want = item["label"]
        if want == "not_applicable":
            na_total += 1
            na_right += got == "not_applicable"
        if want == "weakness" and got == "weakness":
            tp += 1
        elif want == "weakness":
            fn += 1
            misses.append(item["text"])
        elif got == "weakness":
            fp += 1
            alarms.append(item["text"])
    return Score(
        name=name,
        n=len(items),
        weakness=sum(1 for i in items if i["label"] == "weakness"),
        tp=tp,
        fp=fp,
        fn=fn,
        na_right=na_right,
        na_total=na_total,
        misses=misses,
        false_alarms=alarms,
    )


def table(scores: list[Score]) -> str:
    lines = [
        "| part | answers | weaknesses | caught | missed | false alarms | precision | recall "
        "| not applicable right |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in scores:
        lines.append(
            f"| {s.name} | {s.n} | {s.weakness} | {s.tp} | {s.fn} | {s.fp} | "
            f"{s.precision:.3f} | {s.recall:.3f} | {s.na_right}/{s.na_total} |"
        )
    return "\n".join(lines)
