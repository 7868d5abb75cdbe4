"""The question bank: one YAML file per control area plus the assessment and rectification stages.

Adding a control point is editing a file under interview/questions/, not code. A file that does
not validate is refused with a Chinese message naming the file, the point and the field.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from report.errors import ZichaError
from report.models import AREA_KEYS, MAX_OWN_SECTIONS, is_area_key, is_own_key

BANK_DIR = Path(__file__).parent / "questions"
STAGE_KEYS: tuple[str, ...] = ("assessment", "rectification")
BANK_KEYS: tuple[str, ...] = AREA_KEYS + STAGE_KEYS
MIN_AREA_POINTS = 6

_FIELD_NAMES = {
    "id": "编号（id）",
    "title": "标题（title）",
    "question": "问题（question）",
    "explanation": "说明（explanation）",
    "probes": "追问（probes）",
    "keywords": "关键词（keywords）",
    "query": "法规库检索词（query）",
    "example": "示例回答（example）",
    "key": "部分（key）",
    "points": "要点列表（points）",
    "score": "分值（score）",
    "criteria": "评分标准（criteria）",
    "item": "项目（item）",
    "content": "检查内容（content）",
}


class BankError(ZichaError):
    """A question bank file is missing or malformed; nothing is loaded."""


def _text(v: object) -> object:
    if isinstance(v, str):
        v = v.strip()
        if not v:
            raise ValueError("不能为空")
    return v


class ControlPoint(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str
    title: str
    question: str
    explanation: str
    probes: list[str] = Field(min_length=1, max_length=3)
    # Each entry is one topic; alternatives are separated by "|".
    keywords: list[str] = Field(min_length=1)
    query: str
    example: str
    # From a province's 检查评估表 (imported banks); the built-in bank has none.
    score: float | None = None
    criteria: str | None = None
    item: str | None = None  # the table's own 项目 label
    content: str | None = None  # and its 检查内容, as written there

    _strip = field_validator("title", "question", "explanation", "query", "example")(_text)

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        v = v.strip()
        if not re.fullmatch(r"[A-Z]{2,5}-\d{2}", v):
            raise ValueError("编号应形如 ORG-01（大写字母、连字符、两位数字）")
        return v

    @field_validator("probes", "keywords")
    @classmethod
    def _items(cls, v: list[str]) -> list[str]:
        out = [s.strip() for s in v if isinstance(s, str)]
        if len(out) != len(v) or any(not s for s in out):
            raise ValueError("每一项都应是非空文字")
        return out

    def topics(self) -> list[tuple[str, ...]]:
        """Keyword topics, each a tuple of alternatives."""
        return [tuple(a.strip() for a in k.split("|") if a.strip()) for k in self.keywords]


class BankFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    # One of BANK_KEYS, or s01, s02, … in a bank that declares its own sections.
    key: str
    title: str
    points: list[ControlPoint] = Field(min_length=1)

    @field_validator("key")
    @classmethod
    def _known_key(cls, v: str) -> str:
        if v not in BANK_KEYS and not is_own_key(v):
            raise ValueError("部分只能是 " + "、".join(BANK_KEYS) + "，或自带部分 s01、s02 ……")
        return v


class Bank(BaseModel):
    """All files, in report order."""

    model_config = ConfigDict(frozen=True)

    files: dict[str, BankFile]

    def area_keys(self) -> tuple[str, ...]:
        """The sections with control points, in order: the five areas or the bank's own."""
        return tuple(k for k in self.files if is_area_key(k))

    def own_sections(self) -> list[tuple[str, str]]:
        """(key, title) of the sections the bank declares itself; empty on a five-area bank."""
        return [(k, f.title) for k, f in self.files.items() if is_own_key(k)]

    def points(self, key: str) -> list[ControlPoint]:
        return list(self.files[key].points)

    def title(self, key: str) -> str:
        return self.files[key].title

    def get(self, control_id: str) -> ControlPoint | None:
        for f in self.files.values():
            for p in f.points:
                if p.id == control_id:
                    return p
        return None

    def section_of(self, control_id: str) -> str | None:
        for key, f in self.files.items():
            if any(p.id == control_id for p in f.points):
                return key
        return None

    def control(self, control_id: str) -> ControlPoint:
        """The control point of a target the engine built itself (KeyError if unknown)."""
        cp = self.get(control_id)
        if cp is None:
            raise KeyError(control_id)
        return cp

    def section_key(self, control_id: str) -> str:
        key = self.section_of(control_id)
        if key is None:
            raise KeyError(control_id)
        return key


def _describe(err: Mapping[str, Any], data: object) -> str:
    loc = list(err.get("loc", ()))
    where = []
    if len(loc) >= 2 and loc[0] == "points" and isinstance(loc[1], int):
        idx = loc[1]
        pid = None
        if isinstance(data, dict):
            pts = data.get("points")
            if isinstance(pts, list) and idx < len(pts) and isinstance(pts[idx], dict):
                pid = pts[idx].get("id")
        where.append(f"要点 {pid}" if pid else f"第 {idx + 1} 个要点")
        loc = loc[2:]
    field = next((str(p) for p in loc if isinstance(p, str)), "")
    if field:
        where.append(f"字段 {_FIELD_NAMES.get(field, field)}")
    etype = err.get("type", "")
    msg = str(err.get("msg", "")).removeprefix("Value error, ")
    if etype == "missing":
        msg = "缺少这一项，请补上"
    elif etype == "extra_forbidden":
        msg = "不认识的字段，请检查拼写或删除"
    elif etype == "too_short":
        msg = "项数太少（追问 1 至 3 条，关键词至少 1 条）"
    elif etype == "too_long":
        msg = "项数太多（追问最多 3 条）"
    elif etype == "string_type":
        msg = "应为文字"
    elif etype == "list_type":
        msg = "应为列表（每项一行，以「- 」开头）"
    elif etype == "literal_error":
        msg = "部分只能是 " + "、".join(BANK_KEYS)
    elif etype in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        msg = "应为数字，例如 10 或 2.5"
    elif msg.isascii():  # pydantic's own English wording: never shown
        msg = "取值不对，请参照内置题库文件的写法改正"
    return "，".join(where + [msg]) if where else msg


def load_file(path: Path, min_points: int = MIN_AREA_POINTS) -> BankFile:
    import yaml

    name = str(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise BankError(f"题库文件 {name} 不存在，请检查安装是否完整。") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise BankError(f"题库文件 {name} 无法读取（{exc}），请另存为 UTF-8 文本。") from exc
    try:
        # libyaml's safe loader where PyYAML has it (the same data, ~10x faster); else pure Python.
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行：" if mark else ""
        raise BankError(f"题库文件 {name}：{where}YAML 格式有误，请检查缩进、冒号和引号。") from exc
    if not isinstance(data, dict):
        raise BankError(f"题库文件 {name}：内容应以「key: 部分名」开头。")
    try:
        bank_file = BankFile.model_validate(data)
    except ValidationError as exc:
        lines = [f"题库文件 {name}：{_describe(e, data)}" for e in exc.errors()]
        raise BankError("\n".join(lines)) from exc
    if bank_file.key != path.stem:
        raise BankError(
            f"题库文件 {name}：部分（key）为 {bank_file.key}，应与文件名 {path.stem} 一致，"
            "请改正其中一个。"
        )
    if is_area_key(bank_file.key) and len(bank_file.points) < min_points:
        raise BankError(
            f"题库文件 {name}：只有 {len(bank_file.points)} 个要点，每个方面至少需要 {min_points} 个。"
        )
    return bank_file


def load_bank(directory: str | Path | None = None, min_points: int | None = None) -> Bank:
    """Read and validate every bank file; raise BankError naming file, point and field.

    min_points: the fewest points an area may have (the built-in bank's authoring rule, 6, by
    default; a province's imported table decides for itself, so 1 there)."""
    directory = Path(directory) if directory else BANK_DIR
    if min_points is None:
        min_points = MIN_AREA_POINTS
    files: dict[str, BankFile] = {}
    seen: dict[str, str] = {}
    for key in bank_keys(directory):
        path = directory / f"{key}.yaml"
        bank_file = load_file(path, min_points)
        for p in bank_file.points:
            if p.id in seen:
                raise BankError(f"题库文件 {path}：要点 {p.id} 与 {seen[p.id]} 中的编号重复。")
            seen[p.id] = str(path)
        files[key] = bank_file
    return Bank(files=files)


def bank_keys(directory: Path) -> tuple[str, ...]:
    """The files a bank folder holds, in report order: s01.yaml, s02.yaml, … when it declares
    its own sections, else the five areas; then the assessment and rectification stages."""
    own = sorted(p.stem for p in directory.glob("s*.yaml") if is_own_key(p.stem))
    if own and not (directory / f"{AREA_KEYS[0]}.yaml").exists():
        return (*own[:MAX_OWN_SECTIONS], *STAGE_KEYS)
    return BANK_KEYS
