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

from report.errors import ZichaError
from report.user_text_file import read_user_text

from .layout import ROLES, SIZES_PT, Layout

Kind = Literal["上行文", "平行文", "下行文"]
KINDS: tuple[str, ...] = ("上行文", "平行文", "下行文")
MAX_PROFILE_BYTES = 256 * 1024
PROFILE_DIR = "profiles"
DEFAULT_PROFILE = "标准"
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


class ProfileError(ZichaError):
    """A profile file or name that cannot be used; the message says what to write."""


class DocumentProfile(BaseModel):
    """Everything an export takes from the profile; the built-in one is today's plain layout."""

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
    layout: Layout = Field(default_factory=Layout)
    template: str | None = None
    # Where the profile came from, for relative template paths and messages.
    source: str | None = Field(default=None, exclude=True)

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
    def _kind_needs(self) -> DocumentProfile:
        if self.kind is not None and not self.organ_mark:
            raise ValueError("kind_needs_mark")
        if self.kind == "上行文" and not self.signer:
            raise ValueError("upward_needs_signer")
        if self.kind == "上行文" and not self.doc_number:
            raise ValueError("upward_needs_number")
        return self

    @property
    def has_head(self) -> bool:
        """版头: the red mark, number and separator."""
        return bool(self.organ_mark)

    @property
    def has_record(self) -> bool:
        """版记: 抄送 and/or 印发机关."""
        return bool(self.cc or self.printer)

    def template_path(self) -> Path | None:
        if not self.template:
            return None
        path = Path(self.template).expanduser()
        if not path.is_absolute() and self.source:
            path = Path(self.source).parent / path
        return path


BUILTIN_YAML: dict[str, str] = {
    DEFAULT_PROFILE: "name: 标准\n",
    # The 方正 _GBK fonts many Kylin/UOS offices have instead of the GB2312 ones.
    "方正字库": (
        "name: 方正字库\n"
        "layout:\n"
        "  fonts:\n"
        "    body: 方正仿宋_GBK\n"
        "    title: 方正小标宋_GBK\n"
        "    heading1: 方正黑体_GBK\n"
        "    heading2: 方正楷体_GBK\n"
        "    heading3: 方正仿宋_GBK\n"
        "    organ_mark: 方正小标宋_GBK\n"
        "    doc_number: 方正仿宋_GBK\n"
        "    signer: 方正楷体_GBK\n"
        "    record: 方正仿宋_GBK\n"
        "    table: 方正仿宋_GBK\n"
    ),
}


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
            return f"{field} 应为数字，例如 {Layout.model_fields[field].default}"
        if etype.startswith(("greater_than", "less_than")):
            limit = err.get("ctx", {})
            return f"{field} 的数值超出范围（{limit}），请写合理的数值，例如 {Layout.model_fields[field].default}"
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
        profile = DocumentProfile.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            msg = str(err.get("msg", ""))
            loc = _key_for(root, tuple(p for p in err.get("loc", ()) if p != "[key]"), msg)
            at_line = _line_of(root, loc)
            key_path = ".".join(str(p) for p in loc) or "（顶层）"
            where = f"第 {at_line} 行，" if at_line else ""
            lines.append(f"{name}：{where}{key_path}：{_explain(loc, dict(err))}")
        raise ProfileError("\n".join(dict.fromkeys(lines))) from exc
    return profile.model_copy(update={"source": source})


def load_profile_file(path: str | Path) -> DocumentProfile:
    path = Path(path).expanduser()
    name = str(path)
    text = read_user_text(
        path,
        max_bytes=MAX_PROFILE_BYTES,
        too_large="，文档配置应为几十行的纯文本 YAML。",
        error=ProfileError,
        windows_encodings=False,  # profile_text() shows a stored copy as UTF-8
    )
    profile = parse_profile(text, name, source=str(path.absolute()))
    if "name" not in (_top_keys(text)):
        profile = profile.model_copy(update={"name": path.stem})
    return profile


def _top_keys(text: str) -> set[str]:
    import yaml

    from report.answers import _loader

    data = yaml.load(text, Loader=_loader())  # noqa: S506 - a SafeLoader subclass
    return set(data) if isinstance(data, dict) else set()
