"""`zicha docx check`: a GB/T 9704-2012 checker for any .docx, hand-written ones included.

Reads the package with zipfile and lxml (no python-docx: it neither resolves style inheritance
nor survives every damaged file) and reports Chinese findings: 错误 where the standard is
broken, 提醒 where it says 一般 or where WPS may show the file differently.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path, PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel

from report.errors import ZichaError

from . import layout as L

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"

Severity = Literal["错误", "提醒"]
MM_TOLERANCE = 1.0
PT_TOLERANCE = 0.5
MAX_PER_RULE = 5
QUOTE_CHARS = 18

# Font families by role: a name containing any of these words belongs to the family.
FAMILIES: dict[str, tuple[str, ...]] = {
    "仿宋": ("仿宋", "fangsong"),
    "小标宋": ("小标宋", "xiaobiaosong"),
    "黑体": ("黑体", "simhei", "heiti"),
    "楷体": ("楷体", "kaiti"),
    "宋体": ("宋体", "simsun", "songti"),
}
ROLE_RULES: dict[str, tuple[str, float, str]] = {
    # role: (family, size pt, Chinese name of the role)
    "title": ("小标宋", 22, "标题"),
    "body": ("仿宋", 16, "正文"),
    "addressee": ("仿宋", 16, "主送机关"),
    "heading1": ("黑体", 16, "一级标题"),
    "heading2": ("楷体", 16, "二级标题"),
    "heading3": ("仿宋", 16, "三级标题"),
    "signature": ("仿宋", 16, "发文机关署名"),
    "date": ("仿宋", 16, "成文日期"),
    "appendix_label": ("黑体", 16, "附件标识"),
    "record": ("仿宋", 14, "版记"),
    "doc_number": ("仿宋", 16, "发文字号"),
    "attachment_note": ("仿宋", 16, "附件说明"),
}
SIZE_NAMES = {v: k for k, v in reversed(L.SIZES_PT.items())}

_H1 = re.compile(r"^[一二三四五六七八九十]+、")
_H2 = re.compile(r"^（[一二三四五六七八九十]+）")
_H3 = re.compile(r"^\d+[．.](?!\d)")
_DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")
_CN_DATE = re.compile(r"^[〇零一二三四五六七八九十]{4}年[〇零一二三四五六七八九十]+月")
_DOC_NUMBER = re.compile(r"\S*[〔\[［(（【]\d{4}[〕\]］)）】]\d+号")
_GOOD_NUMBER = re.compile(r"〔\d{4}〕[1-9]\d*号")
_APPENDIX = re.compile(r"^附件(\d*|清单)$")


class DocxCheckError(ZichaError):
    """The file cannot be read as a .docx at all."""


class Finding(BaseModel):
    severity: Severity
    where: str  # 页面设置 / 第 12 段 / 页脚 …
    quote: str = ""
    message: str
    rule: str = ""

    def line(self) -> str:
        quote = f"「{self.quote}」" if self.quote else ""
        return f"{self.severity}  {self.where}{quote}：{self.message}"


class CheckResult(BaseModel):
    path: str
    paragraphs: int
    findings: list[Finding]

    @property
    def errors(self) -> int:
        return sum(1 for f in self.findings if f.severity == "错误")

    @property
    def warnings(self) -> int:
        return sum(1 for f in self.findings if f.severity == "提醒")

    def lines(self) -> list[str]:
        out = [f"检查「{self.path}」（GB/T 9704-2012），共 {self.paragraphs} 个有文字的段落："]
        out += [f.line() for f in self.findings]
        if not self.findings:
            out.append("未发现问题。")
        out.append(f"结论：{self.errors} 项错误，{self.warnings} 项提醒。")
        return out


# --- reading the package --------------------------------------------------------------------
def _parse(zf: zipfile.ZipFile, name: str, path: Path, required: bool = True) -> Any:
    from lxml import etree

    try:
        data = zf.read(name)
    except KeyError:
        if required:
            raise DocxCheckError(
                f"「{path}」缺少 {name}，不是完整的 Word 文档（可能已损坏）。"
                "请在 WPS 或 Word 中打开后另存为 .docx 再检查。"
            ) from None
        return None
    except (zipfile.BadZipFile, OSError, RuntimeError, EOFError) as exc:
        raise DocxCheckError(
            f"「{path}」中的 {name} 无法读取，文件已损坏。请在 WPS 或 Word 中打开后另存为 .docx 再检查。"
        ) from exc
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise DocxCheckError(
            f"「{path}」中的 {name} 内容损坏，无法解析。请在 WPS 或 Word 中打开后另存为 .docx 再检查。"
        ) from exc


def _open(path: Path) -> zipfile.ZipFile:
    if not path.exists():
        raise DocxCheckError(f"找不到文件「{path}」，请检查路径。")
    if path.is_dir():
        raise DocxCheckError(f"「{path}」是一个文件夹，请给出 .docx 文件的路径。")
    try:
        head = path.open("rb").read(8)
    except OSError as exc:
        raise DocxCheckError(f"无法读取「{path}」：{exc.strerror or exc}。") from exc
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise DocxCheckError(
            f"「{path}」是旧版 .doc（或 .wps）格式。请在 WPS 或 Word 中「另存为」.docx 后再检查。"
        )
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise DocxCheckError(
            f"「{path}」不是有效的 .docx 文件（可能已损坏，或是改了扩展名的其他文件）。"
            "请在 WPS 或 Word 中打开后另存为 .docx 再检查。"
        ) from exc


def _relationships(zf: zipfile.ZipFile, part: str, path: Path) -> list[tuple[Any, str]]:
    """The part's relationships (none if it has no .rels), each with its target as a part
    name in the package."""
    p = PurePosixPath(part)
    rels = _parse(zf, str(p.parent / "_rels" / (p.name + ".rels")), path, required=False)
    if rels is None:
        return []
    out = []
    for rel in rels.iter(PKG_REL):
        target = rel.get("Target", "")
        full = target.lstrip("/") if target.startswith("/") else str(p.parent / target)
        out.append((rel, _normalize(full)))
    return out


def _rels(zf: zipfile.ZipFile, part: str, path: Path) -> dict[str, str]:
    """rId -> part name, for the part's relationships."""
    return {
        rel.get("Id", ""): full
        for rel, full in _relationships(zf, part, path)
        if rel.get("TargetMode") != "External"
    }


def _normalize(name: str) -> str:
    parts: list[str] = []
    for piece in name.split("/"):
        if piece == "..":
            if parts:
                parts.pop()
        elif piece and piece != ".":
            parts.append(piece)
    return "/".join(parts)


def _main_part(zf: zipfile.ZipFile, path: Path) -> str:
    root_rels = _rels(zf, "", path) if "_rels/.rels" in zf.namelist() else {}
    rels = _parse(zf, "_rels/.rels", path, required=False)
    if rels is not None:
        for rel in rels.iter(PKG_REL):
            if rel.get("Type", "").endswith("/officeDocument"):
                return _normalize(rel.get("Target", "").lstrip("/"))
    del root_rels
    return "word/document.xml"


# --- style resolution -----------------------------------------------------------------------
class Styles:
    def __init__(self, root: Any | None, theme: dict[str, str]):
        self.by_id: dict[str, Any] = {}
        self.default_para: str | None = None
        self.default_rpr = None
        self.default_ppr = None
        self.theme = theme
        self.theme_refs = 0
        if root is None:
            return
        for style in root.iter(f"{W}style"):
            sid = style.get(f"{W}styleId")
            if sid:
                self.by_id[sid] = style
            if style.get(f"{W}type") == "paragraph" and style.get(f"{W}default") in ("1", "true"):
                self.default_para = sid
        dd = root.find(f"{W}docDefaults")
        if dd is not None:
            self.default_rpr = dd.find(f"{W}rPrDefault/{W}rPr")
            self.default_ppr = dd.find(f"{W}pPrDefault/{W}pPr")
        for rfonts in root.iter(f"{W}rFonts"):
            self.theme_refs += sum(1 for k in rfonts.attrib if k.endswith(("Theme", "theme")))

    def chain(self, sid: str | None) -> list[Any]:
        """The style and its bases, base first."""
        out: list[Any] = []
        seen: set[str] = set()
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            style = self.by_id[sid]
            out.append(style)
            based = style.find(f"{W}basedOn")
            sid = based.get(f"{W}val") if based is not None else None
        return list(reversed(out))

    def name(self, sid: str | None) -> str:
        style = self.by_id.get(sid or "")
        if style is None:
            return sid or ""
        name = style.find(f"{W}name")
        return name.get(f"{W}val") if name is not None else sid or ""


class RunProps(BaseModel):
    east_asia: str | None = None
    ascii: str | None = None
    theme: str | None = None  # the theme slot the East Asian font comes from
    size: float | None = None
    bold: bool = False
    colour: str | None = None
    tracking: int = 0  # w:spacing, twips


def _apply_rpr(props: RunProps, rpr: Any, theme: dict[str, str]) -> None:
    if rpr is None:
        return
    fonts = rpr.find(f"{W}rFonts")
    if fonts is not None:
        ea_theme = fonts.get(f"{W}eastAsiaTheme")
        if ea_theme:
            props.theme = ea_theme
            props.east_asia = theme.get(ea_theme, ea_theme)
        elif fonts.get(f"{W}eastAsia"):
            props.theme = None
            props.east_asia = fonts.get(f"{W}eastAsia")
        ascii_theme = fonts.get(f"{W}asciiTheme")
        if ascii_theme:
            props.ascii = theme.get(ascii_theme, ascii_theme)
        elif fonts.get(f"{W}ascii"):
            props.ascii = fonts.get(f"{W}ascii")
    sz = rpr.find(f"{W}sz")
    if sz is not None and sz.get(f"{W}val", "").isdigit():
        props.size = int(sz.get(f"{W}val")) / 2
    b = rpr.find(f"{W}b")
    if b is not None:
        props.bold = b.get(f"{W}val", "true") not in ("0", "false", "off")
    color = rpr.find(f"{W}color")
    if color is not None:
        props.colour = (color.get(f"{W}val") or "").upper()
    spacing = rpr.find(f"{W}spacing")
    if spacing is not None:
        try:
            props.tracking = int(spacing.get(f"{W}val", "0"))
        except ValueError:
            pass


class ParaProps(BaseModel):
    jc: str = "left"
    first_line: int = 0  # twips
    first_line_chars: int | None = None
    hanging: int = 0
    left: int = 0
    right: int = 0
    right_chars: int | None = None
    border: list[str] = []  # colours of paragraph borders


def _apply_ppr(props: ParaProps, ppr: Any) -> None:
    if ppr is None:
        return
    jc = ppr.find(f"{W}jc")
    if jc is not None:
        props.jc = jc.get(f"{W}val", "left")
    ind = ppr.find(f"{W}ind")
    if ind is not None:

        def num(name: str) -> int | None:
            v = ind.get(f"{W}{name}")
            try:
                return int(v) if v is not None else None
            except ValueError:
                return None

        if num("firstLine") is not None:
            props.first_line, props.hanging = num("firstLine") or 0, 0
        if num("hanging") is not None:
            props.hanging, props.first_line = num("hanging") or 0, 0
        if num("firstLineChars") is not None:
            props.first_line_chars = num("firstLineChars")
        if num("hangingChars") is not None:
            props.first_line_chars = -(num("hangingChars") or 0)
        for name in ("left", "start"):
            if num(name) is not None:
                props.left = num(name) or 0
        for name in ("right", "end"):
            if num(name) is not None:
                props.right = num(name) or 0
        if num("rightChars") is not None:
            props.right_chars = num("rightChars")
    bdr = ppr.find(f"{W}pBdr")
    if bdr is not None:
        props.border = [
            (b.get(f"{W}color") or "000000").upper()
            for b in bdr
            if b.get(f"{W}val") not in (None, "nil", "none")
        ]


def _theme_fonts(root: Any | None) -> dict[str, str]:
    """minorEastAsia -> the theme's ea (or Hans) typeface, and so on."""
    out: dict[str, str] = {}
    if root is None:
        return out
    for kind in ("major", "minor"):
        coll = root.find(f".//{A}{kind}Font")
        if coll is None:
            continue
        latin = coll.find(f"{A}latin")
        ea = coll.find(f"{A}ea")
        hans = next((f for f in coll.findall(f"{A}font") if f.get("script") == "Hans"), None)
        ea_name = (ea.get("typeface") if ea is not None else "") or (
            hans.get("typeface") if hans is not None else ""
        )
        latin_name = latin.get("typeface") if latin is not None else ""
        out[f"{kind}EastAsia"] = ea_name or "（主题未指定）"
        out[f"{kind}HAnsi"] = latin_name or "（主题未指定）"
        out[f"{kind}Ascii"] = latin_name or "（主题未指定）"
        out[f"{kind}Bidi"] = latin_name or "（主题未指定）"
    return out


# --- the checker ----------------------------------------------------------------------------
def _family(name: str | None) -> str | None:
    if not name:
        return None
    low = name.lower()
    for family, words in FAMILIES.items():
        if any(w in low for w in words):
            return family
    return None


def _size_text(pt: float | None) -> str:
    if pt is None:
        return "未设字号"
    name = SIZE_NAMES.get(pt)
    return f"{name}（{pt:g} 磅）" if name else f"{pt:g} 磅"


def _quote(text: str) -> str:
    text = text.strip()
    return text if len(text) <= QUOTE_CHARS else text[:QUOTE_CHARS] + "……"


def _mm(twips: float) -> float:
    return twips / 20 * L.MM_PER_PT


class _Checker:
    def __init__(self, path: Path):
        self.path = path
        self.findings: list[Finding] = []
        self._per_rule: dict[str, int] = {}

    def add(
        self, severity: Severity, where: str, message: str, quote: str = "", rule: str = ""
    ) -> None:
        rule = rule or message
        n = self._per_rule.get(rule, 0)
        self._per_rule[rule] = n + 1
        if n < MAX_PER_RULE:
            self.findings.append(
                Finding(severity=severity, where=where, quote=quote, message=message, rule=rule)
            )

    def summarize_overflow(self) -> None:
        for rule, n in self._per_rule.items():
            if n > MAX_PER_RULE:
                sample = next(f for f in self.findings if f.rule == rule)
                self.findings.append(
                    Finding(
                        severity=sample.severity,
                        where="其余段落",
                        message=f"另有 {n - MAX_PER_RULE} 段同样问题：{sample.message}",
                        rule=rule,
                    )
                )


def check_docx(path: str | Path) -> CheckResult:
    path = Path(path)
    zf = _open(path)
    with zf:
        try:
            names = set(zf.namelist())
        except (zipfile.BadZipFile, OSError) as exc:
            raise DocxCheckError(f"「{path}」已损坏，无法读取。") from exc
        main = _main_part(zf, path)
        if main not in names:
            raise DocxCheckError(
                f"「{path}」中没有正文部分（{main}），不是 Word 文档或已损坏。"
                "请在 WPS 或 Word 中打开后另存为 .docx 再检查。"
            )
        doc = _parse(zf, main, path)
        rels = _rels(zf, main, path)
        by_type = _rel_types(zf, main, path)
        styles_root = (
            _parse(zf, by_type["styles"], path, required=False) if "styles" in by_type else None
        )
        theme_root = (
            _parse(zf, by_type["theme"], path, required=False) if "theme" in by_type else None
        )
        settings = (
            _parse(zf, by_type["settings"], path, required=False) if "settings" in by_type else None
        )
        styles = Styles(styles_root, _theme_fonts(theme_root))
        body = doc.find(f"{W}body")
        if body is None:
            raise DocxCheckError(f"「{path}」没有正文（w:body），文件已损坏或不是 Word 文档。")
        c = _Checker(path)
        sect = body.find(f"{W}sectPr")
        _check_page(c, sect)
        paragraphs = _paragraphs(body, styles)
        roles = _classify(paragraphs)
        body_runs = [paragraphs[i].main_run() for i, r in roles.items() if r == "body"]
        _check_grid(c, sect, next((r for r in body_runs if r and r.size), None))
        _check_roles(c, paragraphs, roles)
        _check_footer(c, zf, path, sect, rels, settings)
        if styles.theme_refs:
            c.add(
                "提醒",
                "样式表",
                f"styles.xml 中有 {styles.theme_refs} 处主题字体引用（asciiTheme/eastAsiaTheme 等）；"
                "WPS 打开时可能提示缺字体或改用日文字体。请在样式中直接写明字体名称。",
            )
        c.summarize_overflow()
        return CheckResult(
            path=str(path),
            paragraphs=sum(1 for p in paragraphs if p.text.strip()),
            findings=c.findings,
        )


def _rel_types(zf: zipfile.ZipFile, main: str, path: Path) -> dict[str, str]:
    """Relationship type (its last path piece) -> part name of the first of that type."""
    out: dict[str, str] = {}
    for rel, full in _relationships(zf, main, path):
        out.setdefault(rel.get("Type", "").rsplit("/", 1)[-1], full)
    return out


class Para(BaseModel):
    number: int  # among paragraphs with text; 0 for empty ones
    text: str
    style: str | None
    props: ParaProps
    runs: list[tuple[str, RunProps]]
    in_frame: bool = False

    def main_run(self) -> RunProps | None:
        """The run props covering most characters."""
        best: tuple[int, RunProps | None] = (0, None)
        for text, props in self.runs:
            if len(text.strip()) > best[0]:
                best = (len(text.strip()), props)
        return best[1]

    def first_run(self) -> RunProps | None:
        return next((p for t, p in self.runs if t.strip()), None)


def _paragraphs(body: Any, styles: Styles) -> list[Para]:
    out: list[Para] = []
    n = 0
    for p in body.iterchildren(f"{W}p"):
        ppr = p.find(f"{W}pPr")
        sid_el = ppr.find(f"{W}pStyle") if ppr is not None else None
        sid = sid_el.get(f"{W}val") if sid_el is not None else styles.default_para
        chain = styles.chain(sid)
        pprops = ParaProps()
        _apply_ppr(pprops, styles.default_ppr)
        base_rpr = RunProps()
        _apply_rpr(base_rpr, styles.default_rpr, styles.theme)
        for style in chain:
            _apply_ppr(pprops, style.find(f"{W}pPr"))
            _apply_rpr(base_rpr, style.find(f"{W}rPr"), styles.theme)
        _apply_ppr(pprops, ppr)
        runs: list[tuple[str, RunProps]] = []
        for r in p.iter(f"{W}r"):
            text = "".join(
                (t.text or "") if t.tag == f"{W}t" else "\t"
                for t in r
                if t.tag in (f"{W}t", f"{W}tab")
            )
            if not text:
                continue
            props = base_rpr.model_copy()
            rpr = r.find(f"{W}rPr")
            rstyle = rpr.find(f"{W}rStyle") if rpr is not None else None
            if rstyle is not None:
                for style in styles.chain(rstyle.get(f"{W}val")):
                    _apply_rpr(props, style.find(f"{W}rPr"), styles.theme)
            _apply_rpr(props, rpr, styles.theme)
            runs.append((text, props))
        text = "".join(t for t, _ in runs)
        if text.strip():
            n += 1
        out.append(
            Para(
                number=n if text.strip() else 0,
                text=text,
                style=styles.name(sid),
                props=pprops,
                runs=runs,
                in_frame=ppr is not None and ppr.find(f"{W}framePr") is not None,
            )
        )
    return out


def _check_page(c: _Checker, sect: Any) -> None:
    if sect is None:
        c.add(
            "错误",
            "页面设置",
            "没有页面设置（w:sectPr），无法确认纸张和页边距。请在 WPS 或 Word 中设置 A4 纸和页边距。",
        )
        return
    pg = sect.find(f"{W}pgSz")
    if pg is None:
        c.add("错误", "页面设置", "没有设置纸张大小，应为 A4（210×297 mm）。")
    else:
        w = _mm(int(pg.get(f"{W}w", "0")))
        h = _mm(int(pg.get(f"{W}h", "0")))
        if abs(w - L.PAGE_WIDTH_MM) > MM_TOLERANCE or abs(h - L.PAGE_HEIGHT_MM) > MM_TOLERANCE:
            c.add("错误", "页面设置", f"纸张为 {w:.0f}×{h:.0f} mm，应为 A4 纵向（210×297 mm）。")
    mar = sect.find(f"{W}pgMar")
    if mar is None:
        c.add(
            "错误",
            "页面设置",
            "没有设置页边距：应为上 37、下 35、左 28、右 26 mm（版心 156×225 mm）。",
        )
        return
    wanted = (
        ("top", "上", L.MARGIN_TOP_MM),
        ("bottom", "下", L.MARGIN_BOTTOM_MM),
        ("left", "左", L.MARGIN_LEFT_MM),
        ("right", "右", L.MARGIN_RIGHT_MM),
    )
    wrong = []
    for attr, label, mm in wanted:
        try:
            actual = _mm(abs(int(mar.get(f"{W}{attr}", "0"))))
        except ValueError:
            actual = 0.0
        if abs(actual - mm) > MM_TOLERANCE:
            wrong.append(f"{label} {actual:.1f} mm（应为 {mm:g}）")
    if wrong:
        c.add(
            "错误",
            "页面设置",
            "页边距不符："
            + "，".join(wrong)
            + "。版心应为 156×225 mm：上 37、下 35、左 28、右 26 mm。",
        )


def _check_grid(c: _Checker, sect: Any, body_run: RunProps | None) -> None:
    """22 lines a page, 28 characters a line (一般), from the grid or the body's spacing."""
    if sect is None:
        return
    pg, mar = sect.find(f"{W}pgSz"), sect.find(f"{W}pgMar")
    if pg is None or mar is None:
        return
    try:
        width = int(pg.get(f"{W}w")) - int(mar.get(f"{W}left")) - int(mar.get(f"{W}right"))
        height = (
            int(pg.get(f"{W}h")) - abs(int(mar.get(f"{W}top"))) - abs(int(mar.get(f"{W}bottom")))
        )
    except (TypeError, ValueError):
        return
    grid = sect.find(f"{W}docGrid")
    size = (body_run.size if body_run and body_run.size else None) or 16.0
    pitch = None
    gtype = grid.get(f"{W}type") if grid is not None else None
    if gtype in ("lines", "linesAndChars", "snapToChars") and grid.get(f"{W}linePitch"):
        pitch = int(grid.get(f"{W}linePitch"))
    if pitch is None:
        c.add(
            "提醒",
            "页面设置",
            "没有设置文档网格：一般每页 22 行、每行 28 字（WPS「页面设置—文档网格」）。",
        )
    else:
        lines = int(height / pitch + 0.05)
        if lines != L.LINES_PER_PAGE:
            c.add("提醒", "页面设置", f"文档网格每页 {lines} 行，一般应为 22 行。")
    char_pitch = size + (body_run.tracking / 20 if body_run else 0)
    if gtype in ("linesAndChars", "snapToChars") and grid.get(f"{W}charSpace"):
        try:
            char_pitch = size + int(grid.get(f"{W}charSpace")) / 4096
        except ValueError:
            pass
    chars = int(width / 20 / char_pitch + 0.15)
    if chars != L.CHARS_PER_LINE:
        c.add(
            "提醒",
            "页面设置",
            f"按正文字号每行约 {chars} 字，一般应为 28 字（版心宽 156 mm、3号字）。",
        )


def _role_guess(p: Para) -> str | None:
    text = p.text.strip()
    if not text:
        return None
    if _H1.match(text):
        return "heading1"
    if _H2.match(text):
        return "heading2"
    if _H3.match(text) and not _DATE.match(text):
        return "heading3"
    return "body"


def _is_red(colour: str | None) -> bool:
    if not colour or not re.fullmatch(r"[0-9A-F]{6}", colour):
        return False
    r, g, b = (int(colour[i : i + 2], 16) for i in (0, 2, 4))
    return r >= 0xC0 and g <= 0x60 and b <= 0x60


def _is_number_line(text: str) -> bool:
    """The 发文字号 line (maybe with 签发人), not a sentence that cites a document number."""
    text = text.strip()
    if "签发人" in text and len(text) <= 60:
        return True
    return bool(_DOC_NUMBER.search(text)) and len(text) <= 30 and not re.search(r"[。：，；]", text)


def _classify(paragraphs: list[Para]) -> dict[int, str]:
    """index -> role for every paragraph with text."""
    roles: dict[int, str] = {}
    texts = [(i, p) for i, p in enumerate(paragraphs) if p.text.strip()]
    if not texts:
        return roles
    title_i = None
    # With a 版头, the title comes after the 发文字号 (a large mark above it is no title).
    number_at = next((k for k, (_i, p) in enumerate(texts[:8]) if _is_number_line(p.text)), -1)
    for i, p in texts[number_at + 1 : number_at + 9]:
        run = p.main_run()
        if run is not None and (run.size or 0) >= 18 and not _is_red(run.colour):
            title_i = i
            break
        if p.text.strip().endswith("：") and not p.text.startswith(("签发人", "附件")):
            break
    in_head = title_i is not None
    date_i = None
    for i, p in texts:
        if _DATE.match(p.text.strip()) or _CN_DATE.match(p.text.strip()):
            date_i = i
    after_appendix = False
    previous_label = False
    for k, (i, p) in enumerate(texts):
        text = p.text.strip()
        if title_i is not None and i < title_i:
            run = p.main_run()
            if run is not None and (_is_red(run.colour) or (run.size or 0) >= 18):
                roles[i] = "organ_mark"
            elif _is_number_line(text):
                roles[i] = "doc_number"
            else:
                roles[i] = "head_other"
            continue
        if i == title_i:
            roles[i] = "title"
            in_head = False
            continue
        if (
            text.startswith("抄送：")
            or text.startswith("抄送:")
            or (p.in_frame and text.endswith("印发"))
        ):
            roles[i] = "record"
            continue
        if re.search(r"\d{4}年\d{1,2}月\d{1,2}日印发$", text):
            roles[i] = "record"
            continue
        if _APPENDIX.match(text):
            roles[i] = "appendix_label"
            after_appendix = True
            previous_label = True
            continue
        if previous_label and p.props.jc == "center":
            roles[i] = "title"
            previous_label = False
            continue
        previous_label = False
        if text.startswith("附件：") or (
            k > 0 and roles.get(texts[k - 1][0]) == "attachment_note" and re.match(r"^\d+．", text)
        ):
            roles[i] = "attachment_note"
            continue
        if i == date_i and not after_appendix:
            roles[i] = "date"
            if k > 0:
                roles[texts[k - 1][0]] = "signature"
            continue
        if (
            text.endswith("：")
            and "。" not in text
            and len(text) <= 40
            and not any(r in ("heading1", "body", "addressee") for r in roles.values())
            and not _H1.match(text)
        ):
            roles[i] = "addressee"
            continue
        roles[i] = _role_guess(p) or "body"
    del in_head
    return roles


def _check_roles(c: _Checker, paragraphs: list[Para], roles: dict[int, str]) -> None:
    if not roles:
        c.add("提醒", "正文", "文档没有文字段落，只检查了页面设置和页码。")
        return
    saw_mark = any(r == "organ_mark" for r in roles.values())
    for i, role in roles.items():
        p = paragraphs[i]
        where = f"第 {p.number} 段"
        quote = _quote(p.text)
        if role == "organ_mark":
            run = p.main_run()
            if p.props.jc != "center":
                c.add("错误", where, "发文机关标志应居中排布。", quote, "mark-center")
            if run is not None and not _is_red(run.colour):
                c.add("错误", where, "发文机关标志应为红色。", quote, "mark-red")
            continue
        if role == "doc_number":
            _check_doc_number(c, p, where, quote)
            continue
        if role == "head_other":
            continue
        if role == "signature" and p.props.jc not in ("right", "end", "center"):
            c.add(
                "提醒",
                where,
                "发文机关署名应在成文日期之上、以成文日期为准居中编排（右侧）。",
                quote,
                "sig-align",
            )
        if role == "date":
            _check_date(c, p, where, quote)
        if role == "record":
            if p.text.strip().startswith("抄送") and not p.text.strip().endswith("。"):
                c.add("提醒", where, "抄送机关最后一个名称后应标句号。", quote, "cc-stop")
        _check_font(c, p, role, where, quote)
        if role in ("body", "heading1", "heading2", "heading3"):
            _check_indent(c, p, role, where, quote)
        if role == "title" and p.props.jc != "center":
            c.add("错误", where, "标题应居中排布。", quote, "title-center")
        if role in ("body", "heading1", "heading2", "heading3", "title", "addressee"):
            for _text, run in p.runs:
                if run.theme and _text.strip():
                    c.add(
                        "错误",
                        where,
                        f"文字使用主题字体 {run.theme}（解析为 {run.east_asia}），WPS 可能改用其他字体显示；"
                        "请直接指定字体名称。",
                        quote,
                        "theme-font",
                    )
                    break
    if saw_mark and not _has_red_rule(paragraphs):
        c.add("提醒", "版头", "发文字号之下应有一条与版心等宽的红色分隔线。", rule="red-rule")
    records = [i for i, r in roles.items() if r == "record"]
    if records and not any(paragraphs[i].props.border for i in records):
        c.add("提醒", "版记", "版记的抄送、印发机关行之间及首末应有分隔线。", rule="record-rules")


def _has_red_rule(paragraphs: list[Para]) -> bool:
    return any(any(_is_red(b) for b in p.props.border) for p in paragraphs[:20])


def _check_doc_number(c: _Checker, p: Para, where: str, quote: str) -> None:
    text = p.text.strip()
    m = _DOC_NUMBER.search(text)
    if m and not _GOOD_NUMBER.search(m.group(0)):
        if re.search(r"〔\d{4}〕0\d*号", m.group(0)):
            c.add(
                "错误",
                where,
                "发文字号的序号不编虚位（写 1 号，不写 01 号）。",
                quote,
                "docnum-zero",
            )
        else:
            c.add(
                "错误",
                where,
                "发文字号的年份应用六角括号〔〕，例如 某社险〔2026〕12号。",
                quote,
                "docnum-brackets",
            )
    if "签发人" in text:
        names = [
            t for t, r in p.runs if t.strip() and "签发人" not in t and not _DOC_NUMBER.search(t)
        ]
        runs = [r for t, r in p.runs if t.strip() and t in names]
        if runs and _family(runs[-1].east_asia) != "楷体":
            c.add("提醒", where, "签发人姓名一般用3号楷体字。", quote, "signer-font")


def _check_date(c: _Checker, p: Para, where: str, quote: str) -> None:
    text = p.text.strip()
    if _CN_DATE.match(text):
        c.add("错误", where, "成文日期应用阿拉伯数字，例如 2026年11月29日。", quote, "date-digits")
    if re.search(r"年0\d|月0\d", text):
        c.add(
            "错误",
            where,
            "成文日期的月、日不编虚位（写 3月5日，不写 03月05日）。",
            quote,
            "date-zero",
        )
    if p.props.jc not in ("right", "end"):
        c.add("提醒", where, "成文日期一般右空四字编排。", quote, "date-align")


def _check_font(c: _Checker, p: Para, role: str, where: str, quote: str) -> None:
    family, size, label = ROLE_RULES.get(role, ROLE_RULES["body"])
    run = p.first_run() if role in ("heading1", "heading2", "heading3") else p.main_run()
    if run is None:
        return
    actual_family = _family(run.east_asia)
    ok_family = actual_family == family or (family == "小标宋" and actual_family == "宋体")
    if not ok_family:
        c.add(
            "错误",
            where,
            f"{label}应为{_size_name(size)}{_family_example(family)}，实为 {run.east_asia or '未指定中文字体'}。",
            quote,
            f"font-{role}",
        )
    elif family == "小标宋" and actual_family == "宋体":
        c.add(
            "提醒",
            where,
            f"{label}一般用方正小标宋简体，实为 {run.east_asia}。",
            quote,
            f"font-{role}-song",
        )
    if run.size is None or abs(run.size - size) > PT_TOLERANCE:
        c.add(
            "错误",
            where,
            f"{label}字号应为{_size_name(size)}，实为 {_size_text(run.size)}。",
            quote,
            f"size-{role}",
        )


def _size_name(pt: float) -> str:
    name = SIZE_NAMES.get(pt)
    return f"{name}（{pt:g} 磅）" if name else f"{pt:g} 磅"


def _family_example(family: str) -> str:
    return {
        "仿宋": "仿宋（仿宋_GB2312）",
        "小标宋": "方正小标宋简体",
        "黑体": "黑体",
        "楷体": "楷体（楷体_GB2312）",
    }.get(family, family)


def _check_indent(c: _Checker, p: Para, role: str, where: str, quote: str) -> None:
    if p.text.startswith(("\u3000\u3000", "    ")):
        return
    run = p.main_run()
    size = (run.size if run and run.size else 16.0) * 20
    chars = p.props.first_line_chars
    if chars is not None and chars != 0:
        ok = 180 <= chars <= 220
    else:
        ok = abs(p.props.first_line - 2 * size) <= 80
    if not ok:
        label = ROLE_RULES[role][2]
        c.add("错误", where, f"{label}首行应缩进两个字。", quote, f"indent-{role}")


def _check_footer(
    c: _Checker, zf: zipfile.ZipFile, path: Path, sect: Any, rels: dict[str, str], settings: Any
) -> None:
    refs = sect.findall(f"{W}footerReference") if sect is not None else []
    if not refs:
        c.add(
            "错误",
            "页脚",
            "没有页码：页码应在版心下边缘之下，用4号半角宋体阿拉伯数字，两边各一条一字线（— 1 —）。",
        )
        return
    found = False
    dashed = False
    sizes: list[float] = []
    for ref in refs:
        part = rels.get(ref.get(R_ID, ""))
        if not part:
            continue
        root = _parse(zf, part, path, required=False)
        if root is None:
            continue
        instr = " ".join((t.text or "") for t in root.iter(f"{W}instrText"))
        instr += " ".join(f.get(f"{W}instr", "") for f in root.iter(f"{W}fldSimple"))
        if re.search(r"\bPAGE\b", instr):
            found = True
            text = "".join((t.text or "") for t in root.iter(f"{W}t"))
            if "—" in text or "－" in text:
                dashed = True
            for sz in root.iter(f"{W}sz"):
                if sz.get(f"{W}val", "").isdigit():
                    sizes.append(int(sz.get(f"{W}val")) / 2)
    if not found:
        c.add("错误", "页脚", "页脚中没有页码域（PAGE）：每页应有页码。")
        return
    if not dashed:
        c.add("提醒", "页脚", "页码两边应各有一条一字线，写成「— 1 —」。")
    if sizes and not any(abs(s - 14) <= PT_TOLERANCE for s in sizes):
        c.add("提醒", "页脚", f"页码一般用4号（14 磅）宋体，实为 {sizes[0]:g} 磅。")
    even_odd = settings is not None and settings.find(f"{W}evenAndOddHeaders") is not None
    if not even_odd:
        c.add("提醒", "页脚", "页码未区分单双页：单页码居右空一字，双页码居左空一字。")
