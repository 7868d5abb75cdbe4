"""Helpers shared by the interview tests: a fake library and scripted answering."""

from __future__ import annotations

from dataclasses import dataclass

from interview.engine import InterviewEngine


@dataclass
class FakeHit:
    chunk_id: str
    citation: str
    text: str
    title: str = "社会保险经办机构内部控制暂行办法"


class FakeRetriever:
    """Answers every query with two excerpts that name the query, and records the queries."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def search(self, query: str, k: int = 5) -> list[FakeHit]:
        self.queries.append(query)
        hits = [
            FakeHit(
                "c1",
                "《社会保险经办机构内部控制暂行办法》（劳社部发〔2007〕2号）第十二条",
                f"关于{query}的规定一",
            ),
            FakeHit(
                "c2", "《社会保险经办内部控制规范》（LD/T 05-2022）5.3", f"关于{query}的规定二"
            ),
        ]
        return hits[:k]


class BrokenRetriever:
    def search(self, query: str, k: int = 5):
        raise RuntimeError("index is corrupt")


def answer_examples(engine: InterviewEngine, count: int) -> list[str]:
    """Answer the next count bank points with their example answers; return the control ids."""
    done = []
    for _ in range(count):
        p = engine.current()
        assert p is not None and p.kind == "point"
        result = engine.answer(p.control.example)
        assert result.kind == "accepted", result
        done.append(p.control.id)
    return done
