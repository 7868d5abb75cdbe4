"""A province's 检查评估表 (xlsx or docx table) turned into a question bank.

The table is read as rows of cells; the header row is found by its names (several variants
per column), merged 项目 cells are filled down, and blank, note and 合计 rows are skipped with
their row numbers reported. Each remaining row becomes one control point in the same YAML
schema as the built-in bank, with its 分值 and 评分标准. Sections: a 项目 is mapped onto one of
the five standard areas by its words (组织/业务/基金·财务/信息/监督) or by --map. A table none
of whose 项目 names an area declares its own sections instead, one per 项目 in the table's
order; so does any table imported with --own-sections. A table that matches only in part is
refused with both ways out named.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from pydantic import BaseModel

from report.models import AREA_KEYS, AREA_SHORT_NAMES, MAX_OWN_SECTIONS, SECTION_TITLES

from .errors import InterviewError

# Column -> header variants (compared after removing spaces and full-width parentheses).
HEADERS: dict[str, tuple[str, ...]] = {
    "item": ("项目", "类别", "一级指标", "检查项目", "评估项目", "控制环节", "指标"),
    "content": (
        "检查内容",
        "评估内容",
        "要点",
        "检查要点",
        "评估要点",
        "二级指标",
        "内容",
        "检查标准",
    ),
    "criteria": ("评分标准", "评分办法", "评分细则", "扣分标准", "评分方法", "评分说明"),
    "score": ("分值", "标准分", "分数", "满分", "标准分值", "权重分"),
}
AREA_WORDS: dict[str, tuple[str, ...]] = {
    "organization": ("组织机构", "组织"),
    "business": ("业务运行", "业务"),
    "fund_finance": ("基金财务", "基金", "财务"),
    "information_system": ("信息系统", "信息"),
    "supervision": ("管理和监督", "监督", "内部控制的管理"),
}
AREA_PREFIX = {
    "organization": "ORG",
    "business": "BUS",
    "fund_finance": "FIN",
    "information_system": "INF",
    "supervision": "SUP",
}
TOTAL_RE = re.compile(r"^(合\s*计|总\s*计|小\s*计|总\s*分|合计分)")
NOTE_RE = re.compile(r"^(注|说明|备注|附注|填表说明)\s*[：:．.、\d]")
MAX_ROWS = 2000


class BankImportError(InterviewError):
    """A table that cannot become a bank; nothing was stored."""


class ImportedRow(BaseModel):
    row: int  # 1-based row number in the sheet (or table)
    item: str
    content: str
    criteria: str = ""
    score: float | None = None
    area: str


class Skipped(BaseModel):
    row: int
    reason: str


class OwnSection(BaseModel):
    key: str  # s01, s02, …
    title: (
        str  # the 项目 without its number and 分值 (「一、岗位风险防控（30分）」 -> 岗位风险防控)
    )
    item: str  # the 项目 as the table writes it
    prefix: str  # of its control points' ids: SA, SB, …


class ImportedTable(BaseModel):
    source: str
    rows: list[ImportedRow]
    skipped: list[Skipped]
    declared_total: float | None = None  # the 合计 row's 分值, when the table has one
    # The table's own sections when its 项目 are not the five areas (rows' area: their keys).
    sections: list[OwnSection] = []
    own_reason: str = ""  # why the five areas did not fit, for the import report

    def total_score(self) -> float:
        return sum(r.score or 0 for r in self.rows)

    def section_keys(self) -> list[str]:
        return [s.key for s in self.sections] if self.sections else list(AREA_KEYS)

    def section_title(self, key: str) -> str:
        own = {s.key: s.title for s in self.sections}
        return own.get(key) or SECTION_TITLES[key]

    def prefix(self, key: str) -> str:
        own = {s.key: s.prefix for s in self.sections}
        return own.get(key) or AREA_PREFIX[key]


def _norm(text: object) -> str:
    s = unicodedata.normalize("NFKC", "" if text is None else str(text))
    return re.sub(r"\s+", "", s).strip()


def _header_key(cell: str) -> str | None:
    name = re.sub(r"[（(].*?[)）]", "", _norm(cell))
    for key, variants in HEADERS.items():
        if name in variants:
            return key
    for key, variants in HEADERS.items():  # 检查内容及要求, 分值（分）…
        if any(name.startswith(v) for v in variants if len(v) >= 2):
            return key
    return None


def parse_score(value: object, row: int) -> float | None:
    if value is None:
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    text = _norm(value).removesuffix("分")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise BankImportError(
            f"第 {row} 行：分值「{value}」不是数字，请改成 10、2.5 这样的数字（可带「分」字）。"
        ) from None


def area_of(item: str, mapping: dict[str, str]) -> str | None:
    name = _norm(item)
    for label, key in mapping.items():
        if _norm(label) and _norm(label) in name:
            return key
    for key in AREA_KEYS:  # the longest words first: 信息系统 before 系统
        if any(w in name for w in AREA_WORDS[key][:1]):
            return key
    for key in AREA_KEYS:
        if any(w in name for w in AREA_WORDS[key][1:]):
            return key
    return None


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """--map 项目=方面 (方面: 组织/业务/基金/信息/监督 or the full area title)."""
    titles = {v: k for k, v in SECTION_TITLES.items() if k in AREA_KEYS}
    out: dict[str, str] = {}
    for pair in pairs:
        if "=" not in pair:
            raise BankImportError(f"--map「{pair}」应写成 项目名=方面，例如 --map 稽核内控=监督。")
        label, area = (p.strip() for p in pair.split("=", 1))
        key = (
            AREA_SHORT_NAMES.get(area) or titles.get(area) or (area if area in AREA_KEYS else None)
        )
        if not label or key is None:
            raise BankImportError(
                f"--map「{pair}」：方面只能是 组织、业务、基金、信息系统、监督 之一。"
            )
        out[label] = key
    return out


def table_rows(
    grid: list[list[object]], source: str, mapping: dict[str, str], own: bool = False
) -> ImportedTable:
    """grid: the table's cells row by row, merged cells already holding their value only in
    the top-left cell (as openpyxl and python-docx give them)."""
    if len(grid) > MAX_ROWS:
        raise BankImportError(f"{source}：表格超过 {MAX_ROWS} 行，不像检查评估表，请检查文件。")
    header_at, columns = _find_header(grid, source)
    rows: list[ImportedRow] = []
    skipped: list[Skipped] = []
    declared_total: float | None = None
    current_item = ""
    start = header_at + 1
    # A second header row (sub-headings under a merged group heading) is not data.
    if start < len(grid) and _is_header_row(grid[start], columns):
        start += 1
    for index in range(start, len(grid)):
        number = index + 1
        cells = grid[index]

        def cell(key: str, cells: list[object] = cells) -> str:
            col = columns.get(key)
            if col is None or col >= len(cells) or cells[col] is None:
                return ""
            return str(cells[col]).strip()

        texts = [_norm(c) for c in cells if _norm(c)]
        if not texts:
            skipped.append(Skipped(row=number, reason="空行"))
            continue
        first = texts[0]
        if TOTAL_RE.match(first) or TOTAL_RE.match(_norm(cell("content"))):
            skipped.append(Skipped(row=number, reason="合计行"))
            if "score" in columns and columns["score"] < len(cells):
                try:
                    declared_total = parse_score(cells[columns["score"]], number)
                except BankImportError:
                    pass
            continue
        if NOTE_RE.match(first) or (len(set(texts)) == 1 and len(texts[0]) > 20):
            skipped.append(Skipped(row=number, reason="注释或说明"))
            continue
        item = cell("item") or current_item
        content = cell("content")
        if cell("item"):
            current_item = cell("item")
        if not content:
            skipped.append(Skipped(row=number, reason="没有检查内容（可能是项目标题行）"))
            continue
        if not item:
            raise BankImportError(
                f"{source} 第 {number} 行：没有「项目」，也无法从上面的行继承，请补上。"
            )
        area = None if own else area_of(item, mapping)
        if area is None and not own and (mapping or any(r.area for r in rows)):
            raise BankImportError(
                f"{source} 第 {number} 行：项目「{item}」对应不到五个方面中的任何一个。"
                f"请加 --map {item}=组织（或 业务、基金、信息系统、监督）指定，"
                "或加 --own-sections 按表中的项目分部分。"
            )
        rows.append(
            ImportedRow(
                row=number,
                item=item,
                content=content,
                criteria=cell("criteria"),
                score=parse_score(
                    cells[columns["score"]]
                    if "score" in columns and columns["score"] < len(cells)
                    else None,
                    number,
                ),
                area=area or "",
            )
        )
    if not rows:
        raise BankImportError(f"{source}：表头之下没有检查项，请确认选对了工作表或表格。")
    table = ImportedTable(source=source, rows=rows, skipped=skipped, declared_total=declared_total)
    if own:
        return own_sections(table, "按 --own-sections")
    if not any(r.area for r in rows):
        return own_sections(table, "表中的项目都不是五个方面")
    if any(not r.area for r in rows):  # an unmatched row after the matched ones
        stray = next(r for r in rows if not r.area)
        raise BankImportError(
            f"{source} 第 {stray.row} 行：项目「{stray.item}」对应不到五个方面中的任何一个。"
            f"请加 --map {stray.item}=组织（或 业务、基金、信息系统、监督）指定，"
            "或加 --own-sections 按表中的项目分部分。"
        )
    missing = [SECTION_TITLES[k] for k in AREA_KEYS if not any(r.area == k for r in rows)]
    if missing:
        raise BankImportError(
            f"{source}：表中没有属于「{'、'.join(missing)}」的检查项。"
            "如果表中的项目名称不同，请用 --map 项目名=方面 指定对应关系；"
            "或加 --own-sections 按表中的项目分部分。"
        )
    return table


def section_title_of(item: str) -> str:
    """「一、岗位风险防控（30分）」 -> 「岗位风险防控」: the 项目 without numbering and 分值."""
    text = _norm(item)
    text = re.sub(r"^[(（]?(第?[一二三四五六七八九十百]+|[0-9]+)[)）、．.]*", "", text)
    text = re.sub(r"[（(][^（）()]*分[^（）()]*[)）]$", "", text)
    return text.strip("、．.：: ") or _norm(item)


def own_sections(table: ImportedTable, reason: str) -> ImportedTable:
    """One section per 项目, in the table's order."""
    items = list(dict.fromkeys(r.item for r in table.rows))
    if len(items) > MAX_OWN_SECTIONS:
        raise BankImportError(
            f"{table.source}：表中有 {len(items)} 个不同的项目，超过 {MAX_OWN_SECTIONS} 个，"
            "无法各成一部分。请检查「项目」列是否选对，或用 --map 项目名=方面 对应到五个方面。"
        )
    sections = [
        OwnSection(
            key=f"s{n:02d}",
            title=section_title_of(item),
            item=item,
            prefix=f"S{chr(ord('A') + n - 1)}",
        )
        for n, item in enumerate(items, start=1)
    ]
    key_of = {s.item: s.key for s in sections}
    rows = [r.model_copy(update={"area": key_of[r.item]}) for r in table.rows]
    return table.model_copy(update={"rows": rows, "sections": sections, "own_reason": reason})


def _is_header_row(cells: list[object], columns: dict[str, int]) -> bool:
    if not any(_header_key(str(c or "")) for c in cells):
        return False
    col = columns["content"]
    content = cells[col] if col < len(cells) else None
    return not _norm(content) or _header_key(str(content)) is not None


def _find_header(grid: list[list[object]], source: str) -> tuple[int, dict[str, int]]:
    for index, cells in enumerate(grid[:15]):
        columns: dict[str, int] = {}
        for col, value in enumerate(cells):
            key = _header_key(str(value or ""))
            if key and key not in columns:
                columns[key] = col
        # Two-row headers: names may sit in the row below a merged group heading.
        if columns and index + 1 < len(grid):
            for col, value in enumerate(grid[index + 1]):
                key = _header_key(str(value or ""))
                if key and key not in columns and col not in columns.values():
                    columns[key] = col
        if "content" in columns and ("item" in columns or "score" in columns):
            columns.setdefault("item", -1)
            if columns["item"] < 0:
                del columns["item"]
            return index, columns
    raise BankImportError(
        f"{source}：找不到表头。表格应有「项目」（或 类别、一级指标）和「检查内容」（或 评估内容、要点）列，"
        "最好还有「评分标准」和「分值」列。"
    )


# --- readers --------------------------------------------------------------------------------
def read_xlsx(path: Path) -> list[tuple[str, list[list[object]]]]:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=False, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged or foreign file
        raise BankImportError(
            f"{path.name}：无法作为 Excel 文件打开（文件已损坏或不是 .xlsx），请另存为 .xlsx 后重试。"
        ) from exc
    sheets = []
    for ws in wb.worksheets:
        grid = [list(r) for r in ws.iter_rows(values_only=True)]
        sheets.append((f"{path.name}「{ws.title}」", grid))
    return sheets


def read_docx(path: Path) -> list[tuple[str, list[list[object]]]]:
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as exc:
        raise BankImportError(
            f"{path.name}：无法作为 Word 文件打开（文件已损坏或不是 .docx），请另存为 .docx 后重试。"
        ) from exc
    tables = []
    for n, table in enumerate(document.tables, start=1):
        grid: list[list[object]] = []
        for row in table.rows:
            cells: list[object] = []
            seen: set[int] = set()
            previous = None
            for cell in row.cells:
                # A horizontally merged cell repeats: keep it once, as openpyxl would.
                ident = id(cell._tc)
                cells.append(None if ident in seen or cell._tc is previous else cell.text)
                seen.add(ident)
                previous = cell._tc
            grid.append(cells)
        # Vertically merged cells repeat their text in python-docx: blank the repeats.
        for col in range(max((len(r) for r in grid), default=0)):
            above = None
            for r_i, r in enumerate(grid):
                if col >= len(r):
                    continue
                tc = table.rows[r_i].cells[col]._tc if col < len(table.rows[r_i].cells) else None
                if tc is not None and tc is above:
                    r[col] = None
                above = tc
        tables.append((f"{path.name} 第{n}个表格", grid))
    return tables


def read_table(
    path: str | Path, mapping: dict[str, str] | None = None, own: bool = False
) -> ImportedTable:
    """own: the table's 项目 become the bank's sections, whatever their names."""
    path = Path(path)
    if not path.is_file():
        raise BankImportError(f"找不到文件「{path}」，请检查路径。")
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        candidates = read_xlsx(path)
    elif suffix == ".docx":
        candidates = read_docx(path)
    else:
        raise BankImportError(
            f"{path.name}：只能导入 .xlsx 或 .docx 的检查评估表；.xls、.doc、.wps 请先另存为 .xlsx 或 .docx。"
        )
    problems = []
    for source, grid in candidates:
        try:
            _find_header(grid, source)
        except BankImportError as exc:
            problems.append(str(exc))
            continue
        return table_rows(grid, source, mapping or {}, own)
    if not candidates:
        raise BankImportError(f"{path.name}：文件中没有表格。")
    raise BankImportError(problems[0])
