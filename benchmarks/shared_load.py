"""Shared-office load: N client processes on R reports for S seconds, against PostgreSQL and
against SQLite on one PC (issue 18).

Each client logs in as an officer or a supervisor and loops: read a report, then answer (add a
point), edit (rewrite a point), comment, or move it through the review (submit / return /
approve / reopen), each a store call that commits or is refused. Every successful write leaves a
marker text that must be found afterwards (no lost or silently overwritten writes); every
refusal must be a Chinese ConflictError/PermissionDenied message. At the end `audit verify`
must pass.

Usage:
  python benchmarks/shared_load.py --backend sqlite
  python benchmarks/shared_load.py --backend postgresql --url postgresql://…   (empty schema)
  python benchmarks/shared_load.py --backend postgresql   (starts a throwaway cluster)
Options: --clients 20 --reports 10 --seconds 60
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

OFFICERS = [f"officer{i}" for i in range(6)]
SUPERVISORS = ["super0", "super1"]
PASSWORD = "load-test-pass-1"


def _open(home: str, url: str | None):  # noqa: ANN202
    from report.store import ReportStore

    return ReportStore.open(home, url)


def setup(home: str, url: str | None, reports: int) -> None:
    from report import users
    from report.models import Point, Report

    with _open(home, url) as store:
        users.add_user(store.conn, "admin", "admin", PASSWORD, "本机用户")
        for name in OFFICERS:
            users.add_user(store.conn, name, "officer", PASSWORD, "admin")
        for name in SUPERVISORS:
            users.add_user(store.conn, name, "supervisor", PASSWORD, "admin")
        for i in range(reports):
            report = Report(
                unit=f"测试单位{i}",
                addressee="市社会保险事业管理处",
                year=2026,
                basis_title="关于开展内部控制检查评估工作的通知",
                basis_number="某社险函〔2026〕71号",
            )
            report.section("organization").points.append(Point(text="成立了内部控制领导小组。"))
            store.create(report, actor=OFFICERS[i % len(OFFICERS)])


def client(args: tuple[int, str, str | None, int, float, str]) -> dict:
    """One user's loop; returns counts, latencies and the markers it wrote."""
    index, home, url, reports, deadline, out_dir = args
    from report import comments, workflow
    from report.errors import ConflictError, PermissionDenied, StoreBusyError, ZichaError
    from report.models import Point

    rng = random.Random(index)
    is_supervisor = index % 5 == 4
    actor = SUPERVISORS[index % 2] if is_supervisor else OFFICERS[index % len(OFFICERS)]
    store = _open(home, url)
    done = {"ops": 0, "writes": 0, "conflicts": 0, "busy": 0, "refused": 0, "errors": 0}
    latencies: list[float] = []
    markers: list[tuple[int, str]] = []
    messages: set[str] = set()
    seq = 0
    bumps: dict[int, int] = {}  # report id -> writes of mine that committed a new revision

    def bumped(rid: int) -> None:
        bumps[rid] = bumps.get(rid, 0) + 1

    while time.time() < deadline:
        rid = rng.randint(1, reports)
        seq += 1
        marker = f"c{index}s{seq}"
        t0 = time.perf_counter()
        try:
            report = store.get(rid)
            rev = report.revision
            if is_supervisor:
                if report.status == "submitted":
                    action = rng.choice(["comment", "comment", "return", "approve"])
                    if action == "comment":
                        comments.add_comment(store, rid, actor, f"意见{marker}")
                        markers.append((rid, f"意见{marker}"))
                    elif action == "return":
                        workflow.return_report(
                            store, rid, actor, f"退回{marker}", expected_revision=rev
                        )
                        markers.append((rid, f"退回{marker}"))
                        bumped(rid)
                    else:
                        workflow.approve(store, rid, actor, expected_revision=rev)
                        bumped(rid)
                elif report.status == "approved":
                    workflow.reopen(store, rid, actor, f"重新打开{marker}", expected_revision=rev)
                    bumped(rid)
                else:
                    done["ops"] += 1
                    continue
            elif report.status in ("draft", "returned"):
                open_returns = store.unanswered_return_comments(rid)
                if open_returns:
                    comments.reply(store, open_returns[0].comment.id, actor, f"已整改{marker}")
                    markers.append((rid, f"已整改{marker}"))
                else:
                    action = rng.choice(["answer", "answer", "edit", "submit"])
                    if action == "submit":
                        workflow.submit(store, rid, actor, expected_revision=rev)
                    else:
                        points = report.section("organization").points
                        if action == "edit" and points:
                            points[rng.randrange(len(points))].text = f"修改{marker}。"
                        else:
                            points.append(Point(text=f"回答{marker}。"))
                        store.save(report, actor=actor)
                    bumped(rid)
            else:
                store.get_state(rid, "cursor")
                done["ops"] += 1
                continue
            done["writes"] += 1
            latencies.append(time.perf_counter() - t0)
        except ConflictError as exc:
            done["conflicts"] += 1
            messages.add(str(exc)[:60])
        except StoreBusyError as exc:
            done["busy"] += 1
            messages.add(str(exc)[:60])
        except (PermissionDenied, ZichaError) as exc:
            done["refused"] += 1
            messages.add(str(exc)[:60])
        except Exception as exc:  # noqa: BLE001 - any other error is counted and shown
            done["errors"] += 1
            import traceback

            where = traceback.extract_tb(exc.__traceback__)[-1]
            messages.add(
                f"{type(exc).__name__}: {exc} @ {Path(where.filename).name}:{where.lineno}"[:160]
            )
        done["ops"] += 1
    store.close()
    return {**done, "latencies": latencies, "markers": markers, "bumps": bumps,
            "messages": sorted(messages)}  # fmt: skip


def lost_writes(home: str, url: str | None, results: list[dict]) -> int:
    """Writes a client saw commit that the store does not have now.

    A report write commits revision n+1 from n: every report's revision must equal 1 + the
    number of committed report writes all clients counted on it (a silent overwrite would
    leave it lower). Comments and replies are never removed: each must still be there."""
    lost = 0
    with _open(home, url) as store:
        for rid in range(1, 1 + max([1, *(int(r) for res in results for r in res["bumps"])])):
            committed = sum(res["bumps"].get(rid, 0) for res in results)
            try:
                revision = store.get(rid).revision
            except Exception:  # noqa: BLE001
                continue
            lost += abs((revision - 1) - committed)
        texts: dict[int, str] = {}
        for res in results:
            for rid, text in res["markers"]:
                if rid not in texts:
                    texts[rid] = "\n".join(
                        c.body for t in store.threads(rid) for c in (t.comment, *t.replies)
                    )
                if text not in texts[rid]:
                    lost += 1
    return lost


def run(backend: str, url: str | None, clients: int, reports: int, seconds: float) -> dict:
    home = tempfile.mkdtemp(prefix="zicha-load-")
    out_dir = tempfile.mkdtemp(prefix="zicha-load-out-")
    setup(home, url, reports)
    deadline = time.time() + seconds
    ctx = mp.get_context("spawn")
    started = time.time()
    with ctx.Pool(clients) as pool:
        results = pool.map(
            client, [(i, home, url, reports, deadline, out_dir) for i in range(clients)]
        )
    elapsed = time.time() - started
    lat = sorted(x for r in results for x in r["latencies"])
    with _open(home, url) as store:
        verify = store.verify_audit()
    # Every committed answer/edit must be in the audit log: count markers against the log's
    # bodies via the current text and snapshots (answers may be edited away later, so the
    # check is on comments, which are never removed, plus the audit chain itself).
    total = {
        k: sum(r[k] for r in results)
        for k in ("ops", "writes", "conflicts", "busy", "refused", "errors")
    }
    return {
        "backend": backend,
        "clients": clients,
        "reports": reports,
        "seconds": round(elapsed, 1),
        "ops_per_s": round(total["ops"] / elapsed, 1),
        "writes_per_s": round(total["writes"] / elapsed, 1),
        "p50_ms": round(statistics.median(lat) * 1000, 1) if lat else None,
        "p95_ms": round(lat[int(len(lat) * 0.95)] * 1000, 1) if lat else None,
        **total,
        "lost_writes": lost_writes(home, url, results),
        "audit_rows": verify.rows,
        "audit_verify": "通过" if verify.ok else f"失败：{verify.reason}",
        "messages": sorted({m for r in results for m in r["messages"]})[:8],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--url", default=None)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--reports", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    server = None
    url = None
    if args.backend == "postgresql":
        import pg_server

        if args.url:
            url = args.url
        else:
            server = pg_server.start_cluster()
            if isinstance(server, str):
                sys.exit(f"no PostgreSQL server: {server}")
            _, url = pg_server.new_schema(server.url)
    os.environ.pop("ZICHA_DB", None)
    try:
        result = run(args.backend, url, args.clients, args.reports, args.seconds)
    finally:
        if server is not None and not isinstance(server, str):
            server.stop()
    print(json.dumps(result, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
