"""Which files of a folder `zicha rollup import` takes (the .zicha bundles), and, for every
other entry, why it was skipped: a city office drops whatever the counties sent into one
folder (a covering letter, a bundle an e-mail client renamed, an unfinished download)."""

from __future__ import annotations

import zipfile
from pathlib import Path

from pydantic import BaseModel

from . import format as fmt

BUNDLE_SUFFIX = ".zicha"
SYSTEM_FILES = frozenset({"thumbs.db", "desktop.ini", ".ds_store"})
PARTIAL_SUFFIXES = frozenset({".tmp", ".part", ".crdownload", ".download", ".partial"})
OFFICE_SUFFIXES = {
    ".doc": "Word 文件",
    ".docx": "Word 文件",
    ".wps": "WPS 文字文件",
    ".xls": "Excel 文件",
    ".xlsx": "Excel 文件",
    ".et": "WPS 表格文件",
    ".pdf": "PDF 文件",
    ".ofd": "OFD 文件",
    ".pub": "公钥文件",
}


class SkippedFile(BaseModel):
    file: str
    reason: str


def bundles_in(folder: Path) -> tuple[list[Path], list[SkippedFile]]:
    """The folder's .zicha files, and every other entry with the reason it is not taken."""
    bundles: list[Path] = []
    skipped: list[SkippedFile] = []
    for entry in sorted(folder.iterdir()):
        if entry.suffix.lower() == BUNDLE_SUFFIX and not entry.is_dir():
            bundles.append(entry)
        else:
            skipped.append(SkippedFile(file=entry.name, reason=_why_skipped(entry)))
    return bundles, skipped


def _looks_like_bundle(path: Path) -> bool:
    try:
        if path.stat().st_size > fmt.MAX_BUNDLE_BYTES:
            return False
        with zipfile.ZipFile(path) as zf:
            return fmt.MANIFEST in zf.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def _why_skipped(path: Path) -> str:
    suffix = path.suffix.lower()
    if path.is_dir():
        return f"是子文件夹，不会进入其中查找；其中的报送包请另行导入：zicha rollup import {path}"
    if path.name.lower() in SYSTEM_FILES or path.name.startswith((".", "~$")):
        return "是系统或办公软件自动生成的文件，不是报送包，不必理会。"
    if suffix in PARTIAL_SUFFIXES:
        return "是没有下载或复制完的临时文件；请等文件传完，得到 .zicha 文件后再导入。"
    if path.is_file() and _looks_like_bundle(path):
        return (
            "看起来是报送包，但扩展名不是 .zicha（可能被邮件或下载改了名）；"
            "请把扩展名改回 .zicha 后再导入。"
        )
    if suffix in OFFICE_SUFFIXES:
        kind = OFFICE_SUFFIXES[suffix]
        space = " " if kind[0].isascii() else ""
        return (
            f"是{space}{kind}，不是报送包；只接收报送单位用 zicha bundle export "
            "导出的 .zicha 文件。"
        )
    shown = f"「{path.suffix}」" if path.suffix else "没有扩展名"
    return f"扩展名{'为' if path.suffix else ''}{shown}，不是 .zicha 报送包，未导入。"
