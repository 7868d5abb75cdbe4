"""Low-level writes and reads of documents, chunks and the FTS5 index (no locking here)."""

from __future__ import annotations

import sqlite3
from datetime import datetime

from .analyzer import Analyzer, gram_text
from .models import Chunk, DocumentMeta


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def head_text(title: str, chapter_path: str, article: str | None) -> str:
    return " ".join(p for p in (title, chapter_path, article or "") if p)


Row = tuple[Chunk, str, str, str]


def prepare_rows(analyzer: Analyzer, meta: DocumentMeta, chunks: list[Chunk]) -> list[Row]:
    """Tokenise outside any transaction: (chunk, body tokens, head tokens, body bigrams)."""
    heads: dict[tuple[str, str | None], str] = {}
    rows = []
    for c in chunks:
        hk = (c.chapter_path, c.article)
        if hk not in heads:
            heads[hk] = analyzer.index_text(head_text(meta.title, c.chapter_path, c.article))
        rows.append((c, analyzer.index_text(c.text), heads[hk], gram_text(c.text)))
    return rows


def insert_document(
    conn: sqlite3.Connection,
    meta: DocumentMeta,
    source_path: str,
    sha256: str,
    kind: str,
    rows: list[Row],
) -> int:
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
    for chunk, body, head, gram in rows:
        cur = conn.execute(
            "INSERT INTO chunks (doc_id, seq, chapter_path, article, part, text, entry_key,"
            " is_summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id,
                chunk.seq,
                chunk.chapter_path,
                chunk.article,
                chunk.part,
                chunk.text,
                chunk.key,
                is_summary,
            ),
        )
        conn.execute(
            "INSERT INTO chunks_fts (rowid, body, head, grams) VALUES (?, ?, ?, ?)",
            (cur.lastrowid, body, head, gram),
        )
    return doc_id


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
                analyzer.index_text(text),
                analyzer.index_text(head_text(title, chapter, article)),
                gram_text(text),
            )
            for cid, text, chapter, article, title in rows
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
    """term -> (chunks containing it, occurrences) for the terms the index knows."""
    if not terms:
        return {}
    marks = ",".join("?" * len(terms))
    return {
        str(t): (int(d), int(c))
        for t, d, c in conn.execute(
            f"SELECT term, doc, cnt FROM chunks_vocab WHERE term IN ({marks})", terms
        ).fetchall()
    }
