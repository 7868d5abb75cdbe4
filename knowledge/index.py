"""Low-level writes and reads of documents, chunks and the FTS5 index (no locking here)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from .analyzer import Analyzer
from .models import Chunk, DocumentMeta


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def head_text(title: str, chapter_path: str, article: str | None) -> str:
    return " ".join(p for p in (title, chapter_path, article or "") if p)


# One chunk as written: seq, chapter path, article, part, text, entry key, then its FTS fields
# body, head and bigrams. Plain values, so a worker process hands them over cheaply.
Row = tuple[int, str, str | None, int, str, str | None, str, str, str]


def prepare_rows(
    analyzer: Analyzer,
    meta: DocumentMeta,
    chunks: list[Chunk],
    parts: dict[str, str] | None = None,
) -> list[Row]:
    """Tokenise outside any transaction.

    The head is title + chapter + article; spaces separate them, so each part is cut on its
    own and cut once (the title per document, 第一条 or a chapter once per import when the
    caller keeps `parts` across documents)."""
    if parts is None or len(parts) > 50_000:
        parts = {}

    def part(text: str) -> str:
        found = parts.get(text)
        if found is None:
            found = parts[text] = analyzer.index_text(text)
        return found

    title = part(meta.title)
    rows: list[Row] = []
    for c in chunks:
        head = " ".join(t for t in (title, part(c.chapter_path), part(c.article or "")) if t)
        body, gram = analyzer.index_fields(c.text)
        rows.append((c.seq, c.chapter_path, c.article, c.part, c.text, c.key, body, head, gram))
    return rows


# One FTS5 row: chunk id, body, head, bigrams.
FtsRow = tuple[int, str, str, str]


def insert_document(
    conn: sqlite3.Connection,
    meta: DocumentMeta,
    source_path: str,
    sha256: str,
    kind: str,
    rows: list[Row],
) -> int:
    doc_id, fts = insert_chunks(conn, meta, source_path, sha256, kind, rows)
    insert_fts(conn, fts)
    return doc_id


def insert_chunks(
    conn: sqlite3.Connection,
    meta: DocumentMeta,
    source_path: str,
    sha256: str,
    kind: str,
    rows: list[Row],
) -> tuple[int, list[FtsRow]]:
    """The document and its chunk rows; returns its id and the FTS rows still to insert
    (insert_fts), which an import writes once per batch."""
    cur = conn.execute(
        "INSERT INTO documents (title, doc_number, issuer, issued_date, effective_date,"
        " source_path, sha256, kind, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            meta.title,
            meta.doc_number,
            meta.issuer,
            meta.issued_date,
            meta.effective_date,
            source_path,
            sha256,
            kind,
            now(),
        ),
    )
    doc_id = int(cur.lastrowid or 0)
    is_summary = 1 if kind == "starter" else 0
    # Ids are given here so both tables take their rows in one executemany each; inside the
    # write transaction nobody else can take them.
    first = int(conn.execute("SELECT coalesce(max(id), 0) + 1 FROM chunks").fetchone()[0])
    conn.executemany(
        "INSERT INTO chunks (id, doc_id, seq, chapter_path, article, part, text, entry_key,"
        " is_summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (first + i, doc_id, seq, chapter, article, part, text, key, is_summary)
            for i, (seq, chapter, article, part, text, key, _, _, _) in enumerate(rows)
        ],
    )
    return doc_id, [(first + i, r[6], r[7], r[8]) for i, r in enumerate(rows)]


def insert_fts(conn: sqlite3.Connection, rows: list[FtsRow]) -> None:
    conn.executemany("INSERT INTO chunks_fts (rowid, body, head, grams) VALUES (?, ?, ?, ?)", rows)


def delete_document(conn: sqlite3.Connection, doc_id: int) -> None:
    conn.execute(
        "DELETE FROM chunks_fts WHERE rowid IN (SELECT id FROM chunks WHERE doc_id = ?)",
        (doc_id,),
    )
    conn.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
    conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))


def retokenize_all(conn: sqlite3.Connection, analyzer: Analyzer) -> int:
    conn.execute("DELETE FROM chunks_fts")
    rows = conn.execute(
        "SELECT c.id, c.text, c.chapter_path, c.article, d.title FROM chunks c"
        " JOIN documents d ON d.id = c.doc_id"
    ).fetchall()
    conn.executemany(
        "INSERT INTO chunks_fts (rowid, body, head, grams) VALUES (?, ?, ?, ?)",
        (
            (
                cid,
                fields[0],
                analyzer.index_text(head_text(title, chapter, article)),
                fields[1],
            )
            for cid, text, chapter, article, title in rows
            for fields in [analyzer.index_fields(text)]
        ),
    )
    return len(rows)


def document_frequencies(conn: sqlite3.Connection, terms: list[str]) -> dict[str, int]:
    if not terms:
        return {}
    marks = ",".join("?" * len(terms))
    return {
        str(t): int(n)
        for t, n in conn.execute(
            f"SELECT term, doc FROM chunks_vocab WHERE term IN ({marks})", terms
        ).fetchall()
    }


def chunk_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM chunks").fetchone()[0])


def term_counts(conn: sqlite3.Connection, terms: list[str]) -> dict[str, tuple[int, int]]:
    """term -> (chunks containing it, occurrences) for the terms the index knows. With
    detail=column FTS5 keeps no occurrence counts: the chunk count stands in for them."""
    if not terms:
        return {}
    marks = ",".join("?" * len(terms))
    return {
        str(t): (int(d), int(c if c is not None else d))
        for t, d, c in conn.execute(
            f"SELECT term, doc, cnt FROM chunks_vocab WHERE term IN ({marks})", terms
        ).fetchall()
    }
