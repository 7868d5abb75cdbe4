"""Write a signed submission bundle for one report (the county's side)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import tempfile
import zipfile
from pathlib import Path

from pydantic import BaseModel

from report.atomic_file import save_atomically
from report.models import Report
from report.store import DEFAULT_ACTOR, ReportStore

from . import format as fmt
from .errors import RollupError


class BundleInfo(BaseModel):
    path: Path
    unit: str
    year: int
    status: str
    draft: bool
    members: list[str]
    fingerprint: str
    audit_head: str


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def builtin_bank_identity() -> dict[str, str]:
    """Name, version and content hash of the question bank the report was answered on."""
    from importlib.metadata import PackageNotFoundError, version

    from interview.bank import BANK_DIR

    h = hashlib.sha256()
    for entry in sorted(BANK_DIR.glob("*.yaml")):
        h.update(entry.name.encode())
        h.update(entry.read_bytes())
    try:
        ver = version("zicha")
    except PackageNotFoundError:
        ver = "0"
    return {"name": "内置题库", "version": ver, "hash": h.hexdigest()}


def report_json(report: Report) -> bytes:
    body = {
        "schema": fmt.REPORT_SCHEMA,
        "schema_version": fmt.REPORT_SCHEMA_VERSION,
        "report": report.model_dump(mode="json"),
    }
    return json.dumps(body, ensure_ascii=False, indent=1, sort_keys=True).encode("utf-8")


def _docx_bytes(store: ReportStore, report: Report) -> bytes:
    from exports.writer import export_report

    info = store.approval(report.id or 0) if report.status == "approved" else None
    with tempfile.TemporaryDirectory() as tmp:
        out = export_report(
            report,
            Path(tmp) / "report.docx",
            draft_mark=report.status != "approved",
            approved_by=info.approved_by if info else None,
            approved_at=info.approved_at if info else None,
        )
        return out.read_bytes()


def _ledger_member(report: Report) -> dict[str, bytes]:
    """The 整改台账 as the departments would receive it, when there are rectification items."""
    from exports.ledger_xlsx import write_ledger

    if not report.section("rectification").points:
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        return {"ledger.xlsx": write_ledger(report, Path(tmp) / "ledger.xlsx").read_bytes()}


def _score_member(store: ReportStore, report: Report) -> dict[str, bytes]:
    """The 自查评分表, for a report answered on a scored bank (a province's 检查评估表)."""
    if report.bank is None:
        return {}
    from exports.score_xlsx import write_score_xlsx
    from interview.bank_store import bank_for_report
    from interview.scoring import score_rows

    rows = score_rows(report, bank_for_report(store.path.parent, report.bank))
    if not rows:
        return {}
    with tempfile.TemporaryDirectory() as tmp:
        return {"score.xlsx": write_score_xlsx(report, rows, Path(tmp) / "score.xlsx").read_bytes()}


def _score_summary(store: ReportStore, report: Report) -> dict[str, float] | None:
    if report.bank is None:
        return None
    from interview.bank_store import bank_for_report
    from interview.scoring import score_rows
    from report.scoring import totals

    rows = score_rows(report, bank_for_report(store.path.parent, report.bank))
    if not rows:
        return None
    t = totals(rows)
    return {"score": t.score, "applicable_max": t.applicable_max, "hundred": t.hundred or 0.0}


def _evidence_members(store: ReportStore, report: Report) -> dict[str, bytes]:
    """Evidence files by content hash; a file missing from the data home stops the export."""
    from report.evidence import evidence_root, list_evidence, stored_path

    root = evidence_root(store)
    members: dict[str, bytes] = {}
    for row in list_evidence(report):
        path = stored_path(root, row.sha256)
        if not path.is_file():
            raise RollupError(
                f"佐证材料「{row.name}」（{row.holder}）的文件不在数据目录中，无法打包。"
                "请用 zicha audit verify 检查，或重新添加该材料。"
            )
        suffix = Path(row.name).suffix.lower()
        suffix = suffix if suffix[1:].isalnum() and len(suffix) <= 11 else ""
        members[f"evidence/{row.sha256}{suffix}"] = path.read_bytes()
    return members


def _approval(store: ReportStore, report: Report) -> dict[str, str] | None:

    if report.status != "approved":
        return None
    info = store.approval(report.id or 0)
    if info is None:
        return None
    return {"approved_by": info.approved_by or "", "approved_at": str(info.approved_at or "")}


def export_bundle(
    store: ReportStore,
    report_id: int,
    out: str | Path,
    *,
    draft: bool = False,
    force: bool = False,
    actor: str = DEFAULT_ACTOR,
    passphrase: str | None = None,
    now: dt.datetime | None = None,
) -> BundleInfo:
    from report.keys import load_unit_key

    out = Path(out)
    if out.suffix.lower() != ".zicha":
        raise RollupError(f"报送包文件名应以 .zicha 结尾（例如 {out.stem}.zicha），请修改后重试。")
    if out.exists() and not force:
        raise RollupError(f"文件「{out}」已存在，未覆盖。请换一个文件名，或加 --force 覆盖。")
    if out.exists() and not out.is_file():
        raise RollupError(f"「{out}」不是普通文件，不能写入报送包。")
    report = store.get(report_id)
    if report.status != "approved" and not draft:
        raise RollupError(
            "报告尚未审定，不能报送。请审定后再导出报送包；如需先报送草稿供上级参考，"
            "请加 --draft（报送包会标明是草稿，上级能看到）。"
        )
    home = store.path.parent
    key = load_unit_key(home, passphrase)
    if key is None:
        raise RollupError("本单位还没有单位密钥，不能签名报送包。请管理员先运行 zicha key new。")

    members: dict[str, bytes] = {
        fmt.REPORT_JSON: report_json(report),
        fmt.REPORT_DOCX: _docx_bytes(store, report),
        **_ledger_member(report),
        **_score_member(store, report),
        **_evidence_members(store, report),
    }
    head = store.audit_head()
    manifest = {
        "format": fmt.FORMAT,
        "format_version": fmt.FORMAT_VERSION,
        "unit": report.unit,
        "short_name": report.short_name,
        "year": report.year,
        "report_id": report.id,
        "title": report.display_title(),
        "status": report.status,
        "draft": report.status != "approved",
        "approval": _approval(store, report),
        "bank": (report.bank.model_dump() if report.bank is not None else builtin_bank_identity()),
        "score": _score_summary(store, report),
        "audit_head": {"count": head[0], "hash": head[1]} if head else None,
        "created_at": (now or dt.datetime.now()).isoformat(timespec="seconds"),
        "created_by": actor,
        "zicha_version": builtin_bank_identity()["version"],
        "key_fingerprint": key.fingerprint,
        "members": {name: sha256_bytes(data) for name, data in sorted(members.items())},
    }
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
    signature = base64.b64encode(key.sign(manifest_bytes))

    out.parent.mkdir(parents=True, exist_ok=True)

    def write_zip(tmp: str) -> None:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(fmt.MANIFEST, manifest_bytes)
            zf.writestr(fmt.SIGNATURE, signature)
            for name, data in sorted(members.items()):
                zf.writestr(name, data)

    try:
        save_atomically(out, write_zip)
    except OSError as exc:
        raise RollupError(
            f"无法写入「{out}」：{exc.strerror or exc}。请检查保存位置后重试。"
        ) from exc
    store.record(
        "bundle",
        report_id,
        {"path": str(out), "sha256": sha256_bytes(out.read_bytes()), "draft": manifest["draft"]},
        actor=actor,
        detail=f"报送包 {out.name}" + ("（草稿）" if manifest["draft"] else ""),
    )
    return BundleInfo(
        path=out,
        unit=report.unit,
        year=report.year,
        status=report.status,
        draft=bool(manifest["draft"]),
        members=sorted([fmt.MANIFEST, fmt.SIGNATURE, *members]),
        fingerprint=key.fingerprint,
        audit_head=store.audit_head_label(),
    )
