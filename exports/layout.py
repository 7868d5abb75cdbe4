"""Every layout number of the official document (GB/T 9704-2012), in one place.

See REPORT_FORMAT.md. Lengths are kept in the unit the standard uses (mm, pt, characters);
the helpers at the bottom turn them into Word's twips.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import NamedTuple

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


class FontSpec(NamedTuple):
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


class TextStyle(NamedTuple):
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
DEFAULT_FONTS: dict[str, str] = {
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
DEFAULT_SIZES: dict[str, str | float] = {
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
DEFAULT_COLOURS: dict[str, str] = {"organ_mark": RED, "separator": RED}
ORGAN_MARK_TOP_MM = 35.0
SEPARATOR_GAP_MM = 4.0
SEPARATOR_WIDTH_PT = 1.0


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


@dataclass(frozen=True)
class Layout:
    """Every number of the page; the built-in value is GB/T 9704-2012 as above.

    A plain frozen dataclass: an export with the built-in profile needs no pydantic (issue 16).
    A profile's `layout:` is checked by exports.profile.LayoutModel (same fields, same defaults,
    tests/exports/test_export_lean.py) and turned into this."""

    page_width_mm: float = PAGE_WIDTH_MM
    page_height_mm: float = PAGE_HEIGHT_MM
    margin_top_mm: float = MARGIN_TOP_MM
    margin_bottom_mm: float = MARGIN_BOTTOM_MM
    margin_left_mm: float = MARGIN_LEFT_MM
    margin_right_mm: float = MARGIN_RIGHT_MM
    header_distance_mm: float = HEADER_DISTANCE_MM
    footer_distance_mm: float = FOOTER_DISTANCE_MM
    lines_per_page: int = LINES_PER_PAGE
    chars_per_line: int = CHARS_PER_LINE
    first_line_indent_chars: int = FIRST_LINE_INDENT_CHARS
    date_right_indent_chars: int = DATE_RIGHT_INDENT_CHARS
    page_number_edge_chars: int = PAGE_NUMBER_EDGE_CHARS
    blank_lines_before_signature: int = BLANK_LINES_BEFORE_SIGNATURE
    blank_lines_after_title: int = BLANK_LINES_AFTER_TITLE
    # 版头: the mark's top edge below the type area's top edge; the red line below the number.
    organ_mark_top_mm: float = ORGAN_MARK_TOP_MM
    separator_gap_mm: float = SEPARATOR_GAP_MM
    separator_width_pt: float = SEPARATOR_WIDTH_PT
    fonts: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_FONTS))
    sizes: dict[str, str | float] = field(default_factory=lambda: dict(DEFAULT_SIZES))
    colours: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_COLOURS))

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
