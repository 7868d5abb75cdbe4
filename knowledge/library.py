"""Library: the regulation library in knowledge.db — import, search, list, remove, rebuild.

Thread use: one sqlite connection opened with check_same_thread=False, every use of it under
a lock, so a Library can be shared by the UI thread and a worker thread. An import takes the
lock per document, so searches run between documents of a long import.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterable
from os import PathLike
from pathlib import Path

from . import index, ranking, semantic, vectors
from .analyzer import Analyzer, load_analyzer
from .cite import citation
from .db import get_meta, open_connection, set_meta, transaction
from .errors import KnowledgeError, NotFoundError
from .models import DocumentInfo, ImportProgress, ImportResult, SearchHit

STARTER_PREFIX = "starter:"
STATS_CACHE = 20_000


class Library:
    def __init__(self, path: Path | str | PathLike[str], semantic_leg: bool = True) -> None:
        """semantic_leg: fuse passage vectors into the ranking where the library has them
        (knowledge/semantic.py); False searches by words alone."""
        self.path = Path(path)
        self._semantic = semantic.SemanticLeg() if semantic_leg else None
        self._conn: sqlite3.Connection | None = open_connection(self.path)
        self._lock = threading.RLock()
        self._ready = False
        self._count: tuple[tuple[int, int], int] | None = None
        # per-term (chunks, occurrences) of the index as it is now (None: not in it); typing a
        # question re-asks the same terms, and a common term's count reads its whole posting list
        self._stats: dict[str, tuple[int, int] | None] = {}
        self._stats_key: tuple[int, int] | None = None

    @property
    def lock(self) -> threading.RLock:
        """Held while reading or writing the library; the importer takes it for its transaction."""
        return self._lock

    # -- lifecycle -------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def is_open(self) -> bool:
        return self._conn is not None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            raise KnowledgeError("法规库已关闭。")
        return self._conn

    @property
    def analyzer(self) -> Analyzer:
        return load_analyzer()

    def ensure_starter(self) -> None:
        """Index the shipped 要点 library (and re-tokenise after a segmenter change). Idempotent."""
        if self._ready:
            return
        from .starter import starter_fingerprint

        analyzer = self.analyzer
        fingerprint = starter_fingerprint()
        with self._lock:
            conn = self.conn
            if get_meta(conn, "segmenter") not in (None, analyzer.name):
                with transaction(conn):
                    index.retokenize_all(conn, analyzer)
                    set_meta(conn, "segmenter", analyzer.name)
            if get_meta(conn, "starter") != fingerprint:
                self._load_starter(fingerprint)
            self._ready = True

    def _load_starter(self, fingerprint: str) -> None:
        from .starter import load_starter

        analyzer = self.analyzer
        prepared = [(d, index.prepare_rows(analyzer, d.meta(), d.chunks())) for d in load_starter()]
        conn = self.conn
        with transaction(conn):
            # a 要点 whose text is unchanged keeps its passage vector (no model run on rebuild)
            model = vectors.stored_model(conn)
            kept = vectors.of_kind(conn, "starter")
            for (doc_id,) in conn.execute(
                "SELECT id FROM documents WHERE kind = 'starter'"
            ).fetchall():
                index.delete_document(conn, doc_id)
            for doc, rows in prepared:
                index.insert_document(
                    conn, doc.meta(), STARTER_PREFIX + doc.slug, "", "starter", rows
                )
            vectors.reuse(conn, "starter", kept, model)
            set_meta(conn, "starter", fingerprint)
            set_meta(conn, "segmenter", analyzer.name)

    # -- search --------------------------------------------------------------------------

    def search(self, query: str, k: int = 5) -> list[SearchHit]:
        """Best articles for a query, most relevant first; [] when nothing clears the floor."""
        if not query or not query.strip() or k <= 0:
            return []
        self.ensure_starter()
        plan = self.analyzer.plan(query)
        if not plan.groups:
            return []
        with self._lock:
            n_chunks = self._chunk_count()
            if self._semantic is not None:
                state = self._count[0] if self._count else None
                self._semantic.prepare(self.conn, state, query, n_chunks)
            groups = ranking.resolve(
                self.conn, self.analyzer, plan.groups, n_chunks, self._term_counts
            )
            # a small library's semantic leg may still lift a candidate under the floor
            below: list[ranking.Ranked] | None = None
            if self._semantic is not None and n_chunks <= semantic.SMALL_LIBRARY:
                below = []
            ranked = ranking.rank(self.conn, groups, max(k * 3, 15), plan.phrases, below)
            if self._semantic is not None and not ranked:
                # no word of a rule: only a sentence the chit-chat gate is sure of is answered
                state = self._count[0] if self._count else None
                ranked = self._semantic.answer(self.conn, state, query, k)
            elif self._semantic is not None:
                state = self._count[0] if self._count else None
                if self._chitchat(state, query, ranked, len(plan.groups)):
                    return []
                # everyday words the library lacks: the words weigh less in the fusion
                known = sum(1 for g in groups if g.counts) / len(plan.groups)
                ranked = self._semantic.rerank(
                    self.conn, state, query, ranked, max(k * 3, 15), below, known
                )
            ranked = ranking.full_text_first(self.conn, ranked)[:k]
            return [
                self._hit(r.chunk_id, r.score, r.matched, by_meaning=not r.matched) for r in ranked
            ]

    def _chitchat(
        self, state: object, query: str, ranked: list[ranking.Ranked], concepts: int
    ) -> bool:
        """The semantic noise check (knowledge/chitchat.py) on the words' hits: False when the
        library has no passage vectors or the model is missing (words decide alone)."""
        from . import chitchat

        leg = self._semantic
        if leg is None:
            return False
        found = leg.closeness(self.conn, state, query, [r.chunk_id for r in ranked])
        if found is None:
            return False
        best, vector = found
        key = leg.key
        most = max(r.concepts for r in ranked)
        return key is not None and chitchat.is_chitchat(
            key, vector, best, thin=most < 2, whole=most >= concepts
        )

    def _term_counts(self, terms: list[str]) -> dict[str, tuple[int, int]]:
        """index.term_counts, remembered until the index changes (_chunk_count's key)."""
        key = self._count[0] if self._count else None
        if key != self._stats_key or len(self._stats) > STATS_CACHE:
            self._stats.clear()
            self._stats_key = key
        missing = [t for t in dict.fromkeys(terms) if t not in self._stats]
        if missing:
            found = index.term_counts(self.conn, missing)
            for t in missing:
                self._stats[t] = found.get(t)
        return {t: v for t in terms if (v := self._stats[t]) is not None}

    def _chunk_count(self) -> int:
        """count(*) over a big library costs milliseconds: recount only after a write here
        (total_changes) or by another connection (data_version)."""
        conn = self.conn
        key = (conn.execute("PRAGMA data_version").fetchone()[0], conn.total_changes)
        if self._count is None or self._count[0] != key:
            self._count = (key, index.chunk_count(conn))
        return self._count[1]

    def article(self, chunk_id: str | int) -> SearchHit:
        """The whole article a chunk belongs to (all its parts), for "open the full article"."""
        try:
            cid = int(chunk_id)
        except (TypeError, ValueError) as exc:
            raise NotFoundError(f"没有编号为 {chunk_id} 的条文。") from exc
        with self._lock:
            row = self.conn.execute(
                "SELECT doc_id, chapter_path, article FROM chunks WHERE id = ?", (cid,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"没有编号为 {chunk_id} 的条文，法规库可能已更新，请重新检索。")
            doc_id, chapter, article = row
            hit = self._hit(cid, 0.0, ())
            if article is None:
                return hit
            parts = self.conn.execute(
                "SELECT text FROM chunks WHERE doc_id = ? AND article = ? AND chapter_path = ?"
                " ORDER BY seq",
                (doc_id, article, chapter),
            ).fetchall()
            text = "\n".join(p[0] for p in parts)
            return hit.model_copy(update={"text": text, "highlighted": text})

    def _hit(
        self, chunk_id: int, score: float, matched: tuple[str, ...], by_meaning: bool = False
    ) -> SearchHit:
        row = self.conn.execute(
            "SELECT c.doc_id, c.chapter_path, c.article, c.text, c.is_summary, c.entry_key,"
            " d.title, d.doc_number FROM chunks c JOIN documents d ON d.id = c.doc_id"
            " WHERE c.id = ?",
            (chunk_id,),
        ).fetchone()
        doc_id, chapter, article, text, is_summary, key, title, doc_number = row
        return SearchHit(
            chunk_id=chunk_id,
            doc_id=doc_id,
            title=title,
            doc_number=doc_number,
            chapter_path=chapter,
            article=article,
            text=text,
            highlighted=ranking.highlight(text, matched),
            citation=citation(title, doc_number, article, chapter),
            score=round(score, 4),
            is_summary=bool(is_summary),
            key=key,
            matched_terms=list(matched),
            by_meaning=by_meaning,
        )

    # -- documents -----------------------------------------------------------------------

    def build_vectors(
        self,
        progress: Callable[[semantic.VectorProgress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> semantic.VectorResult:
        """The import's second phase: passage vectors for chunks that lack them (resumable)."""
        return semantic.build_vectors(self, progress, should_stop)

    def import_paths(
        self,
        paths: Iterable[Path | str],
        progress: Callable[[ImportProgress], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> ImportResult:
        from .importer import Importer

        self.ensure_starter()
        return Importer(self).run(paths, progress, should_stop)

    def documents(self) -> list[DocumentInfo]:
        self.ensure_starter()
        with self._lock:
            rows = self.conn.execute(
                "SELECT d.id, d.title, d.doc_number, d.issuer, d.issued_date, d.effective_date,"
                " d.source_path, d.sha256, d.imported_at, d.kind,"
                " (SELECT count(*) FROM chunks c WHERE c.doc_id = d.id)"
                " FROM documents d ORDER BY d.kind = 'import', d.id"
            ).fetchall()
        return [
            DocumentInfo(
                id=r[0],
                title=r[1],
                doc_number=r[2],
                issuer=r[3],
                issued_date=r[4],
                effective_date=r[5],
                source_path=r[6],
                sha256=r[7],
                imported_at=r[8],
                is_starter=r[9] == "starter",
                chunks=r[10],
            )
            for r in rows
        ]

    def remove(self, doc_id: int | str) -> DocumentInfo:
        """Remove an imported document and its chunks; returns what was removed."""
        docs = {d.id: d for d in self.documents()}
        try:
            doc = docs[int(doc_id)]
        except (KeyError, ValueError) as exc:
            raise NotFoundError(
                f"法规库中没有编号为 {doc_id} 的文件，请用 zicha kb list 查看编号。"
            ) from exc
        if doc.is_starter:
            raise KnowledgeError(f"《{doc.title}》是内置要点，不能删除。")
        with self._lock, transaction(self.conn):
            index.delete_document(self.conn, doc.id)
        return doc

    def rebuild(self) -> int:
        """Re-tokenise every chunk, reload the starter library and compact the index."""
        from .starter import starter_fingerprint

        with self._lock:
            self._load_starter(starter_fingerprint())
            with transaction(self.conn):
                count = index.retokenize_all(self.conn, self.analyzer)
                set_meta(self.conn, "segmenter", self.analyzer.name)
            self.conn.execute("INSERT INTO chunks_fts (chunks_fts) VALUES ('optimize')")
            self._ready = True
        return count
