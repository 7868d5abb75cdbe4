"""What a roll-up needs from one unit's report, read from the bundle's report.json.

Read leniently from the JSON (not through report.models.Report): a city may run another zicha
version than its counties, and a field it does not know must not stop the roll-up.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel

from report.models import AREA_KEYS, SECTION_TITLES, STATUSES, is_own_key

UNMARKED = "未标注"
DONE = "已完成"


class Weakness(BaseModel):
    area: str
    control_point: str | None
    text: str
    status: str


class Item(BaseModel):
    text: str
    measure: str
    owner: str
    due: dt.date | None
    progress: str
    source_point: str | None

    def overdue(self, today: dt.date) -> bool:
        return self.due is not None and self.due < today and self.progress != DONE


class UnitFacts(BaseModel):
    unit: str
    year: int
    status: str  # report status: approved / draft / submitted / returned
    draft: bool
    created_at: str
    areas: dict[str, dict[str, int]]  # area key -> status -> count
    weaknesses: list[Weakness]
    items: list[Item]
    score: float | None = None

    def overdue(self, today: dt.date) -> int:
        return sum(1 for i in self.items if i.overdue(today))

    def done(self) -> int:
        return sum(1 for i in self.items if i.progress == DONE)


def _text(p: dict[str, Any]) -> str:
    return str(p.get("drafted") or p.get("text") or "").strip()


def _date(v: object) -> dt.date | None:
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v)
        except ValueError:
            return None
    return None


def facts_of(manifest: dict[str, Any], report: dict[str, Any]) -> UnitFacts:
    areas = {k: dict.fromkeys((*STATUSES, UNMARKED), 0) for k in AREA_KEYS}
    weaknesses: list[Weakness] = []
    items: list[Item] = []
    for section in report.get("sections") or []:
        if not isinstance(section, dict):
            continue
        key = section.get("key")
        # A bank's own section is counted in no standard area; its weaknesses are still listed,
        # under the section's own title.
        own = is_own_key(key)
        for p in section.get("points") or []:
            if not isinstance(p, dict) or p.get("skipped"):
                continue
            if key in areas or own:
                status = p.get("status")
                status = status if status in STATUSES else UNMARKED
                if key in areas:
                    areas[key][status] += 1
                if status in ("基本符合", "不符合"):
                    weaknesses.append(
                        Weakness(
                            area=str(section.get("heading") or key) if own else key,
                            control_point=p.get("control_point"),
                            text=_text(p),
                            status=status,
                        )
                    )
            elif key == "rectification":
                items.append(
                    Item(
                        text=_text(p),
                        measure=str(p.get("measure") or _text(p)),
                        owner=str(p.get("owner") or ""),
                        due=_date(p.get("due")),
                        progress=str(p.get("progress") or "未开始"),
                        source_point=p.get("source_point"),
                    )
                )
    score = manifest.get("score")
    hundred = score.get("hundred") if isinstance(score, dict) else None
    return UnitFacts(
        score=float(hundred) if isinstance(hundred, int | float) else None,
        unit=str(manifest["unit"]),
        year=int(manifest["year"]),
        status=str(manifest.get("status") or "draft"),
        draft=bool(manifest.get("draft")),
        created_at=str(manifest.get("created_at") or ""),
        areas=areas,
        weaknesses=weaknesses,
        items=items,
    )


def area_title(key: str) -> str:
    return SECTION_TITLES.get(key, key)
