"""The answers file: a YAML description of a whole report, for scripts and the README tour."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ZichaError
from .limits import (
    MAX_FIELD_CHARS,
    MAX_POINTS_PER_SECTION,
    MAX_TEXT_CHARS,
    MAX_YAML_DEPTH,
    MAX_YAML_NODES,
    control_chars,
    has_surrogates,
)
from .models import FIELD_LABELS, SECTION_TITLES, Point, Report, Status
from .user_text_file import as_sentence, read_user_text

AreaKey = Literal["organization", "business", "fund_finance", "information_system", "supervision"]

MAX_ANSWERS_FILE_BYTES = 5 * 1024 * 1024


class AnswersFileError(ZichaError):
    pass


# Said when the named file is not an answers file at all (a Word file, an empty file).
ANSWERS_HOW_TO = (
    "答案文件是 YAML 格式的纯文本：请复制示例 examples/answers.yaml，用记事本按示例填写后"
    "保存为 .yaml 文件（编码 UTF-8 或 GBK 均可）；也可以不用答案文件，运行 zicha 在访谈中逐项作答。"
)


def _non_empty(v: Any) -> Any:
    if isinstance(v, str) and not v.strip():
        raise ValueError("内容不能为空，请写明具体内容，或删除这一项")
    return v.strip() if isinstance(v, str) else v


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


Field_ = Field(max_length=MAX_FIELD_CHARS)
Text_ = Field(max_length=MAX_TEXT_CHARS)


class Basis(_Strict):
    title: str = Field_
    number: str = Field_
    _check = field_validator("title", "number")(_non_empty)


class AnswerPoint(_Strict):
    text: str = Text_
    point: str | None = Field(default=None, max_length=MAX_FIELD_CHARS)
    status: Status | None = None
    problems: list[str] = Field(default_factory=list, max_length=MAX_POINTS_PER_SECTION)
    _check = field_validator("text")(_non_empty)


class RectificationEntry(_Strict):
    text: str = Text_
    measure: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    owner: str | None = Field(default=None, max_length=MAX_FIELD_CHARS)
    due: dt.date | None = None
    point: str | None = Field(default=None, max_length=MAX_FIELD_CHARS)
    _check = field_validator("text")(_non_empty)


class AnswersFile(_Strict):
    unit: str = Field_
    # None: from the unit's name (某某中心 -> 我中心)
    short_name: str | None = Field(default=None, max_length=MAX_FIELD_CHARS)
    addressee: str = Field_
    year: int
    basis: Basis
    # The length limit applies to text only (title: false means "no title line").
    title: Annotated[str, Field(max_length=MAX_FIELD_CHARS)] | Literal[False] | None = None
    date: dt.date | None = None
    opening: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    sections: dict[AreaKey, list[AnswerPoint]] = Field(default_factory=dict)
    assessment: str | None = Field(default=None, max_length=MAX_TEXT_CHARS)
    rectification: list[RectificationEntry] = Field(
        default_factory=list, max_length=MAX_POINTS_PER_SECTION
    )
    _check = field_validator("unit", "addressee", "short_name")(_non_empty)

    @field_validator("year", mode="before")
    @classmethod
    def _year(cls, v: Any) -> Any:
        # true/false are ints to Python, and the report itself only takes 2000-2100.
        if isinstance(v, bool) or not isinstance(v, int) or not 2000 <= v <= 2100:
            raise ValueError("年度（year）应为 2000 至 2100 之间的四位数字，例如 2026")
        return v

    @field_validator("sections")
    @classmethod
    def _section_sizes(cls, v: dict[str, list[AnswerPoint]]) -> dict[str, list[AnswerPoint]]:
        for key, points in v.items():
            if len(points) > MAX_POINTS_PER_SECTION:
                area = SECTION_TITLES.get(key, key)
                raise ValueError(
                    f"「{area}」（{key}）有 {len(points)} 条，超过每部分 "
                    f"{MAX_POINTS_PER_SECTION} 条的上限；请合并相近的内容，或分成几份报告"
                )
        return v

    @field_validator("sections", mode="before")
    @classmethod
    def _none_sections(cls, v: Any) -> Any:
        return {} if v is None else v

    def apply_to(self, report: Report) -> Report:
        """A copy of report holding this file's content (its id and revision are kept)."""
        data = report.model_dump()
        data.update(
            unit=self.unit,
            short_name=self.short_name,
            addressee=self.addressee,
            year=self.year,
            basis_title=self.basis.title,
            basis_number=self.basis.number,
            title=self.title,
            date=self.date or report.date,
            opening=self.opening,
            assessment=self.assessment,
            assessment_auto=False,  # written in the file: the officer's own words
        )
        new = Report.model_validate(data)
        for section in new.sections:
            if section.key != "rectification":
                section.points = [
                    Point(
                        text=a.text,
                        control_point=a.point,
                        status=a.status,
                        problems=list(a.problems),
                    )
                    for key, answers in self.sections.items()
                    if key == section.key
                    for a in answers
                ]
        # `point: ORG-06` on an item names a control point: link the item to the answer of
        # that point (its id), so the interview does not propose a second item for it.
        by_control = {
            p.control_point: p.id
            for s in new.sections
            if s.key != "rectification"
            for p in s.points
            if p.control_point
        }
        for section in new.sections:
            if section.key == "rectification":
                section.points = [
                    Point(
                        text=r.text,
                        # Without a separate measure, the item's text is the measure itself.
                        measure=r.measure or r.text,
                        owner=r.owner,
                        due=r.due,
                        source_point=by_control.get(r.point or "", r.point),
                    )
                    for r in self.rectification
                ]
        return new

    def new_report(self) -> Report:
        base = Report(
            unit=self.unit,
            addressee=self.addressee,
            year=self.year,
            basis_title=self.basis.title,
            basis_number=self.basis.number,
        )
        return self.apply_to(base)


def _loader() -> type:
    """SafeLoader that leaves dates as text, so a bad date gets our message, not a crash."""
    import yaml

    class _DatesAsText(yaml.SafeLoader):
        pass

    _DatesAsText.yaml_implicit_resolvers = {
        ch: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for ch, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return _DatesAsText


def _line_of(root: Any, loc: tuple[Any, ...]) -> int | None:
    """1-based line of the deepest YAML node on the path loc."""
    import yaml

    node, line = root, None
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in node.value:
                if key_node.value == str(part):
                    node, line = value_node, key_node.start_mark.line + 1
                    break
            else:
                break
        elif (
            isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value)
        ):
            node = node.value[part]
            line = node.start_mark.line + 1
        else:
            break
    if line is None and root is not None:
        line = root.start_mark.line + 1
    return line


def _duplicate_key(root: Any) -> tuple[str, int] | None:
    """First key written twice in one mapping (YAML would silently keep the last)."""
    import yaml

    seen_nodes: set[int] = set()  # aliases share nodes; visit each once
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen_nodes:
            continue
        seen_nodes.add(id(node))
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key_node, value_node in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in keys:
                        return key_node.value, key_node.start_mark.line + 1
                    keys.add(key_node.value)
                stack.append(value_node)
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
    return None


def _precheck(name: str, text: str) -> None:
    """Stream the file's events (libyaml when present) and stop at the first limit, before any
    tree is built: a 100,000-point file is refused in a fraction of a second."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    depth = nodes = 0
    try:
        events = list(_events(text, base))
    except yaml.YAMLError:
        return  # malformed: the full parse below explains where, with its line
    for event in events:
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                raise AnswersFileError(
                    f"{name}：嵌套层数过多（列表或键值套了太多层），答案文件最多 {MAX_YAML_DEPTH} 层。"
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
        if isinstance(event, yaml.NodeEvent):
            nodes += 1
            if nodes > MAX_YAML_NODES:
                raise AnswersFileError(
                    f"{name}：内容条目太多（超过 {MAX_YAML_NODES} 项）。每部分最多 "
                    f"{MAX_POINTS_PER_SECTION} 条；请合并相近的内容，或分成几份报告。"
                )


def _events(text: str, base: type) -> Any:
    """Events up to a few past the node limit (a generator: the rest is never parsed)."""
    import yaml

    for n, event in enumerate(yaml.parse(text, Loader=base)):
        yield event
        if n > MAX_YAML_NODES * 2 + 10:
            return


def _check_nodes(name: str, root: Any) -> None:
    """Depth, control characters and unpaired surrogates, each named with its line."""
    import yaml

    stack = [(root, 1)] if root is not None else []
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        line = node.start_mark.line + 1
        if depth > MAX_YAML_DEPTH:
            raise AnswersFileError(
                f"{name}：第 {line} 行：嵌套层数过多，答案文件最多 {MAX_YAML_DEPTH} 层。"
            )
        if isinstance(node, yaml.ScalarNode):
            value = node.value
            if has_surrogates(value):
                raise AnswersFileError(
                    f"{name}：第 {line} 行：含有无法保存的字符（不成对的 \\ud800 类转义），请删除。"
                )
            bad = control_chars(value)
            if bad:
                raise AnswersFileError(
                    f"{name}：第 {line} 行：含有控制字符（{'、'.join(bad[:3])}，"
                    "常见于终端颜色代码或从其他软件复制的文字），请删除后再试。"
                )
        elif isinstance(node, yaml.MappingNode):
            for k, v in node.value:
                stack.append((k, depth + 1))
                stack.append((v, depth + 1))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend((v, depth + 1) for v in node.value)


# Keys of the answers file FIELD_LABELS (the report's own fields) does not name; a key is
# always said in Chinese, with the English key written in the file after it.
ANSWERS_LABELS: dict[str, str] = {
    "basis": "依据通知（basis）",
    "opening": "开头段（opening）",
    "sections": "各部分内容（sections）",
    "assessment": "总体评价（assessment）",
    "rectification": "整改措施（rectification）",
    "point": "对应要点编号（point）",
    "problems": "存在的问题（problems）",
    "measure": "整改措施（measure）",
}
# What to write for a key that is missing (the file is read as a whole: say it once, fully).
MISSING_HINTS: dict[str, str] = {
    "basis": (
        "：在文件中写明通知的标题和文号，例如两行缩进的 title: 关于开展……检查评估工作的通知"
        " 和 number: 某社险函〔2026〕71号（参照 examples/answers.yaml 的 basis 一段）"
    ),
    "basis_title": "：写通知的标题，例如 title: 关于开展……检查评估工作的通知",
    "basis_number": "：写通知的文号，例如 number: 某社险函〔2026〕71号",
    "unit": "：写单位全称，例如 unit: 青禾县社会保险事业局",
    "addressee": "：写主送机关，例如 addressee: 临川市社会保险事业管理处",
    "year": "：写自查的年度，例如 year: 2026",
    "text": "：写这一条的具体内容",
}


def _key_of(loc: tuple[Any, ...]) -> str:
    """The key a pydantic location ends at; basis.title and basis.number by their own names
    (title alone is the report's title line)."""
    keys = [str(p) for p in loc if isinstance(p, str)]
    if keys[:1] == ["basis"] and len(keys) == 2:
        return f"basis_{keys[1]}"
    return keys[-1] if keys else ""


def answers_label(loc: tuple[Any, ...]) -> str:
    """A key of the answers file as the user is told it: in Chinese, the key after it."""
    key = _key_of(loc)
    return FIELD_LABELS.get(key) or ANSWERS_LABELS.get(key) or f"「{key}」"


def _explain(err: Any) -> str:
    """One Chinese sentence for one pydantic error: what is wrong and what to write."""
    loc = tuple(err.get("loc", ()))
    field = str(loc[-1]) if loc else ""
    label = answers_label(loc)
    etype = err.get("type", "")
    if etype == "extra_forbidden":
        return f"不认识的键「{field}」，允许的键见 examples/answers.yaml，请检查拼写或删除"
    if field == "[key]" and loc[:1] == ("sections",):
        return (
            "不认识的部分名，只能是 organization、business、fund_finance、"
            "information_system、supervision"
        )
    if etype == "missing":
        return f"缺少{label}，请补上{MISSING_HINTS.get(_key_of(loc), '')}"
    if field == "status":
        return "符合情况（status）只能是：符合、基本符合、不符合、不适用"
    if field in ("date", "due"):
        return f"{label}应为日期，写成 2026-11-29 这样的格式"
    if field == "year":
        return "年度（year）应为 2000 至 2100 之间的四位数字，例如 2026"
    if field == "title" and loc == ("title",):
        return "标题（title）应为文字、null（自动生成）或 false（不要标题）"
    if etype == "value_error":
        msg = str(err.get("msg", "")).removeprefix("Value error, ")
        # The sections check names its own area; the key is already before the message.
        return msg if loc == ("sections",) else f"{label}：{msg}"
    if etype == "string_too_long":
        limit = (err.get("ctx") or {}).get("max_length", "")
        return f"{label}太长，最多 {limit} 个字；请精简或分成几条"
    if etype == "too_long":
        limit = (err.get("ctx") or {}).get("max_length", "")
        return f"{label}的条目太多，最多 {limit} 条"
    if etype in ("string_type", "str_type"):
        return f"{label}应为文字，请用引号括起来"
    if etype in ("list_type", "dict_type", "model_type"):
        want = {
            "list_type": "列表（每项以「- 」开头）",
            "dict_type": "键值对",
            "model_type": "键值对",
        }
        return f"{label}应为{want[etype]}，请参照 examples/answers.yaml"
    return f"{label}的取值不对（{err.get('msg', '')}）"


def load_answers(path: str | Path) -> AnswersFile:
    """Read and validate an answers file; any problem raises AnswersFileError in Chinese."""
    import yaml

    path = Path(path)
    name = str(path)
    text = read_user_text(
        path,
        max_bytes=MAX_ANSWERS_FILE_BYTES,
        too_large="（超过 5 MB），答案文件应为纯文本 YAML。",
        error=AnswersFileError,
        windows_encodings=True,
        how_to_make=ANSWERS_HOW_TO,
    )
    try:
        loader = _loader()
        _precheck(name, text)
        root = yaml.compose(text, Loader=loader)
        _check_nodes(name, root)
        data = yaml.load(text, Loader=loader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError as exc:
        raise AnswersFileError(
            f"{name}：嵌套层数过多（列表或键值套了太多层），答案文件最多 {MAX_YAML_DEPTH} 层。"
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else ""
        problem = str(getattr(exc, "problem", exc))
        if "'\\t'" in problem:
            hint = "这一行用了制表符（Tab）缩进，YAML 只能用空格缩进，请把 Tab 换成空格。"
        elif isinstance(exc, yaml.reader.ReaderError):
            where = f"第 {text.count(chr(10), 0, exc.position) + 1} 行"
            hint = "文件里有看不见的控制字符（常见于从网页或其他软件复制的文字），请删除后再试。"
        else:
            # PyYAML's own wording is English; the line number is what helps.
            hint = "YAML 格式有误。请检查这一行及上一行：冒号后要有空格，缩进要对齐，引号和括号要成对。"
        raise AnswersFileError(f"{name}{('：' + where) if where else ''}：{hint}") from exc
    duplicate = _duplicate_key(root)
    if duplicate is not None:
        key, line = duplicate
        raise AnswersFileError(
            f"{name}：第 {line} 行，{key}：键「{key}」重复出现，只保留一处，删除或合并另一处。"
        )
    if data is None:
        raise AnswersFileError(f"{name}：文件里只有注释或空行，没有答案内容。{ANSWERS_HOW_TO}")
    if not isinstance(data, dict):
        raise AnswersFileError(
            f"{name}：文件内容应以「unit: 单位全称」这样的键值开头，请参照 examples/answers.yaml。"
        )
    try:
        return AnswersFile.model_validate(data)
    except ValidationError as exc:
        lines = []
        for err in exc.errors():
            loc = tuple(err.get("loc", ()))
            at_line = _line_of(root, loc)
            key_path = ".".join(str(p) for p in loc if p != "[key]") or "（顶层）"
            msg = _explain(err)
            where = f"第 {at_line} 行，" if at_line else ""
            lines.append(f"{name}：{where}{key_path}：{as_sentence(msg)}")
        raise AnswersFileError("\n".join(lines)) from exc
