"""The unit key: an Ed25519 key pair kept in the data home that signs the audit head.

API for every signer (audit head, submission bundles): load_unit_key(home) → UnitKey with
.sign(bytes), .public_bytes(), .fingerprint; load_public_key(path) → PublicKey with .verify().
`cryptography` is imported inside functions: plain commands start without it.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import ZichaError

KEY_FILE = "unit_key.pem"
PUBLIC_FILE = "unit_key.pub"
PASSPHRASE_ENV = "ZICHA_KEY_PASSPHRASE"
MAX_KEY_FILE_BYTES = 64 * 1024


class UnitKeyError(ZichaError):
    """A key file that is missing, locked, unreadable or not a zicha unit key."""


def fingerprint_of(public_raw: bytes) -> str:
    """Short, stable name of a public key: what a person compares by eye."""
    digest = hashlib.sha256(public_raw).hexdigest()[:16]
    return " ".join(digest[i : i + 4] for i in range(0, 16, 4))


@dataclass(frozen=True)
class PublicKey:
    raw: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint_of(self.raw)

    def verify(self, signature: bytes, data: bytes) -> bool:
        from cryptography.exceptions import InvalidSignature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        try:
            Ed25519PublicKey.from_public_bytes(self.raw).verify(signature, data)
        except (InvalidSignature, ValueError):
            return False
        return True

    def pem(self) -> bytes:
        from cryptography.hazmat.primitives import serialization
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

        return Ed25519PublicKey.from_public_bytes(self.raw).public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )


@dataclass(frozen=True)
class UnitKey:
    _private: Any  # Ed25519PrivateKey; typed loosely so this module imports without cryptography

    def sign(self, data: bytes) -> bytes:
        return bytes(self._private.sign(data))

    def public_bytes(self) -> bytes:
        from cryptography.hazmat.primitives import serialization

        return bytes(
            self._private.public_key().public_bytes(
                serialization.Encoding.Raw, serialization.PublicFormat.Raw
            )
        )

    @property
    def public(self) -> PublicKey:
        return PublicKey(self.public_bytes())

    @property
    def fingerprint(self) -> str:
        return self.public.fingerprint


def key_path(home: Path) -> Path:
    return Path(home) / KEY_FILE


def public_path(home: Path) -> Path:
    return Path(home) / PUBLIC_FILE


def has_unit_key(home: Path) -> bool:
    return key_path(home).exists() or public_path(home).exists()


def _write_private(path: Path, data: bytes) -> None:
    # O_EXCL: never replace a key; 0600 from the first byte, whatever the umask.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)


def generate_key(home: Path, passphrase: str | None = None) -> UnitKey:
    """Create the unit key in home (refused if one exists). Returns the new key."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    home = Path(home)
    if has_unit_key(home):
        raise UnitKeyError(
            f"数据目录 {home} 中已有单位密钥（{KEY_FILE}），未生成新密钥。"
            "更换密钥会使此前的签名无法用新公钥核对，请先与上级确认，再手工移走旧密钥文件。"
        )
    home.mkdir(parents=True, exist_ok=True, mode=0o700)
    private = Ed25519PrivateKey.generate()
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(passphrase.encode("utf-8"))
        if passphrase
        else serialization.NoEncryption()
    )
    pem = private.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )
    key = UnitKey(private)
    _write_private(key_path(home), pem)
    pub = public_path(home)
    pub.write_bytes(key.public.pem())
    return key


def _read_small(path: Path, what: str) -> bytes:
    try:
        if path.stat().st_size > MAX_KEY_FILE_BYTES:
            raise UnitKeyError(f"{what} {path} 太大，不是 zicha 的密钥文件。")
        return path.read_bytes()
    except FileNotFoundError:
        raise UnitKeyError(f"找不到{what} {path}。") from None
    except OSError as exc:
        raise UnitKeyError(f"无法读取{what} {path}（{exc.strerror or '读取失败'}）。") from None


@lru_cache(maxsize=4)
def _load_private(path: str, mtime_ns: int, passphrase: str | None) -> Any:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    data = _read_small(Path(path), "单位密钥")
    pw = passphrase.encode("utf-8") if passphrase else None
    try:
        private = serialization.load_pem_private_key(data, password=pw)
    except TypeError:
        if pw is None:
            raise UnitKeyError(
                f"单位密钥设有口令：请在环境变量 {PASSPHRASE_ENV} 中提供口令后再操作。未写入任何内容。"
            ) from None
        raise UnitKeyError("单位密钥没有口令，请清除环境变量 " + PASSPHRASE_ENV + "。") from None
    except ValueError:
        if pw is not None:
            raise UnitKeyError(
                f"单位密钥的口令不对（环境变量 {PASSPHRASE_ENV}），未写入任何内容。"
            ) from None
        raise UnitKeyError(f"{path} 不是有效的单位密钥文件。") from None
    if not isinstance(private, Ed25519PrivateKey):
        raise UnitKeyError(f"{path} 不是 Ed25519 单位密钥。")
    return private


def load_unit_key(home: Path, passphrase: str | None = None) -> UnitKey | None:
    """The unit key of home, or None if it has none. Passphrase defaults to the env var."""
    path = key_path(home)
    try:
        mtime = path.stat().st_mtime_ns
    except FileNotFoundError:
        return None
    except OSError as exc:
        raise UnitKeyError(f"无法读取单位密钥 {path}（{exc.strerror or '读取失败'}）。") from None
    if passphrase is None:
        passphrase = os.environ.get(PASSPHRASE_ENV) or None
    return UnitKey(_load_private(str(path), mtime, passphrase))


def load_public_key(path: Path) -> PublicKey:
    """A public key file written by `zicha key export-public` (PEM) or the raw 32 bytes."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    data = _read_small(Path(path), "公钥文件")
    if len(data) == 32:
        return PublicKey(data)
    try:
        public = serialization.load_pem_public_key(data)
    except (ValueError, TypeError):
        raise UnitKeyError(
            f"{path} 不是有效的公钥文件（应为 zicha key export-public 导出的文件）。"
        ) from None
    if not isinstance(public, Ed25519PublicKey):
        raise UnitKeyError(f"{path} 不是 Ed25519 公钥。")
    return PublicKey(
        public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    )


def home_public_key(home: Path) -> PublicKey | None:
    """The public half kept beside the private key, or None if home has no unit key."""
    pub = public_path(home)
    if pub.exists():
        return load_public_key(pub)
    if key_path(home).exists():
        key = load_unit_key(home)
        return key.public if key else None
    return None
