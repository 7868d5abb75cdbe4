"""Passage vectors in knowledge.db (table chunk_vectors): reads and writes, no model here.

A vector is stored as float16 bytes (384 dimensions: 768 bytes). meta 'vectors_model' names the
model and passage format that made them; vectors of another model are dropped (and rebuilt) so
a query is never compared with vectors of a different space. A chunk's vector goes when the
chunk goes (ON DELETE CASCADE).
"""

from __future__ import annotations

import sqlite3
from typing import TYPE_CHECKING

from .db import get_meta, set_meta, transaction

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MODEL_META = "vectors_model"


def stored_model(conn: sqlite3.Connection) -> str | None:
    return get_meta(conn, MODEL_META)


def use_model(conn: sqlite3.Connection, model: str) -> bool:
    """Make `model` the library's vector model; vectors of another one are dropped. True when
    vectors had to be dropped."""
    if stored_model(conn) == model:
        return False
    with transaction(conn):
        dropped = conn.execute("DELETE FROM chunk_vectors").rowcount > 0
        set_meta(conn, MODEL_META, model)
    return dropped


def counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """(chunks with a vector, all chunks)."""
    have = int(conn.execute("SELECT count(*) FROM chunk_vectors").fetchone()[0])
    total = int(conn.execute("SELECT count(*) FROM chunks").fetchone()[0])
    return have, total


def has_any(conn: sqlite3.Connection) -> bool:
    return conn.execute("SELECT 1 FROM chunk_vectors LIMIT 1").fetchone() is not None


def missing(conn: sqlite3.Connection, limit: int) -> list[tuple[int, str]]:
    """Up to `limit` chunks without a vector: (id, text). The model reads the chunk's own text
    (on the tuning sets that matched questions better than text preceded by title, chapter and
    article: see the closing note of issue 13; nor did sentence vectors beside the article's, nor
    a 《title》 prefix, once fused: benchmarks/kb_passage_proto.py)."""
    rows = conn.execute(
        "SELECT c.id, c.text FROM chunks c"
        " WHERE NOT EXISTS (SELECT 1 FROM chunk_vectors v WHERE v.chunk_id = c.id)"
        " ORDER BY c.id LIMIT ?",
        (limit,),
    ).fetchall()
    return [(int(r[0]), str(r[1])) for r in rows]


def store(
    conn: sqlite3.Connection,
    rows: list[tuple[int, str]],
    matrix: npt.NDArray[np.float32],
) -> int:
    """Save vectors for (chunk id, chunk text) in one transaction; a chunk removed or replaced
    since it was read is skipped (its id may now hold other words). Returns how many were saved."""
    import numpy as np

    blobs = np.asarray(matrix, dtype=np.float16)
    saved = 0
    with transaction(conn):
        for (cid, text), vec in zip(rows, blobs, strict=True):
            cur = conn.execute(
                "INSERT OR REPLACE INTO chunk_vectors (chunk_id, vec)"
                " SELECT id, ? FROM chunks WHERE id = ? AND text = ?",
                (vec.tobytes(), cid, text),
            )
            saved += cur.rowcount
    return saved


def of_kind(conn: sqlite3.Connection, kind: str) -> dict[str, bytes]:
    """The stored vectors of one kind of document's chunks ('starter': the 要点), by chunk text.
    They are all of the library's current model (use_model drops any other)."""
    return {
        str(text): bytes(vec)
        for text, vec in conn.execute(
            "SELECT c.text, v.vec FROM documents d JOIN chunks c ON c.doc_id = d.id"
            " JOIN chunk_vectors v ON v.chunk_id = c.id WHERE d.kind = ?",
            (kind,),
        )
    }


def reuse(conn: sqlite3.Connection, kind: str, saved: dict[str, bytes], model: str | None) -> int:
    """Give that kind's chunks without a vector the vector saved (of_kind) for the same text,
    while the library's model is still `model`: the 要点 reloaded by a rebuild keep theirs
    instead of being embedded again. Returns how many were reused."""
    if not saved or model is None or stored_model(conn) != model:
        return 0
    rows = [
        (saved[str(text)], int(cid))
        for cid, text in conn.execute(
            "SELECT c.id, c.text FROM documents d JOIN chunks c ON c.doc_id = d.id"
            " WHERE d.kind = ?"
            " AND NOT EXISTS (SELECT 1 FROM chunk_vectors v WHERE v.chunk_id = c.id)",
            (kind,),
        )
        if str(text) in saved
    ]
    conn.executemany(
        "INSERT INTO chunk_vectors (chunk_id, vec) VALUES (?, ?)", [(c, v) for v, c in rows]
    )
    return len(rows)


def for_documents(
    conn: sqlite3.Connection, doc_ids: list[int], limit: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Vectors of the chunks of these documents, documents in the order given, at most `limit`
    rows: (chunk ids, matrix float32). Documents' chunks are read through the chunks_doc index."""
    import numpy as np

    ids: list[int] = []
    blobs: list[bytes] = []
    for doc_id in doc_ids:
        if len(ids) >= limit:
            break
        for cid, blob in conn.execute(
            "SELECT c.id, v.vec FROM chunks c JOIN chunk_vectors v ON v.chunk_id = c.id"
            " WHERE c.doc_id = ? LIMIT ?",
            (doc_id, limit - len(ids)),
        ):
            ids.append(int(cid))
            blobs.append(blob)
    if not ids:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
    matrix = np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(len(ids), -1)
    return np.array(ids, dtype=np.int64), matrix.astype(np.float32)


def all_vectors(
    conn: sqlite3.Connection, limit: int
) -> tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]:
    """Every stored vector (chunk ids, float32 rows), or none at all when there are more than
    `limit`."""
    import numpy as np

    none = np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
    # counts no further than the limit: a provincial library's vectors are hundreds of MB
    over = "SELECT count(*) > ? FROM (SELECT 1 FROM chunk_vectors LIMIT ?)"
    if conn.execute(over, (limit, limit + 1)).fetchone()[0]:
        return none
    ids: list[int] = []
    blobs: list[bytes] = []
    for cid, blob in conn.execute("SELECT chunk_id, vec FROM chunk_vectors"):
        ids.append(int(cid))
        blobs.append(blob)
    if not ids:
        return none
    matrix = np.frombuffer(b"".join(blobs), dtype=np.float16).reshape(len(ids), -1)
    return np.array(ids, dtype=np.int64), matrix.astype(np.float32)
