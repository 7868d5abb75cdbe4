"""The export preflight without pydantic (issue 16): the built-in bank read through the JSON
cache and unanswered_in give what load_bank() and unanswered_issues() give."""

from __future__ import annotations

import datetime as dt
import json
import random

from plain_corpus import varied_reports

from interview.bank import load_bank
from interview.readiness import (
    builtin_bank_points,
    filler_issues,
    readiness_issues,
    unanswered_in,
)
from report.models import Point
from report.plain import plain_report
from tui.readiness import full_preflight, plain_preflight


def test_builtin_bank_points_are_the_banks():
    bank = load_bank()
    assert builtin_bank_points() == {
        key: [(cp.id, cp.title) for cp in bank.points(key)] for key in bank.area_keys()
    }


def _answered_on_the_bank(seed: int):
    """A report answering some of the built-in bank's points, skipping some, adding own ones."""
    rng = random.Random(seed)
    report = varied_reports(2)[1].model_copy(update={"bank": None})
    bank = load_bank()
    for key in report.area_keys():
        points = []
        for cp in bank.points(key):
            roll = rng.random()
            if roll < 0.4:
                continue  # not answered
            points.append(
                Point(
                    text=rng.choice(["都有制度", "每月对账，差异当日查明"]),
                    control_point=cp.id,
                    status="符合",
                    skipped=roll > 0.85,
                    custom=roll > 0.95,
                )
            )
        report.section(key).points = points
    return report


def test_unanswered_in_says_what_unanswered_issues_says():
    bank = load_bank()
    points = builtin_bank_points()
    for seed in range(8):
        report = _answered_on_the_bank(seed)
        plain = plain_report(json.loads(report.model_dump_json()))
        want = readiness_issues(report, bank)
        assert want, "the corpus should leave points unanswered"
        assert unanswered_in(plain, points) + filler_issues(plain) == want


def test_plain_preflight_lists_what_full_preflight_lists():
    today = dt.date(2026, 12, 1)
    reports = [_answered_on_the_bank(s) for s in range(4)]
    reports += [r for r in varied_reports() if r.bank is None]
    for report in reports:
        plain = plain_report(json.loads(report.model_dump_json()))
        assert plain_preflight(plain, today) == full_preflight(report, today=today)
