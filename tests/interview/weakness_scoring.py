"""Scoring weakness detection on the labelled answers (tuning and held-out parts).

Shared by tests/interview/test_iv_weakness_eval.py and benchmarks/weakness_eval.py.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel

if TYPE_CHECKING:
    from interview.weakness import Lexicon

DATA = Path(__file__).parent / "weakness_labelled"
TUNING_FILE = DATA / "weakness_tuning.yaml"
HELDOUT_FILE = DATA / "weakness_heldout.yaml"
# Everyday answers, one file split by a fixed rule (see everyday_split).
EVERYDAY_FILE = DATA / "weakness_everyday.yaml"
# Written after the last tuning round and never tuned on: the estimate for unseen text.
EVERYDAY_HELDOUT2_FILE = DATA / "weakness_everyday_heldout2.yaml"
# Written by a helper who never saw the rules (eval9, 2026-11-30), scored once after the last rule
# change of that session: the estimate for officer answers nobody tuned on. Never tune on it.
EVERYDAY_HELDOUT3_FILE = DATA / "weakness_everyday_heldout3.yaml"
# Written blind to the rules by another helper (2026-11-30) and scored exactly once, after the
# last rule change of the clause-accounting round (weak9b). Never tune on it.
EVERYDAY_HELDOUT4_FILE = DATA / "weakness_everyday_heldout4.yaml"
# Later everyday batches that only ever join the tuning part.
EVERYDAY_TUNING_BATCHES = (
    DATA / "weakness_everyday_tuning2.yaml",
    DATA / "weakness_everyday_tuning3.yaml",
    DATA / "weakness_everyday_tuning4.yaml",
    DATA / "weakness_everyday_tuning5.yaml",
    DATA / "weakness_everyday_tuning6.yaml",
)
# Batches written for the doubt signs (lags, reliance on a person or chance, someone else's
# account, after-the-fact steps): tuning only, scored on "not proposed 符合" since a doubt
# withholds 符合 without proposing a weakness.
DOUBT_TUNING_BATCHES = (
    DATA / "weakness_everyday_tuning7.yaml",
    DATA / "weakness_everyday_tuning8.yaml",
    DATA / "weakness_everyday_tuning9.yaml",
    DATA / "weakness_everyday_tuning10.yaml",
    DATA / "weakness_everyday_tuning11.yaml",
    DATA / "weakness_everyday_tuning12.yaml",
    DATA / "weakness_everyday_tuning13.yaml",
    DATA / "weakness_everyday_tuning14.yaml",
)
# Batches written for the clause accounting (weak9b, 2026-11-30): gaps told in plain factual
# words (a date, a place, who does what) and compliant answers told plainly. Tuning only; each
# scored once with the rules of its time before any rule changed for it.
STRICT_TUNING_BATCHES = (
    DATA / "weakness_everyday_tuning15.yaml",
    DATA / "weakness_everyday_tuning16.yaml",
    DATA / "weakness_everyday_tuning17.yaml",
)
# Batches written for cue false alarms (weak9c, 2026-11-30): cue words in a sentence that says the
# control works (「业务电脑插不了手机U盘」「他不在业务科兼岗」) beside look-alike weaknesses. Tuning
# only; scored once with main's rules before any rule changed for it.
FALSE_ALARM_TUNING_BATCHES = (
    DATA / "weakness_everyday_tuning18.yaml",
    DATA / "weakness_everyday_tuning19.yaml",
)
# Problems per answer (weak9c): answers naming two problems in one sentence, and answers that go
# on about one problem; tuning only (tests/interview/weakness_split/).
SPLIT_TUNING_FILE = Path(__file__).parent / "weakness_split" / "split_tuning1.yaml"
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
    # The rule that matters to the officer: a weakness must never be proposed 符合.
    weak_proposed_ok: list[str] = []  # weaknesses proposed 符合
    compliant: int = 0
    compliant_ok: int = 0  # compliant answers still proposed 符合
    compliant_unproposed: list[str] = []  # compliant answers left for the officer to choose

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def not_ok_recall(self) -> float:
        """Share of weaknesses NOT proposed 符合 (flagged, or left for the officer)."""
        return 1 - len(self.weak_proposed_ok) / self.weakness if self.weakness else 1.0

    @property
    def compliant_ok_rate(self) -> float:
        """Share of compliant answers that still get 符合 proposed."""
        return self.compliant_ok / self.compliant if self.compliant else 1.0

    def figures(self) -> Figures:
        """Numbers only: a failed assertion on a held-out part then shows no answer text."""
        return Figures(
            n=self.n,
            fp=self.fp,
            fn=self.fn,
            precision=self.precision,
            recall=self.recall,
            not_ok_recall=self.not_ok_recall,
            compliant_ok_rate=self.compliant_ok_rate,
            weak_proposed_ok=len(self.weak_proposed_ok),
            compliant_unproposed=len(self.compliant_unproposed),
        )


class Figures(BaseModel):
    n: int
    fp: int
    fn: int
    precision: float
    recall: float
    not_ok_recall: float
    compliant_ok_rate: float
    weak_proposed_ok: int  # how many weaknesses were proposed 符合
    compliant_unproposed: int


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


def doubt_tuning() -> list[dict[str, str]]:
    items: list[dict[str, str]] = []
    for batch in DOUBT_TUNING_BATCHES:
        items += load_items(batch)
    return items


def strict_tuning() -> list[dict[str, str]]:
    items: list[dict[str, str]] = []
    for batch in STRICT_TUNING_BATCHES:
        items += load_items(batch)
    return items


def false_alarm_tuning() -> list[dict[str, str]]:
    items: list[dict[str, str]] = []
    for batch in FALSE_ALARM_TUNING_BATCHES:
        items += load_items(batch)
    return items


def score(path: Path | list[dict[str, str]], name: str, lex: Lexicon | None = None) -> Score:
    from interview.weakness import detect

    tp = fp = fn = na_right = na_total = 0
    misses: list[str] = []
    alarms: list[str] = []
    weak_ok: list[str] = []
    unproposed: list[str] = []
    compliant = compliant_ok = 0
    items = load_items(path) if isinstance(path, Path) else path
    for item in items:
        found = detect(item["text"], lex)
        got = found.label
        want = item["label"]
        if want == "weakness" and found.status == "符合":
            weak_ok.append(item["text"])
        if want == "compliant":
            compliant += 1
            compliant_ok += found.status == "符合"
            if found.status is None:
                unproposed.append(item["text"])
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
        weak_proposed_ok=weak_ok,
        compliant=compliant,
        compliant_ok=compliant_ok,
        compliant_unproposed=unproposed,
    )


def without_evidence_rule() -> Lexicon:
    """The lexicon as it was before 符合 needed evidence: every clean answer proposed 符合."""
    from interview.weakness import Lexicon, load_cue_file

    data = load_cue_file()
    data.evidence = None
    return Lexicon.from_data(data)


class SplitScore(BaseModel):
    two: int  # answers naming two problems
    two_split: int  # ... found as two
    one: int  # answers naming one problem
    one_whole: int  # ... found as one
    wrong: list[str]

    def line(self) -> str:
        return (
            f"problems per answer (split tuning): two-problem answers found as two "
            f"{self.two_split}/{self.two}, one-problem answers kept whole {self.one_whole}/{self.one}"
        )


def split_score(path: Path = SPLIT_TUNING_FILE) -> SplitScore:
    import yaml

    from interview.weakness import detect

    items = yaml.safe_load(path.read_text(encoding="utf-8"))["items"]
    got = [(int(i["problems"]), len(detect(i["text"]).problems), i["text"]) for i in items]
    return SplitScore(
        two=sum(1 for want, _, _ in got if want == 2),
        two_split=sum(1 for want, n, _ in got if want == 2 and n == 2),
        one=sum(1 for want, _, _ in got if want == 1),
        one_whole=sum(1 for want, n, _ in got if want == 1 and n == 1),
        wrong=[text for want, n, text in got if want != n],
    )


def table(scores: list[Score]) -> str:
    lines = [
        "| part | answers | weaknesses | caught | missed | false alarms | precision | recall "
        "| not applicable right | weakness not proposed 符合 | compliant proposed 符合 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for s in scores:
        lines.append(
            f"| {s.name} | {s.n} | {s.weakness} | {s.tp} | {s.fn} | {s.fp} | "
            f"{s.precision:.3f} | {s.recall:.3f} | {s.na_right}/{s.na_total} | "
            f"{s.not_ok_recall:.3f} ({s.weakness - len(s.weak_proposed_ok)}/{s.weakness}) | "
            f"{s.compliant_ok_rate:.3f} ({s.compliant_ok}/{s.compliant}) |"
        )
    return "\n".join(lines)
