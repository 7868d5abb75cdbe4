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
) -> str:
    """The file's text with LF line ends; error(message) for a folder, a missing, unreadable,
    too large (never more than max_bytes + 1 bytes are read) or undecodable file.

    too_large: what to say after 「文件过大」. windows_encodings: also accept what Notepad on
    Chinese Windows saves (UTF-16 with BOM, GBK); otherwise UTF-8 only, with or without BOM.
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
    if len(raw) > max_bytes:
        raise error(f"{name}：文件过大{too_large}")
    try:
        text = _decode_windows(raw) if windows_encodings else raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        encodings = "UTF-8 或 GBK" if windows_encodings else "UTF-8"
        raise error(f"{name}：不是 {encodings} 编码的文本文件，请另存为 UTF-8 后再试。") from exc
    return text.replace("\r\n", "\n")


def _decode_windows(raw: bytes) -> str:
    """UTF-8 (with or without BOM), UTF-16 with BOM (Notepad's 'Unicode'), else GB18030:
    Notepad on Chinese Windows saves 'ANSI', which is GBK."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return raw.decode("utf-16")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return raw.decode("gb18030")
