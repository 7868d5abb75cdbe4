"""Users, roles and passwords (scrypt, per-user salt, persisted slow-down after failures).

A data home with no users is in single-user mode: everyone acts as DEFAULT_ACTOR. The first user
added becomes admin, and from then on every action needs a logged-in user.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from . import audit
from .db import transaction
from .errors import PermissionDenied, ZichaError
from .labels import DEFAULT_ACTOR
from .listing import has_users as has_users  # re-exported: report.users.has_users

if TYPE_CHECKING:
    from .backend import Conn

Role = Literal["officer", "supervisor", "admin"]
ROLES: tuple[str, ...] = ("officer", "supervisor", "admin")
ROLE_LABELS: dict[str, str] = {"officer": "经办人", "supervisor": "审核人", "admin": "管理员"}

MIN_PASSWORD_LENGTH = 8
MAX_NAME_LENGTH = 32
# ~16 MiB and a few tens of ms per hash: memory-hard, still fine for one login per command.
SCRYPT_N, SCRYPT_R, SCRYPT_P, SCRYPT_DKLEN = 2**14, 8, 1, 32
# Failures before the slow-down starts, and its cap (seconds).
FREE_ATTEMPTS = 3
MAX_DELAY_S = 60.0
# Failures are forgotten this long after the last one: a lockout decays rather than grows
# without end, so someone else's guesses cannot keep the real user out for long.
FAILURE_MEMORY_S = 15 * 60.0

Clock = Callable[[], float]


class User(BaseModel):
    name: str
    role: Role
    disabled: bool = False
    created_at: str
    # Set by an admin (new account or reset): the user must choose their own at next login.
    must_change: bool = False
    # Not stored: said once at login when there were failed attempts since the last one.
    login_notice: str | None = None

    @property
    def role_label(self) -> str:
        return ROLE_LABELS[self.role]


class AuthError(PermissionDenied):
    """Wrong user name or password, or too many recent failures."""


# --- passwords ------------------------------------------------------------------------
def hash_password(password: str) -> str:
    salt = secrets.token_bytes(16)
    key = hashlib.scrypt(
        password.encode("utf-8"),
        salt=salt,
        n=SCRYPT_N,
        r=SCRYPT_R,
        p=SCRYPT_P,
        dklen=SCRYPT_DKLEN,
    )
    return f"scrypt${SCRYPT_N}${SCRYPT_R}${SCRYPT_P}${salt.hex()}${key.hex()}"


def check_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_hex, key_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        key = hashlib.scrypt(
            password.encode("utf-8"),
            salt=bytes.fromhex(salt_hex),
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(key_hex) // 2,
        )
    except ValueError:
        return False
    return hmac.compare_digest(key.hex(), key_hex)


def password_problem(password: str) -> str | None:
    """A Chinese sentence saying what is wrong with a new password, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"密码至少需要 {MIN_PASSWORD_LENGTH} 个字符，请换一个更长的密码。"
    if password.strip() != password:
        return "密码的开头和结尾不能是空格。"
    return None


def retry_delay(failed_count: int) -> float:
    """Seconds to wait after failed_count consecutive failures: 0, 0, 0, 2, 4, 8 … 300."""
    if failed_count < FREE_ATTEMPTS:
        return 0.0
    return min(MAX_DELAY_S, 2.0 ** (failed_count - FREE_ATTEMPTS + 1))


# --- queries --------------------------------------------------------------------------
_COLS = "name, role, disabled, created_at, must_change"


def _user(row: tuple[Any, ...]) -> User:
    return User(
        name=row[0],
        role=row[1],
        disabled=bool(row[2]),
        created_at=row[3],
        must_change=bool(row[4]),
    )


def list_users(conn: Conn) -> list[User]:
    return [_user(r) for r in conn.execute(f"SELECT {_COLS} FROM users ORDER BY created_at, name")]


def get_user(conn: Conn, name: str) -> User | None:
    row = conn.execute(f"SELECT {_COLS} FROM users WHERE name = ?", (name,)).fetchone()
    return _user(row) if row else None


def _clean_name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ZichaError("用户名不能为空。")
    if name == DEFAULT_ACTOR:  # would inherit everything done before users existed
        raise ZichaError(f"「{DEFAULT_ACTOR}」是未建用户时的默认身份，不能用作用户名，请换一个。")
    if len(name) > MAX_NAME_LENGTH or any(c.isspace() or not c.isprintable() for c in name):
        raise ZichaError(
            f"用户名「{name}」不合适：不能含空格或控制字符，最长 {MAX_NAME_LENGTH} 个字。"
        )
    return name


def require_admin(conn: Conn, actor: str, what: str = "管理用户") -> User:
    user = get_user(conn, actor)
    if user is None or user.disabled or user.role != "admin":
        raise PermissionDenied(f"只有管理员才能{what}。请用管理员账号登录后再试。")
    return user


_require_admin = require_admin


# --- changes (each one transaction, each audited) ------------------------------------
def add_user(conn: Conn, name: str, role: str, password: str, actor: str) -> User:
    """Add a user. The first user is always admin and may be added by anyone."""
    name = _clean_name(name)
    if role not in ROLES:
        raise ZichaError(f"角色只能是：{'、'.join(f'{r}（{ROLE_LABELS[r]}）' for r in ROLES)}。")
    problem = password_problem(password)
    if problem:
        raise ZichaError(problem)
    pw_hash = hash_password(password)
    with transaction(conn):
        first = not has_users(conn)
        if first:
            role = "admin"
        else:
            _require_admin(conn, actor)
        if get_user(conn, name) is not None:
            raise ZichaError(f"用户「{name}」已存在，请换一个用户名。")
        now = audit.now_iso()
        # Only the first user chooses their own password; one set by an admin is temporary.
        conn.execute(
            "INSERT INTO users (name, role, pw_hash, created_at, must_change) VALUES (?, ?, ?, ?, ?)",
            (name, role, pw_hash, now, 0 if first else 1),
        )
        audit.append_event(
            conn,
            actor=actor,
            action="user_add",
            report_id=None,
            change={"name": name, "role": role},
            detail=f"{name}（{ROLE_LABELS[role]}）"
            + ("，首个用户，自动成为管理员" if first else ""),
        )
    user = get_user(conn, name)
    assert user is not None
    return user


def set_password(conn: Conn, name: str, password: str, actor: str) -> None:
    """Change a password: the user themself (already logged in) or an admin.

    A password an admin sets is temporary: the user must replace it at the next login, so an
    admin who resets a supervisor's password cannot quietly act as that supervisor.
    """
    problem = password_problem(password)
    if problem:
        raise ZichaError(problem)
    pw_hash = hash_password(password)
    with transaction(conn):
        if get_user(conn, name) is None:
            raise ZichaError(f"没有用户「{name}」。可用 zicha user list 查看。")
        by_admin = actor != name
        if by_admin:
            _require_admin(conn, actor)
        conn.execute(
            "UPDATE users SET pw_hash = ?, failed_count = 0, last_failed_at = NULL,"
            " must_change = ? WHERE name = ?",
            (pw_hash, 1 if by_admin else 0, name),
        )
        # The event says who changed whose password; the hash itself never enters the log.
        audit.append_event(
            conn,
            actor=actor,
            action="user_passwd",
            report_id=None,
            change={"name": name, "temporary": by_admin},
            detail=f"{name}（管理员设置的临时密码）" if by_admin else name,
        )


def disable_user(conn: Conn, name: str, actor: str) -> None:
    with transaction(conn):
        _require_admin(conn, actor)
        user = get_user(conn, name)
        if user is None:
            raise ZichaError(f"没有用户「{name}」。可用 zicha user list 查看。")
        if user.disabled:
            raise ZichaError(f"用户「{name}」已经停用。")
        if user.role == "admin":
            admins = conn.execute(
                "SELECT count(*) FROM users WHERE role = 'admin' AND disabled = 0"
            ).fetchone()[0]
            if admins <= 1:
                raise PermissionDenied(
                    "不能停用最后一个管理员，否则将无人能管理用户。请先添加另一个管理员。"
                )
        conn.execute("UPDATE users SET disabled = 1 WHERE name = ?", (name,))
        audit.append_event(
            conn,
            actor=actor,
            action="user_disable",
            report_id=None,
            change={"name": name},
            detail=name,
        )


def _dummy_hash() -> str:
    # Checked against for unknown names, so they cost the same scrypt time as real ones.
    return "scrypt$16384$8$1$" + "00" * 16 + "$" + "00" * 32


def authenticate(conn: Conn, name: str, password: str, clock: Clock = time.time) -> User:
    """Return the user if the password is right; count and slow down failures.

    The attempt is counted in one write transaction before the password is checked, so
    guesses sent in parallel when a wait ends are not all checked; a name that is no user is
    counted and answered exactly like a real one.
    """
    import json

    name = (name or "").strip()
    now = clock()
    with transaction(conn):
        row = conn.execute(
            "SELECT pw_hash, failed_count, last_failed_at, lockout_note FROM users WHERE name = ?",
            (name,),
        ).fetchone()
        if row is not None:
            stored, count, last, note = row[0], row[1], row[2] or 0.0, row[3]
        else:
            other = conn.execute(
                "SELECT failed_count, last_failed_at FROM login_attempts WHERE name = ?", (name,)
            ).fetchone()
            stored, note = None, None
            count, last = (other[0], other[1]) if other else (0, 0.0)
        if count and now - last > FAILURE_MEMORY_S:
            count = 0
        wait = retry_delay(count) - (now - last) if count else 0.0
        if wait > 0:
            raise AuthError(f"密码错误次数过多，请 {int(wait) + 1} 秒后再试。")
        if row is not None:
            conn.execute(
                "UPDATE users SET failed_count = ?, last_failed_at = ? WHERE name = ?",
                (count + 1, now, name),
            )
        elif name:
            conn.execute(
                "INSERT INTO login_attempts (name, failed_count, last_failed_at) VALUES (?, ?, ?)"
                " ON CONFLICT(name) DO UPDATE SET failed_count = excluded.failed_count,"
                " last_failed_at = excluded.last_failed_at",
                (name, count + 1, now),
            )
    ok = check_password(password, stored if stored is not None else _dummy_hash())
    if stored is None or not ok:
        if stored is not None:
            try:
                pending = json.loads(note) if note else {}
            except ValueError:
                pending = {}
            pending = {"count": int(pending.get("count", 0)) + 1, "last": now}
            with transaction(conn):
                conn.execute(
                    "UPDATE users SET lockout_note = ? WHERE name = ?", (json.dumps(pending), name)
                )
                audit.append_event(
                    conn,
                    actor=name,
                    action="login_failed",
                    report_id=None,
                    change={"name": name},
                    detail=name,
                )
        raise AuthError("用户名或密码不正确，请重试。")
    with transaction(conn):
        conn.execute(
            "UPDATE users SET failed_count = 0, last_failed_at = NULL, lockout_note = NULL"
            " WHERE name = ?",
            (name,),
        )
    user = get_user(conn, name)
    assert user is not None
    if user.disabled:
        raise AuthError(f"用户「{name}」已停用，请联系管理员。")
    try:
        pending = json.loads(note) if note else {}
    except ValueError:
        pending = {}
    if pending.get("count"):
        import datetime as _dt

        when = _dt.datetime.fromtimestamp(float(pending.get("last", now))).strftime(
            "%Y-%m-%d %H:%M"
        )
        user = user.model_copy(
            update={
                "login_notice": f"注意：自上次登录以来，您的账号有 {pending['count']} 次密码错误的"
                f"登录尝试（最近一次 {when}）。如果不是您本人，请告知管理员。"
            }
        )
    return user


ACCOUNT_ACTIONS = ("user_add", "user_passwd", "user_disable", "user_role")


def _touches(detail: str, name: str) -> bool:
    return detail == name or detail.startswith(name + "（")


def account_changes(conn: Conn, name: str, since: str) -> list[audit.AuditEvent]:
    """Audit events that changed name's account (created, password set, disabled) since `since`.

    Shown beside an approval: a supervisor account created or reset by an admin after the
    report was started is exactly what separation of duties asks a reader to notice.
    """
    marks = ",".join("?" * len(ACCOUNT_ACTIONS))
    cols = ", ".join((*audit.ROW_FIELDS, "prev_hash", "hash"))
    rows = conn.execute(
        f"SELECT {cols} FROM audit WHERE action IN ({marks}) AND ts >= ? ORDER BY id",
        (*ACCOUNT_ACTIONS, since),
    ).fetchall()
    names = (*audit.ROW_FIELDS, "prev_hash", "hash")
    events = [audit.AuditEvent(**dict(zip(names, r, strict=True))) for r in rows]
    return [e for e in events if _touches(e.detail, name)]
