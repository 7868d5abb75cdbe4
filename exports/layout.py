"""Every layout number of the official document (GB/T 9704-2012), in one place.

See REPORT_FORMAT.md. Lengths are kept in the unit the standard uses (mm, pt, characters);
the helpers at the bottom turn them into Word's twips.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator

# Sizes by Chinese name (pt).
SIZES_PT: dict[str, float] = {
    "初号": 42,
    "小初": 36,
    "一号": 26,
    "小一": 24,
    "二号": 22,
    "小二": 18,
    "三号": 16,
    "小三": 15,
    "四号": 14,
    "小四": 12,
    "五号": 10.5,
}


@dataclass(frozen=True)
class FontSpec:
    """The official font first; fallbacks are what Word/WPS should use when it is missing."""

    name: str
    fallbacks: tuple[str, ...] = ()


FANGSONG = FontSpec("仿宋_GB2312", ("仿宋", "FangSong", "Noto Serif CJK SC"))
XIAOBIAOSONG = FontSpec("方正小标宋简体", ("小标宋", "宋体", "SimSun", "Noto Serif CJK SC"))
HEITI = FontSpec("黑体", ("SimHei", "Noto Sans CJK SC"))
KAITI = FontSpec("楷体_GB2312", ("楷体", "KaiTi", "Noto Serif CJK SC"))
SONGTI = FontSpec("宋体", ("SimSun", "Noto Serif CJK SC"))


# A 16 pt character is wider than the 15.79 pt grid cell (28 a line); LibreOffice then gives it
# two cells (14 a line). Condensing by 0.25 pt makes it fit one cell there; Word snaps to the grid.
GRID_TRACKING_TWIPS = -5


@dataclass(frozen=True)
class TextStyle:
    font: FontSpec
    size_name: str | float  # a Chinese size name (三号) or points
    bold: bool = False
    tracking_twips: int = 0
    snap_to_grid: bool = True

    @property
    def size_pt(self) -> float:
        return size_pt(self.size_name)


BODY = TextStyle(FANGSONG, "三号", tracking_twips=GRID_TRACKING_TWIPS)
# The title is larger than a grid cell: it keeps its own spacing instead of taking two cells a character.
TITLE = TextStyle(XIAOBIAOSONG, "二号", snap_to_grid=False)
HEADING1 = TextStyle(HEITI, "三号", tracking_twips=GRID_TRACKING_TWIPS)
HEADING2 = TextStyle(KAITI, "三号", tracking_twips=GRID_TRACKING_TWIPS)
HEADING3 = TextStyle(FANGSONG, "三号", bold=True, tracking_twips=GRID_TRACKING_TWIPS)
PAGE_NUMBER = TextStyle(SONGTI, "四号")
DRAFT_MARK = TextStyle(HEITI, "三号")
APPENDIX_LABEL = TextStyle(HEITI, "三号")

# Paper and margins (mm).
PAGE_WIDTH_MM = 210.0
PAGE_HEIGHT_MM = 297.0
MARGIN_TOP_MM = 37.0  # 天头
MARGIN_BOTTOM_MM = 35.0
MARGIN_LEFT_MM = 28.0  # 订口
MARGIN_RIGHT_MM = 26.0
TYPE_AREA_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 156
TYPE_AREA_HEIGHT_MM = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM  # 225
HEADER_DISTANCE_MM = 15.0
# The page number sits about 7 mm below the type area: 35 - 7 - one 14 pt line ≈ 22 mm.
FOOTER_DISTANCE_MM = 22.0

# Grid: 22 lines a page, 28 characters a line.
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
GRID_TYPE = "lines"

# Indents, in characters of body text.
FIRST_LINE_INDENT_CHARS = 2
DATE_RIGHT_INDENT_CHARS = 4
PAGE_NUMBER_EDGE_CHARS = 1  # odd pages one character from the right, even from the left

# Blank body lines between the last paragraph and the signature (room for the seal).
BLANK_LINES_BEFORE_SIGNATURE = 2
# Where a long title may break: after these words, so each line keeps its meaning whole.
TITLE_BREAK_AFTER: tuple[str, ...] = (
    "关于",
    "年度",
    "局",
    "处",
    "中心",
    "机构",
    "工作",
    "情况",
    "的",
    "开展",
)

# Blank lines under the title (the addressee is "one line below the title").
BLANK_LINES_AFTER_TITLE = 1

DRAFT_MARK_TEXT = "征求意见稿"
PAGE_NUMBER_DASH = "—"  # an em dash each side: — 1 —

MM_PER_PT = 25.4 / 72
TWIPS_PER_PT = 20


def mm_to_pt(mm: float) -> float:
    return mm / MM_PER_PT


def line_pitch_pt() -> float:
    """225 mm / 22 lines ≈ 28.99 pt."""
    return mm_to_pt(TYPE_AREA_HEIGHT_MM) / LINES_PER_PAGE


def line_pitch_twips() -> int:
    # Rounded down so 22 lines always fit in the type area.
    return int(line_pitch_pt() * TWIPS_PER_PT)


def char_pitch_pt() -> float:
    """156 mm / 28 characters ≈ 15.79 pt."""
    return mm_to_pt(TYPE_AREA_WIDTH_MM) / CHARS_PER_LINE


def title_chars_per_line() -> int:
    """How many 22 pt characters fit across the type area (20)."""
    return int(mm_to_pt(TYPE_AREA_WIDTH_MM) // TITLE.size_pt)


def char_space_value() -> int:
    """w:docGrid/@w:charSpace: the pitch minus the body font size, in 1/4096 pt."""
    return round((char_pitch_pt() - BODY.size_pt) * 4096)


def chars_to_twips(chars: float, style: TextStyle = BODY) -> int:
    return round(chars * style.size_pt * TWIPS_PER_PT)


def half_points(style: TextStyle) -> int:
    """w:sz is in half-points."""
    return round(style.size_pt * 2)


# --- the layout as one value: a profile's `layout:` overrides any of these --------------------
# Roles a profile can give a font, a size or a colour.
ROLES: tuple[str, ...] = (
    "body",
    "title",
    "heading1",
    "heading2",
    "heading3",
    "page_number",
    "draft_mark",
    "appendix_label",
    "organ_mark",
    "doc_number",
    "signer",
    "secrecy",
    "urgency",
    "record",
    "table",
)
ROLE_LABELS: dict[str, str] = {
    "body": "正文",
    "title": "标题",
    "heading1": "一级标题",
    "heading2": "二级标题",
    "heading3": "三级标题",
    "page_number": "页码",
    "draft_mark": "征求意见稿标注",
    "appendix_label": "附件标识",
    "organ_mark": "发文机关标志",
    "doc_number": "发文字号",
    "signer": "签发人姓名",
    "secrecy": "密级",
    "urgency": "紧急程度",
    "record": "版记",
    "table": "表格文字",
}
_DEFAULT_FONTS: dict[str, str] = {
    "body": FANGSONG.name,
    "title": XIAOBIAOSONG.name,
    "heading1": HEITI.name,
    "heading2": KAITI.name,
    "heading3": FANGSONG.name,
    "page_number": SONGTI.name,
    "draft_mark": HEITI.name,
    "appendix_label": HEITI.name,
    "organ_mark": XIAOBIAOSONG.name,
    "doc_number": FANGSONG.name,
    "signer": KAITI.name,
    "secrecy": HEITI.name,
    "urgency": HEITI.name,
    "record": FANGSONG.name,
    "table": FANGSONG.name,
}
_DEFAULT_SIZES: dict[str, str | float] = {
    "body": "三号",
    "title": "二号",
    "heading1": "三号",
    "heading2": "三号",
    "heading3": "三号",
    "page_number": "四号",
    "draft_mark": "三号",
    "appendix_label": "三号",
    "organ_mark": "小初",
    "doc_number": "三号",
    "signer": "三号",
    "secrecy": "三号",
    "urgency": "三号",
    "record": "四号",
    "table": "四号",
}
_BOLD_ROLES = frozenset({"heading3"})
# Roles set on the 28 × 22 grid (the rest keep their own spacing).
_GRID_ROLES = frozenset(
    {"body", "heading1", "heading2", "heading3", "doc_number", "signer", "appendix_label"}
)
_KNOWN_FALLBACKS: dict[str, tuple[str, ...]] = {
    spec.name: spec.fallbacks for spec in (FANGSONG, XIAOBIAOSONG, HEITI, KAITI, SONGTI)
}
RED = "FF0000"


def size_pt(size: str | float) -> float:
    return float(SIZES_PT[size]) if isinstance(size, str) else float(size)


def font_spec(name: str) -> FontSpec:
    """A font with fallbacks: known official fonts keep theirs; a _GBK or other name gets the
    fallbacks of the family it belongs to (仿宋, 黑体, 楷体, 宋体)."""
    if name in _KNOWN_FALLBACKS:
        return FontSpec(name, _KNOWN_FALLBACKS[name])
    for family, spec in (("小标宋", XIAOBIAOSONG), ("仿宋", FANGSONG), ("黑体", HEITI)):
        if family in name:
            return FontSpec(name, (spec.name, *spec.fallbacks))
    for family, spec in (("楷体", KAITI), ("宋", SONGTI)):
        if family in name:
            return FontSpec(name, (spec.name, *spec.fallbacks))
    return FontSpec(name, ())


class Layout(BaseModel):
    """Every number of the page; the built-in value is GB/T 9704-2012 as above."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    page_width_mm: float = Field(PAGE_WIDTH_MM, gt=50, le=1000)
    page_height_mm: float = Field(PAGE_HEIGHT_MM, gt=50, le=1000)
    margin_top_mm: float = Field(MARGIN_TOP_MM, ge=0, le=200)
    margin_bottom_mm: float = Field(MARGIN_BOTTOM_MM, ge=0, le=200)
    margin_left_mm: float = Field(MARGIN_LEFT_MM, ge=0, le=200)
    margin_right_mm: float = Field(MARGIN_RIGHT_MM, ge=0, le=200)
    header_distance_mm: float = Field(HEADER_DISTANCE_MM, ge=0, le=200)
    footer_distance_mm: float = Field(FOOTER_DISTANCE_MM, ge=0, le=200)
    lines_per_page: int = Field(LINES_PER_PAGE, ge=5, le=60)
    chars_per_line: int = Field(CHARS_PER_LINE, ge=5, le=60)
    first_line_indent_chars: int = Field(FIRST_LINE_INDENT_CHARS, ge=0, le=10)
    date_right_indent_chars: int = Field(DATE_RIGHT_INDENT_CHARS, ge=0, le=20)
    page_number_edge_chars: int = Field(PAGE_NUMBER_EDGE_CHARS, ge=0, le=10)
    blank_lines_before_signature: int = Field(BLANK_LINES_BEFORE_SIGNATURE, ge=0, le=10)
    blank_lines_after_title: int = Field(BLANK_LINES_AFTER_TITLE, ge=0, le=10)
    # 版头: the mark's top edge below the type area's top edge; the red line below the number.
    organ_mark_top_mm: float = Field(35.0, ge=0, le=150)
    separator_gap_mm: float = Field(4.0, ge=0, le=50)
    separator_width_pt: float = Field(1.0, gt=0, le=6)
    fonts: dict[str, str] = Field(default_factory=lambda: dict(_DEFAULT_FONTS))
    sizes: dict[str, str | float] = Field(default_factory=lambda: dict(_DEFAULT_SIZES))
    colours: dict[str, str] = Field(default_factory=lambda: {"organ_mark": RED, "separator": RED})

    @field_validator("fonts", "sizes", mode="before")
    @classmethod
    def _merge_roles(cls, value: Any, info: Any) -> Any:
        """A profile names only the roles it changes; the others keep their defaults."""
        if not isinstance(value, dict):
            return value
        unknown = [k for k in value if k not in ROLES]
        if unknown:
            raise ValueError(f"unknown_role:{unknown[0]}")
        base = dict(_DEFAULT_FONTS if info.field_name == "fonts" else _DEFAULT_SIZES)
        base.update(value)
        return base

    @field_validator("fonts")
    @classmethod
    def _font_names(cls, value: dict[str, str]) -> dict[str, str]:
        for role, name in value.items():
            if not isinstance(name, str) or not name.strip():
                raise ValueError(f"bad_font:{role}")
        return {k: v.strip() for k, v in value.items()}

    @field_validator("sizes")
    @classmethod
    def _size_names(cls, value: dict[str, Any]) -> dict[str, str | float]:
        for role, size in value.items():
            if isinstance(size, str) and size in SIZES_PT:
                continue
            if isinstance(size, (int, float)) and not isinstance(size, bool) and 5 <= size <= 100:
                continue
            raise ValueError(f"bad_size:{role}")
        return value

    @field_validator("colours", mode="before")
    @classmethod
    def _colours(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        out = {"organ_mark": RED, "separator": RED}
        for key, colour in value.items():
            if key not in out:
                raise ValueError(f"unknown_colour:{key}")
            text = str(colour).strip().lstrip("#").upper()
            if not re.fullmatch(r"[0-9A-F]{6}", text):
                raise ValueError(f"bad_colour:{key}")
            out[key] = text
        return out

    # --- derived -----------------------------------------------------------------------------
    @property
    def type_area_width_mm(self) -> float:
        return self.page_width_mm - self.margin_left_mm - self.margin_right_mm

    @property
    def type_area_height_mm(self) -> float:
        return self.page_height_mm - self.margin_top_mm - self.margin_bottom_mm

    def line_pitch_pt(self) -> float:
        return mm_to_pt(self.type_area_height_mm) / self.lines_per_page

    def line_pitch_twips(self) -> int:
        # Rounded down so all lines always fit in the type area.
        return int(self.line_pitch_pt() * TWIPS_PER_PT)

    def char_pitch_pt(self) -> float:
        return mm_to_pt(self.type_area_width_mm) / self.chars_per_line

    def char_space_value(self) -> int:
        """w:docGrid/@w:charSpace: the pitch minus the body font size, in 1/4096 pt."""
        return round((self.char_pitch_pt() - self.style("body").size_pt) * 4096)

    def style(self, role: str) -> TextStyle:
        size = self.sizes[role]
        on_grid = role in _GRID_ROLES
        tracking = 0
        if on_grid:
            # A character wider than its grid cell would take two cells in LibreOffice.
            excess = size_pt(size) - self.char_pitch_pt()
            if excess > 0:
                tracking = -math.ceil(excess * 4) * 5  # whole quarter points, in twips
        return TextStyle(
            font_spec(self.fonts[role]),
            size if isinstance(size, str) else float(size),
            bold=role in _BOLD_ROLES,
            tracking_twips=tracking,
            snap_to_grid=on_grid or role not in ("title", "organ_mark"),
        )

    def chars_to_twips(self, chars: float, role: str = "body") -> int:
        return round(chars * self.style(role).size_pt * TWIPS_PER_PT)

    def title_chars_per_line(self) -> int:
        return int(mm_to_pt(self.type_area_width_mm) // self.style("title").size_pt)

    def font_specs(self) -> list[FontSpec]:
        seen: dict[str, FontSpec] = {}
        for role in ROLES:
            spec = font_spec(self.fonts[role])
            seen.setdefault(spec.name, spec)
        return list(seen.values())


DEFAULT_LAYOUT = Layout()
