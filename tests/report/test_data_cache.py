"""report/data_cache.py: zicha's own YAML kept as JSON beside it, used only while it matches."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from report import data_cache


def test_the_copy_is_made_used_and_dropped_when_the_file_changes(tmp_path: Path, monkeypatch):
    path = tmp_path / "rules.yaml"
    path.write_text("lead: [我局, 本单位]\npatterns:\n  a: ['都有.*']\n", encoding="utf-8")
    assert data_cache.load_yaml(path) == yaml.safe_load(path.read_text(encoding="utf-8"))
    cache = tmp_path / "__pycache__" / "rules.yaml.json"
    assert json.loads(cache.read_text(encoding="utf-8"))["data"]["lead"] == ["我局", "本单位"]

    parsed: list[str] = []
    real = data_cache._parse_yaml
    monkeypatch.setattr(data_cache, "_parse_yaml", lambda text: parsed.append(text) or real(text))
    assert data_cache.load_yaml(path)["lead"] == ["我局", "本单位"]
    assert parsed == []  # read from the copy
    path.write_text("lead: [我中心]\n", encoding="utf-8")
    assert data_cache.load_yaml(path) == {"lead": ["我中心"]}
    assert len(parsed) == 1  # the edited file was parsed again


def test_data_json_cannot_hold_is_parsed_every_time(tmp_path: Path):
    path = tmp_path / "dates.yaml"
    path.write_text("due: 2026-11-30\n1: one\n", encoding="utf-8")
    data = data_cache.load_yaml(path)
    assert data == yaml.safe_load(path.read_text(encoding="utf-8"))
    assert not (tmp_path / "__pycache__" / "dates.yaml.json").exists()


def test_a_broken_copy_is_ignored(tmp_path: Path):
    path = tmp_path / "x.yaml"
    path.write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "x.yaml.json").write_text("{not json", encoding="utf-8")
    assert data_cache.load_yaml(path) == {"a": 1}
