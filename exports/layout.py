"""Every layout number of the official document (GB/T 9704-2012), in one place.

See REPORT_FORMAT.md. Lengths are kept in the unit the standard uses (mm, pt, characters);
the helpers at the bottom turn them into Word's twips.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    size_name: str
    bold: bool = False
    tracking_twips: int = 0
    snap_to_grid: bool = True

    @property
    def size_pt(self) -> float:
        return SIZES_PT[self.size_name]


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
