"""The city's store of trusted unit keys and accepted bundles: rollup.db in the data home.

A separate file from zicha.db: the roll-up is the office above's own record of what it
received, and copying it between PCs must not drag the office's own reports along. Accepted
bundle files are kept, by SHA-256, in rollup/ beside it.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pydantic import BaseModel

from report.keys import PublicKey, load_public_key

from .bundle_read import VerifiedBundle, read_bundle
from .errors import BundleRefused, RollupError
from .facts import UnitFacts, facts_of
from .folder import SkippedFile, bundles_in

DB_FILE = "rollup.db"
FILES_DIR = "rollup"
SCHEMA = [
    """CREATE TABLE IF NOT EXISTS trusted (
        unit TEXT NOT NULL, fingerprint TEXT NOT NULL, public_raw BLOB NOT NULL,
        added_at TEXT NOT NULL, PRIMARY KEY (unit, fingerprint))""",
    """CREATE TABLE IF NOT EXISTS bundles (
        id INTEGER PRIMARY KEY, unit TEXT NOT NULL, year INTEGER NOT NULL,
        sha256 TEXT NOT NULL UNIQUE, draft INTEGER NOT NULL, status TEXT NOT NULL,
        created_at TEXT NOT NULL, imported_at TEXT NOT NULL, fingerprint TEXT NOT NULL,
        manifest TEXT NOT NULL, report TEXT NOT NULL, superseded_by INTEGER)""",
    "CREATE INDEX IF NOT EXISTS bundles_unit_year ON bundles(unit, year)",
]


class ImportLine(BaseModel):
    file: str
    accepted: bool
    message: str
    skipped: bool = False  # in a folder, not a .zicha file: not read at all


class StoredBundle(BaseModel):
    id: int
    unit: str
    year: int
    draft: bool
    status: str
    created_at: str
    imported_at: str
    superseded_by: int | None
    manifest: dict[str, object]
    report: dict[str, object]

    def facts(self) -> UnitFacts:
        return facts_of(self.manifest, self.report)


class CityStore:
    def __init__(self, home: Path):
        self.home = home
        self.path = home / DB_FILE
        self._conn: sqlite3.Connection | None = None

    def __enter__(self) -> CityStore:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            self.home.mkdir(parents=True, exist_ok=True)
            try:
                conn = sqlite3.connect(str(self.path), isolation_level=None, timeout=10)
                conn.execute("PRAGMA journal_mode = WAL")
                for sql in SCHEMA:
                    conn.execute(sql)
            except sqlite3.DatabaseError as exc:
                raise RollupError(
                    f"汇总库 {self.path} 已损坏或不是 zicha 的汇总库：{exc}。"
                ) from exc
            self._conn = conn
        return self._conn

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # --- trust ------------------------------------------------------------------------
    def trust(self, pub_file: Path, unit: str, replace: bool = False) -> PublicKey:
        unit = unit.strip()
        if not unit:
            raise RollupError(
                "请用 --unit 写明这个公钥属于哪个单位（单位全称，与其报告中的一致）。"
            )
        key = load_public_key(pub_file)
        with self._tx() as conn:
            other = conn.execute(
                "SELECT unit FROM trusted WHERE fingerprint = ? AND unit != ?",
                (key.fingerprint, unit),
            ).fetchone()
            if other:
                raise RollupError(
                    f"这个公钥（指纹 {key.fingerprint}）已登记给「{other[0]}」，不能再登记给「{unit}」。"
                )
            existing = [
                r[0]
                for r in conn.execute(
                    "SELECT fingerprint FROM trusted WHERE unit = ? AND fingerprint != ?",
                    (unit, key.fingerprint),
                )
            ]
            if existing and not replace:
                raise RollupError(
                    f"「{unit}」已登记了另一个公钥（指纹 {'、'.join(existing)}）。"
                    "如果该单位更换了密钥，请加 --replace 用新公钥替换旧公钥。"
                )
            if replace:
                conn.execute("DELETE FROM trusted WHERE unit = ?", (unit,))
            conn.execute(
                "INSERT OR IGNORE INTO trusted VALUES (?, ?, ?, ?)",
                (unit, key.fingerprint, key.raw, _now()),
            )
        return key

    def trusted_keys(self, unit: str) -> list[PublicKey]:
        rows = self.conn.execute("SELECT public_raw FROM trusted WHERE unit = ?", (unit,))
        return [PublicKey(bytes(r[0])) for r in rows]

    def trusted_units(self) -> list[tuple[str, str]]:
        rows = self.conn.execute("SELECT unit, fingerprint FROM trusted ORDER BY unit")
        return [(r[0], r[1]) for r in rows]

    # --- import -----------------------------------------------------------------------
    def import_paths(self, target: Path) -> list[ImportLine]:
        """One line per file: accepted, refused, or (in a folder) skipped with the reason."""
        skipped: list[SkippedFile] = []
        if target.is_dir():
            files, skipped = bundles_in(target)
            if not files:
                others = "".join(f"\n  {s.file}：{s.reason}" for s in skipped)
                raise RollupError(
                    f"文件夹「{target}」中没有 .zicha 报送包，未导入任何内容。"
                    + (f"其中的 {len(skipped)} 项都不是报送包：{others}" if skipped else "")
                )
        elif target.exists():
            files = [target]
        else:
            raise RollupError(f"找不到「{target}」，请检查路径。")
        lines = [self.import_file(p) for p in files]
        return lines + [
            ImportLine(file=s.file, accepted=False, skipped=True, message=s.reason) for s in skipped
        ]

    def import_file(self, path: Path) -> ImportLine:
        try:
            bundle = read_bundle(path, self.trusted_keys)
        except BundleRefused as exc:
            return ImportLine(file=path.name, accepted=False, message=str(exc))
        except OSError as exc:
            return ImportLine(
                file=path.name, accepted=False, message=f"无法读取（{exc.strerror or exc}）。"
            )
        return self._store(bundle)

    def _store(self, bundle: VerifiedBundle) -> ImportLine:
        name = bundle.path.name
        label = f"{bundle.unit} {bundle.year}年度" + (
            "（草稿，未审定）" if bundle.draft else "（已审定）"
        )
        files = self.home / FILES_DIR
        files.mkdir(parents=True, exist_ok=True)
        kept = files / f"{bundle.sha256}.zicha"
        copied = False
        with self._tx() as conn:
            if conn.execute("SELECT 1 FROM bundles WHERE sha256 = ?", (bundle.sha256,)).fetchone():
                return ImportLine(
                    file=name, accepted=True, message=f"{label}：已导入过，未重复保存。"
                )
            current = conn.execute(
                "SELECT id, created_at FROM bundles WHERE unit = ? AND year = ? AND superseded_by IS NULL",
                (bundle.unit, bundle.year),
            ).fetchone()
            created = str(bundle.manifest.get("created_at") or "")
            if not kept.exists():
                tmp = kept.with_suffix(".tmp")
                shutil.copyfile(bundle.path, tmp)
                os.replace(tmp, kept)
                copied = True
            try:
                cur = conn.execute(
                    "INSERT INTO bundles (unit, year, sha256, draft, status, created_at, imported_at,"
                    " fingerprint, manifest, report) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        bundle.unit,
                        bundle.year,
                        bundle.sha256,
                        int(bundle.draft),
                        str(bundle.manifest.get("status") or ""),
                        created,
                        _now(),
                        bundle.fingerprint,
                        json.dumps(bundle.manifest, ensure_ascii=False),
                        json.dumps(bundle.report, ensure_ascii=False),
                    ),
                )
                new_id = cur.lastrowid
                note = "已接收"
                if current and current[1] > created:
                    conn.execute(
                        "UPDATE bundles SET superseded_by = ? WHERE id = ?", (current[0], new_id)
                    )
                    note = "已接收（比已有的报送包旧，只存入历史）"
                elif current:
                    conn.execute(
                        "UPDATE bundles SET superseded_by = ? WHERE id = ?", (new_id, current[0])
                    )
                    note = "已接收（取代此前的报送包，旧包保留在历史中）"
            except BaseException:
                if copied:
                    kept.unlink(missing_ok=True)
                raise
        return ImportLine(file=name, accepted=True, message=f"{label}：{note}。")

    # --- reading ----------------------------------------------------------------------
    def _rows(self, where: str, args: tuple[object, ...]) -> list[StoredBundle]:
        rows = self.conn.execute(
            "SELECT id, unit, year, draft, status, created_at, imported_at, superseded_by,"
            f" manifest, report FROM bundles WHERE {where} ORDER BY unit, created_at",
            args,
        )
        return [
            StoredBundle(
                id=r[0],
                unit=r[1],
                year=r[2],
                draft=bool(r[3]),
                status=r[4],
                created_at=r[5],
                imported_at=r[6],
                superseded_by=r[7],
                manifest=json.loads(r[8]),
                report=json.loads(r[9]),
            )
            for r in rows
        ]

    def current(self, year: int) -> list[StoredBundle]:
        return self._rows("year = ? AND superseded_by IS NULL", (year,))

    def history(self, year: int | None = None) -> list[StoredBundle]:
        if year is None:
            return self._rows("1 = 1", ())
        return self._rows("year = ?", (year,))

    def get(self, bundle_id: int) -> StoredBundle:
        rows = self._rows("id = ?", (bundle_id,))
        if not rows:
            raise RollupError(f"没有编号为 {bundle_id} 的报送包。可用 zicha rollup list 查看。")
        return rows[0]

    def missing_units(self, year: int) -> list[str]:
        have = {b.unit for b in self.current(year)}
        return sorted({u for u, _ in self.trusted_units()} - have)


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")
