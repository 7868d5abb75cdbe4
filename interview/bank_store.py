"""Question banks kept in the data home (banks/<name>/), beside the built-in one.

An imported bank is a folder in the built-in bank's YAML schema (one file per area, the
assessment and rectification stages copied from the built-in bank) plus bank.yaml with its
name, version, content hash, source and totals. Writing is all or nothing: a temporary folder
renamed into place.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import shutil
import tempfile
from pathlib import Path

from pydantic import BaseModel

from report.models import AREA_KEYS, BankRef, BankSection

from .bank import BANK_DIR, STAGE_KEYS, Bank, bank_keys, load_bank
from .bank_import import BankImportError, ImportedRow, ImportedTable

BANKS_DIR = "banks"
VERSIONS_DIR = "versions"
META_FILE = "bank.yaml"
BUILTIN_NAME = "内置"
NAME_RE = re.compile(r"^[\w\u4e00-\u9fff（）()\-]{1,40}$")
STOP_WORDS = {
    "是否",
    "建立",
    "情况",
    "有关",
    "相关",
    "按照",
    "进行",
    "开展",
    "做到",
    "符合",
    "要求",
    "规定",
    "工作",
    "管理",
    "落实",
    "执行",
    "及时",
    "有效",
    "明确",
    "实行",
    "定期",
    "严格",
    "各项",
    "单位",
}


class BankInfo(BaseModel):
    name: str
    version: int
    hash: str
    source: str = ""
    imported_at: str = ""
    points: int
    total_score: float | None = None
    builtin: bool = False


def banks_root(home: Path) -> Path:
    return home / BANKS_DIR


def check_name(name: str) -> str:
    name = name.strip()
    if name == BUILTIN_NAME or not NAME_RE.match(name):
        raise BankImportError(
            f"题库名称「{name}」不可用：请用 1 到 40 个汉字、字母或数字（可含 - 和括号），且不能叫「内置」。"
        )
    return name


def content_hash(folder: Path) -> str:
    h = hashlib.sha256()
    for key in bank_keys(folder):
        path = folder / f"{key}.yaml"
        h.update(key.encode())
        h.update(path.read_bytes())
    return h.hexdigest()


# --- generating the control points ------------------------------------------------------------
def _clause(text: str) -> str:
    return re.split(r"[，。；;、,：:]", text, maxsplit=1)[0].strip()


def _statement(content: str) -> str:
    """The check item said as what the unit does: 「参保登记资料是否完整归档」 -> 「参保登记资料
    完整归档」 (an example answer does not ask)."""
    return re.sub(r"是否|有无|有没有", "", _clause(content)) or _clause(content)


def make_title(content: str) -> str:
    title = _clause(content)
    return title[:16] or content[:16]


def make_question(content: str) -> str:
    """「……是否……？」 from the 检查内容: 「本单位是否建立……？」 when it opens with a verb, else
    the content quoted whole (「本单位是否做到“重要岗位定期轮岗”？」): moving 是否 into the
    middle of a clause by part of speech guessed wrong too often to be worth it."""
    body = content.rstrip("。；;，,、 ")
    if "是否" in body:
        return body + "？"
    if body.endswith("情况"):
        return f"本单位{body}如何？"
    import jieba
    import jieba.posseg

    jieba.setLogLevel(60)
    first = next(iter(jieba.posseg.cut(body)), None)
    listing = "、" in re.split(r"[，,；;]", body, maxsplit=1)[0]  # 「参保登记、缴费基数核定…」
    if first is not None and first.flag == "v" and len(first.word) >= 2 and not listing:
        return f"本单位是否{body}？"
    return f"本单位是否做到“{body}”？"


def make_keywords(content: str, criteria: str) -> list[str]:
    import jieba

    jieba.setLogLevel(60)  # its start-up chatter is English, on stderr
    words: list[str] = []
    for word in jieba.lcut(content):
        word = word.strip()
        if len(word) >= 2 and word not in STOP_WORDS and not word.isdigit() and word not in words:
            words.append(word)
    if not words:
        words = [w for w in jieba.lcut(criteria) if len(w) >= 2 and w not in STOP_WORDS][:1]
    words = words[:8] or [make_title(content)[:4]]
    # One topic whose words are alternatives: generated from the table's wording, all of them
    # required would send an officer who says it otherwise into needless follow-ups.
    return ["|".join(words)]


def point_data(row: ImportedRow, number: int, prefix: str) -> dict[str, object]:
    probes = [
        "依据的是哪份制度或文件？是什么时候印发的？",
        "实际执行得怎么样？有没有例外或发现的问题？",
    ]
    if row.criteria:
        probes.insert(0, f"对照评分标准「{row.criteria[:40]}」，本单位的情况如何？")
    keywords = make_keywords(row.content, row.criteria)
    data: dict[str, object] = {
        "id": f"{prefix}-{number:02d}",
        "title": make_title(row.content),
        "question": make_question(row.content),
        "explanation": (
            f"好的回答对照检查内容写明本单位的做法、依据的制度和执行情况。评分标准：{row.criteria}"
            if row.criteria
            else "好的回答对照检查内容写明本单位的做法、依据的制度和执行情况，以及发现的不足。"
        ),
        "probes": probes[:3],
        "keywords": keywords,
        "query": " ".join(
            [*keywords[0].split("|"), *re.findall(r"[\u4e00-\u9fff]{2,}", row.criteria)[:2]]
        ),
        "example": f"（示例）本单位{_statement(row.content)}，依据的制度是……，执行中……。",
    }
    if row.score is not None:
        data["score"] = row.score
    if row.criteria:
        data["criteria"] = row.criteria
    data["item"] = row.item
    data["content"] = row.content
    return data


def bank_files(table: ImportedTable) -> dict[str, dict[str, object]]:
    """Section key -> its file's data: the five areas, or the table's own sections."""
    files: dict[str, dict[str, object]] = {}
    for key in table.section_keys():
        title = table.section_title(key)
        rows = [r for r in table.rows if r.area == key]
        if len(rows) > 99:
            raise BankImportError(f"「{title}」有 {len(rows)} 项，超过 99 项，请拆分后导入。")
        prefix = table.prefix(key)
        files[key] = {
            "key": key,
            "title": title,
            "points": [point_data(r, n, prefix) for n, r in enumerate(rows, start=1)],
        }
    return files


def bank_ref(info: BankInfo, bank: Bank) -> BankRef | None:
    """What a new report records of its bank (None: the built-in one), own sections included."""
    if info.builtin:
        return None
    sections = tuple(BankSection(key=k, title=t) for k, t in bank.own_sections())
    return BankRef(name=info.name, version=info.version, hash=info.hash, sections=sections)


# --- the store ----------------------------------------------------------------------------------
def save_bank(home: Path, name: str, table: ImportedTable, replace: bool = False) -> BankInfo:
    import yaml

    name = check_name(name)
    root = banks_root(home)
    target = root / name
    old = read_info(target) if target.exists() else None
    if old is not None and not replace:
        raise BankImportError(
            f"已有名为「{name}」的题库（版本 {old.version}）。换一个名称，或加 --replace 导入为新版本。"
        )
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".~bank-", dir=root))
    try:
        for key, data in bank_files(table).items():
            (tmp / f"{key}.yaml").write_text(
                f"# {data['title']}：由检查评估表导入（来源见 bank.yaml）。\n"
                + yaml.safe_dump(data, allow_unicode=True, sort_keys=False),
                encoding="utf-8",
            )
        for key in STAGE_KEYS:
            shutil.copyfile(BANK_DIR / f"{key}.yaml", tmp / f"{key}.yaml")
        load_bank(tmp, min_points=1)  # what we wrote must load, or nothing is stored
        # Every version stays loadable: reports answered on an earlier one keep their questions.
        versions = tmp / VERSIONS_DIR
        if old is not None and (target / VERSIONS_DIR).is_dir():
            shutil.copytree(target / VERSIONS_DIR, versions)
        here = versions / content_hash(tmp)[:16]
        here.mkdir(parents=True, exist_ok=True)
        for key in bank_keys(tmp):
            shutil.copyfile(tmp / f"{key}.yaml", here / f"{key}.yaml")
        info = BankInfo(
            name=name,
            version=(old.version + 1) if old else 1,
            hash=content_hash(tmp),
            source=table.source,
            imported_at=dt.datetime.now().isoformat(timespec="seconds"),
            points=len(table.rows),
            total_score=table.total_score()
            if any(r.score is not None for r in table.rows)
            else None,
        )
        (tmp / META_FILE).write_text(
            yaml.safe_dump(info.model_dump(), allow_unicode=True, sort_keys=False), encoding="utf-8"
        )
        if target.exists():
            retired = root / f".~old-{name}"
            shutil.rmtree(retired, ignore_errors=True)
            target.rename(retired)
            tmp.rename(target)
            shutil.rmtree(retired, ignore_errors=True)
        else:
            tmp.rename(target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return info


def read_info(folder: Path) -> BankInfo:
    import yaml

    try:
        data = yaml.safe_load((folder / META_FILE).read_text(encoding="utf-8"))
        return BankInfo.model_validate(data)
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise BankImportError(
            f"题库「{folder.name}」的说明文件已损坏：{exc}。请重新导入。"
        ) from exc


def builtin_info() -> BankInfo:
    bank = load_bank()
    return BankInfo(
        name=BUILTIN_NAME,
        version=1,
        hash=content_hash(BANK_DIR),
        source="zicha 内置",
        points=sum(len(bank.points(k)) for k in AREA_KEYS),
        builtin=True,
    )


def imported_banks(home: Path) -> list[BankInfo]:
    """The banks imported into this data home (cheap: reads only their bank.yaml)."""
    root = banks_root(home)
    if not root.is_dir():
        return []
    return [
        read_info(folder)
        for folder in sorted(root.iterdir())
        if folder.is_dir() and not folder.name.startswith(".")
    ]


def list_banks(home: Path) -> list[BankInfo]:
    return [builtin_info(), *imported_banks(home)]


def bank_folder(home: Path, name: str) -> Path:
    if name == BUILTIN_NAME:
        return BANK_DIR
    folder = banks_root(home) / name
    if not (folder / META_FILE).is_file():
        names = "、".join(b.name for b in list_banks(home))
        raise BankImportError(f"没有名为「{name}」的题库。现有：{names}。")
    return folder


def open_bank(home: Path, name: str) -> tuple[BankInfo, Bank]:
    folder = bank_folder(home, name)
    if folder == BANK_DIR:
        return builtin_info(), load_bank()
    return read_info(folder), load_bank(folder, min_points=1)


def remove_bank(home: Path, name: str) -> None:
    if name == BUILTIN_NAME:
        raise BankImportError("内置题库不能删除。")
    folder = bank_folder(home, name)
    shutil.rmtree(folder)


def bank_for_report(home: Path, ref: object) -> Bank:
    """The bank a report was answered on (ref: report.bank), in the version it was answered on."""
    from report.models import BankRef

    if ref is None:
        return load_bank()
    assert isinstance(ref, BankRef)
    folder = banks_root(home) / ref.name
    version = folder / VERSIONS_DIR / ref.hash[:16]
    if version.is_dir():
        return load_bank(version, min_points=1)
    raise BankImportError(
        f"本报告按题库「{ref.name}」（版本 {ref.version}）作答，但本机没有这个题库或这一版本"
        f"（可能已删除或来自另一台电脑）。请重新导入同一份检查评估表：zicha bank import 表格 --name {ref.name}。"
    )
