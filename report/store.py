"""ReportStore: reports in zicha.db, one transaction per change, revisions, audit trail."""

from __future__ import annotations

import builtins
import json
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel

from . import audit, rules
from .backend import StoreTarget, connect, store_target
from .db import transaction
from .errors import ConflictError, NotFoundError, PermissionDenied
from .home import data_home, reports_db_path
from .labels import DEFAULT_ACTOR as DEFAULT_ACTOR  # re-exported: report.store.DEFAULT_ACTOR
from .labels import STATE_LABELS
from .models import Report
from .report_row import OwnsConnection, report_row
from .store_access import StoreAccess

if TYPE_CHECKING:
    from .backend import Conn
    from .integrity import AnchorSpec
    from .keys import PublicKey
    from .lease import Lease


class ReportSummary(BaseModel):
    id: int
    unit: str
    year: int
    status: str
    status_label: str
    revision: int
    updated_at: str
    points_total: int
    points_answered: int

    @property
    def progress(self) -> float:
        return self.points_answered / self.points_total if self.points_total else 0.0


def _body_json(report: Report) -> str:
    return report.model_dump_json(exclude={"id", "revision", "created_at", "updated_at"})


def _without_controls(report: Report) -> Report:
    """The report as it may be stored: no control characters in any text, whatever form,
    option or file it came from (terminal escapes would act on the next screen showing it)."""
    from .limits import clean_strings

    data = report.model_dump()
    cleaned = clean_strings(data)
    return report if cleaned is data else Report.model_validate(cleaned)


class Unchecked:
    """Marks a state write that skips the revision check (a key one screen owns alone)."""


UNCHECKED = Unchecked()

_TRACKING_POINT_FIELDS = {"person", "progress", "progress_note", "attachments"}


def _document_part(report: Report) -> dict[str, Any]:
    """The report without its tracking fields: what a frozen report must keep."""
    data = report.model_dump(mode="json", exclude={"revision", "updated_at"})
    for section in data["sections"]:
        for p in section["points"]:
            for f in _TRACKING_POINT_FIELDS:
                p.pop(f, None)
    for item in data["prior_items"]:
        item.pop("attachments", None)
    return data


class ReportStore(OwnsConnection, StoreAccess):
    """The one door to zicha.db: every read and write goes through its methods (here and in
    StoreAccess), so a second backend can be added behind them. `conn` is for report/ only."""

    def __init__(self, where: Path | StoreTarget, readonly: bool = False):
        """where: zicha.db's path, or a StoreTarget (report/backend.py: SQLite or PostgreSQL).
        readonly: for commands that only look (a SQLite file is never created or migrated)."""
        self.target = where if isinstance(where, StoreTarget) else StoreTarget.sqlite(Path(where))
        # The local data home: unit key, anchor file, evidence files (also with PostgreSQL).
        self.home = self.target.home
        # zicha.db for SQLite; for PostgreSQL the place it would be (nothing is written there).
        self.path = self.target.path or reports_db_path(self.home)
        self.readonly = readonly
        # Said once to the user: permissions tightened when the file was opened.
        self.notices: list[str] = []
        self._conn = connect(self.target, readonly=readonly, notices=self.notices)
        # Interview leases this store holds (report id -> lease), see report/lease.py.
        self._leases: dict[int, Lease] = {}
        # A session opened read-only beside another's interview: it writes no engine state.
        self.view_only = False

    @classmethod
    def open(
        cls, home: str | Path | None = None, db: str | None = None, readonly: bool = False
    ) -> ReportStore:
        """The store of a data home: --db URL, $ZICHA_DB, config.toml, else its zicha.db."""
        return cls(store_target(data_home(home), db), readonly=readonly)

    @property
    def backend(self) -> str:
        return self._conn.dialect

    @property
    def conn(self) -> Conn:
        """The connection: report/ modules only (tests/report/test_store_door.py)."""
        return self._conn

    @contextmanager
    def transaction(self) -> Iterator[Conn]:
        with transaction(self.conn) as conn:
            yield conn

    # --- reading ------------------------------------------------------------------
    def get(self, report_id: int) -> Report:
        row = report_row(self.conn, report_id)
        data = json.loads(row[4])
        data.update(id=row[0], revision=row[1], created_at=row[2], updated_at=row[3])
        return Report.model_validate(data)

    def list(self) -> list[ReportSummary]:
        out = []
        for row in self.conn.execute(
            "SELECT id, revision, created_at, updated_at, body FROM reports ORDER BY id"
        ):
            data = json.loads(row[4])
            data.update(id=row[0], revision=row[1], created_at=row[2], updated_at=row[3])
            report = Report.model_validate(data)
            areas = [report.section(k) for k in report.area_keys()]
            total = sum(len(s.points) for s in areas)
            answered = sum(1 for s in areas for p in s.points if not p.skipped)
            out.append(
                ReportSummary(
                    id=report.id or 0,
                    unit=report.unit,
                    year=report.year,
                    status=report.status,
                    status_label=STATE_LABELS[report.status],
                    revision=report.revision,
                    updated_at=report.updated_at or "",
                    points_total=total,
                    points_answered=answered,
                )
            )
        return out

    # --- writing ------------------------------------------------------------------
    def create(self, report: Report, actor: str = DEFAULT_ACTOR, action: str = "create") -> Report:
        now = audit.now_iso()
        report = report.model_copy(update={"created_by": report.created_by or actor})
        report = _without_controls(report)
        body = _body_json(report)
        with self.transaction() as conn:
            rules.check_create(conn, actor, report.status)
            report_id = conn.insert(
                "INSERT INTO reports (unit, year, status, revision, created_by, created_at,"
                " updated_at, body) VALUES (?, ?, ?, 1, ?, ?, ?, ?)",
                (report.unit, report.year, report.status, report.created_by, now, now, body),
            )
            event = audit.append_event(
                conn,
                actor=actor,
                action=action,
                report_id=report_id,
                change=json.loads(body),
                detail=f"{report.unit} {report.year}年度",
            )
            conn.execute("UPDATE reports SET audit_id = ? WHERE id = ?", (event.id, report_id))
        return self.get(report_id)

    def save(
        self,
        report: Report,
        actor: str = DEFAULT_ACTOR,
        action: str = "edit",
        detail: str = "",
    ) -> Report:
        """Write report if nobody changed it since it was read (report.revision)."""
        if report.id is None:
            raise ValueError("save() needs a stored report; use create()")
        with self.transaction() as conn:
            row = conn.execute("SELECT status FROM reports WHERE id = ?", (report.id,)).fetchone()
            if row is not None:
                rules.check_edit(conn, actor, row[0], report.status)
            self.write_report(conn, report, actor, action, detail)
        return self.get(report.id)

    def save_tracking(
        self, report: Report, actor: str = DEFAULT_ACTOR, action: str = "edit", detail: str = ""
    ) -> Report:
        """Write rectification tracking (ledger columns, evidence), also on a submitted or
        approved report: that tracking goes on after the report went up. The text of a frozen
        report must be unchanged (its snapshots stay as they were in any case)."""
        if report.id is None:
            raise ValueError("save_tracking() needs a stored report")
        with self.transaction() as conn:
            stored = self.get(report.id)
            user = rules.acting_user(conn, actor)
            if user is not None and user.role not in rules.WRITER_ROLES:
                raise PermissionDenied("审核人不能修改整改跟踪情况和佐证材料，请由经办人操作。")
            if stored.status != report.status:
                raise PermissionDenied("报告状态只能通过审核流程改变。")
            if stored.status in ("submitted", "approved") and _document_part(
                stored
            ) != _document_part(report):
                raise PermissionDenied(
                    "报告已提交或审定，正文不能修改；只能更新责任人、整改情况、完成状态和佐证材料。"
                )
            self.write_report(conn, report, actor, action, detail)
        return self.get(report.id)

    def write_report(
        self, conn: Conn, report: Report, actor: str, action: str, detail: str
    ) -> None:
        """Write report inside the caller's transaction (conn), if its revision is current.

        For report/ modules that change a report and other rows in one transaction (the
        review workflow); everyone else calls save()."""
        report = _without_controls(report)
        body = _body_json(report)
        cur = conn.execute(
            "UPDATE reports SET unit = ?, year = ?, status = ?, revision = revision + 1,"
            " updated_at = ?, body = ? WHERE id = ? AND revision = ?",
            (
                report.unit,
                report.year,
                report.status,
                audit.now_iso(),
                body,
                report.id,
                report.revision,
            ),
        )
        if cur.rowcount != 1:
            row = conn.execute("SELECT revision FROM reports WHERE id = ?", (report.id,)).fetchone()
            if row is None:
                raise NotFoundError(f"报告 {report.id} 已被删除，无法保存。")
            raise ConflictError(
                f"报告 {report.id} 已被他人修改（您基于第 {report.revision} 版，当前为第 {row[0]} 版），"
                "本次保存未写入。请重新打开报告后再修改。"
            )
        event = audit.append_event(
            conn,
            actor=actor,
            action=action,
            report_id=report.id,
            change=json.loads(body),
            detail=detail,
        )
        conn.execute("UPDATE reports SET audit_id = ? WHERE id = ?", (event.id, report.id))

    def delete(self, report_id: int, expected_revision: int, actor: str = DEFAULT_ACTOR) -> None:
        with self.transaction() as conn:
            row = conn.execute(
                "SELECT revision, unit, year FROM reports WHERE id = ?", (report_id,)
            ).fetchone()
            if row is None:
                raise NotFoundError(f"找不到编号为 {report_id} 的报告。")
            status = conn.execute("SELECT status FROM reports WHERE id = ?", (report_id,))
            rules.check_delete(conn, actor, status.fetchone()[0])
            if row[0] != expected_revision:
                raise ConflictError(f"报告 {report_id} 已被他人修改，未删除。请刷新后再试。")
            conn.execute("DELETE FROM reports WHERE id = ?", (report_id,))
            audit.append_event(
                conn,
                actor=actor,
                action="delete",
                report_id=report_id,
                change={"id": report_id, "revision": row[0]},
                detail=f"{row[1]} {row[2]}年度",
            )

    # --- small per-report state that is not part of the document (unsent drafts, cursor) --
    # Each row carries a revision; a write names the revision it last read (None: "there was
    # no row") and a stale one is refused, so two sessions cannot overwrite each other unseen.
    def get_state(self, report_id: int, key: str, default: str | None = None) -> str | None:
        entry = self.get_state_entry(report_id, key)
        return entry[0] if entry else default

    def get_state_entry(self, report_id: int, key: str) -> tuple[str, int] | None:
        """The value and revision of one state key, or None when there is no row."""
        row = self.conn.execute(
            "SELECT value, revision FROM report_state WHERE report_id = ? AND key = ?",
            (report_id, key),
        ).fetchone()
        return (row[0], int(row[1])) if row else None

    def state_revisions(self, report_id: int) -> dict[str, int]:
        rows = self.conn.execute(
            "SELECT key, revision FROM report_state WHERE report_id = ?", (report_id,)
        ).fetchall()
        return {str(k): int(r) for k, r in rows}

    def set_state(
        self,
        report_id: int,
        key: str,
        value: str | None,
        expected: int | None | Unchecked = UNCHECKED,
    ) -> int | None:
        """Write (or, with None, remove) a state key; returns its new revision.

        `expected` is the revision the writer last read, None when it saw no row; a
        mismatch raises ConflictError and writes nothing. UNCHECKED is for a key one
        screen owns alone (see tui/screens/draft.py).
        """
        if self.view_only:
            return None
        with self.transaction() as conn:
            self._check_lease(conn, report_id)
            row = conn.execute(
                "SELECT revision FROM report_state WHERE report_id = ? AND key = ?",
                (report_id, key),
            ).fetchone()
            current = int(row[0]) if row else None
            if not isinstance(expected, Unchecked) and expected != current:
                raise ConflictError(
                    f"报告 {report_id} 的访谈进度已被他人修改，未保存本次操作。请刷新后再试。"
                )
            if value is None:
                conn.execute(
                    "DELETE FROM report_state WHERE report_id = ? AND key = ?", (report_id, key)
                )
                return None
            revision = _next_state_revision(conn, current)
            conn.execute(
                "INSERT INTO report_state (report_id, key, value, updated_at, revision)"
                " VALUES (?,?,?,?,?)"
                " ON CONFLICT(report_id, key) DO UPDATE SET value = excluded.value,"
                " updated_at = excluded.updated_at, revision = excluded.revision",
                (report_id, key, value, audit.now_iso(), revision),
            )
            return revision

    # --- one interview per report ------------------------------------------------------
    def take_lease(self, report_id: int, owner: str) -> Lease:
        """Take the interview lease on a report, or raise LeaseHeldError naming the holder."""
        from . import lease

        with self.transaction() as conn:
            taken = lease.take(conn, report_id, owner)
        self._leases[report_id] = taken
        return taken

    def lease_holder(self, report_id: int) -> Lease | None:
        """Who holds the interview lease on a report now (live or stale), if anyone."""
        from . import lease

        return lease.holder(self.conn, report_id)

    def release_lease(self, report_id: int) -> None:
        from . import lease

        held = self._leases.pop(report_id, None)
        if held is not None:
            with self.transaction() as conn:
                lease.release(conn, held)

    def heartbeat(self, report_id: int) -> None:
        """Keep the lease alive; raises LeaseLostError if another session took it over."""
        with self.transaction() as conn:
            self._check_lease(conn, report_id)

    def _check_lease(self, conn: Conn, report_id: int) -> None:
        """Engine-state writes carry their owner: the lease holder, still an active user."""
        from . import lease

        mine = self._leases.get(report_id)
        if mine is not None:
            lease.check(conn, mine)
            rules.acting_user(conn, mine.owner)  # a disabled user's session stops here
            return
        other = lease.foreign_live_lease(conn, report_id, None)
        if other is not None:
            raise lease.LeaseHeldError(
                f"报告 {report_id} 正由 {other.describe()} 访谈，本处不能写入访谈进度。"
                "可以只读查看；对方退出后再接手。"
            )

    # --- audit ----------------------------------------------------------------------
    def record(
        self,
        action: str,
        report_id: int | None,
        change: object,
        actor: str = DEFAULT_ACTOR,
        detail: str = "",
    ) -> None:
        """Log an action that changes no report row (an export, say)."""
        with self.transaction() as conn:
            audit.append_event(
                conn, actor=actor, action=action, report_id=report_id, change=change, detail=detail
            )

    def create_unit_key(self, actor: str, passphrase: str | None = None) -> str:
        """Generate the data home's unit key and log it; returns its fingerprint."""
        import os

        from .keys import PASSPHRASE_ENV, generate_key, key_path, public_path

        home = self.home
        key = generate_key(home, passphrase)
        before = os.environ.get(PASSPHRASE_ENV)
        if passphrase:
            # The key_new event is signed with the new key; the variable is put back after,
            # so no other code in this process (a test, a long-running TUI) inherits it.
            os.environ[PASSPHRASE_ENV] = passphrase
        try:
            with self.transaction() as conn:
                audit.append_event(
                    conn,
                    actor=actor,
                    action="key_new",
                    report_id=None,
                    change={"key": key.fingerprint},
                    detail=f"指纹 {key.fingerprint}",
                )
        except BaseException:
            for path in (key_path(home), public_path(home)):
                path.unlink(missing_ok=True)
            raise
        finally:
            if passphrase:
                if before is None:
                    os.environ.pop(PASSPHRASE_ENV, None)
                else:
                    os.environ[PASSPHRASE_ENV] = before
        return key.fingerprint

    def audit_log(self, report_id: int | None = None) -> builtins.list[audit.AuditEvent]:
        return audit.events(self.conn, report_id)

    def verify_audit(
        self, public_key: PublicKey | None = None, anchor: AnchorSpec | None = None
    ) -> audit.VerifyResult:
        from .integrity import full_verify

        result = full_verify(self.conn, public_key, anchor)
        if not result.ok:
            return result
        from .evidence import evidence_root, verify_files

        # On a shared database an evidence file lives on the PC that added it (README).
        absent: list[str] | None = [] if self.backend == "postgresql" else None
        problem = verify_files(self.stored_bodies(), evidence_root(self), absent)
        if problem:
            return result.model_copy(update={"ok": False, "reason": problem})
        if absent:
            note = (
                f"注意：本机没有 {len(absent)} 份佐证材料的文件（由其他电脑添加，文件保存在添加它的"
                "电脑上），未核对其内容；请在添加它的电脑上运行 zicha audit verify。"
            )
            return result.model_copy(update={"notes": [*result.notes, note]})
        return result

    def audit_head(self) -> tuple[int, str] | None:
        """(number of the log's last row, its hash), for anchors kept outside the file."""
        from .seal import read_head

        head = read_head(self.conn)
        return (head.last_id, head.last_hash) if head else None

    def stored_bodies(self) -> builtins.list[tuple[str, str]]:
        """(where, JSON body) of every report and every snapshot, for checks over all of them."""
        out = [
            (f"报告 {rid}", body)
            for rid, body in self.conn.execute("SELECT id, body FROM reports ORDER BY id")
        ]
        out += [
            (f"报告 {rid} 第 {seq} 次送审", body)
            for rid, seq, body in self.conn.execute(
                "SELECT report_id, seq, body FROM snapshots ORDER BY id"
            )
        ]
        return out

    def audit_head_label(self) -> str:
        """第 N 条 + short hash of the log's last row: printed so it can be kept elsewhere."""
        from .seal import read_head

        head = read_head(self.conn)
        return head.short if head else "（日志为空）"


def _next_state_revision(conn: Conn, current: int | None) -> int:
    """The next number of the store-wide state counter (inside the caller's write
    transaction, which holds the writers' lock): never one handed out before."""
    row = conn.execute("SELECT last FROM state_revision WHERE id = 1").fetchone()
    revision = max(int(row[0]) if row else 0, current or 0) + 1
    conn.execute(
        "INSERT INTO state_revision (id, last) VALUES (1, ?)"
        " ON CONFLICT(id) DO UPDATE SET last = excluded.last",
        (revision,),
    )
    return revision
