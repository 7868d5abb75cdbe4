"""Read one file into plain text: .txt .md .docx .pdf .html/.htm.

Tables become one line per row with cells joined by ｜, right after the paragraph before them,
so the splitter keeps a table with its heading. Every failure is a LoadError whose message
names the file and says what to do.

langchain-community's loaders are not used: TextLoader mis-detects GBK, Docx2txtLoader drops
tables, PyPDFLoader and BSHTMLLoader hide the reasons a file fails; the libraries they wrap
(pypdf, bs4) are used directly instead.
"""

from __future__ import annotations

import codecs
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .encoding import detect_and_decode
from .errors import LoadError
from .pdf_text import page_texts

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_MEMBER_BYTES = 30 * 1024 * 1024  # one part of a .docx, unzipped
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024  # all parts of a .docx together
MAX_ZIP_MEMBERS = 2_000
MAX_TEXT_CHARS = 3_000_000  # text of one file, ~1,500 pages

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf", ".html", ".htm")
CELL_SEP = "｜"


@dataclass(frozen=True)
class LoadedText:
    text: str
    title_hint: str | None = None
    unreadable: int = 0  # characters a damaged text file had, kept as U+FFFD


def load_bytes(path: Path, data: bytes) -> LoadedText:
    name = path.name
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise LoadError(f"{name}：不支持的文件类型，可导入 txt、md、docx、pdf、html。")
    if not data.strip():
        raise LoadError(f"{name}：文件是空的，没有可导入的内容。")
    if suffix in (".txt", ".md"):
        text, _ = detect_and_decode(data, name)
        loaded = _markdown(text) if suffix == ".md" else LoadedText(text)
    elif suffix == ".docx":
        loaded = _docx(data, name)
    elif suffix == ".pdf":
        loaded = _pdf(data, name)
    else:
        loaded = _html(data, name)
    if len(loaded.text) > MAX_TEXT_CHARS:
        raise LoadError(
            f"{name}：文字太多（约 {len(loaded.text) // 10000} 万字，上限 {MAX_TEXT_CHARS // 10000} 万字），"
            "未导入。请按章节拆成几个文件再导入。"
        )
    text = clean_text(loaded.text)
    if not re.search(r"[\w\u4e00-\u9fff]", text):
        raise LoadError(f"{name}：文件中没有可识别的文字。")
    title = clean_text(loaded.title_hint) if loaded.title_hint else loaded.title_hint
    unreadable = text.count("\ufffd") if suffix in (".txt", ".md") else 0
    return LoadedText(text, title or None, unreadable)


# C0 and C1 controls except tab and newline (\r and form feed become line breaks first): a
# terminal escape in a document must not reach the library, the screen or a search result.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _CONTROL.sub("", text.replace("\x0c", "\n"))
    text = text.replace("\u3000", " ").replace("\xa0", " ")
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _markdown(text: str) -> LoadedText:
    title = None
    out = []
    for line in text.splitlines():
        m = re.match(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$", line)
        if m:
            line = m.group(1)
            title = title or line
        elif re.match(r"^\s*\|?\s*:?-{3,}", line):
            continue  # table separator row
        elif line.strip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            line = CELL_SEP.join(cells)
        line = re.sub(r"(\*\*|__|`)", "", line)
        out.append(line)
    return LoadedText("\n".join(out), title)


def _check_zip(data: bytes, name: str) -> None:
    """Refuse a .docx that would unzip past the caps, before any XML is parsed.

    zipfile never inflates a member past its declared size (it stops and fails the CRC), so
    the declared sizes bound what parsing can cost.
    """
    import io
    import zipfile

    try:
        infos = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise LoadError(f"{name}：Word 文件已损坏或不完整，请用 Word 打开后另存再导入。") from exc
    if len(infos) > MAX_ZIP_MEMBERS:
        raise LoadError(f"{name}：Word 文件内部有 {len(infos)} 个部件，不像正常的文档，未导入。")
    total = 0
    for info in infos:
        if info.file_size > MAX_MEMBER_BYTES:
            raise LoadError(
                f"{name}：其中的 {info.filename} 解压后有 {info.file_size / 1048576:.0f} MB，"
                f"超过单个部件 {MAX_MEMBER_BYTES // 1048576} MB 的上限（可能是“压缩炸弹”或嵌入了"
                "超大内容），未导入。请把正文复制到新的 Word 文件后再导入。"
            )
        total += info.file_size
    if total > MAX_UNZIPPED_BYTES:
        raise LoadError(
            f"{name}：解压后共 {total / 1048576:.0f} MB，超过 {MAX_UNZIPPED_BYTES // 1048576} MB"
            " 的上限，未导入。请删去图片等附件、只保留正文后再导入。"
        )


def _docx(data: bytes, name: str) -> LoadedText:
    import io
    import zipfile

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    _check_zip(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise LoadError(f"{name}：Word 文件已损坏或不完整，请用 Word 打开后另存再导入。") from exc
    except Exception as exc:  # lxml errors on a damaged part
        raise LoadError(
            f"{name}：Word 文件无法解析（文件内容已损坏），请用 Word 打开后另存再导入。"
        ) from exc
    lines: list[str] = []
    numbers = _ListNumbers(document)
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            paragraph = Paragraph(block, document)
            lines.append(numbers.label(paragraph) + paragraph.text)
        elif tag == "tbl":
            lines.extend(_table_rows(Table(block, document)))
            lines.append("")
    title = (document.core_properties.title or "").strip() or None
    return LoadedText("\n".join(lines), title)


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_LEVEL_REF = re.compile(r"%([1-9])")


def _counted(n: int, fmt: str) -> str:
    """A list number as Word shows it in the format of its level."""
    from .numerals import to_chinese

    if fmt in (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
    ):
        return to_chinese(n)
    if fmt in ("ideographTraditional",) and 1 <= n <= 10:
        return "甲乙丙丁戊己庚辛壬癸"[n - 1]
    if fmt == "decimalFullWidth":
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("lowerLetter", "upperLetter") and 1 <= n <= 26:
        letter = chr(ord("a") + n - 1)
        return letter.upper() if fmt == "upperLetter" else letter
    if fmt == "decimalEnclosedCircleChinese" or fmt == "decimalEnclosedCircle":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt == "none":
        return ""
    return str(n)


class _ListNumbers:
    """Numbers Word draws in front of automatically numbered paragraphs (第%1条, （%1）, %1.):
    they are not in the paragraph's text, and without them a regulation numbered that way
    has no articles. Counted per list (numId) and level as Word counts them; a higher level
    restarts the levels under it."""

    def __init__(self, document: Any) -> None:
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}
        self._counts: dict[str, dict[int, int]] = {}
        self._style_num: dict[str, tuple[str, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        abstract: dict[str, dict[int, tuple[int, str, str]]] = {}
        for node in numbering.iter(_W + "abstractNum"):
            abstract[node.get(_W + "abstractNumId")] = self._read_levels(node)
        for node in numbering.iter(_W + "num"):
            ref = node.find(_W + "abstractNumId")
            if ref is None:
                continue
            levels = dict(abstract.get(ref.get(_W + "val"), {}))
            for override in node.iter(_W + "lvlOverride"):
                ilvl = int(override.get(_W + "ilvl", "0"))
                start = override.find(_W + "startOverride")
                if start is not None and ilvl in levels:
                    _, fmt, text = levels[ilvl]
                    levels[ilvl] = (int(start.get(_W + "val", "1")), fmt, text)
            self._levels[node.get(_W + "numId")] = levels
        for style in document.styles.element.iter(_W + "style"):
            num = self._num_pr(style.find(_W + "pPr"))
            if num is not None:
                self._style_num[style.get(_W + "styleId")] = num

    @staticmethod
    def _read_levels(node: Any) -> dict[int, tuple[int, str, str]]:
        levels = {}
        for lvl in node.iter(_W + "lvl"):
            start, fmt, text = (
                lvl.find(_W + "start"),
                lvl.find(_W + "numFmt"),
                lvl.find(_W + "lvlText"),
            )
            levels[int(lvl.get(_W + "ilvl", "0"))] = (
                int(start.get(_W + "val", "1")) if start is not None else 1,
                fmt.get(_W + "val", "decimal") if fmt is not None else "decimal",
                text.get(_W + "val", "") if text is not None else "",
            )
        return levels

    @staticmethod
    def _num_pr(ppr: Any) -> tuple[str, int] | None:
        num_pr = ppr.find(_W + "numPr") if ppr is not None else None
        if num_pr is None:
            return None
        num_id, ilvl = num_pr.find(_W + "numId"), num_pr.find(_W + "ilvl")
        if num_id is None:
            return None
        return num_id.get(_W + "val"), int(ilvl.get(_W + "val", "0")) if ilvl is not None else 0

    def label(self, paragraph: Any) -> str:
        if not self._levels:
            return ""
        num = self._num_pr(paragraph._p.pPr)
        if num is None:
            ppr = paragraph._p.pPr
            style = ppr.pStyle.val if ppr is not None and ppr.pStyle is not None else None
            num = self._style_num.get(style) if style else None
        if num is None or num[0] == "0" or num[0] not in self._levels:
            return ""
        num_id, ilvl = num
        levels = self._levels[num_id]
        if ilvl not in levels:
            return ""
        counts = self._counts.setdefault(num_id, {})
        counts[ilvl] = counts.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]
        _, fmt, text = levels[ilvl]

        def number(m: re.Match[str]) -> str:
            level = int(m.group(1)) - 1
            start, level_fmt, _ = levels.get(level, (1, "decimal", ""))
            return _counted(counts.get(level, start), level_fmt)

        label = _LEVEL_REF.sub(number, text).strip()
        if not label:
            return ""
        # as typed: 一、总则, （一）目的, but 第一条 为规范 and 1. 前台 (Word puts a tab there)
        return label if label.endswith(("、", "）", ")")) else label + " "


def _table_rows(table: Any) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            value = re.sub(r"\s+", " ", cell.text).strip()
            if not cells or value != cells[-1]:  # merged cells repeat their text
                cells.append(value)
        if any(cells):
            rows.append(CELL_SEP.join(cells))
    return rows


def _pdf(data: bytes, name: str) -> LoadedText:
    import io
    import logging

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            # Many PDFs carry only an owner password; an empty user password opens them.
            try:
                opened = bool(reader.decrypt(""))
            except Exception:
                opened = False
            if not opened:
                raise LoadError(f"{name}：PDF 已加密，需要密码才能打开，请先解除密码后再导入。")
        # where the characters stand, or pypdf's drawing order if PDFium cannot read the file
        pages = page_texts(data, "" if reader.is_encrypted else None) or [
            page.extract_text() or "" for page in reader.pages
        ]
    except LoadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError, IndexError) as exc:
        raise LoadError(f"{name}：PDF 文件已损坏或不完整，无法读取。") from exc
    except Exception as exc:
        if "crypt" in str(exc).lower() or "AES" in str(exc):
            raise LoadError(f"{name}：PDF 已加密，无法读取，请先解除密码后再导入。") from exc
        raise LoadError(f"{name}：PDF 文件无法读取（文件内容已损坏或已加密）。") from exc
    pages = drop_running_lines(pages)
    text = "\n".join(drop_page_number(page, i + 1) for i, page in enumerate(pages))
    if len(re.findall(r"[\w\u4e00-\u9fff]", text)) < 10:
        raise LoadError(
            f"{name}：PDF 没有文字层（可能是扫描件），请先用文字识别（OCR）转换后再导入。"
        )
    return LoadedText(join_pdf_lines(text))


# A 公文 page number (— 3 —, GB/T 9704), or - 3 -, 第 3 页 (共 9 页), 3/9, or a bare 3: on a
# page's first or last line it is no part of the text, and left there it would be glued into the
# article that runs across the page break (第十— 2 —四条).
_DASHES = r"[\s—–\-－−─﹣]*"
_PAGE_WORDED = re.compile(
    rf"^{_DASHES}第\s*\d{{1,4}}\s*页(?:\s*[,，/]?\s*共\s*\d{{1,4}}\s*页)?{_DASHES}$"
)
_PAGE_DASHED = re.compile(r"^\s*[—–\-－−─﹣]+\s*\d{1,4}\s*[—–\-－−─﹣]+\s*$")
_PAGE_BARE = re.compile(r"^\s*(\d{1,4})(?:\s*/\s*\d{1,4})?\s*$")


def _is_page_number(line: str, page: int) -> bool:
    if _PAGE_WORDED.match(line) or _PAGE_DASHED.match(line):
        return True
    bare = _PAGE_BARE.match(line)
    # a bare number only when it could be this page's (a cover or contents may come first)
    return bare is not None and page - 6 <= int(bare.group(1)) <= page


def drop_page_number(text: str, page: int) -> str:
    """The page's text without a page number on its first or last line."""
    lines = text.split("\n")
    filled = [i for i, line in enumerate(lines) if line.strip()]
    # the last first, so that removing it leaves the first one's index as it was
    for i in sorted(set(filled[-1:] + filled[:1]), reverse=True):
        if _is_page_number(lines[i], page):
            del lines[i]
    return "\n".join(lines)


# Running headers and footers (页眉/页脚: issuing offices, 文号, 第 3 页 共 9 页) are drawn at the top
# or bottom of every page; left in, they land inside the article that crosses a page break.
EDGE_LINES = 4  # lines looked at on each edge of a page: a two-line header and a page number fit
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")
# a line ending a sentence is body text (a wrapped paragraph's tail such as 「险费。」), never chrome
_SENTENCE_TAIL = re.compile(r"[。；：！？;:!?]$")


def _edge_key(line: str) -> str:
    """A line as compared across pages: spaces dropped, any number the same (the page number
    changes from page to page)."""
    return _DIGITS.sub("#", _SPACES.sub("", line))


def _edges(lines: list[str]) -> list[int]:
    """Indexes of the first and last EDGE_LINES non-empty lines of a page, top first."""
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return sorted(set(filled[:EDGE_LINES] + filled[-EDGE_LINES:]))


def drop_running_lines(pages: list[str]) -> list[str]:
    """Pages without the lines that stand at the top or bottom of most of them.

    A line counts when it sits among a page's first or last few lines on at least half the
    pages, or on nearly all odd or all even pages (and on two at least); a line found once, or
    a title on page 1 only, stays. The first
    page keeps its running lines above the text: they come before anything else, and there the
    issuer and 文号 are the document's own heading.
    """
    if len(pages) < 2:
        return pages
    split = [page.split("\n") for page in pages]
    seen: dict[str, list[int]] = {}  # pages with the line on an edge: odd ones, even ones
    for number, lines in enumerate(split):
        for key in {_edge_key(lines[i]) for i in _edges(lines)}:
            seen.setdefault(key, [0, 0])[number % 2] += 1
    need = max(2, (len(pages) + 1) // 2)
    # Word's 奇偶页不同: one header on the odd pages, another on the even ones (the first page
    # often without), each on nearly all pages of its side
    sides = ((len(pages) + 1) // 2, len(pages) // 2)
    running = {
        key
        for key, (odd, even) in seen.items()
        if key
        and not _SENTENCE_TAIL.search(key)
        and (
            odd + even >= need
            or any(
                n >= max(2, math.ceil(0.8 * side))
                for n, side in zip((odd, even), sides, strict=True)
            )
        )
    }
    if not running:
        return pages
    out = []
    for number, lines in enumerate(split):
        edges = _edges(lines)
        filled = [i for i, line in enumerate(lines) if line.strip()]
        first_body = next((i for i in filled if _edge_key(lines[i]) not in running), len(lines))
        drop: set[int] = set()
        # one of each per page: a header repeating the title drops once, and the header kept
        # above page 1's text counts as that page's one
        done = {_edge_key(lines[i]) for i in filled if i < first_body} if number == 0 else set()
        for i in edges:
            key = _edge_key(lines[i])
            if key in running and key not in done and not (number == 0 and i < first_body):
                drop.add(i)
                done.add(key)
        out.append("\n".join(line for i, line in enumerate(lines) if i not in drop))
    return out


_STRUCT_START = re.compile(
    r"^(第[零〇一二三四五六七八九十百千\d]+[章节条编]|[（(][一二三四五六七八九十\d]+[)）]|[一二三四五六七八九十]+、|\d+[.、．])"
)


_TITLE_END = re.compile(
    r"(办法|条例|规定|制度|规范|通知|细则|规则|标准|决定|意见|规程|方案|指引|要点)$"
)
_DATE_LINE = re.compile(r"^(?:19|20)\d{2}年\d{1,2}月\d{1,2}日$")
# A 文号 on a line of its own (青人社发〔2025〕18号) starts a line: it never continues a title.
_DOC_NUMBER_LINE = re.compile(r"^[\u4e00-\u9fff]{1,12}〔(?:19|20)\d{2}〕第?\d{1,4}号$")


def join_pdf_lines(text: str) -> str:
    """PDF extraction breaks lines at the page width; rejoin lines within a paragraph."""
    out: list[str] = []
    # PDF text puts spaces between digits and CJK: 〔2021〕8 号, 2021 年3 月.
    text = re.sub(r"(?<=\d) +(?=[\u4e00-\u9fff〕])|(?<=[\u4e00-\u9fff〔]) +(?=\d)", "", text)
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            out.append("")
            continue
        prev = out[-1] if out else ""
        if (
            prev
            and len(prev) >= 15
            and prev[-1] not in "。：；！？:;"
            and CELL_SEP not in prev
            and not _STRUCT_START.match(line)
            and not (len(prev) <= 40 and _TITLE_END.search(prev))
            and not _DATE_LINE.match(line)
            and not _DOC_NUMBER_LINE.match(line)
        ):
            out[-1] = prev + line
        else:
            out.append(line)
    return "\n".join(out)


# GB2312 and GBK pages hold characters of GB18030 (堃, 喆 in names): decode as the superset.
_GB_FAMILY = {"gb2312", "gb_2312-80", "gbk", "x-gbk", "cp936", "gb18030", "euc-cn", "csgb2312"}


def _decode_html(data: bytes, name: str) -> str:
    """By the BOM, else by the charset the page declares, else as a text file is detected."""
    if data.startswith(codecs.BOM_UTF8):
        return data[3:].decode("utf-8", errors="replace")
    m = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?([\w-]+)", data[:4096], re.I)
    if m:
        declared = m.group(1).decode("ascii").lower()
        try:
            return data.decode("gb18030" if declared in _GB_FAMILY else declared)
        except (LookupError, UnicodeDecodeError):
            pass
    text, _ = detect_and_decode(data, name)
    return text


# Tags that are never the text: scripts, styles, menus, forms, embedded frames.
_NOT_TEXT = ["script", "style", "nav", "noscript", "iframe", "form", "select", "button", "footer"]
# Elements that start a line of their own when shown.
_BLOCKS = {
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "tr",
    "table",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "main",
    "header",
    "center",
    "blockquote",
    "pre",
    "hr",
}
# Containers the text may sit in; the search for it descends through these only.
_CONTAINERS = {"div", "article", "section", "main", "td", "table", "tbody", "tr", "center"}
# A page's own lines (navigation, 发布时间, 打印本页, footer) when they were not left outside the
# text's container: dropped line by line, never a sentence of the document.
_CHROME = re.compile(
    r"^(?:当前位置|您现在的位置|你现在的位置|您的位置|所在位置)\s*[：:]"
    r"|^(?:首页|网站首页|主页)\s*[>＞›»/|｜]"
    r"|^(?:发布时间|发布日期|发稿时间|更新时间|信息来源|来源|作者|责任编辑|编辑|浏览次数|点击数|阅读次数|访问次数)\s*[：:]"
    r"|打印本页|关闭窗口|【\s*(?:打印|关闭|收藏|返回顶部)\s*】|返回顶部|加入收藏|设为首页|分享到\s*[：:]"
    r"|[【\[]\s*字[号体]\s*[：:]|^字[号体]\s*[：:]?\s*[大中小]"
    r"|^(?:主办单位|承办单位|主办|承办|协办|版权所有|技术支持|网站标识码|联系我们|网站地图|Copyright|©)"
    r"|ICP备|ICP证|公网安备"
)
_CJK_TEXT = re.compile(r"[\w\u4e00-\u9fff]")


def _text_weight(tag: Any) -> int:
    """How much of the document an element holds: its letters and characters outside links."""
    from bs4 import NavigableString

    total = 0
    for piece in tag.find_all(string=True):
        if isinstance(piece, NavigableString) and piece.find_parent("a") is None:
            total += len(_CJK_TEXT.findall(str(piece)))
    return total


def _main_element(body: Any) -> Any:
    """The element holding the document: from the body down, into the one child holding at
    least 70 % of its parent's text (outside links), as long as there is such a child."""
    from bs4 import Tag

    node, weight = body, _text_weight(body)
    while True:
        best = None
        for child in node.children:
            if isinstance(child, Tag) and child.name in _CONTAINERS:
                child_weight = _text_weight(child)
                if child_weight >= 0.7 * weight and child_weight > 0:
                    best, best_weight = child, child_weight
        if best is None:
            return node
        node, weight = best, best_weight


def _drop_link_lists(root: Any) -> None:
    """Menus, breadcrumbs and related-link lists: short blocks that are mostly links."""
    from bs4 import Tag

    for tag in list(root.find_all(["div", "ul", "ol", "dl", "p", "td", "table", "span", "li"])):
        if not isinstance(tag, Tag) or tag.decomposed:
            continue
        text = len(_CJK_TEXT.findall(tag.get_text()))
        if not text or text > 300:
            continue
        linked = sum(len(_CJK_TEXT.findall(a.get_text())) for a in tag.find_all("a"))
        if linked >= 0.6 * text:
            tag.decompose()


def _table_rows_html(table: Any) -> list[str]:
    """A data table: a line per row, cells joined by ｜ (a table holding tables lays out the
    page and is read as blocks instead)."""
    rows = []
    for tr in table.find_all("tr"):
        cells = [c.get_text(" ", strip=True) for c in tr.find_all(["td", "th"])]
        if any(cells):
            rows.append(CELL_SEP.join(cells))
    return rows


def _block_text(root: Any) -> str:
    """Text as a browser lays it out: a line per block element and <br>, inline elements
    (<strong>, <span>, <a>) inside their line, source line breaks inside a paragraph ignored."""
    from bs4 import NavigableString, Tag

    out: list[str] = []

    def walk(node: Any) -> None:
        for child in node.children:
            if isinstance(child, Tag) and child.name == "table" and child.find("table") is None:
                out.extend(["\n", *(row + "\n" for row in _table_rows_html(child))])
            elif isinstance(child, Tag):
                block = child.name in _BLOCKS
                if block:
                    out.append("\n")
                walk(child)
                if block:
                    out.append("\n")
            elif isinstance(child, NavigableString) and type(child) is NavigableString:
                out.append(_SOURCE_SPACE.sub(_space_or_break, str(child)))

    walk(root)
    # a source line break between two Chinese characters is no space on the page
    text = _BREAK_IN_CJK.sub("", "".join(out))
    return text.replace(_SOURCE_BREAK, " ")


_SOURCE_SPACE = re.compile(r"[ \t\r\n]+")
_SOURCE_BREAK = "\x01"  # a run of white space holding a line break, until its neighbours are known
_WIDE = "[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]"
_BREAK_IN_CJK = re.compile(rf"(?<={_WIDE}){_SOURCE_BREAK}(?={_WIDE})")


def _space_or_break(m: re.Match[str]) -> str:
    return _SOURCE_BREAK if "\n" in m.group(0) or "\r" in m.group(0) else " "


def _html(data: bytes, name: str) -> LoadedText:
    """A saved web page: the element holding the document (not the site's logo, menus,
    breadcrumbs, 发布时间, 打印本页 links and footer), with the page's heading above it."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(_decode_html(data, name), "html.parser")
    for tag in soup(_NOT_TEXT):
        tag.decompose()
    page_title = soup.title.get_text(strip=True) if soup.title else None
    if soup.head:
        soup.head.decompose()
    body = soup.body or soup
    main = _main_element(body)
    head: list[str] = []
    if main is not body:
        # the title (and a 文号 shown in the page's own header) often stand outside the text
        inside = {id(t) for t in main.find_all(True)}
        headings = [
            h
            for h in body.find_all(["h1", "h2", "h3"])
            if id(h) not in inside and h.find_next(lambda t: t is main) is not None
        ]
        if headings:
            head.append(headings[-1].get_text(" ", strip=True))
        from .meta import DOC_NUMBER

        if not DOC_NUMBER.search(main.get_text()):
            number = DOC_NUMBER.search(body.get_text(" "))
            if number:
                head.append(number.group(0))
    _drop_link_lists(main)
    lines = [*head, *_block_text(main).split("\n")]
    lines = [
        line for line in lines if not (len(line.strip()) <= 120 and _CHROME.search(line.strip()))
    ]
    title = head[0] if head and head[0] else _page_title(page_title)
    return LoadedText("\n".join(lines), title)


def _page_title(title: str | None) -> str | None:
    """「某某通知_通知公告_某某厅」: the document's title without the site's sections and name."""
    if not title:
        return None
    first = re.split(r"\s*(?:_|\s-\s|\s—\s|｜|\|)\s*", title)[0].strip()
    return first if len(first) >= 4 else title
