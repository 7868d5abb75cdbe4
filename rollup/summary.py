"""The numbers of a roll-up, computed once for the spreadsheet, the draft report and the TUI."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from pydantic import BaseModel

from report.models import AREA_KEYS

from .city import CityStore
from .facts import Item, UnitFacts

STATUS_LABELS = {
    "approved": "已审定",
    "submitted": "审核中（草稿）",
    "returned": "已退回（草稿）",
    "draft": "草稿",
}


class CommonProblem(BaseModel):
    area: str
    control_point: str | None
    title: str
    units: list[str]
    examples: list[tuple[str, str]]  # (unit, text)

    @property
    def count(self) -> int:
        return len(self.units)


class Rollup(BaseModel):
    year: int
    today: dt.date
    units: list[UnitFacts]
    missing: list[str]  # trusted units with no bundle for the year

    def problems(self, titles: dict[str, str]) -> list[CommonProblem]:
        """Every weakness grouped by control point, most units first."""
        groups: dict[tuple[str, str | None], CommonProblem] = {}
        for u in self.units:
            for w in u.weaknesses:
                key = (w.area, w.control_point or f"{w.area}:{w.text[:20]}")
                title = titles.get(w.control_point or "", "") or w.text[:30]
                group = groups.setdefault(
                    key,
                    CommonProblem(
                        area=w.area,
                        control_point=w.control_point,
                        title=title,
                        units=[],
                        examples=[],
                    ),
                )
                if u.unit not in group.units:
                    group.units.append(u.unit)
                group.examples.append((u.unit, w.text))
        order: dict[str, int] = {k: i for i, k in enumerate(AREA_KEYS)}
        return sorted(
            groups.values(),
            key=lambda g: (-g.count, order.get(g.area, 9), g.control_point or ""),
        )

    def items(self) -> list[tuple[str, Item]]:
        return [(u.unit, i) for u in self.units for i in u.items]

    def area_totals(self) -> dict[str, dict[str, int]]:
        totals: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for u in self.units:
            for area, counts in u.areas.items():
                for status, n in counts.items():
                    totals[area][status] += n
        return {a: dict(totals[a]) for a in AREA_KEYS}

    def drafts(self) -> list[str]:
        return [u.unit for u in self.units if u.draft]


def bank_titles() -> dict[str, str]:
    """Control point id -> title, from the built-in bank (ids in reports answered on it)."""
    try:
        from interview.bank import load_bank

        bank = load_bank()
    except Exception:  # a broken bank must not stop a roll-up; ids are shown instead
        return {}
    return {p.id: p.title for f in bank.files.values() for p in f.points}


def build_rollup(city: CityStore, year: int, today: dt.date | None = None) -> Rollup:
    bundles = city.current(year)
    return Rollup(
        year=year,
        today=today or dt.date.today(),
        units=[b.facts() for b in bundles],
        missing=city.missing_units(year),
    )
