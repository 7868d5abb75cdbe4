"""Retrieval quality on the evaluation set: starter 要点 plus a fixture regulation competing."""

from __future__ import annotations

from kb_evaluate import HOLDOUT_FILE, evaluate, load_eval

from knowledge.library import Library


def test_eval_set_shape() -> None:
    items = load_eval()
    assert len(items) >= 60
    everyday = sum(1 for i in items if i["style"] == "everyday")
    assert everyday * 2 >= len(items) - 1


def test_recall_at_5_and_mrr(kb_with_fixture: Library) -> None:
    lib = kb_with_fixture
    keys = {
        k for (k,) in lib.conn.execute("SELECT entry_key FROM chunks WHERE entry_key IS NOT NULL")
    }
    for item in load_eval():  # every expected starter entry exists
        assert item["expect"].startswith("fixture:") or item["expect"] in keys, item
    result = evaluate(lambda q: [(h.key, h.citation, h.title) for h in lib.search(q, k=5)])
    for style, s in result.items():
        print(f"\n{style}: n={s['n']} recall@5={s['recall@5']:.3f} MRR={s['mrr']:.3f}")
        for miss in s["misses"]:
            print("   miss:", miss)
    assert result["official"]["recall@5"] >= 0.95
    assert result["everyday"]["recall@5"] >= 0.9
    assert result["official"]["mrr"] >= 0.7
    assert result["everyday"]["mrr"] >= 0.6


def test_held_out_everyday_questions(kb_with_fixture: Library) -> None:
    """Never tuned on: shows how far the thesaurus generalises beyond the questions above."""
    lib = kb_with_fixture
    result = evaluate(
        lambda q: [(h.key, h.citation, h.title) for h in lib.search(q, k=5)], HOLDOUT_FILE
    )["everyday"]
    print(
        f"\nheld-out everyday: n={result['n']} recall@5={result['recall@5']:.3f} MRR={result['mrr']:.3f}"
    )
    assert result["n"] >= 10
    assert result["recall@5"] >= 0.6


def test_held_out_regulations_and_questions(kb_lib: Library, tmp_path) -> None:
    """Issue 13's held-out set: two regulations and questions never tuned on (heldout/)."""
    from pathlib import Path

    from kb_evaluate import evaluate_heldout, write_fixture, write_heldout

    kb_lib.import_paths([write_fixture(tmp_path / "in"), *write_heldout(tmp_path / "in")])
    stems = {d.id: Path(d.source_path).stem for d in kb_lib.documents()}
    result = evaluate_heldout(
        lambda q: [(stems.get(h.doc_id, ""), h.citation) for h in kb_lib.search(q, k=5)]
    )
    for style, s in sorted(result.items()):
        print(f"\nheld-out {style}: n={s['n']} recall@5={s['recall@5']:.3f} MRR={s['mrr']:.3f}")
    assert result["everyday"]["n"] >= 60 and result["official"]["n"] >= 30
    assert result["noise"]["recall@5"] == 1.0, result["noise"]["misses"]
    assert result["official"]["recall@5"] >= 0.95
    assert result["everyday"]["recall@5"] >= 0.8


def test_second_held_out_regulation_imported_from_word(kb_lib: Library, tmp_path) -> None:
    """Second held-out round (heldout2/): a county 内部控制 regulation imported as .docx beside
    the fixture and the first held-out pair; its questions were never tuned on."""
    from pathlib import Path

    from kb_evaluate import (
        HELDOUT2_QUESTIONS,
        evaluate_heldout,
        write_fixture,
        write_heldout,
        write_heldout2,
    )

    files = [write_fixture(tmp_path / "in"), *write_heldout(tmp_path / "in")]
    files += write_heldout2(tmp_path / "in2")
    result = kb_lib.import_paths(files)
    assert result.count("imported") == 4, [o.message for o in result.outcomes]
    stems = {d.id: Path(d.source_path).stem for d in kb_lib.documents()}
    result = evaluate_heldout(
        lambda q: [(stems.get(h.doc_id, ""), h.citation) for h in kb_lib.search(q, k=5)],
        HELDOUT2_QUESTIONS,
    )
    for style, s in sorted(result.items()):
        print(f"\nheld-out 2 {style}: n={s['n']} recall@5={s['recall@5']:.3f} MRR={s['mrr']:.3f}")
    assert result["everyday"]["n"] >= 40 and result["official"]["n"] >= 30
    assert kb_lib.search("你好") == [] and kb_lib.search("今天天气怎么样") == []
    assert result["noise"]["recall@5"] == 1.0, result["noise"]["misses"]
    assert result["official"]["recall@5"] >= 0.95
    # Regression floor below the measured level, not a target (see the eval report).
    assert result["everyday"]["recall@5"] >= 0.8


def test_second_tuning_set(kb_with_fixture: Library, tmp_path) -> None:
    """tuning2/: a district regulation numbered 一、（一）1. as GBK text, with chit-chat."""
    from pathlib import Path

    from kb_evaluate import TUNING2_QUESTIONS, evaluate_heldout, write_tuning2

    kb_with_fixture.import_paths(write_tuning2(tmp_path / "t2"))
    stems = {d.id: Path(d.source_path).stem for d in kb_with_fixture.documents()}
    result = evaluate_heldout(
        lambda q: [(stems.get(h.doc_id, ""), h.citation) for h in kb_with_fixture.search(q, k=5)],
        TUNING2_QUESTIONS,
    )
    for style, s in sorted(result.items()):
        print(f"\ntuning 2 {style}: n={s['n']} recall@5={s['recall@5']:.3f} MRR={s['mrr']:.3f}")
    assert result["noise"]["n"] >= 30
    assert result["noise"]["recall@5"] == 1.0, result["noise"]["misses"]
    assert result["official"]["recall@5"] >= 0.95
    assert result["everyday"]["recall@5"] >= 0.9


def test_third_tuning_set(kb_with_fixture: Library, tmp_path) -> None:
    """tuning3/: a city 规定 on counter service and files (第X章/第X条), beside tuning2/."""
    from pathlib import Path

    from kb_evaluate import TUNING3_QUESTIONS, evaluate_heldout, write_tuning2, write_tuning3

    kb_with_fixture.import_paths([*write_tuning2(tmp_path / "t2"), *write_tuning3(tmp_path / "t3")])
    stems = {d.id: Path(d.source_path).stem for d in kb_with_fixture.documents()}
    result = evaluate_heldout(
        lambda q: [(stems.get(h.doc_id, ""), h.citation) for h in kb_with_fixture.search(q, k=5)],
        TUNING3_QUESTIONS,
    )
    for style, s in sorted(result.items()):
        print(f"\ntuning 3 {style}: n={s['n']} recall@5={s['recall@5']:.3f} MRR={s['mrr']:.3f}")
    assert result["everyday"]["n"] >= 40 and result["noise"]["n"] >= 10
    assert result["official"]["recall@5"] >= 0.95
    assert result["everyday"]["recall@5"] >= 0.9
    # 你们几点下班 finds 第八条 (下班时间前已取号的…): the one noise question that reaches a rule
    assert result["noise"]["recall@5"] >= 0.9, result["noise"]["misses"]


def test_third_held_out_round(kb_lib: Library, tmp_path) -> None:
    """heldout3/: a city 操作规程 (.docx) and a provincial 实施细则 (GBK text) with questions by
    someone who never saw the retrieval code or its data; imported beside everything above.
    Never tuned on: the floors sit just below the figures measured once (see the eval report)."""
    from pathlib import Path

    from kb_evaluate import (
        HELDOUT3_QUESTIONS,
        evaluate_heldout,
        write_fixture,
        write_heldout,
        write_heldout2,
        write_heldout3,
    )

    files = [write_fixture(tmp_path / "in"), *write_heldout(tmp_path / "in")]
    files += [*write_heldout2(tmp_path / "in2"), *write_heldout3(tmp_path / "in3")]
    result = kb_lib.import_paths(files)
    assert result.count("imported") == 6, [o.message for o in result.outcomes]
    stems = {d.id: Path(d.source_path).stem for d in kb_lib.documents()}
    result = evaluate_heldout(
        lambda q: [(stems.get(h.doc_id, ""), h.citation) for h in kb_lib.search(q, k=5)],
        HELDOUT3_QUESTIONS,
    )
    for style, s in sorted(result.items()):
        print(f"\nheld-out 3 {style}: n={s['n']} recall@5={s['recall@5']:.3f} MRR={s['mrr']:.3f}")
    assert result["everyday"]["n"] >= 100 and result["official"]["n"] >= 50
    assert result["noise"]["recall@5"] == 1.0, len(result["noise"]["misses"])
    assert result["official"]["recall@5"] >= 0.95
    # measured 0.492 (target 0.90, not reached): a regression floor, not a goal
    assert result["everyday"]["recall@5"] >= 0.45
