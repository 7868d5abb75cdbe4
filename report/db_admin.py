"""`zicha db check` and `zicha db copy`: which backend, where, schema version, connectivity;
and moving a whole report store between SQLite and PostgreSQL, verified on arrival."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from .backend import StoreTarget, connect
from .errors import ZichaError

if TYPE_CHECKING:
    from .backend import Conn

# Copy order: parents before children. Tables a later version adds go after these.
COPY_ORDER = (
    "users",
    "reports",
    "report_state",
    "state_revision",
    "reviews",
    "comments",
    "snapshots",
    "audit",
    "audit_head",
)
# Not copied: the version table is the target's own, and a lease belongs to a running
# interview on the old store (its process and PC), not to the data.
NOT_COPIED = frozenset({"schema_version", "leases", "login_attempts"})


class DbCheck(BaseModel):
    backend: str  # SQLite / PostgreSQL
    where: str  # never with a password
    server: str = ""
    schema_version: int | None = None
    expected_version: int
    reports: int | None = None
    problem: str | None = None  # Chinese, says what to do
    # False when the server or file could not be reached: nothing is known about its tables.
    connected: bool = True

    @property
    def ok(self) -> bool:
        return self.problem is None


def expected_version() -> int:
    from .db import MIGRATIONS

    return len(MIGRATIONS)


def check(target: StoreTarget) -> DbCheck:
    """Connect without creating or migrating anything, and say what is there."""
    result = DbCheck(
        backend="PostgreSQL" if target.is_postgres else "SQLite",
        where=target.display(),
        expected_version=expected_version(),
    )
    if target.is_postgres:
        return _check_postgres(target, result)
    from .health import inspect_sqlite

    assert target.path is not None
    health = inspect_sqlite(target.path, result.expected_version, {"reports": "reports"}, "报告库")
    result.server = "SQLite " + _sqlite_version()
    if not health.exists:
        result.problem = (
            f"数据文件 {target.path} 还不存在（第一次新建报告时创建）。"
            "多台电脑共用请改用 PostgreSQL（见说明文档「多台电脑共用」）。"
        )
        return result
    result.schema_version = health.schema_version
    result.reports = health.counts.get("reports")
    result.problem = health.problem
    return result


def _sqlite_version() -> str:
    import sqlite3

    return sqlite3.sqlite_version


def _check_postgres(target: StoreTarget, result: DbCheck) -> DbCheck:
    from .db_postgres import explain, open_postgres, privilege_problem

    try:
        conn = open_postgres(target, migrate_schema=False)
    except ZichaError as exc:
        result.problem = str(exc)
        result.connected = False
        return result
    try:
        result.server = "PostgreSQL " + conn.server_version()
        tables = conn.table_names()
        if "schema_version" in tables:
            row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
            result.schema_version = int(row[0] or 0)
        result.problem = privilege_problem(conn, tables)
        if result.problem is None and "reports" in tables:
            result.reports = int(conn.execute("SELECT count(*) FROM reports").fetchone()[0])
        if result.problem is None:
            result.problem = _version_problem(result)
    except Exception as exc:  # a permission or server error while looking: say it in Chinese
        result.problem = explain(exc, result.where)
    finally:
        conn.close()
    return result


def _version_problem(result: DbCheck) -> str | None:
    if result.schema_version is None:
        return None  # empty database: zicha creates its tables on first use
    if result.schema_version > result.expected_version:
        return (
            f"数据库由更新版本的 zicha 创建（结构版本 {result.schema_version}，"
            f"本程序只认识到 {result.expected_version}），请先升级本机的 zicha。"
        )
    return None


# --- copy ----------------------------------------------------------------------------------
class TableCount(BaseModel):
    table: str
    source: int
    target: int


class CopyResult(BaseModel):
    source: str
    target: str
    counts: list[TableCount]
    audit_rows: int
    audit_ok: bool
    audit_head: str
    audit_reason: str = ""

    @property
    def counts_ok(self) -> bool:
        return all(c.source == c.target for c in self.counts)


def _tables(conn: Conn) -> list[str]:
    present = conn.table_names() - NOT_COPIED
    known = [t for t in COPY_ORDER if t in present]
    return known + sorted(present - set(known))


def _count(conn: Conn, table: str) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


def copy_store(source: StoreTarget, dest: StoreTarget) -> CopyResult:
    """Copy every row of source into dest, which must be empty; one transaction on dest;
    then count rows on both sides and verify the audit chain, seal and signature on dest."""
    if source == dest or (source.display() == dest.display()):
        raise ZichaError("目标与当前使用的数据库相同，请换一个目标。")
    src = connect(source)
    try:
        from .integrity import full_verify
        from .keys import home_public_key

        public_key = home_public_key(source.home)
        before = full_verify(src, public_key)
        if not before.ok and before.rows:
            raise ZichaError(
                f"当前数据未通过审计校验（{before.reason}），未复制。"
                "请先运行 zicha audit verify 查明原因。"
            )
        dst = _open_empty(dest)
        try:
            tables = _tables(src)
            missing = [t for t in tables if t not in dst.table_names()]
            if missing:
                raise ZichaError(
                    f"目标数据库缺少表 {'、'.join(missing)}：两边的 zicha 版本不同，请先升级。"
                )
            _copy_rows(src, dst, tables)
            counts = [
                TableCount(table=t, source=_count(src, t), target=_count(dst, t)) for t in tables
            ]
            after = full_verify(dst, public_key, anchor=None)
        finally:
            dst.close()
    finally:
        src.close()
    return CopyResult(
        source=source.display(),
        target=dest.display(),
        counts=counts,
        audit_rows=after.rows,
        audit_ok=after.ok,
        audit_head=after.head,
        audit_reason=after.reason,
    )


def _open_empty(dest: StoreTarget) -> Conn:
    if dest.path is not None and dest.path.exists() and dest.path.stat().st_size > 0:
        raise ZichaError(f"目标文件 {dest.path} 已存在，未复制。请指定一个新文件名。")
    conn = connect(dest)
    try:
        for table in conn.table_names() - {"schema_version"}:
            if conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None:
                raise ZichaError(
                    f"目标数据库 {dest.display()} 不是空的（表 {table} 中已有数据），未复制。"
                    "请新建一个空数据库作为目标。"
                )
    except BaseException:
        conn.close()
        raise
    return conn


def _copy_rows(src: Conn, dst: Conn, tables: list[str]) -> None:
    # Not transaction(): that would re-seal and re-sign the head; the copy keeps it exactly.
    dst.begin_write()
    try:
        for table in tables:
            cur = src.execute(f"SELECT * FROM {table} ORDER BY 1")
            columns = [d[0] for d in cur.description]
            sql = (
                f"INSERT INTO {table} ({', '.join(columns)})"
                f" VALUES ({', '.join('?' for _ in columns)})"
            )
            batch: list[Any] = []
            for row in cur:
                batch.append(tuple(row))
                if len(batch) >= 500:
                    dst.executemany(sql, batch)
                    batch = []
            if batch:
                dst.executemany(sql, batch)
        if dst.dialect == "postgresql":
            from .db_postgres import PgConn, reset_identities

            assert isinstance(dst, PgConn)
            reset_identities(dst)
    except BaseException:
        if dst.in_transaction:
            dst.rollback()
        raise
    else:
        dst.commit()
