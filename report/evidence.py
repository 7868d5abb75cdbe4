"""Evidence files (佐证材料): stored once by content in the data home, referenced by SHA-256.

A file lives at <home>/evidence/<first two hex>/<sha256>; the report (and so every snapshot of
it) holds only name, hash and size. Removing an attachment from a point leaves the stored file
alone, so a submitted version keeps what it referenced. `audit verify` re-hashes every file a
report or snapshot references.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import BaseModel

from . import audit
from .errors import NotFoundError, ZichaError
from .file_hash import file_sha256
from .labels import DEFAULT_ACTOR
from .models import Attachment, Point, PriorItem, Report
from .store import ReportStore

MAX_EVIDENCE_BYTES = 50 * 1024 * 1024
EVIDENCE_DIR = "evidence"


class EvidenceRow(BaseModel):
    holder_id: str
    holder: str  # 「组织机构控制 ORG-01」, 「整改项 2」, 「上年度整改项 1」
    name: str
    sha256: str
    size: int


def evidence_root(store: ReportStore) -> Path:
    return store.home / EVIDENCE_DIR


def stored_path(root: Path, sha256: str) -> Path:
    return root / sha256[:2] / sha256


def _check_file(path: Path) -> int:
    if not path.exists():
        raise ZichaError(f"找不到文件「{path}」，请检查路径。没有添加任何文件。")
    if path.is_dir():
        raise ZichaError(f"「{path}」是文件夹，请写出其中的文件名。没有添加任何文件。")
    size = path.stat().st_size
    if size > MAX_EVIDENCE_BYTES:
        raise ZichaError(
            f"「{path.name}」有 {size / 1024 / 1024:.1f} MB，超过每个文件 50 MB 的上限。"
            "请压缩或拆分后再添加（扫描件可降低分辨率）。没有添加任何文件。"
        )
    if size == 0:
        raise ZichaError(f"「{path.name}」是空文件，请检查。没有添加任何文件。")
    return size


def _store_file(root: Path, path: Path, sha256: str) -> None:
    target = stored_path(root, sha256)
    if target.exists() and file_sha256(target) == sha256:
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as out, open(path, "rb") as src:
            for chunk in iter(lambda: src.read(1 << 20), b""):
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if file_sha256(Path(tmp)) != sha256:
            raise ZichaError(f"「{path.name}」在复制过程中被改动，请关闭占用它的程序后重试。")
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


# --- finding where evidence attaches ------------------------------------------------------
def holders(report: Report) -> list[tuple[str, Point | PriorItem]]:
    """Every point, rectification item and prior item with its label, in report order."""
    out: list[tuple[str, Point | PriorItem]] = []
    for i, item in enumerate(report.prior_items, start=1):
        out.append((f"上年度整改项 {i}", item))
    for key in report.area_keys():
        section = report.section(key)
        for i, p in enumerate(section.included_points(), start=1):
            out.append((f"{section.title} {p.control_point or f'第 {i} 条'}", p))
    for i, p in enumerate(report.section("rectification").included_points(), start=1):
        out.append((f"整改项 {i}", p))
    return out


def find_holder(report: Report, ident: str) -> tuple[str, Point | PriorItem]:
    """A point by id, control id (ORG-01), 整改N / 上年N, or its label."""
    ident = (ident or "").strip()
    found = holders(report)
    for label, h in found:
        if h.id == ident or label.replace(" ", "") == ident.replace(" ", ""):
            return label, h
    for label, h in found:
        if isinstance(h, Point) and (h.control_point or "").upper() == ident.upper():
            return label, h
    for prefix, wanted in (("整改", "整改项 "), ("上年", "上年度整改项 ")):
        if ident.startswith(prefix) and ident[len(prefix) :].isdigit():
            for label, h in found:
                if label == wanted + ident[len(prefix) :]:
                    return label, h
    raise NotFoundError(
        f"报告 {report.id} 中找不到要点「{ident}」。请写要点编号（如 ORG-01）、"
        "整改项序号（如 整改1）、上年度整改项序号（如 上年1），或用 zicha evidence list 查看。"
    )


def list_evidence(report: Report) -> list[EvidenceRow]:
    return [
        EvidenceRow(holder_id=h.id, holder=label, name=a.name, sha256=a.sha256, size=a.size)
        for label, h in holders(report)
        for a in h.attachments
    ]


# --- changing ----------------------------------------------------------------------------
def add_evidence(
    store: ReportStore,
    report_id: int,
    holder: str,
    files: Sequence[str | Path],
    actor: str = DEFAULT_ACTOR,
) -> list[Attachment]:
    """Attach files to one point; all files are checked before anything is stored or saved."""
    if not files:
        raise ZichaError("请至少写一个文件。")
    paths = [Path(f).expanduser() for f in files]
    sizes = [_check_file(p) for p in paths]
    report = store.get(report_id)
    label, _ = find_holder(report, holder)
    hashes = [file_sha256(p) for p in paths]
    root = evidence_root(store)
    for path, sha in zip(paths, hashes, strict=True):
        _store_file(root, path, sha)
    updated = report.model_copy(deep=True)
    _, target = find_holder(updated, holder)
    added: list[Attachment] = []
    have = {a.sha256 for a in target.attachments}
    for path, sha, size in zip(paths, hashes, sizes, strict=True):
        if sha in have:
            continue
        have.add(sha)
        added.append(Attachment(name=path.name, sha256=sha, size=size, added_at=audit.now_iso()))
    if not added:
        raise ZichaError(f"这些文件已经是「{label}」的佐证材料，没有重复添加。")
    target.attachments = [*target.attachments, *added]
    detail = f"{label}：" + "；".join(f"{a.name} sha256:{a.sha256}" for a in added)
    store.save_tracking(updated, actor, "evidence_add", detail)
    return added


def remove_evidence(
    store: ReportStore, report_id: int, holder: str, name: str, actor: str = DEFAULT_ACTOR
) -> Attachment:
    """Detach one file (by name or hash prefix); the stored file stays for older versions."""
    report = store.get(report_id)
    updated = report.model_copy(deep=True)
    label, target = find_holder(updated, holder)
    name = name.strip()
    match = [
        a
        for a in target.attachments
        if a.name == name or (len(name) >= 8 and a.sha256.startswith(name.lower()))
    ]
    if len(match) != 1:
        have = "、".join(a.name for a in target.attachments) or "无"
        raise NotFoundError(f"「{label}」没有名为「{name}」的佐证材料（现有：{have}）。")
    gone = match[0]
    target.attachments = [a for a in target.attachments if a is not gone]
    store.save_tracking(
        updated, actor, "evidence_remove", f"{label}：{gone.name} sha256:{gone.sha256}"
    )
    return gone


# --- verifying ---------------------------------------------------------------------------
def _attachments_in(body: str) -> list[tuple[str, str]]:
    data = json.loads(body)
    out: list[tuple[str, str]] = []
    for item in data.get("prior_items") or []:
        out += [(a["sha256"], a["name"]) for a in item.get("attachments") or []]
    for section in data.get("sections") or []:
        for p in section.get("points") or []:
            out += [(a["sha256"], a["name"]) for a in p.get("attachments") or []]
    return out


def verify_files(
    bodies: Iterable[tuple[str, str]], root: Path, absent: list[str] | None = None
) -> str | None:
    """The first problem with a stored evidence file, or None when every file matches its hash.

    bodies: (where, report JSON) for every report and snapshot (ReportStore.stored_bodies).
    absent: when given (a shared PostgreSQL store: files stay on the PC that added them), a
    file missing here is listed in it instead of being a problem; a changed file still is."""
    referenced: dict[str, tuple[str, str]] = {}
    for where, body in bodies:
        for sha, name in _attachments_in(body):
            referenced.setdefault(sha, (where, name))
    for sha, (where, name) in referenced.items():
        path = stored_path(root, sha)
        if not path.is_file() and absent is not None:
            absent.append(name)
            continue
        if not path.is_file():
            return f"{where}的佐证材料「{name}」在数据目录中找不到（{path}），文件被删除或移动过"
        if file_sha256(path) != sha:
            return f"{where}的佐证材料「{name}」与登记的哈希不符（{path} 被改动过）"
    return None
