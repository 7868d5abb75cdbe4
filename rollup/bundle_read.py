"""Read and verify a submission bundle (the city's side). Every refusal is one Chinese line."""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import zipfile
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from pydantic import BaseModel

from report.keys import PublicKey

from . import format as fmt
from .errors import BundleRefused


class VerifiedBundle(BaseModel):
    path: Path
    sha256: str
    manifest: dict[str, Any]
    report: dict[str, Any]
    fingerprint: str  # of the trusted key that verified the signature

    @property
    def unit(self) -> str:
        return str(self.manifest["unit"])

    @property
    def year(self) -> int:
        return int(self.manifest["year"])

    @property
    def draft(self) -> bool:
        return bool(self.manifest.get("draft"))


TrustLookup = Callable[[str], list[PublicKey]]


def _escapes(name: str) -> bool:
    p = PurePosixPath(name)
    return (
        name.startswith(("/", "\\"))
        or "\\" in name
        or ".." in p.parts
        or (len(name) > 1 and name[1] == ":")
    )


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, cap: int) -> bytes:
    # file_size in the header can lie: read at most cap + 1 bytes of the real stream.
    with zf.open(info) as f:
        data = f.read(cap + 1)
    if len(data) > cap:
        raise BundleRefused(
            f"包内文件「{info.filename}」过大（超过 {cap // (1024 * 1024)} MB），拒收。"
        )
    return data


def read_bundle(path: str | Path, trusted: TrustLookup) -> VerifiedBundle:
    path = Path(path)
    if not path.is_file():
        raise BundleRefused("不是普通文件，无法作为报送包读取。")
    size = path.stat().st_size
    if size > fmt.MAX_BUNDLE_BYTES:
        raise BundleRefused(f"文件过大（{size // (1024 * 1024)} MB），不是正常的报送包。")
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError):
        raise BundleRefused("不是 zicha 报送包（文件不是 zip 格式或已损坏）。") from None
    with zf:
        infos = zf.infolist()
        members = {info.filename for info in infos}
        if fmt.MANIFEST not in members and "[Content_Types].xml" in members:
            raise BundleRefused(
                "这是 Word、Excel 等 Office 文件（改了扩展名），不是 zicha 报送包。"
                "请报送单位用 zicha bundle export 导出报送包。"
            )
        if len(infos) > fmt.MAX_MEMBERS:
            raise BundleRefused(f"包内文件过多（{len(infos)} 个），不是正常的报送包。")
        names: set[str] = set()
        for info in infos:
            name = info.filename
            if _escapes(name):
                raise BundleRefused(f"包内文件路径「{name}」指向包外，可能是恶意文件，拒收。")
            if name in names:
                raise BundleRefused(f"包内有重名文件「{name}」，拒收。")
            names.add(name)
            if not fmt.allowed_member(name):
                raise BundleRefused(f"包内有报送包格式中没有的文件「{name}」，拒收。")
            if info.file_size > fmt.MAX_MEMBER_BYTES:
                raise BundleRefused(f"包内文件「{name}」过大，拒收。")
        if fmt.MANIFEST not in names:
            raise BundleRefused("缺少清单 manifest.json，不是完整的报送包。")
        try:
            data = {
                info.filename: _read_member(
                    zf,
                    info,
                    fmt.MAX_MANIFEST_BYTES
                    if info.filename == fmt.MANIFEST
                    else fmt.MAX_MEMBER_BYTES,
                )
                for info in infos
            }
        except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, EOFError) as exc:
            raise BundleRefused("报送包已损坏，无法读出，拒收。请让报送单位重新导出。") from exc
    manifest_bytes = data[fmt.MANIFEST]
    try:
        manifest = json.loads(manifest_bytes.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BundleRefused("清单 manifest.json 不是有效的 JSON，报送包已损坏。") from None
    if not isinstance(manifest, dict) or manifest.get("format") != fmt.FORMAT:
        raise BundleRefused("不是 zicha 报送包（清单格式不对）。")
    version = manifest.get("format_version")
    if not isinstance(version, int):
        raise BundleRefused("清单缺少格式版本号，报送包已损坏。")
    if version > fmt.FORMAT_VERSION:
        raise BundleRefused(
            f"报送包由更新版本的 zicha 生成（格式版本 {version}，本程序只支持到 {fmt.FORMAT_VERSION}），"
            "请升级 zicha 后再导入。"
        )
    unit = manifest.get("unit")
    year = manifest.get("year")
    if not isinstance(unit, str) or not unit.strip() or not isinstance(year, int):
        raise BundleRefused("清单缺少单位或年度，报送包已损坏。")
    if fmt.SIGNATURE not in data:
        raise BundleRefused("缺少签名 manifest.sig，无法确认报送单位，拒收。")
    try:
        signature = base64.b64decode(data[fmt.SIGNATURE], validate=True)
    except (binascii.Error, ValueError):
        raise BundleRefused("签名 manifest.sig 格式不对，拒收。") from None
    keys = trusted(unit)
    if not keys:
        raise BundleRefused(
            f"单位「{unit}」的公钥尚未登记，无法确认来源。请先运行 "
            f"zicha rollup trust 公钥文件.pub --unit {unit} 登记后再导入。"
        )
    good = next((k for k in keys if k.verify(signature, manifest_bytes)), None)
    if good is None:
        declared = manifest.get("key_fingerprint", "未知")
        known = "、".join(k.fingerprint for k in keys)
        raise BundleRefused(
            f"签名无效：报送包在导出后被改动过，或不是用「{unit}」已登记的密钥签名的"
            f"（包内声明的密钥指纹 {declared}，已登记 {known}），拒收。"
        )
    listed = manifest.get("members")
    if not isinstance(listed, dict):
        raise BundleRefused("清单缺少文件校验值，报送包已损坏。")
    for name, expected in listed.items():
        if name not in data:
            raise BundleRefused(f"清单中的文件「{name}」不在包内，报送包不完整。")
        if hashlib.sha256(data[name]).hexdigest() != expected:
            raise BundleRefused(
                f"包内文件「{name}」与清单记录的校验值不符（传输中损坏或被改动），拒收。"
            )
    for name in data:
        if name not in listed and name not in (fmt.MANIFEST, fmt.SIGNATURE):
            raise BundleRefused(f"包内文件「{name}」未列入清单，拒收。")
    if fmt.REPORT_JSON not in listed:
        raise BundleRefused("报送包中没有报告内容 report.json。")
    report = _report_body(data[fmt.REPORT_JSON], manifest)
    return VerifiedBundle(
        path=path, sha256=digest, manifest=manifest, report=report, fingerprint=good.fingerprint
    )


def _report_body(raw: bytes, manifest: dict[str, Any]) -> dict[str, Any]:
    try:
        body = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        raise BundleRefused("report.json 不是有效的 JSON。") from None
    if not isinstance(body, dict) or body.get("schema") != fmt.REPORT_SCHEMA:
        raise BundleRefused("report.json 不是 zicha 报告格式。")
    version = body.get("schema_version")
    if not isinstance(version, int) or version > fmt.REPORT_SCHEMA_VERSION:
        raise BundleRefused(
            f"报告内容由更新版本的 zicha 生成（结构版本 {version}），请升级 zicha 后再导入。"
        )
    report = body.get("report")
    if not isinstance(report, dict) or not isinstance(report.get("sections"), list):
        raise BundleRefused("report.json 缺少报告各部分内容。")
    if report.get("unit") != manifest["unit"] or report.get("year") != manifest["year"]:
        raise BundleRefused("report.json 的单位或年度与清单不一致，拒收。")
    return report
