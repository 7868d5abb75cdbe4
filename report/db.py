"""The SQLite backend of the report store (zicha.db): the connection, pragmas, the schema's
ordered migrations; and the transaction every report/ write runs in (both backends).

SQL here may be SQLite's own (DDL, pragmas, sqlite_master); report/ modules outside the two
backends write only SQL both engines run the same way (report/backend.py).
"""

from __future__ import annotations

import os
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import (
    BUSY_MESSAGE,
    CorruptDatabaseError,
    ReadOnlyError,
    SchemaTooNewError,
    StoreBusyError,
    ZichaError,
)

if TYPE_CHECKING:
    from .backend import Conn

BUSY_TIMEOUT_MS = 10_000


class SqliteConn(sqlite3.Connection):
    """sqlite3's connection (its C methods, so no cost per query) plus the helpers of
    report.backend.Conn."""

    dialect = "sqlite"
    anchor_file = "audit_anchor.json"
    missing_table: tuple[type[Exception], ...] = (sqlite3.OperationalError,)
    _home: Path | None = None

    @property
    def home(self) -> Path | None:
        return self._home

    def insert(self, sql: str, parameters: Sequence[Any]) -> int:
        return int(self.execute(sql, parameters).lastrowid or 0)

    def begin_write(self) -> None:
        try:
            self.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            # The busy timeout ran out: many writers on one file (SQLite's wait is not a queue).
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreBusyError(BUSY_MESSAGE) from exc
            raise

    def table_names(self) -> set[str]:
        return {r[0] for r in self.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


Migration = Callable[[SqliteConn], None]


def _v1_reports_and_audit(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE reports (
            id INTEGER PRIMARY KEY,
            unit TEXT NOT NULL,
            year INTEGER NOT NULL,
            status TEXT NOT NULL,
            revision INTEGER NOT NULL,
            created_by TEXT,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            body TEXT NOT NULL
        )"""
    )
    # report_id is deliberately not a foreign key: the audit trail outlives a deleted report.
    conn.execute(
        """CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            ts TEXT NOT NULL,
            actor TEXT NOT NULL,
            action TEXT NOT NULL,
            report_id INTEGER,
            digest TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE report_state (
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            key TEXT NOT NULL,
            value TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            PRIMARY KEY (report_id, key)
        )"""
    )


def _v2_users_and_review(conn: sqlite3.Connection) -> None:
    conn.execute(
        """CREATE TABLE users (
            name TEXT PRIMARY KEY,
            role TEXT NOT NULL,
            pw_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            failed_count INTEGER NOT NULL DEFAULT 0,
            last_failed_at REAL,
            created_at TEXT NOT NULL
        )"""
    )
    conn.execute(
        """CREATE TABLE reviews (
            report_id INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
            edition INTEGER NOT NULL DEFAULT 1,
            submitted_by TEXT,
            submitted_at TEXT,
            approved_by TEXT,
            approved_at TEXT,
            last_return_round INTEGER
        )"""
    )
    conn.execute(
        """CREATE TABLE comments (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            parent_id INTEGER REFERENCES comments(id) ON DELETE CASCADE,
            section_key TEXT,
            point_id TEXT,
            body TEXT NOT NULL,
            author TEXT NOT NULL,
            created_at TEXT NOT NULL,
            return_round INTEGER,
            resolved_by TEXT,
            resolved_at TEXT
        )"""
    )
    conn.execute("CREATE INDEX comments_report ON comments (report_id)")
    # Snapshots outlive their report (like the audit log) and can never change.
    conn.execute(
        """CREATE TABLE snapshots (
            id INTEGER PRIMARY KEY,
            report_id INTEGER NOT NULL,
            seq INTEGER NOT NULL,
            edition INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            actor TEXT NOT NULL,
            body TEXT NOT NULL,
            digest TEXT NOT NULL,
            UNIQUE (report_id, seq)
        )"""
    )
    for op in ("UPDATE", "DELETE"):
        conn.execute(
            f"CREATE TRIGGER snapshots_no_{op.lower()} BEFORE {op} ON snapshots"
            " BEGIN SELECT RAISE(ABORT, 'snapshots are immutable'); END"
        )


def _v3_report_audit_link(conn: sqlite3.Connection) -> None:
    # The audit row that wrote each report's current body, so a body changed behind the
    # store's back (or a deleted last audit row) is caught by audit verify.
    conn.execute("ALTER TABLE reports ADD COLUMN audit_id INTEGER")
    conn.execute(
        "UPDATE reports SET audit_id = (SELECT max(a.id) FROM audit a WHERE a.report_id = reports.id)"
    )


# Append only: never edit or reorder a migration that has shipped.
def _v4_audit_head(conn: sqlite3.Connection) -> None:
    # The chain's last row, moved in the same transaction as each append: cutting rows off
    # the end of the log no longer leaves a chain that looks whole.
    conn.execute(
        """CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last_id INTEGER NOT NULL,
            last_hash TEXT NOT NULL
        )"""
    )
    conn.execute(
        "INSERT INTO audit_head (id, last_id, last_hash)"
        " SELECT 1, id, hash FROM audit ORDER BY id DESC LIMIT 1"
    )


def _v5_signed_head_and_leases(conn: SqliteConn) -> None:
    # The head carries a seal over the tables holding rights and review facts, signed with
    # the unit key (report/seal.py); users get a temporary-password flag and a lockout note;
    # leases keep two interviews off one report.
    for col in ("seal", "sig", "key_id"):
        conn.execute(f"ALTER TABLE audit_head ADD COLUMN {col} TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE users ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE users ADD COLUMN lockout_note TEXT")
    conn.execute(
        """CREATE TABLE leases (
            report_id INTEGER PRIMARY KEY,
            owner TEXT NOT NULL,
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            token TEXT NOT NULL,
            heartbeat REAL NOT NULL,
            taken_at TEXT NOT NULL
        )"""
    )
    from .seal import refresh

    refresh(conn, sign=False)


def _v6_login_attempts(conn: sqlite3.Connection) -> None:
    # Failed logins for names that are not users: counted and slowed down like real ones, so
    # the answer does not tell which names exist.
    conn.execute(
        """CREATE TABLE login_attempts (
            name TEXT PRIMARY KEY,
            failed_count INTEGER NOT NULL,
            last_failed_at REAL NOT NULL
        )"""
    )


def _v7_state_revision(conn: sqlite3.Connection) -> None:
    # Engine-state writes are compare-and-set on this number, so two sessions cannot
    # overwrite each other's follow-up text, cursor or proposed status unseen.
    conn.execute("ALTER TABLE report_state ADD COLUMN revision INTEGER NOT NULL DEFAULT 1")


def _v8_state_revision_counter(conn: SqliteConn) -> None:
    # State revisions come from one counter that outlives the rows: a key removed (or its
    # report deleted) and written again never gets a revision a stale session saw before.
    conn.execute(
        "CREATE TABLE state_revision (id INTEGER PRIMARY KEY CHECK (id = 1), last INTEGER NOT NULL)"
    )
    seed_state_revision(conn)


def seed_state_revision(conn: Conn) -> None:
    """The counter starts at the largest revision already stored (no row in an empty store,
    so that `zicha db copy` still sees it as empty)."""
    last = conn.execute("SELECT max(revision) FROM report_state").fetchone()[0]
    if last is not None:
        conn.execute("INSERT INTO state_revision (id, last) VALUES (1, ?)", (int(last),))


MIGRATIONS: list[Migration] = [
    _v1_reports_and_audit,
    _v2_users_and_review,
    _v3_report_audit_link,
    _v4_audit_head,
    _v5_signed_head_and_leases,
    _v6_login_attempts,
    _v7_state_revision,
    _v8_state_revision_counter,
]


def check_file(path: Path) -> None:
    """Refuse, untouched, what is not a database file: a folder, an empty file.

    Only stat(), never open(): closing any descriptor of the file drops every POSIX lock
    this process's SQLite connections hold on it, and another connection then deletes the
    live -wal (a kill -9 afterwards loses what was written). A foreign header is refused by
    SQLite itself on the first read ("file is not a database").
    """
    try:
        st = path.stat()
    except FileNotFoundError:
        return
    except OSError as exc:
        raise ZichaError(
            f"无法读取数据文件 {path}（{exc.strerror or '读取失败'}），请检查文件权限。"
        ) from exc
    import stat as _stat

    if _stat.S_ISDIR(st.st_mode):
        raise ZichaError(f"{path} 是一个文件夹，不是 zicha 的数据文件。请检查数据目录设置。")
    if st.st_size == 0:
        raise CorruptDatabaseError(
            f"数据文件 {path} 是空文件（0 字节），可能在写入时被中断或被清空。"
            "zicha 没有改动它：请用备份恢复，或把它移走后重新开始。"
        )


def _writable_problem(path: Path) -> str | None:
    folder = path.parent
    if path.exists() and not os.access(path, os.W_OK):
        return (
            f"数据文件 {path} 是只读的，无法写入。查看类命令（list、show、verify）仍可使用；"
            "要修改数据，请让管理员恢复该文件的写权限。未写入任何内容。"
        )
    if folder.exists() and not os.access(folder, os.W_OK):
        return (
            f"数据目录 {folder} 是只读的（zicha 写入时要在其中建立临时日志文件）。"
            "请换一个可写的数据目录（--home），或让管理员恢复写权限。未写入任何内容。"
        )
    return None


def _tighten(path: Path, notices: list[str]) -> None:
    """Data home 0700, the database 0600: report hashes and reports are nobody else's."""
    import stat as _stat

    for target, wanted in ((path.parent, 0o700), (path, 0o600)):
        try:
            st = target.stat()
            mode = _stat.S_IMODE(st.st_mode)
            owned = True
            if os.name == "posix":
                owned = st.st_uid == os.getuid()
            if mode & _stat.S_ISVTX or not owned:
                continue  # a shared folder such as /tmp, or someone else's: not ours to change
            if mode & 0o077:
                os.chmod(target, wanted)
                notices.append(
                    f"注意：{target} 的权限原为 {mode:o}（其他用户可读），已改为 {wanted:o}。"
                )
        except OSError:
            continue


def open_db(
    path: Path,
    migrations: list[Migration] | None = None,
    home: Path | None = None,
    allow_network: bool = False,
    readonly: bool = False,
    notices: list[str] | None = None,
) -> SqliteConn:
    """Open a zicha database; for writing, create it if needed and bring its schema up to date.

    readonly: never creates, migrates or writes (a missing file opens as an empty in-memory
    database). For writing, the file must pass PRAGMA quick_check.
    Plain sqlite3 on purpose: importing sqlite_utils pulls in numpy (~120 ms measured), which
    would double the app's start-up for two pragmas. Files stay sqlite-utils compatible.
    A file on a network filesystem is refused (report/netfs.py) unless allowed.
    """
    from .backend import allow_network_filesystem
    from .netfs import refuse_network_home

    migrations = MIGRATIONS if migrations is None else migrations
    notices = notices if notices is not None else []
    home = Path(path).parent if home is None else home
    refuse_network_home(Path(path).parent, allow_network or allow_network_filesystem(home))
    check_file(path)
    if readonly and not path.exists():
        return empty_stand_in(home, str(path), migrations)
    if not readonly:
        if not path.parent.exists():
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        problem = _writable_problem(path)
        if problem:
            raise ReadOnlyError(problem)
    fresh = not path.exists()
    try:
        # The TUI runs slow work in Textual thread workers, which take any thread of a pool;
        # every holder of a connection uses it from one job at a time (tui/jobs.py's lock).
        if readonly:
            uri = "file:" + urllib.parse.quote(str(path.absolute())) + "?mode=ro"
            conn = sqlite3.connect(
                uri,
                uri=True,
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                factory=SqliteConn,
                check_same_thread=False,
            )
        else:
            conn = sqlite3.connect(
                str(path),
                timeout=BUSY_TIMEOUT_MS / 1000,
                isolation_level=None,
                factory=SqliteConn,
                check_same_thread=False,
            )
        conn._home = home
    except sqlite3.Error as exc:
        raise ZichaError(f"无法打开数据文件 {path}：{exc}。请检查路径和权限。") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if tables and "schema_version" not in tables:
            raise CorruptDatabaseError(
                f"{path} 是一个 SQLite 数据库，但不是 zicha 的数据文件。zicha 没有改动它："
                "请检查数据目录设置（--home 或 ZICHA_HOME）。"
            )
        if readonly:
            current = schema_version_ro(conn)
            if current != len(migrations):
                raise ZichaError(
                    f"数据文件 {path} 的结构版本（{current}）与本程序（{len(migrations)}）不同。"
                    "查看类命令不改动数据文件：请先运行一个修改数据的命令（或打开全屏界面）完成升级。"
                )
            return conn
        if not fresh:
            result = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
            if result != ["ok"]:
                raise CorruptDatabaseError(
                    f"数据文件 {path} 已损坏（完整性检查未通过：{result[0][:80]}）。"
                    "为免损坏扩大，zicha 不向它写入：请用备份恢复。"
                )
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = wal")
        _migrate(conn, migrations, path)
        _tighten(path, notices if not fresh else [])  # a new file is made private quietly
    except sqlite3.OperationalError as exc:
        conn.close()
        if "readonly" in str(exc) or "read-only" in str(exc):
            raise ReadOnlyError(
                f"数据文件 {path} 无法写入（只读）。请检查文件和数据目录的权限。未写入任何内容。"
            ) from exc
        raise CorruptDatabaseError(
            f"数据文件 {path} 已损坏或不是 zicha 的数据文件，zicha 没有改动它：请用备份恢复。"
        ) from exc
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise CorruptDatabaseError(
            f"数据文件 {path} 已损坏或不是 zicha 的数据文件（不是可读的数据库）。"
            "zicha 没有改动它：请检查数据目录，或用备份恢复。"
        ) from exc
    except Exception:
        conn.close()
        raise
    return conn


def empty_stand_in(
    home: Path | None,
    where: str,
    migrations: list[Migration] | None = None,
    anchor_file: str | None = None,
) -> SqliteConn:
    """An empty database in memory with the current schema: what a read-only command sees
    where there is no zicha data yet, so that nothing is created where the data would be.
    anchor_file: the real store's, so `audit verify` still notices a database emptied behind
    the data home's back."""
    conn = sqlite3.connect(":memory:", isolation_level=None, factory=SqliteConn)
    conn._home = home
    if anchor_file is not None:
        conn.anchor_file = anchor_file
    migrate(conn, MIGRATIONS if migrations is None else migrations, where)
    return conn


def schema_version_ro(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def schema_version(conn: Conn) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _migrate(conn: SqliteConn, migrations: list[Migration], path: Path) -> None:
    migrate(conn, migrations, str(path))


def migrate(conn: Conn, migrations: Sequence[Callable[[Any], None]], where: str) -> None:
    """Run the migrations the database lacks, all in one transaction (both backends)."""
    # Not transaction(): there is no audit head to watch before migration 4 creates it.
    with _all_or_nothing(conn):
        current = schema_version(conn)
        if current > len(migrations):
            raise SchemaTooNewError(
                f"数据文件 {where} 由更新版本的 zicha 创建（结构版本 {current}，"
                f"本程序只认识到 {len(migrations)}）。请升级 zicha 后再打开，文件未被改动。"
            )
        for version in range(current + 1, len(migrations) + 1):
            migrations[version - 1](conn)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))


@contextmanager
def _all_or_nothing(conn: Conn) -> Iterator[None]:
    """A write transaction: committed when the block ends, rolled back if it raises."""
    conn.begin_write()
    try:
        yield
    except BaseException:
        if conn.in_transaction:
            conn.rollback()
        raise
    conn.commit()


@contextmanager
def transaction(conn: Conn) -> Iterator[Conn]:
    """One user action = one transaction, alone among writers (both backends). Nested use
    joins the outer transaction. The audit head moved → sealed and signed before commit."""
    if conn.in_transaction:
        yield conn
        return
    with _all_or_nothing(conn):
        head_before = _head_id(conn)
        yield conn
        moved = _head_id(conn) != head_before
        if moved:
            from .seal import refresh

            refresh(conn)
    if moved:
        from .seal import write_anchor

        write_anchor(conn)


def _head_id(conn: Conn) -> int | None:
    try:
        row = conn.execute("SELECT last_id FROM audit_head WHERE id = 1").fetchone()
    except conn.missing_table:
        return -1  # no head table: a SQLite file older than migration 4, or not zicha's
    return row[0] if row else None
