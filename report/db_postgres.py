"""The PostgreSQL backend of the report store: one database shared by an office's PCs.

SQLAlchemy 2 Core parses the URL, picks the psycopg 3 driver and pools the connection;
report/ modules then talk to a `PgConn`, which gives them the same small API as SQLite's
connection (report/backend.py): qmark parameters, tuples, explicit transactions. Writers are
serialised by a transaction-scoped advisory lock taken at BEGIN, so the audit chain and its
head are appended exactly as with SQLite's BEGIN IMMEDIATE. Both libraries are imported here
only, and only when a PostgreSQL URL is used: SQLite users start as fast as before.

The schema mirrors SQLite's, version by version (PG_MIGRATIONS has one step per step of
report/db.py MIGRATIONS), so a schema version means the same thing on both backends and
`zicha db copy` moves rows between them unchanged. Text columns that are sorted use the "C"
collation, so ORDER BY gives SQLite's byte order (the audit seal digests sorted rows).
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import BUSY_MESSAGE, StoreBusyError, ZichaError

if TYPE_CHECKING:
    import psycopg
    from sqlalchemy.engine import Engine

    from .backend import Conn, Cursor, StoreTarget

# Any constant works; it only has to be the same for every zicha process on the database.
WRITE_LOCK_KEY = 0x7A69636861  # "zicha"
CONNECT_TIMEOUT_S = 10
LOCK_WAIT_S = 30


class DatabaseUnavailable(ZichaError):
    """The PostgreSQL server could not be used; the message says why in Chinese."""


@functools.lru_cache(maxsize=256)
def qmark_to_format(sql: str) -> str:
    """`?` placeholders → psycopg's `%s` (and a literal % → %%), outside quoted strings."""
    out: list[str] = []
    quote: str | None = None
    for ch in sql:
        if quote:
            if ch == quote:
                quote = None
            out.append("%%" if ch == "%" else ch)
        elif ch in ("'", '"'):
            quote = ch
            out.append(ch)
        elif ch == "?":
            out.append("%s")
        elif ch == "%":
            out.append("%%")
        else:
            out.append(ch)
    return "".join(out)


Connector = Callable[[], tuple["psycopg.Connection[Any]", Callable[[], None]]]


class PgConn:
    """A psycopg connection (from SQLAlchemy's pool, or plain) in autocommit mode with
    explicit BEGIN/COMMIT, shaped like report/ expects (report.backend.Conn).

    A connection the server or the network dropped while idle (an office PC left open over
    lunch) is replaced on the next statement outside a transaction; inside a transaction
    the write is lost with a Chinese message and nothing is committed."""

    dialect = "postgresql"

    def __init__(self, connector: Connector, home: Path | None, where: str = ""):
        import psycopg

        self._connector = connector
        self._pg, self._release = connector()
        self._pg.autocommit = True
        self._home = home
        self._where = where or "（共用报告库）"
        self._writing = False  # inside begin_write … commit/rollback
        # One anchor per shared database (host, port, name, schema), beside zicha.db's own.
        info = self._pg.info
        schema = self._pg.execute("SELECT current_schema()").fetchone()
        ident = f"{info.host}:{info.port}/{info.dbname}/{schema[0] if schema else ''}"
        digest = hashlib.sha256(ident.encode()).hexdigest()[:12]
        self.anchor_file = f"audit_anchor-pg-{digest}.json"
        self.missing_table: tuple[type[Exception], ...] = (psycopg.errors.UndefinedTable,)

    @property
    def home(self) -> Path | None:
        return self._home

    @property
    def in_transaction(self) -> bool:
        from psycopg.pq import TransactionStatus

        if self._pg.broken or self._pg.closed:
            return False
        return self._pg.info.transaction_status != TransactionStatus.IDLE

    def _reconnect(self) -> None:
        try:
            self._release()
        except Exception:  # noqa: BLE001 - the old connection is gone either way
            pass
        try:
            self._pg, self._release = self._connector()
        except Exception as exc:
            raise DatabaseUnavailable(explain(exc, self._where)) from None
        self._pg.autocommit = True

    def _run(self, sql: str, parameters: Any) -> Cursor:
        if parameters:
            return self._pg.execute(qmark_to_format(sql), parameters)
        return self._pg.execute(sql)  # no parameters: psycopg leaves % alone

    def execute(self, sql: str, parameters: Any = (), /) -> Cursor:
        import psycopg

        try:
            return self._run(sql, parameters)
        except psycopg.OperationalError:
            if not (self._pg.broken or self._pg.closed):
                raise
            if self._writing:  # the transaction died with the connection: nothing committed
                self._writing = False
                raise DatabaseUnavailable(
                    f"与报告库 {self._where} 的连接在保存时中断，本次未写入。请检查网络后再试一次。"
                ) from None
            self._reconnect()  # a read outside a transaction: safe to run again
            return self._run(sql, parameters)

    def executemany(self, sql: str, parameters: Any, /) -> None:
        with self._pg.cursor() as cur:
            cur.executemany(qmark_to_format(sql), parameters)

    def insert(self, sql: str, parameters: Sequence[Any]) -> int:
        row = self.execute(sql + " RETURNING id", parameters).fetchone()
        return int(row[0])

    def begin_write(self) -> None:
        import psycopg

        # One round trip: begin, bound the wait (the lock queue is first come, first served),
        # take the writers' lock. The reconnect in execute() covers a dropped idle connection.
        sql = (
            f"BEGIN; SET LOCAL lock_timeout = '{int(LOCK_WAIT_S)}s';"
            f" SELECT pg_advisory_xact_lock({int(WRITE_LOCK_KEY)})"
        )
        self._writing = False  # a failure here happens before anything is written
        try:
            self.execute(sql)
        except psycopg.errors.LockNotAvailable as exc:
            self.rollback()
            raise StoreBusyError(BUSY_MESSAGE) from exc
        self._writing = True

    def commit(self) -> None:
        if self.in_transaction:
            try:
                self.execute("COMMIT")
            except DatabaseUnavailable:
                raise DatabaseUnavailable(
                    f"与报告库 {self._where} 的连接在提交时中断，无法确定本次是否已写入。"
                    "请检查网络，重新打开报告查看后再继续。"
                ) from None
        self._writing = False

    def rollback(self) -> None:
        self._writing = False
        if self.in_transaction:
            self._pg.execute("ROLLBACK")

    def close(self) -> None:
        self._release()

    def table_names(self) -> set[str]:
        rows = self.execute(
            "SELECT table_name FROM information_schema.tables"
            " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
        )
        return {r[0] for r in rows}

    def server_version(self) -> str:
        return str(self.execute("SHOW server_version").fetchone()[0])


def make_engine(url: str) -> Engine:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    query = dict(parsed.query)
    query.setdefault("connect_timeout", str(CONNECT_TIMEOUT_S))
    query.setdefault("application_name", "zicha")
    parsed = parsed.set(query=query)
    # One connection per store: a store is used by one thread (as with SQLite).
    return create_engine(parsed, pool_size=1, max_overflow=0, pool_pre_ping=False)


def _pooled_connection(url: str) -> tuple[psycopg.Connection[Any], Callable[[], None]]:
    """A connection from SQLAlchemy's pool (the store's way in)."""
    import psycopg

    engine = make_engine(url)
    try:
        pooled = engine.raw_connection()
    except BaseException:
        engine.dispose()
        raise
    driver = pooled.driver_connection
    assert isinstance(driver, psycopg.Connection)

    def release() -> None:
        try:
            pooled.close()
        finally:
            engine.dispose()

    return driver, release


def _plain_connection(url: str) -> tuple[psycopg.Connection[Any], Callable[[], None]]:
    """psycopg alone, for the first screen's few reads: importing SQLAlchemy costs about as
    much as starting Textual, so the app pays it after its first screen (in the store)."""
    import psycopg

    scheme, rest = url.split("://", 1)
    libpq_url = "postgresql://" + rest  # libpq knows no "+psycopg" driver suffix
    conn = psycopg.connect(
        libpq_url, connect_timeout=CONNECT_TIMEOUT_S, application_name="zicha", autocommit=True
    )
    return conn, conn.close


def open_postgres(target: StoreTarget, migrate_schema: bool = True, light: bool = False) -> PgConn:
    """Connect, and create or bring up to date the schema (in one locked transaction).

    light: a plain psycopg connection instead of SQLAlchemy's pool (report.backend.connect)."""
    from .db import migrate

    assert target.url is not None
    url = target.url
    opener = _plain_connection if light else _pooled_connection
    try:
        conn = PgConn(lambda: opener(url), target.home, target.display())
    except DatabaseUnavailable:
        raise
    except Exception as exc:
        message = scrub(explain(exc, target.display()), url)
        raise DatabaseUnavailable(message) from None  # the chained error may quote the URL
    try:
        if migrate_schema:
            migrate(conn, PG_MIGRATIONS, target.display())
    except ZichaError:
        conn.close()
        raise
    except Exception as exc:
        conn.close()
        raise DatabaseUnavailable(explain(exc, target.display())) from exc
    return conn


def open_postgres_readonly(target: StoreTarget, notices: list[str], light: bool = False) -> Conn:
    """For commands that only look: the session is read-only and the schema is never created
    or migrated. A database with no zicha data yet gives an empty stand-in (report/db.py)
    and a notice saying what to do, rather than tables made by a `report list`."""
    from .db import empty_stand_in

    assert target.url is not None
    url = target.url
    opener = _plain_connection if light else _pooled_connection

    def read_only_session() -> tuple[psycopg.Connection[Any], Callable[[], None]]:
        pg, release = opener(url)
        try:
            pg.autocommit = True  # a plain SET, not the start of a transaction
            pg.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
        except BaseException:
            release()
            raise
        return pg, release

    try:
        conn = PgConn(read_only_session, target.home, target.display())
    except Exception as exc:
        raise DatabaseUnavailable(scrub(explain(exc, target.display()), url)) from None
    try:
        if "schema_version" not in conn.table_names():
            notices.append(NO_DATA_YET.format(where=target.display()))
            anchor = conn.anchor_file
            conn.close()
            return empty_stand_in(target.home, target.display(), anchor_file=anchor)
        row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
        current = int(row[0] or 0)
    except Exception as exc:
        conn.close()
        raise DatabaseUnavailable(explain(exc, target.display())) from exc
    if current != len(PG_MIGRATIONS):
        conn.close()
        raise ZichaError(
            f"数据库 {target.display()} 的结构版本（{current}）与本程序（{len(PG_MIGRATIONS)}）"
            "不同。查看类命令不改动数据库：请先运行一个修改数据的命令（或打开全屏界面）完成升级；"
            "若数据库更新，请升级 zicha。"
        )
    return conn


NO_DATA_YET = (
    "数据库 {where} 中还没有 zicha 的数据（尚未建表）；查看类命令不会改动它。"
    "新建第一份报告（zicha report new）或添加第一个用户（zicha user add）时会自动建表。"
)


# --- what went wrong, in Chinese -----------------------------------------------------------
def explain(exc: BaseException, where: str) -> str:
    """A Chinese sentence for a connection or permission failure. Never shows a password:
    `where` is already masked, and libpq's messages do not contain it."""
    original = getattr(exc, "orig", None) or exc
    text = str(original)
    low = text.lower()
    state = getattr(original, "sqlstate", None) or ""
    if state == "28P01" or "password authentication failed" in low:
        return f"无法登录数据库 {where}：用户名或密码不正确。请核对密码（可放在环境变量 PGPASSWORD 或 .pgpass 文件中）。"
    if "no password supplied" in low or "fe_sendauth" in low:
        return f"数据库 {where} 要求密码，但没有提供。请把密码放在环境变量 PGPASSWORD 或 .pgpass 文件中。"
    if state == "3D000" or ("database" in low and "does not exist" in low):
        return f"数据库服务器上没有 {where} 所指的数据库。请让管理员先创建它（见说明文档「多台电脑共用」）。"
    if "role" in low and "does not exist" in low:
        return f"数据库服务器上没有 {where} 中的用户（角色）。请让管理员先创建它。"
    if "no encryption" in low or "ssl" in low and ("required" in low or "off" in low):
        if "server does not support ssl" in low:
            return f"数据库服务器 {where} 没有开启 TLS（SSL）加密，而连接要求加密（sslmode）。请让管理员开启 TLS，或改 sslmode。"
        return f"数据库服务器 {where} 要求加密连接（TLS）。请在地址后加 ?sslmode=require 再试。"
    if state == "42501" or "permission denied" in low or "must be owner" in low:
        return f"数据库用户没有足够的权限（{_first_line(text)}）。请让管理员按说明文档「多台电脑共用」授予权限。"
    if (
        "connection refused" in low
        or "could not connect" in low
        or "timeout expired" in low
        or "could not translate host name" in low
        or "no route to host" in low
        or "connection failed" in low
        or "server closed the connection" in low
    ):
        return f"连不上数据库服务器 {where}：服务器没有运行、地址或端口不对，或网络不通。请检查后再试。"
    return f"数据库 {where} 出错：{_first_line(text)}"


def scrub(text: str, url: str) -> str:
    """text with the URL's password (if any, in any spelling) replaced by ***."""
    from urllib.parse import unquote

    netloc = url.split("://", 1)[-1].split("/", 1)[0]
    secrets = []
    if "@" in netloc and ":" in netloc.rsplit("@", 1)[0]:
        secrets.append(netloc.rsplit("@", 1)[0].split(":", 1)[1])
    for part in url.split("?", 1)[-1].split("&") if "?" in url else []:
        if part.lower().startswith("password="):
            secrets.append(part.split("=", 1)[1])
    for secret in secrets:
        for spelling in {secret, unquote(secret)}:
            if spelling:
                text = text.replace(spelling, "***")
    return text


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0] if text.strip() else "未知错误"


# --- schema (one step per SQLite migration in report/db.py) --------------------------------
Migration = Callable[[PgConn], None]
ID = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
NAME = 'TEXT COLLATE "C"'


def _v1_reports_and_audit(conn: PgConn) -> None:
    conn.execute(
        f"""CREATE TABLE reports (
            id {ID},
            unit {NAME} NOT NULL,
            year INTEGER NOT NULL,
            status {NAME} NOT NULL,
            revision INTEGER NOT NULL,
            created_by {NAME},
            created_at {NAME} NOT NULL,
            updated_at {NAME} NOT NULL,
            body TEXT NOT NULL
        )"""
    )
    conn.execute(
        f"""CREATE TABLE audit (
            id BIGINT PRIMARY KEY,
            ts {NAME} NOT NULL,
            actor {NAME} NOT NULL,
            action {NAME} NOT NULL,
            report_id BIGINT,
            digest TEXT NOT NULL,
            detail TEXT NOT NULL DEFAULT '',
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL
        )"""
    )
    conn.execute(
        f"""CREATE TABLE report_state (
            report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            key {NAME} NOT NULL,
            value TEXT NOT NULL,
            updated_at {NAME} NOT NULL,
            PRIMARY KEY (report_id, key)
        )"""
    )


def _v2_users_and_review(conn: PgConn) -> None:
    conn.execute(
        f"""CREATE TABLE users (
            name {NAME} PRIMARY KEY,
            role {NAME} NOT NULL,
            pw_hash TEXT NOT NULL,
            disabled INTEGER NOT NULL DEFAULT 0,
            failed_count INTEGER NOT NULL DEFAULT 0,
            last_failed_at DOUBLE PRECISION,
            created_at {NAME} NOT NULL
        )"""
    )
    conn.execute(
        f"""CREATE TABLE reviews (
            report_id BIGINT PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
            edition INTEGER NOT NULL DEFAULT 1,
            submitted_by {NAME},
            submitted_at {NAME},
            approved_by {NAME},
            approved_at {NAME},
            last_return_round INTEGER
        )"""
    )
    conn.execute(
        f"""CREATE TABLE comments (
            id {ID},
            report_id BIGINT NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
            parent_id BIGINT REFERENCES comments(id) ON DELETE CASCADE,
            section_key {NAME},
            point_id {NAME},
            body TEXT NOT NULL,
            author {NAME} NOT NULL,
            created_at {NAME} NOT NULL,
            return_round INTEGER,
            resolved_by {NAME},
            resolved_at {NAME}
        )"""
    )
    conn.execute("CREATE INDEX comments_report ON comments (report_id)")
    conn.execute(
        f"""CREATE TABLE snapshots (
            id {ID},
            report_id BIGINT NOT NULL,
            seq INTEGER NOT NULL,
            edition INTEGER NOT NULL,
            revision INTEGER NOT NULL,
            created_at {NAME} NOT NULL,
            actor {NAME} NOT NULL,
            body TEXT NOT NULL,
            digest TEXT NOT NULL,
            UNIQUE (report_id, seq)
        )"""
    )
    conn.execute(
        "CREATE FUNCTION zicha_snapshots_immutable() RETURNS trigger LANGUAGE plpgsql AS"
        " $$ BEGIN RAISE EXCEPTION 'snapshots are immutable'; END $$"
    )
    conn.execute(
        "CREATE TRIGGER snapshots_no_change BEFORE UPDATE OR DELETE ON snapshots"
        " FOR EACH ROW EXECUTE FUNCTION zicha_snapshots_immutable()"
    )


def _v3_report_audit_link(conn: PgConn) -> None:
    conn.execute("ALTER TABLE reports ADD COLUMN audit_id BIGINT")


def _v4_audit_head(conn: PgConn) -> None:
    conn.execute(
        """CREATE TABLE audit_head (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            last_id BIGINT NOT NULL,
            last_hash TEXT NOT NULL
        )"""
    )


def _v5_signed_head_and_leases(conn: PgConn) -> None:
    for col in ("seal", "sig", "key_id"):
        conn.execute(f"ALTER TABLE audit_head ADD COLUMN {col} TEXT NOT NULL DEFAULT ''")
    conn.execute("ALTER TABLE users ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0")
    conn.execute("ALTER TABLE users ADD COLUMN lockout_note TEXT")
    conn.execute(
        f"""CREATE TABLE leases (
            report_id BIGINT PRIMARY KEY,
            owner {NAME} NOT NULL,
            pid INTEGER NOT NULL,
            host {NAME} NOT NULL,
            token TEXT NOT NULL,
            heartbeat DOUBLE PRECISION NOT NULL,
            taken_at {NAME} NOT NULL
        )"""
    )


def _v6_login_attempts(conn: PgConn) -> None:
    conn.execute(
        f"""CREATE TABLE login_attempts (
            name {NAME} PRIMARY KEY,
            failed_count INTEGER NOT NULL,
            last_failed_at DOUBLE PRECISION NOT NULL
        )"""
    )


def _v7_state_revision(conn: PgConn) -> None:
    conn.execute("ALTER TABLE report_state ADD COLUMN revision INTEGER NOT NULL DEFAULT 1")


def _v8_state_revision_counter(conn: PgConn) -> None:
    from .db import seed_state_revision

    conn.execute(
        "CREATE TABLE state_revision (id INTEGER PRIMARY KEY CHECK (id = 1), last BIGINT NOT NULL)"
    )
    seed_state_revision(conn)


# Append only, in step with report/db.py MIGRATIONS (tests/report/test_db_backends.py checks it).
PG_MIGRATIONS: list[Migration] = [
    _v1_reports_and_audit,
    _v2_users_and_review,
    _v3_report_audit_link,
    _v4_audit_head,
    _v5_signed_head_and_leases,
    _v6_login_attempts,
    _v7_state_revision,
    _v8_state_revision_counter,
]

# Tables `zicha db copy` moves, parents before children; identity columns to reset after.
IDENTITY_TABLES = ("reports", "comments", "snapshots")


def reset_identities(conn: PgConn) -> None:
    """After rows were copied in with their ids: the next id follows the largest one."""
    for table in IDENTITY_TABLES:
        conn.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
            f" coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
        )


def privilege_problem(conn: PgConn, tables: set[str]) -> str | None:
    """What the connected role may not do that zicha needs, in Chinese; None when all is there."""
    schema = conn.execute("SELECT current_schema()").fetchone()[0]
    if schema is None:
        return (
            "数据库用户的 search_path 中没有可用的模式（schema）。请让管理员按说明文档"
            "「多台电脑共用」创建模式并设置 search_path。"
        )
    if "reports" not in tables:
        may_create = conn.execute("SELECT has_schema_privilege(current_schema(), 'CREATE')")
        if not may_create.fetchone()[0]:
            return (
                f"数据库用户没有在模式 {schema} 中建表的权限，zicha 无法创建它的表。"
                "请让管理员按说明文档「多台电脑共用」授予权限。"
            )
        return None
    lacking = [
        t
        for t in sorted(tables)
        if not conn.execute(
            "SELECT has_table_privilege(current_schema() || '.' || ?, 'SELECT, INSERT, UPDATE, DELETE')",
            (t,),
        ).fetchone()[0]
    ]
    if lacking:
        return (
            f"数据库用户对表 {'、'.join(lacking)} 没有读写权限。"
            "请让管理员按说明文档「多台电脑共用」授予权限。"
        )
    return None
