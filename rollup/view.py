"""Plain-text views of roll-up data for the TUI (no textual here): bars and a report's text."""

from __future__ import annotations

from typing import Any

from report.models import SECTION_TITLES, is_area_key

from .facts import UnitFacts

BAR_WIDTH = 6
# Plain block characters: plotext still misaligns Chinese labels.
BAR_GLYPHS = {"符合": "█", "基本符合": "▓", "不符合": "░"}


def status_bar(counts: dict[str, int], width: int = BAR_WIDTH) -> list[tuple[str, str]]:
    """(glyphs, status) runs for 符合 / 基本符合 / 不符合, scaled to width; 不适用 left out."""
    total = sum(counts.get(s, 0) for s in BAR_GLYPHS)
    if total == 0:
        return [("·" * width, "")]
    runs: list[tuple[str, str]] = []
    used = 0
    for i, status in enumerate(BAR_GLYPHS):
        n = counts.get(status, 0)
        cells = width - used if i == len(BAR_GLYPHS) - 1 else round(n * width / total)
        if n and cells == 0:
            cells = 1  # a weakness is never invisible
        cells = min(cells, width - used)
        if cells:
            runs.append((BAR_GLYPHS[status] * cells, status))
            used += cells
    return runs


def matches(
    unit: UnitFacts, area: str | None, status: str | None, overdue_only: bool, today: Any
) -> bool:
    if status == "draft" and not unit.draft:
        return False
    if status == "approved" and unit.draft:
        return False
    if overdue_only and unit.overdue(today) == 0:
        return False
    if area and not (unit.areas[area].get("基本符合", 0) or unit.areas[area].get("不符合", 0)):
        return False
    return True


def report_text(report: dict[str, Any], manifest: dict[str, Any]) -> str:
    """The unit's report as Markdown, read-only: sections, points with their statuses."""
    lines = [f"# {manifest.get('title') or report.get('unit')}", ""]
    if manifest.get("draft"):
        lines += ["> 草稿：该单位报送时报告尚未审定。", ""]
    approval = manifest.get("approval") or {}
    if approval:
        lines += [f"审定：{approval.get('approved_by', '')}　{approval.get('approved_at', '')}", ""]
    for section in report.get("sections") or []:
        key = section.get("key")
        points = [p for p in section.get("points") or [] if not p.get("skipped")]
        if not points:
            continue
        lines += [f"## {section.get('heading') or SECTION_TITLES.get(key, key)}", ""]
        for p in points:
            body = str(p.get("drafted") or p.get("text") or "").strip()
            status = p.get("status")
            tag = f"（{status}）" if status and is_area_key(key) else ""
            extra = ""
            if key == "rectification":
                parts = [x for x in (p.get("owner"), p.get("due"), p.get("progress")) if x]
                extra = f"（{'，'.join(str(x) for x in parts)}）" if parts else ""
            lines += [f"- {body}{tag}{extra}", ""]
    return "\n".join(lines)
