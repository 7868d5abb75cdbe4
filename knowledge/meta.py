"""Find a document's title, 文号, issuing body and dates in its opening lines."""

from __future__ import annotations

import re

from .models import DocumentMeta

_BRACKETS = str.maketrans(
    {
        "[": "〔",
        "]": "〕",
        "［": "〔",
        "］": "〕",
        "(": "〔",
        ")": "〕",
        "（": "〔",
        "）": "〕",
        "【": "〔",
        "】": "〕",
    }
)
DOC_NUMBER = re.compile(
    r"(?P<bracket>[\u4e00-\u9fff]{1,12}[〔\[［(（【]\s*(?:19|20)\d{2}\s*[〕\]］)）】]\s*第?\d{1,4}\s*号)"
    r"|(?P<order>(?:中华人民共和国)?[\u4e00-\u9fff]{1,15}令\s*第\s*\d{1,4}\s*号)"
)
_DATE = r"(?:(?:19|20)\d{2}|[二〇零一九]{4})年[\d一二三四五六七八九十〇零]{1,3}月[\d一二三四五六七八九十〇零]{1,3}日"
DATE = re.compile(_DATE)
EFFECTIVE = re.compile(rf"自({_DATE})起(?:施行|执行|实施)")
TITLE_WORDS = re.compile(
    r"(办法|条例|规定|制度|规范|通知|法|意见|细则|规则|标准|决定|指引|方案|规程|要点)"
    r"(?:[（(](?:试行|暂行|修订|修正|\d{4}年修订)[）)])?$"
)
ISSUER = re.compile(
    r"^[\u4e00-\u9fff、 ]{2,40}(部|厅|局|委员会|国务院|办公厅|办公室|人民政府|中心|总局)$"
)
_STRUCT = re.compile(
    r"^(?:第[零〇一二三四五六七八九十百\d]+[章节条]|[一二三四五六七八九十]{1,3}、)"
)
HEAD_LINES = 25


# An issuing body written right before its 文号 (…人力资源和社会保障厅东人社规〔2025〕4号): the 文号
# starts after it, unless what follows is one character (劳社部发, 川人社厅发 are 文号 themselves).
_ISSUER_END = re.compile(
    r"(?:厅|局|部|委员会|人民政府|政府|办公室|中心)(?=[\u4e00-\u9fff]{2,}[〔\[［(（【])"
)


def normalize_doc_number(raw: str) -> str:
    number = re.sub(r"\s+", "", raw).translate(_BRACKETS)
    ends = list(_ISSUER_END.finditer(number))
    return number[ends[-1].end() :] if ends else number


def _head(text: str) -> list[str]:
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        if _STRUCT.match(line):
            break
        lines.append(line)
        if len(lines) >= HEAD_LINES:
            break
    return lines


# 《社会保险稽核办法》（劳社部发〔2003〕16号）: a regulation this one cites, not its own 文号.
_CITED = re.compile(r"》\s*[（(]\s*$")


def find_doc_number(text: str) -> str | None:
    for line in _head(text):
        for m in DOC_NUMBER.finditer(line):
            if not _CITED.search(line[: m.start()]):
                return normalize_doc_number(m.group(0))
    return None


def _is_title(line: str) -> bool:
    core = line.strip("《》 ")
    return (
        3 <= len(core) <= 60
        and not DOC_NUMBER.fullmatch(line)
        and not DATE.search(line)
        and not re.search(r"[。；！？]$", line)
        and bool(TITLE_WORDS.search(core))
    )


# 关于印发《X》的通知: the regulation is X (cited as 《X》 with the notice's 文号).
_ISSUING_NOTICE = re.compile(r"^关于印发《?(?P<title>[^《》]{3,60}?)》?(?:的通知)?$")


def find_title(text: str, hint: str | None, fallback: str) -> str:
    head = _head(text)
    for i, line in enumerate(head):
        if _is_title(line):
            title = line.strip("《》 ")
            # A long official title is often broken over two lines.
            if i > 0 and not _is_title(head[i - 1]) and _joinable(head[i - 1]):
                title = head[i - 1] + title
            notice = _ISSUING_NOTICE.match(title)
            if notice and TITLE_WORDS.search(notice.group("title")):
                return notice.group("title")
            return title
    if hint and 2 <= len(hint.strip()) <= 80:
        return hint.strip().strip("《》")
    for line in head[:3]:
        if 4 <= len(line) <= 40 and not DOC_NUMBER.search(line) and not DATE.search(line):
            return line.strip("《》# ")
    return fallback


def _joinable(line: str) -> bool:
    return (
        len(line) <= 30
        and bool(re.search(r"(关于|印发|社会保险)", line))
        and not DOC_NUMBER.search(line)
        and not ISSUER.match(line)
    )


def extract_meta(text: str, hint: str | None, fallback_title: str) -> DocumentMeta:
    head = _head(text)
    issuer = next((line for line in head if ISSUER.match(line)), None)
    dates = [m.group(0) for line in head for m in [DATE.search(line)] if m]
    effective = EFFECTIVE.search(text)
    return DocumentMeta(
        title=find_title(text, hint, fallback_title),
        doc_number=find_doc_number(text),
        issuer=issuer,
        issued_date=dates[0] if dates else None,
        effective_date=effective.group(1) if effective else None,
    )
