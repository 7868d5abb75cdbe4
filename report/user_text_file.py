"""Reading a small text file the user names (answers, document profile): bounded, decoded,
every failure one Chinese sentence naming the file."""

from __future__ import annotations

from pathlib import Path

from .errors import ZichaError


def read_user_text(
    path: Path,
    *,
    max_bytes: int,
    too_large: str,
    error: type[ZichaError],
    windows_encodings: bool,
    how_to_make: str,
) -> str:
    """The file's text with LF line ends; error(message) for a folder, a missing, unreadable,
    too large (never more than max_bytes + 1 bytes are read) or undecodable file.

    too_large: what to say after 「文件过大」. windows_encodings: also accept what Notepad on
    Chinese Windows saves (UTF-16 with BOM, GBK); otherwise UTF-8 only, with or without BOM.
    how_to_make: one sentence saying what such a file is and how to make one, said when the
    file is a Word, Excel, PDF, picture or archive file, or empty.
    """
    name = str(path)
    if path.is_dir():
        raise error(f"{name}：这是一个文件夹，请给出 .yaml 文件的路径。")
    try:
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise error(f"{name}：找不到这个文件，请检查路径。") from exc
    except PermissionError as exc:
        raise error(f"{name}：没有读取这个文件的权限，请检查文件权限后再试。") from exc
    except OSError as exc:
        raise error(f"{name}：无法读取（{exc.strerror}）。") from exc
    binary = binary_kind(raw)
    if binary is not None:
        gap = " " if binary[:1].isascii() else ""
        raise error(f"{name}：这是{gap}{binary}，不是文本文件，无法读取。{how_to_make}")
    if len(raw) > max_bytes:
        raise error(f"{name}：文件过大{too_large}")
    try:
        text = _decode_windows(raw) if windows_encodings else raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        encodings = "UTF-8 或 GBK" if windows_encodings else "UTF-8"
        raise error(f"{name}：不是 {encodings} 编码的文本文件，请另存为 UTF-8 后再试。") from exc
    text = text.replace("\r\n", "\n")
    if not text.lstrip("\ufeff").strip():
        raise error(f"{name}：文件是空的，没有任何内容。{how_to_make}")
    return text


# Files an officer picks by mistake, known by their first bytes (the name may say .yaml).
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .xls, .ppt, .wps, .et before 2007
_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF 文件"),
    (b"{\\rtf", "RTF 格式的文档（Word 或写字板另存的格式）"),
    (b"\x89PNG\r\n\x1a\n", "图片（PNG）"),
    (b"\xff\xd8\xff", "图片（JPEG）"),
    (b"GIF8", "图片（GIF）"),
    (b"Rar!\x1a\x07", "RAR 压缩包"),
    (b"7z\xbc\xaf\x27\x1c", "7z 压缩包"),
    (b"\x1f\x8b", "gzip 压缩包"),
    (b"%!PS", "PostScript 文件"),
)


def binary_kind(raw: bytes) -> str | None:
    """What a Word/Excel/PDF/picture/archive file is, in Chinese, from its magic bytes; None
    for anything else (text is then decoded and judged as usual)."""
    if raw.startswith(b"PK\x03\x04"):
        # Office Open XML is a zip whose member names say which program wrote it.
        if b"word/" in raw:
            return "Word 文档（.docx）"
        if b"xl/" in raw:
            return "Excel 表格（.xlsx）"
        if b"ppt/" in raw:
            return "PowerPoint 演示文稿（.pptx）"
        if b"content.xml" in raw and b"opendocument" in raw:
            return "OpenDocument 文档（.odt/.ods）"
        return "zip 压缩包"
    if raw.startswith(_OLE):
        return "旧版 Word 或 Excel 文件（.doc/.xls/.wps/.et）"
    for magic, kind in _SIGNATURES:
        if raw.startswith(magic):
            return kind
    return None


def _decode_windows(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Notepad's 'Unicode'), else GB18030:
    Notepad on Chinese Windows saves 'ANSI', which is GBK."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")


def as_sentence(message: str) -> str:
    """message ending with a full stop (the per-key explanations are clauses without one)."""
    message = message.rstrip()
    return message if message.endswith(("。", "！", "？")) else message + "。"
