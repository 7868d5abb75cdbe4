"""Opening knowledge.db: pragmas, ordered migrations, explicit transactions.

The connection is opened with check_same_thread=False; Library serialises all use of it
with a lock, so one Library may be shared between the UI thread and a worker thread.
"""

from __future__ import annotations

import errno
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import KnowledgeError, SchemaTooNewError

BUSY_TIMEOUT_MS = 10_000
# FTS5 merges index segments once this many wait at one level (its default is 4). An import
# flushes a small segment every few hundred chunks, and merging them 4 at a time rewrote each
# term's entries level after level: about 45% of the import's SQLite instructions at 10,000
# chunks (callgrind), more at 300,000. Merging 8 at a time climbs half as many levels; a search
# reads a few more segments.
FTS_AUTOMERGE = 8

Migration = Callable[[sqlite3.Connection], None]


def _v1_library(conn: sqlite3.Connection) -> None:
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute(
        """CREATE TABLE documents (
            id INTEGER PRIMARY KEY,
            title TEXT NOT NULL,
            doc_number TEXT,
            issuer TEXT,
            issued_date TEXT,
            effective_date TEXT,
            source_path TEXT NOT NULL UNIQUE,
            sha256 TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('starter', 'import')),
            imported_at TEXT NOT NULL
        )"""
    )
    conn.execute("CREATE INDEX documents_sha ON documents(sha256)")
    conn.execute(
        """CREATE TABLE chunks (
            id INTEGER PRIMARY KEY,
            doc_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            chapter_path TEXT NOT NULL DEFAULT '',
            article TEXT,
            part INTEGER NOT NULL DEFAULT 1,
            text TEXT NOT NULL,
            entry_key TEXT,
            is_summary INTEGER NOT NULL DEFAULT 0
        )"""
    )
    conn.execute("CREATE INDEX chunks_doc ON chunks(doc_id, seq)")
    # Tokens are jieba segments joined by spaces; unicode61 then splits on the spaces.
    conn.execute("CREATE VIRTUAL TABLE chunks_fts USING fts5(body, head, tokenize='unicode61')")
    conn.execute("CREATE VIRTUAL TABLE chunks_vocab USING fts5vocab(chunks_fts, 'row')")
    # Title and chapter words count, but less than the article's own words.
    conn.execute("INSERT INTO chunks_fts (chunks_fts, rank) VALUES ('rank', 'bm25(1.0, 0.4)')")


def _v2_bigram_field(conn: sqlite3.Connection) -> None:
    """A third FTS field of character bigrams; the index is rebuilt by the next open."""
    conn.execute("DROP TABLE chunks_vocab")
    conn.execute("DROP TABLE chunks_fts")
    conn.execute(
        "CREATE VIRTUAL TABLE chunks_fts USING fts5(body, head, grams, tokenize='unicode61')"
    )
    conn.execute("CREATE VIRTUAL TABLE chunks_vocab USING fts5vocab(chunks_fts, 'row')")
    # Whole words of the article first, then its title and chapter, bigrams last.
    conn.execute("INSERT INTO chunks_fts (chunks_fts, rank) VALUES ('rank', 'bm25(1.0, 0.4, 0.2)')")
    # An empty segmenter name makes Library.ensure_starter re-tokenise every chunk.
    conn.execute("UPDATE meta SET value = '' WHERE key = 'segmenter'")


def _v3_chunk_vectors(conn: sqlite3.Connection) -> None:
    """Passage vectors of the semantic leg (knowledge/vectors.py); filled after an import."""
    conn.execute(
        "CREATE TABLE chunk_vectors (chunk_id INTEGER PRIMARY KEY"
        " REFERENCES chunks(id) ON DELETE CASCADE, vec BLOB NOT NULL)"
    )


def _v4_ascii_tokenizer(conn: sqlite3.Connection) -> None:
    """The index text is already cut into words joined by spaces (and lower-cased), so FTS5's
    ascii tokenizer, which only splits on spaces and ASCII marks, finds the same tokens as
    unicode61 without looking every Chinese character up in Unicode tables: about a sixth of
    an import's SQLite work. The rows are copied over; nothing is re-cut."""
    conn.execute("DROP TABLE chunks_vocab")
    conn.execute("ALTER TABLE chunks_fts RENAME TO chunks_fts_v3")
    conn.execute("CREATE VIRTUAL TABLE chunks_fts USING fts5(body, head, grams, tokenize='ascii')")
    conn.execute("INSERT INTO chunks_fts (chunks_fts, rank) VALUES ('rank', 'bm25(1.0, 0.4, 0.2)')")
    conn.execute(
        "INSERT INTO chunks_fts (rowid, body, head, grams)"
        " SELECT rowid, body, head, grams FROM chunks_fts_v3"
    )
    conn.execute("DROP TABLE chunks_fts_v3")
    conn.execute("CREATE VIRTUAL TABLE chunks_vocab USING fts5vocab(chunks_fts, 'row')")


# Append only: never edit or reorder a migration that has shipped.
MIGRATIONS: list[Migration] = [
    _v1_library,
    _v2_bigram_field,
    _v3_chunk_vectors,
    _v4_ascii_tokenizer,
]


def _open_failure_reason(exc: OSError | sqlite3.Error) -> str:
    """Say in Chinese what went wrong and what to do; the OS text is English, so it stays out."""
    if isinstance(exc, OSError):
        if exc.errno == errno.ENOSPC:
            return "磁盘已满。请清理磁盘空间后再试。"
        if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            return "文件夹没有写权限（或磁盘是只读的）。请检查文件夹权限，或换一个可写的文件夹。"
        if exc.errno in (errno.ENOTDIR, errno.EEXIST):
            return "路径中有一段是文件而不是文件夹。请检查路径，或换一个文件夹。"
        if exc.errno == errno.ENOENT:
            return "文件或文件夹不存在。请检查路径是否写对、U 盘或网络盘是否已连接。"
        if exc.errno == errno.ENAMETOOLONG:
            return "路径太长。请换一个短一些的文件夹。"
        return "系统拒绝打开该文件。请检查路径和权限。"
    text = str(exc).lower()
    if "disk" in text and "full" in text:
        return "磁盘已满。请清理磁盘空间后再试。"
    if "readonly" in text or "read-only" in text:
        return "文件是只读的。请检查文件和文件夹的权限，或换一个可写的文件夹。"
    return "文件夹不存在或没有读写权限。请检查路径和权限。"


def open_connection(path: Path) -> sqlite3.Connection:
    """Open (creating if needed) knowledge.db and bring its schema up to date."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(
            str(path),
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
    except (OSError, sqlite3.Error) as exc:
        raise KnowledgeError(f"无法打开法规库文件 {path}：{_open_failure_reason(exc)}") from exc
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        # WAL + NORMAL: a power cut may lose the last commits, never corrupt the file; an
        # import then commits without a disk flush per document. A larger page cache keeps
        # FTS segment merges of a big library in memory.
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA cache_size = -32768")
        if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
            conn.execute("PRAGMA journal_mode = WAL")
        _migrate(conn, path)
    except sqlite3.DatabaseError as exc:
        conn.close()
        raise KnowledgeError(
            f"法规库文件 {path} 已损坏或不是 zicha 的法规库。"
            "可把该文件改名备份后重新导入法规文件（内置要点会自动恢复）。"
        ) from exc
    except Exception:
        conn.close()
        raise
    return conn


def schema_version(conn: sqlite3.Connection) -> int:
    conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
    row = conn.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def _migrate(conn: sqlite3.Connection, path: Path) -> None:
    with transaction(conn):
        current = schema_version(conn)
        if current > len(MIGRATIONS):
            raise SchemaTooNewError(
                f"法规库文件 {path} 由更新版本的 zicha 创建（结构版本 {current}，"
                f"本程序只认识到 {len(MIGRATIONS)}）。请升级 zicha，文件未被改动。"
            )
        for version in range(current + 1, len(MIGRATIONS) + 1):
            MIGRATIONS[version - 1](conn)
            conn.execute("INSERT INTO schema_version (version) VALUES (?)", (version,))
        if current == 0:
            # a new library; the setting is kept in the index's own config table (a library
            # made before keeps FTS5's default)
            conn.execute(
                "INSERT INTO chunks_fts (chunks_fts, rank) VALUES ('automerge', ?)",
                (FTS_AUTOMERGE,),
            )


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """All or nothing; nested use is a savepoint of the outer transaction (undone alone)."""
    if conn.in_transaction:
        conn.execute("SAVEPOINT nested")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK TO nested")
            conn.execute("RELEASE nested")
            raise
        else:
            conn.execute("RELEASE nested")
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    else:
        conn.execute("COMMIT")


def get_meta(conn: sqlite3.Connection, key: str) -> str | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])


def set_meta(conn: sqlite3.Connection, key: str, value: str) -> None:
    conn.execute(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (key, value),
    )
