"""Preflight of a report started from last year's: points still 待复核 are said once per
section as 「沿用上年内容、尚未复核」, not each again as 「系统拟定的，尚待确认」 (they were
last year's confirmed statuses, and the 36 extra errors buried everything else)."""

from __future__ import annotations

from exports.preflight import preflight
from report.carry import next_year_report


def test_carried_points_are_not_called_system_proposals(example_report) -> None:
    new = next_year_report(example_report, 1, None, None)
    items = preflight(new)
    assert not [i for i in items if "系统拟定" in i.message], [i.line() for i in items]
    pending = [i for i in items if "沿用上年内容、尚未复核" in i.message]
    sections_with_points = [s.key for s in new.sections if s.key != "rectification" and s.points]
    assert sorted(i.section_key or "" for i in pending) == sorted(sections_with_points)
