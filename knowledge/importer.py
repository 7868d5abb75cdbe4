"""Importing files into a Library: one document per transaction, one Chinese line per file."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import sqlite3
import stat
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import index
from .analyzer import Analyzer, load_analyzer
from .db import transaction
from .errors import LoadError
from .loaders import MAX_FILE_BYTES, SUPPORTED_SUFFIXES, load_bytes
from .meta import extract_meta
from .models import DocumentMeta, FileOutcome, ImportProgress, ImportResult
from .splitter import split_document

# One document that splits into more pieces than this would drown every search in itself.
MAX_CHUNKS_PER_DOCUMENT = 20_000
# Chunks per commit while importing many files; each file is still all or nothing.
BATCH_CHUNKS = 5000
# A large import parses and tokenises its files in worker processes while this one writes
# (SQLite and the segmenter each keep a core busy); below this much it is not worth starting
# them (about half a second each).
PARALLEL_MIN_BYTES = 4 * 1024 * 1024
PARALLEL_MIN_FILES = 4
PARALLEL_WORKERS = 2
# Files read and sent to the workers ahead of the one being written: enough that the workers
# keep parsing while a batch commit writes its index (6 left them idle: 4,200 chunks/s at 300k
# on two cores, 64: 5,700/s), with their bytes capped so a folder of large PDFs stays in memory.
READ_AHEAD = 64
READ_AHEAD_BYTES = 32 * 1024 * 1024

if TYPE_CHECKING:
    from .library import Library


def expand(paths: Iterable[Path | str]) -> tuple[list[Path], list[FileOutcome]]:
    """Files to import (folders recursively, supported types only) and lines for bad paths."""
    files: dict[Path, None] = {}
    problems: list[FileOutcome] = []
    for raw in paths:
        p = Path(raw).expanduser()
        try:
            if p.is_dir():
                for f in sorted(p.rglob("*")):
                    if (
                        f.is_file()
                        and f.suffix.lower() in SUPPORTED_SUFFIXES
                        and not f.name.startswith(("~$", "."))
                    ):
                        files.setdefault(f.resolve(), None)
            elif p.is_file():
                files.setdefault(p.resolve(), None)
            elif p.exists():  # a FIFO or a device: the importer refuses it with its reason
                files.setdefault(p.absolute(), None)
            else:
                problems.append(
                    FileOutcome(
                        path=str(p), status="failed", message=f"{p}：找不到该文件或文件夹。"
                    )
                )
        except OSError as exc:  # a name too long, a folder that cannot be listed
            problems.append(FileOutcome(path=str(p), status="failed", message=read_failure(p, exc)))
    return list(files), problems


# Windows reports a file held open by Word or WPS as a sharing or lock violation.
_WIN_LOCKED = (32, 33)


def read_failure(path: Path, exc: OSError) -> str:
    """Why a file could not be read, in Chinese with what to do; the OS text is English."""
    name = path.name if len(path.name) <= 60 else path.name[:40] + "…"
    if exc.errno == errno.ENAMETOOLONG:
        return f"{name}：文件名或路径太长，请把文件改个短名字或移到短一些的路径下再导入。"
    if isinstance(exc, FileNotFoundError):
        return f"{name}：文件不存在（可能已被移动、改名或删除），请确认文件位置后重新导入。"
    if isinstance(exc, PermissionError) or getattr(exc, "winerror", None) in _WIN_LOCKED:
        return (
            f"{name}：无法读取，文件正被其他程序（如 Word、WPS）占用，或没有读取权限。"
            "请关闭打开它的程序，或把文件复制到自己的文件夹后重新导入。"
        )
    return (
        f"{name}：读取文件时出错（磁盘、U 盘或网络共享可能有问题），请把文件复制到本机后重新导入。"
    )


def unsupported_in_folders(paths: Iterable[Path | str]) -> list[Path]:
    """Files a folder import passes over (a folder of .doc files imports nothing)."""
    found: list[Path] = []
    for raw in paths:
        p = Path(raw).expanduser()
        is_dir = False
        with contextlib.suppress(OSError):  # expand() says what is wrong with such a path
            is_dir = p.is_dir()
        if is_dir:
            found.extend(
                f
                for f in sorted(p.rglob("*"))
                if f.is_file()
                and not f.name.startswith(("~$", "."))
                and f.suffix.lower() not in SUPPORTED_SUFFIXES
            )
    return found


def unsupported_line(skipped: list[Path]) -> str:
    names = "、".join(f.name for f in skipped[:3]) + ("等" if len(skipped) > 3 else "")
    return (
        f"已跳过 {len(skipped)} 个不支持的文件（{names}）：只能导入 txt、md、docx、pdf、html；"
        ".doc、.wps 文件请先用 Word 或 WPS 另存为 .docx。"
    )


@dataclass(frozen=True)
class Known:
    """An imported document, as the duplicate checks need it."""

    doc_id: int
    title: str
    doc_number: str | None
    source: str


@dataclass(frozen=True)
class Claimed:
    """A file this run has already taken (it may not be written yet)."""

    path: Path
    title: str
    doc_number: str | None
    text: str


_NOT_TEXT = re.compile(r"[^0-9A-Za-z\u4e00-\u9fff]+")
SHINGLE = 8
# Share of the smaller text's 8-character pieces found in the other: a .pdf and a .docx of one
# regulation differ by line breaks, spaces and page furniture, two versions by whole articles.
NEARLY_SAME = 0.9


def _shingles(text: str) -> set[int]:
    core = _NOT_TEXT.sub("", text)
    return {hash(core[i : i + SHINGLE]) for i in range(max(len(core) - SHINGLE + 1, 1))}


def nearly_same(a: str, b: str) -> bool:
    sa, sb = _shingles(a), _shingles(b)
    small, large = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    if not small or len(small) < NEARLY_SAME * len(large):
        return False
    return len(small & large) >= NEARLY_SAME * len(small)


def duplicate_outcome(source: str, meta: DocumentMeta, same_as: Known | Claimed) -> FileOutcome:
    name = Path(source).name
    which = meta.doc_number or f"《{meta.title}》"
    if isinstance(same_as, Claimed):
        return FileOutcome(
            path=source,
            status="duplicate",
            message=f"{name}：与本次导入的 {same_as.path.name} 是同一份法规（{which}），已跳过。",
        )
    old = Path(same_as.source).name
    return FileOutcome(
        path=source,
        status="duplicate",
        message=f"{name}：与已导入的 {old} 是同一份法规（{which}），已跳过，以免检索结果重复。"
        f"要改用本文件，请先移除 {old}（法规库「文档」页，或 zicha kb remove {same_as.doc_id}）"
        "再导入。",
        doc_id=same_as.doc_id,
    )


@dataclass(frozen=True)
class Prepared:
    """A file read, split and tokenised, waiting to be written."""

    path: Path
    sha: str
    meta: DocumentMeta
    rows: list[index.Row]
    unreadable: int = 0


@dataclass(frozen=True)
class Parsed:
    """What a file's bytes give, with no library state: done in a worker process or here."""

    meta: DocumentMeta
    rows: list[index.Row]
    unreadable: int
    analyzer: str  # the analyzer that cut it: a worker must cut as this process would


def parse(path: Path, data: bytes, analyzer: Analyzer, parts: dict[str, str] | None) -> Parsed:
    """Load, split and tokenise one file's bytes; a LoadError says why not."""
    name = path.name
    loaded = load_bytes(path, data)
    meta = extract_meta(loaded.text, loaded.title_hint, path.stem)
    chunks = split_document(loaded.text)
    if not chunks:
        raise LoadError(f"{name}：没有可导入的内容。")
    if len(chunks) > MAX_CHUNKS_PER_DOCUMENT:
        raise LoadError(
            f"{name}：切分后有 {len(chunks)} 个片段，超过每份文件 {MAX_CHUNKS_PER_DOCUMENT} 个的上限，"
            "未导入（内容过多会淹没检索结果）。请按章节拆成几个文件再导入。"
        )
    rows = index.prepare_rows(analyzer, meta, chunks, parts)
    return Parsed(meta, rows, loaded.unreadable, analyzer.name)


_WORKER_PARTS: dict[str, str] = {}


def parse_in_worker(path: str, data: bytes) -> Parsed | str:
    """A worker process's job: the parsed file, or the Chinese line saying why it failed."""
    try:
        return parse(Path(path), data, load_analyzer(), _WORKER_PARTS)
    except LoadError as exc:
        return str(exc)
    except OSError as exc:
        return read_failure(Path(path), exc)


def _worker_ready() -> None:
    import signal

    # Ctrl+C is the importing process's to handle (it keeps the files written and stops the
    # workers); a worker interrupted with it would print an English traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    load_analyzer()  # before the first file, not inside its timing


@dataclass(frozen=True)
class Ahead:
    """A file read and checked against the library, its parsing under way in a worker."""

    path: Path
    sha: str
    data: bytes
    job: Future[Parsed | str] | None


def _held(item: Ahead | FileOutcome) -> int:
    return len(item.data) if isinstance(item, Ahead) else 0


def start_pool(files: list[Path]) -> ProcessPoolExecutor | None:
    """Worker processes for a large import on a machine with a core to spare, else None."""
    if len(files) < PARALLEL_MIN_FILES or PARALLEL_WORKERS < 1 or (os.cpu_count() or 1) < 2:
        return None
    total = 0
    for f in files:
        with contextlib.suppress(OSError):
            total += f.stat().st_size
            if total >= PARALLEL_MIN_BYTES:
                break
    if total < PARALLEL_MIN_BYTES:
        return None
    try:
        import multiprocessing

        # spawn, not fork: the import may run in a thread of the TUI
        return ProcessPoolExecutor(
            max_workers=PARALLEL_WORKERS,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_worker_ready,
        )
    except (OSError, ValueError, ImportError):
        return None


class Importer:
    """Reads, splits and tokenises each file, then writes it inside the current batch.

    Reading is kept apart from writing (and checks files against a snapshot of what is already
    imported, not a query per file). A writer thread overlapping the two was tried and measured
    slower on a busy two-core machine (the GIL is handed back and forth per row), so writing
    stays in this thread."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self._batch_chunks = 0
        self._by_path: dict[str, tuple[int, str]] = {}
        self._by_sha: dict[str, list[tuple[int, str, str]]] = {}
        # the same regulation in another file (a .pdf of an imported .docx): by 文号 and by title
        self._by_number: dict[str, list[Known]] = {}
        self._by_title: dict[str, list[Known]] = {}
        # title, chapter and article tokens, cut once per import (see index.prepare_rows)
        self._parts: dict[str, str] = {}
        # this batch's FTS rows by chunk id, written when it commits
        self._fts: dict[int, index.FtsRow] = {}

    def _load_known(self) -> None:
        """What is imported already, read once: checking each file against it needs no query."""
        lib = self.library
        with lib.lock:
            rows = lib.conn.execute(
                "SELECT id, source_path, sha256, title, doc_number FROM documents"
                " WHERE kind = 'import'"
            ).fetchall()
        self._by_path = {source: (doc_id, sha) for doc_id, source, sha, _, _ in rows}
        self._by_sha = {}
        self._by_number = {}
        self._by_title = {}
        for doc_id, source, sha, title, number in rows:
            self._by_sha.setdefault(sha, []).append((doc_id, title, source))
            known = Known(doc_id, title, number, source)
            if number:
                self._by_number.setdefault(number, []).append(known)
            self._by_title.setdefault(title, []).append(known)

    def _stored_text(self, doc_id: int) -> str:
        lib = self.library
        with lib.lock:
            rows = lib.conn.execute(
                "SELECT text FROM chunks WHERE doc_id = ? ORDER BY seq", (doc_id,)
            ).fetchall()
        return "\n".join(r[0] for r in rows)

    def same_regulation(
        self, source: str, meta: DocumentMeta, text: str, claimed: dict[str, Claimed]
    ) -> Known | Claimed | None:
        """An imported document (or one taken earlier in this run) that is this regulation in
        another file: the same 文号, or the same title and nearly the same text. Importing it
        again would give every search the same article twice."""
        # The same 文号 with the same title (or nearly the same text: a .pdf may read the title
        # otherwise): one 文号 alone could be a 文号 the opening lines cite.
        if meta.doc_number:
            for known in self._by_number.get(meta.doc_number, []):
                if known.source != source and (
                    known.title == meta.title or nearly_same(text, self._stored_text(known.doc_id))
                ):
                    return known
            twin = claimed.get("number:" + meta.doc_number)
            if twin is not None and (twin.title == meta.title or nearly_same(text, twin.text)):
                return twin
        for known in self._by_title.get(meta.title, []):
            if known.source != source and (
                not (known.doc_number and meta.doc_number)  # two 文号 that differ: two versions
                and nearly_same(text, self._stored_text(known.doc_id))
            ):
                return known
        twin = claimed.get("title:" + meta.title)
        if twin is not None and not (twin.doc_number and meta.doc_number):
            if nearly_same(text, twin.text):
                return twin
        return None

    def run(
        self,
        paths: Iterable[Path | str],
        progress: Callable[[ImportProgress], None] | None,
        should_stop: Callable[[], bool] | None,
    ) -> ImportResult:
        files, problems = expand(paths)
        result = ImportResult(outcomes=list(problems))
        self._load_known()
        claimed: dict[str, Claimed] = {}  # this run's files by hash, 文号 and title; first wins
        pool = start_pool(files)
        ahead: deque[Ahead | FileOutcome] = deque()
        held = 0  # bytes of the files in `ahead`
        chunks = 0
        errors = result.count("failed")
        try:
            for i, f in enumerate(files):
                if should_stop is not None and should_stop():
                    result.stopped = True
                    result.not_started = [str(x) for x in files[i:]]
                    break
                if pool is None:
                    step = self.read_file(f, claimed)
                else:
                    # files are checked and written in order; only their parsing runs ahead
                    while (
                        len(ahead) < READ_AHEAD
                        and held < READ_AHEAD_BYTES
                        and i + len(ahead) < len(files)
                    ):
                        ahead.append(self._read_ahead(files[i + len(ahead)], pool))
                        held += _held(ahead[-1])
                    item = ahead.popleft()
                    held -= _held(item)
                    step = self._take(item, claimed)
                outcome = step if isinstance(step, FileOutcome) else self.write_file(step)
                result.outcomes.append(outcome)
                # running totals: summing every outcome per file grew with the square of files
                chunks += outcome.chunks
                errors += outcome.status == "failed"
                if progress is not None:
                    progress(
                        ImportProgress(
                            total=len(files),
                            done=i + 1,
                            chunks=chunks,
                            errors=errors,
                            current=str(f),
                            last=outcome,
                        )
                    )
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            # Files done so far are kept whole, also when stopped or interrupted; a file that
            # failed half-way was already undone by its own savepoint.
            self._commit_batch()
        return result

    def _begin_batch(self) -> None:
        """Documents are committed in batches: one FTS segment and one WAL commit per batch
        instead of per file is what keeps a provincial library importing fast."""
        lib = self.library
        with lib.lock:
            if not lib.conn.in_transaction:
                lib.conn.execute("BEGIN IMMEDIATE")
                self._batch_chunks = 0

    def _commit_batch(self) -> None:
        """Write the batch's FTS rows, then commit. FTS5 writes its pending terms out as a new
        segment at every savepoint: written inside each file's savepoint they made one small
        segment per file to merge later (about a tenth of the import's SQLite work)."""
        lib = self.library
        with lib.lock:
            if not (lib.is_open and lib.conn.in_transaction):
                self._fts = {}
                return
            try:
                self._write_fts()
                lib.conn.execute("COMMIT")
            except sqlite3.Error:
                # never chunks without their FTS rows: the batch is undone
                self._fts = {}
                if lib.conn.in_transaction:
                    lib.conn.execute("ROLLBACK")
                raise

    def _write_fts(self) -> None:
        """The pending FTS rows whose chunks are there and not yet indexed: a file undone by
        its savepoint (or removed meanwhile) leaves rows that are dropped, and writing again
        after an interruption writes nothing twice."""
        if not self._fts:
            return
        conn = self.library.conn
        first = min(self._fts)
        there = {r[0] for r in conn.execute("SELECT id FROM chunks WHERE id >= ?", (first,))}
        there.difference_update(
            r[0] for r in conn.execute("SELECT rowid FROM chunks_fts WHERE rowid >= ?", (first,))
        )
        index.insert_fts(conn, [row for cid, row in self._fts.items() if cid in there])
        self._fts = {}

    def import_file(self, path: Path) -> FileOutcome:
        """One file, read and written in this thread (all or nothing)."""
        self._load_known()
        step = self.read_file(path, {})
        if isinstance(step, FileOutcome):
            return step
        try:
            return self.write_file(step)
        finally:
            self._commit_batch()

    def read_file(self, path: Path, claimed: dict[str, Claimed]) -> FileOutcome | Prepared:
        """Everything before writing: a final outcome (failed, unchanged, duplicate) or the
        prepared rows. claimed: hashes of files this run already took."""
        try:
            checked = self._check_known(path)
            if isinstance(checked, FileOutcome):
                return checked
            sha, data = checked
            if sha in claimed:
                return self._twin(path, claimed[sha])
            return self._claim(
                path, sha, parse(path, data, self.library.analyzer, self._parts), claimed
            )
        except LoadError as exc:
            return FileOutcome(path=str(path), status="failed", message=str(exc))
        except OSError as exc:
            return FileOutcome(path=str(path), status="failed", message=read_failure(path, exc))

    def _read_ahead(self, path: Path, pool: ProcessPoolExecutor) -> Ahead | FileOutcome:
        """Read and check a file against the library, and hand its parsing to a worker."""
        try:
            checked = self._check_known(path)
        except LoadError as exc:
            return FileOutcome(path=str(path), status="failed", message=str(exc))
        except OSError as exc:
            return FileOutcome(path=str(path), status="failed", message=read_failure(path, exc))
        if isinstance(checked, FileOutcome):
            return checked
        sha, data = checked
        job: Future[Parsed | str] | None = None
        with contextlib.suppress(Exception):  # a broken pool: the file is parsed here
            job = pool.submit(parse_in_worker, str(path), data)
        return Ahead(path, sha, data, job)

    def _take(
        self, item: Ahead | FileOutcome, claimed: dict[str, Claimed]
    ) -> FileOutcome | Prepared:
        """A file read ahead, in its turn: checked against this run's files, then claimed."""
        if isinstance(item, FileOutcome):
            return item
        path = item.path
        if item.sha in claimed:
            return self._twin(path, claimed[item.sha])
        parsed: Parsed | str | None = None
        if item.job is not None:
            try:
                parsed = item.job.result()
            except Exception:  # a worker that died or could not start: parsed here instead
                parsed = None
        analyzer = self.library.analyzer
        if parsed is None or (isinstance(parsed, Parsed) and parsed.analyzer != analyzer.name):
            try:
                parsed = parse(path, item.data, analyzer, self._parts)
            except LoadError as exc:
                parsed = str(exc)
            except OSError as exc:
                parsed = read_failure(path, exc)
        if isinstance(parsed, str):
            return FileOutcome(path=str(path), status="failed", message=parsed)
        return self._claim(path, item.sha, parsed, claimed)

    def _check_known(self, path: Path) -> FileOutcome | tuple[str, bytes]:
        """Read a file (within the limits) and check it against what the library holds:
        unchanged or a copy of an imported file is a final outcome, else (its hash, its bytes)."""
        name = path.name
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            kind = (
                "命名管道"
                if stat.S_ISFIFO(st.st_mode)
                else "设备文件"
                if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
                else "特殊文件"
            )
            raise LoadError(f"{name}：不是普通文件（是{kind}），未导入。请导入法规文件本身。")
        size = st.st_size
        if size > MAX_FILE_BYTES:
            raise LoadError(
                f"{name}：文件有 {size / 1048576:.1f} MB，超过 {MAX_FILE_BYTES // 1048576} MB 的上限，"
                "请拆分后再导入。"
            )
        with open(path, "rb") as fh:
            data = fh.read(MAX_FILE_BYTES + 1)  # never more than the cap, whatever stat said
        if len(data) > MAX_FILE_BYTES:
            raise LoadError(
                f"{name}：文件超过 {MAX_FILE_BYTES // 1048576} MB 的上限，请拆分后再导入。"
            )
        sha = hashlib.sha256(data).hexdigest()
        source = str(path)
        existing = self._by_path.get(source)
        same = next((d for d in self._by_sha.get(sha, []) if d[2] != source), None)
        if existing and existing[1] == sha:
            return FileOutcome(
                path=source,
                status="unchanged",
                message=f"{name}：未变化，跳过。",
                doc_id=existing[0],
            )
        if same:
            return FileOutcome(
                path=source,
                status="duplicate",
                message=f"{name}：内容与已导入的《{same[1]}》相同，跳过。",
                doc_id=same[0],
            )
        return sha, data

    @staticmethod
    def _twin(path: Path, first: Claimed) -> FileOutcome:
        # its twin earlier in this run may still be being written
        return FileOutcome(
            path=str(path),
            status="duplicate",
            message=f"{path.name}：内容与本次导入的 {first.path.name} 相同，跳过。",
        )

    def _claim(
        self, path: Path, sha: str, parsed: Parsed, claimed: dict[str, Claimed]
    ) -> FileOutcome | Prepared:
        """Take a parsed file for this run unless it is a regulation the library (or this
        run) already holds in another file."""
        source = str(path)
        meta = parsed.meta
        text = "\n".join(r[4] for r in parsed.rows)
        # a file imported before from this path is updated in place, whatever else is there
        existing = self._by_path.get(source)
        same_as = None if existing else self.same_regulation(source, meta, text, claimed)
        if same_as is not None:
            return duplicate_outcome(source, meta, same_as)
        claimed[sha] = Claimed(path, meta.title, meta.doc_number, text)
        if meta.doc_number:
            claimed["number:" + meta.doc_number] = claimed[sha]
        claimed.setdefault("title:" + meta.title, claimed[sha])
        return Prepared(path, sha, meta, parsed.rows, parsed.unreadable)

    def write_file(self, item: Prepared) -> FileOutcome:
        """Write one prepared file inside the current batch; a savepoint keeps it whole."""
        lib = self.library
        source = str(item.path)
        self._begin_batch()
        with lib.lock, transaction(lib.conn):
            # Re-read inside the transaction: another process may have imported it meanwhile.
            old = lib.conn.execute(
                "SELECT id FROM documents WHERE source_path = ?", (source,)
            ).fetchone()
            if old:
                index.delete_document(lib.conn, old[0])
            doc_id, fts = index.insert_chunks(
                lib.conn, item.meta, source, item.sha, "import", item.rows
            )
            # last in the savepoint; the batch's commit writes them (_commit_batch)
            self._fts.update((row[0], row) for row in fts)
        self._batch_chunks += len(item.rows)
        if self._batch_chunks >= BATCH_CHUNKS:
            self._commit_batch()
        number = f"（{item.meta.doc_number}）" if item.meta.doc_number else ""
        verb = "已更新" if old else "已导入"
        return FileOutcome(
            path=source,
            status="replaced" if old else "imported",
            message=f"{verb} {item.path.name}：《{item.meta.title}》{number}，{len(item.rows)} 个片段。"
            + (
                f"有 {item.unreadable} 处文字无法识别（文件可能不完整），已用 � 标出，请与原件核对。"
                if item.unreadable
                else ""
            ),
            doc_id=doc_id,
            chunks=len(item.rows),
        )
