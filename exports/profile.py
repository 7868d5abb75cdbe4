"""Document profiles: what goes around the body (版头, 版记, 附件说明) and every layout number.

A profile is a YAML file with the answers file's kind of keys and messages (file, line, key,
what to write). `zicha profile add FILE.yaml` stores it in the data home; the built-in profiles
need no file. See examples/profiles/上行文示例.yaml.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from report.user_text_file import as_sentence, read_user_text

from .document_profile import BUILTIN_YAML as BUILTIN_YAML
from .document_profile import DEFAULT_PROFILE as DEFAULT_PROFILE
from .document_profile import KINDS as KINDS
from .document_profile import PROFILE_DIR as PROFILE_DIR
from .document_profile import DocumentProfile as DocumentProfile
from .document_profile import Kind as Kind
from .document_profile import ProfileError as ProfileError
from .layout import (
    BLANK_LINES_AFTER_TITLE,
    BLANK_LINES_BEFORE_SIGNATURE,
    CHARS_PER_LINE,
    DATE_RIGHT_INDENT_CHARS,
    DEFAULT_COLOURS,
    DEFAULT_FONTS,
    DEFAULT_SIZES,
    FIRST_LINE_INDENT_CHARS,
    FOOTER_DISTANCE_MM,
    HEADER_DISTANCE_MM,
    LINES_PER_PAGE,
    MARGIN_BOTTOM_MM,
    MARGIN_LEFT_MM,
    MARGIN_RIGHT_MM,
    MARGIN_TOP_MM,
    ORGAN_MARK_TOP_MM,
    PAGE_HEIGHT_MM,
    PAGE_NUMBER_EDGE_CHARS,
    PAGE_WIDTH_MM,
    RED,
    ROLES,
    SEPARATOR_GAP_MM,
    SEPARATOR_WIDTH_PT,
    SIZES_PT,
    Layout,
)

MAX_PROFILE_BYTES = 256 * 1024
_NAME_OK = re.compile(r"^[^\\/:*?\"<>|\x00-\x1f.][^\\/:*?\"<>|\x00-\x1f]{0,39}$")
_DOC_NUMBER = re.compile(r"^\S*〔\d{4}〕\d+号$")

KEY_LABELS: dict[str, str] = {
    "name": "配置名称（name）",
    "kind": "行文方向（kind）",
    "organ_mark": "发文机关标志（organ_mark）",
    "doc_number": "发文字号（doc_number）",
    "signer": "签发人（signer）",
    "secrecy": "密级（secrecy）",
    "urgency": "紧急程度（urgency）",
    "cc": "抄送机关（cc）",
    "printer": "印发机关（printer）",
    "print_date": "印发日期（print_date）",
    "attachments": "附件说明（attachments）",
    "layout": "版式（layout）",
    "template": "模板文件（template）",
}
_LAYOUT_HINTS: dict[str, str] = {
    "fonts": "字体按用途写，例如 body: 仿宋_GB2312",
    "sizes": "字号写中文字号（如 三号）或磅值（如 16）",
    "colours": "颜色写六位十六进制，例如 FF0000",
}


class LayoutModel(BaseModel):
    """A profile's `layout:`, checked; the same fields and defaults as exports.layout.Layout."""

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
    organ_mark_top_mm: float = Field(ORGAN_MARK_TOP_MM, ge=0, le=150)
    separator_gap_mm: float = Field(SEPARATOR_GAP_MM, ge=0, le=50)
    separator_width_pt: float = Field(SEPARATOR_WIDTH_PT, gt=0, le=6)
    fonts: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_FONTS))
    sizes: dict[str, str | float] = Field(default_factory=lambda: dict(DEFAULT_SIZES))
    colours: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_COLOURS))

    @field_validator("fonts", "sizes", mode="before")
    @classmethod
    def _merge_roles(cls, value: Any, info: Any) -> Any:
        """A profile names only the roles it changes; the others keep their defaults."""
        if not isinstance(value, dict):
            return value
        unknown = [k for k in value if k not in ROLES]
        if unknown:
            raise ValueError(f"unknown_role:{unknown[0]}")
        base = dict(DEFAULT_FONTS if info.field_name == "fonts" else DEFAULT_SIZES)
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


class ProfileModel(BaseModel):
    """A profile file's content, checked: turned into a DocumentProfile by to_profile()."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str = DEFAULT_PROFILE
    kind: Kind | None = None
    organ_mark: str | None = None
    doc_number: str | None = None
    signer: list[str] = Field(default_factory=list)
    secrecy: str | None = None
    urgency: Literal["特急", "加急"] | None = None
    cc: list[str] = Field(default_factory=list)
    printer: str | None = None
    print_date: dt.date | None = None
    attachments: list[str] = Field(default_factory=list)
    layout: LayoutModel = Field(default_factory=lambda: LayoutModel())
    template: str | None = None

    @field_validator(
        "name", "organ_mark", "doc_number", "secrecy", "printer", "template", mode="before"
    )
    @classmethod
    def _text(cls, v: Any) -> Any:
        if v is None:
            return v
        if isinstance(v, (int, float)) and not isinstance(v, bool):
            v = str(v)
        if not isinstance(v, str):
            raise ValueError("not_text")
        v = v.strip()
        if not v:
            raise ValueError("empty")
        return v

    @field_validator("signer", "cc", "attachments", mode="before")
    @classmethod
    def _text_list(cls, v: Any) -> Any:
        if v is None:
            return []
        if isinstance(v, str):
            v = [v]
        if not isinstance(v, list):
            raise ValueError("not_list")
        out = []
        for item in v:
            if not isinstance(item, (str, int)) or not str(item).strip():
                raise ValueError("empty_item")
            out.append(str(item).strip())
        return out

    @field_validator("print_date", mode="before")
    @classmethod
    def _date(cls, v: Any) -> Any:
        if isinstance(v, str):
            try:
                return dt.date.fromisoformat(v.strip())
            except ValueError:
                raise ValueError("bad_date") from None
        return v

    @field_validator("doc_number")
    @classmethod
    def _doc_number(cls, v: str | None) -> str | None:
        if v is not None and not _DOC_NUMBER.match(v):
            raise ValueError("bad_doc_number")
        return v

    @field_validator("secrecy")
    @classmethod
    def _secrecy(cls, v: str | None) -> str | None:
        if v is not None and not re.match(r"^(秘密|机密|绝密)(★.*)?$", v):
            raise ValueError("bad_secrecy")
        return v

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not _NAME_OK.match(v):
            raise ValueError("bad_name")
        return v

    @model_validator(mode="after")
    def _kind_needs(self) -> ProfileModel:
        if self.kind is not None and not self.organ_mark:
            raise ValueError("kind_needs_mark")
        if self.kind == "上行文" and not self.signer:
            raise ValueError("upward_needs_signer")
        if self.kind == "上行文" and not self.doc_number:
            raise ValueError("upward_needs_number")
        return self

    def to_profile(self, source: str | None = None) -> DocumentProfile:
        data = {name: getattr(self, name) for name in type(self).model_fields}
        layout = self.layout
        data["layout"] = Layout(
            **{name: getattr(layout, name) for name in LayoutModel.model_fields}
        )
        return DocumentProfile(**data, source=source)


def builtin_profiles() -> dict[str, DocumentProfile]:
    return {name: parse_profile(text, f"（内置）{name}") for name, text in BUILTIN_YAML.items()}


# --- reading a profile file with line-numbered Chinese messages --------------------------------
def _explain(loc: tuple[Any, ...], err: dict[str, Any]) -> str:
    msg = str(err.get("msg", "")).removeprefix("Value error, ")
    etype = err.get("type", "")
    key = str(loc[0]) if loc else ""
    label = KEY_LABELS.get(key, f"「{key}」")
    if etype == "extra_forbidden":
        field = str(loc[-1])
        if len(loc) > 1 and loc[0] == "layout":
            return f"版式中不认识的键「{field}」，可写的键见 examples/profiles/上行文示例.yaml，请检查拼写或删除"
        allowed = "、".join(k for k in KEY_LABELS)
        return f"不认识的键「{field}」，可写的键有：{allowed}；请检查拼写或删除"
    if etype == "missing":
        return f"缺少{label}，请补上"
    if loc[:1] == ("layout",) and len(loc) > 1:
        field = str(loc[1])
        msg = msg.split("Value error, ")[-1]
        if msg.startswith("unknown_role:"):
            roles = "、".join(ROLES)
            return f"不认识的用途「{msg.split(':', 1)[1]}」，可写：{roles}"
        if msg.startswith("bad_font:"):
            return f"{msg.split(':', 1)[1]} 的字体名不能为空，请写字体名称，例如 仿宋_GB2312"
        if msg.startswith("bad_size:"):
            names = "、".join(SIZES_PT)
            return f"{msg.split(':', 1)[1]} 的字号应为中文字号（{names}）或 5 到 100 之间的磅值"
        if msg.startswith("unknown_colour:"):
            return f"不认识的颜色用途「{msg.split(':', 1)[1]}」，只能是 organ_mark、separator"
        if msg.startswith("bad_colour:"):
            return f"{msg.split(':', 1)[1]} 的颜色应为六位十六进制，例如 FF0000（红色）"
        if field in _LAYOUT_HINTS and etype == "dict_type":
            return f"{field} 应为键值对：{_LAYOUT_HINTS[field]}"
        if etype in ("float_parsing", "int_parsing", "float_type", "int_type", "int_from_float"):
            return f"{field} 应为数字，例如 {LayoutModel.model_fields[field].default}"
        if etype.startswith(("greater_than", "less_than")):
            limit = err.get("ctx", {})
            return f"{field} 的数值超出范围（{limit}），请写合理的数值，例如 {LayoutModel.model_fields[field].default}"
        return f"{field} 的取值不对，请参照 examples/profiles/上行文示例.yaml"
    if key == "layout" and etype in ("model_type", "dict_type"):
        return "版式（layout）应为键值对，例如 margin_top_mm: 37"
    if key == "urgency":
        return "紧急程度（urgency）只能是：特急、加急"
    if msg == "bad_secrecy":
        return "密级（secrecy）应为 秘密、机密 或 绝密，可加保密期限，例如 秘密★1年"
    if msg == "bad_doc_number":
        return "发文字号（doc_number）应写成「机关代字〔年份〕序号号」，年份用六角括号〔〕，例如 某社险〔2026〕12号"
    if msg == "bad_date":
        return f"{label}应为日期，写成 2026-11-29 这样的格式"
    if msg == "bad_name":
        return '配置名称（name）最多 40 字，不能以「.」开头，也不能含 \\ / : * ? " < > |'
    if msg in ("empty", "empty_item"):
        return f"{label}不能为空，请写明内容，或删除这一项"
    if msg == "not_text":
        return f"{label}应为文字"
    if msg == "not_list":
        return f"{label}应为列表（每项以「- 」开头）"
    if msg == "kind_needs_mark":
        return "写了行文方向（kind）就要写发文机关标志（organ_mark），例如 某县社会保险事业局文件"
    if msg == "upward_needs_signer":
        return "上行文必须写签发人（signer），例如 signer: 张三"
    if msg == "upward_needs_number":
        return "上行文必须写发文字号（doc_number），例如 某社险〔2026〕12号"
    if etype in ("list_type",):
        return f"{label}应为列表（每项以「- 」开头）"
    if key == "kind":
        return "行文方向（kind）只能是：上行文、平行文、下行文"
    return f"{label}的取值不对（{msg}）"


def _key_for(root: Any, loc: tuple[Any, ...], msg: str) -> tuple[Any, ...]:
    """Errors of the whole profile point at the key that is missing or wrong."""
    for prefix in ("unknown_role:", "bad_font:", "bad_size:", "unknown_colour:", "bad_colour:"):
        if prefix in msg and loc:
            return (*loc, msg.split(prefix, 1)[1])
    if loc:
        return loc
    for code, key in (
        ("kind_needs_mark", "kind"),
        ("upward_needs_signer", "kind"),
        ("upward_needs_number", "kind"),
    ):
        if code in msg:
            return (key,)
    return loc


def parse_profile(text: str, name: str, source: str | None = None) -> DocumentProfile:
    """Validate a profile's YAML text; name is how messages name the file."""
    import yaml

    from report.answers import _duplicate_key, _line_of, _loader

    try:
        loader = _loader()
        root = yaml.compose(text, Loader=loader)
        data = yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行：" if mark else ""
        raise ProfileError(
            f"{name}：{where}YAML 格式有误。请检查这一行及上一行：冒号后要有空格，"
            "缩进要对齐（只用空格，不用 Tab），引号和括号要成对。"
        ) from exc
    duplicate = _duplicate_key(root)
    if duplicate is not None:
        key, line = duplicate
        raise ProfileError(f"{name}：第 {line} 行，{key}：键「{key}」重复出现，只保留一处。")
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ProfileError(
            f"{name}：文档配置应由「kind: 上行文」这样的键值组成，"
            "请参照 examples/profiles/上行文示例.yaml。"
        )
    try:
        checked = ProfileModel.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            msg = str(err.get("msg", ""))
            loc = _key_for(root, tuple(p for p in err.get("loc", ()) if p != "[key]"), msg)
            at_line = _line_of(root, loc)
            key_path = ".".join(str(p) for p in loc) or "（顶层）"
            where = f"第 {at_line} 行，" if at_line else ""
            lines.append(f"{name}：{where}{key_path}：{as_sentence(_explain(loc, dict(err)))}")
        raise ProfileError("\n".join(dict.fromkeys(lines))) from exc
    return checked.to_profile(source)


PROFILE_HOW_TO = (
    "文档配置是 YAML 格式的纯文本：请复制示例 examples/profiles/上行文示例.yaml，"
    "用记事本按示例修改后保存为 .yaml 文件（编码 UTF-8 或 GBK 均可）。"
)


def read_profile_text(path: str | Path) -> str:
    """The profile file's text. GBK (Notepad's 'ANSI' on Chinese Windows) is accepted, as for
    answers files; a stored copy is written as UTF-8 (profile_store.add_profile)."""
    return read_user_text(
        Path(path).expanduser(),
        max_bytes=MAX_PROFILE_BYTES,
        too_large="，文档配置应为几十行的纯文本 YAML。",
        error=ProfileError,
        windows_encodings=True,
        how_to_make=PROFILE_HOW_TO,
    )


def profile_from_text(text: str, path: str | Path) -> DocumentProfile:
    """Validate text read from path; without a name: key the profile is named after the file."""
    path = Path(path).expanduser()
    profile = parse_profile(text, str(path), source=str(path.absolute()))
    if "name" not in (_top_keys(text)):
        profile = profile.model_copy(update={"name": path.stem})
    return profile


def load_profile_file(path: str | Path) -> DocumentProfile:
    return profile_from_text(read_profile_text(path), path)


def _top_keys(text: str) -> set[str]:
    import yaml

    from report.answers import _loader

    data = yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    return set(data) if isinstance(data, dict) else set()
