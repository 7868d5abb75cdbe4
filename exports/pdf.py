"""PDF through LibreOffice: the .docx as written, converted headless with the fonts embedded."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import IO, TYPE_CHECKING

from .errors import ExportError

if TYPE_CHECKING:
    from .assemble import AssembledReport
    from .options import ExportOptions

SOFFICE_ENV = "ZICHA_SOFFICE"
CONVERT_TIMEOUT_S = 300
# Where installers put soffice when it is not on PATH.
_KNOWN_PLACES: tuple[str, ...] = (
    r"C:\Program Files\LibreOffice\program\soffice.exe",
    r"C:\Program Files (x86)\LibreOffice\program\soffice.exe",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
)
# Embed every font (not only subsets of the non-standard ones) and keep the page as laid out.
_PDF_FILTER = 'pdf:writer_pdf_Export:{"EmbedStandardFonts":{"type":"boolean","value":"true"}}'

MISSING_MESSAGE = (
    "未找到 LibreOffice，无法导出 PDF。请安装 LibreOffice（麒麟/统信 UOS："
    "sudo apt install libreoffice-writer；Windows：安装 LibreOffice 7.4 或更新版本，"
    "安装包可从单位软件库获取），安装后重试；也可设置环境变量 ZICHA_SOFFICE 指向 soffice。"
    "或先导出 .docx，再用 WPS 或 Word「另存为 PDF」。"
)


def find_soffice() -> str | None:
    env = os.environ.get(SOFFICE_ENV)
    if env:
        return env if Path(env).is_file() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for place in _KNOWN_PLACES:
        if Path(place).is_file():
            return place
    if sys.platform == "win32":
        # Program Files may sit on another drive than C:.
        for base in (os.environ.get("ProgramFiles"), os.environ.get("ProgramFiles(x86)")):
            if base:
                exe = Path(base) / "LibreOffice" / "program" / "soffice.exe"
                if exe.is_file():
                    return str(exe)
    if sys.platform.startswith("linux"):
        for candidate in sorted(Path("/opt").glob("libreoffice*/program/soffice")):
            return str(candidate)
    return None


def require_soffice() -> str:
    soffice = find_soffice()
    if soffice is None:
        raise ExportError(MISSING_MESSAGE)
    return soffice


def convert(src: Path, outdir: Path, target: str = "pdf") -> Path:
    """src converted by LibreOffice to `target` (a --convert-to value, "ext[:filter:options]") in
    outdir. A private profile: a running LibreOffice is never disturbed, and two conversions at
    once do not collide."""
    soffice = require_soffice()
    ext = target.split(":")[0]
    kind = ext.upper()
    with tempfile.TemporaryDirectory(prefix="zicha-lo-") as profile:
        try:
            done = subprocess.run(
                [
                    soffice,
                    f"-env:UserInstallation={Path(profile).as_uri()}",
                    "--headless",
                    "--norestore",
                    "--convert-to",
                    target,
                    "--outdir",
                    str(outdir),
                    str(src),
                ],
                capture_output=True,
                timeout=CONVERT_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise ExportError(
                f"LibreOffice 转换 {kind} 超过 {CONVERT_TIMEOUT_S} 秒仍未完成，已放弃，未生成文件。"
                "请关闭其他 LibreOffice 窗口后重试。"
            ) from exc
        except OSError as exc:
            raise ExportError(
                f"无法启动 LibreOffice（{soffice}）：{exc.strerror or exc}。"
            ) from exc
    out = outdir / f"{src.stem}.{ext}"
    if done.returncode != 0 or not out.is_file():
        detail = (done.stderr or done.stdout or b"").decode("utf-8", "replace").strip()[-200:]
        raise ExportError(
            f"LibreOffice 未能把文档转换为 {kind}，未生成文件。"
            f"{('（' + detail + '）') if detail else ''}"
        )
    return out


def docx_to_pdf(docx: Path, outdir: Path) -> Path:
    return convert(docx, outdir, _PDF_FILTER)


def write_pdf(assembled: AssembledReport, out: IO[bytes], options: ExportOptions) -> None:
    from .docx_writer import write_docx

    with tempfile.TemporaryDirectory(prefix="zicha-pdf-") as tmp:
        docx = Path(tmp) / "report.docx"
        with open(docx, "wb") as f:
            write_docx(assembled, f, options)
        pdf = docx_to_pdf(docx, Path(tmp))
        with open(pdf, "rb") as f:
            shutil.copyfileobj(f, out)
