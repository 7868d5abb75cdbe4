"""Interview excerpts panel (issue 13): reachable by keyboard, labelled, re-ranked by the answer."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.geometry import Region
from tui_helpers import open_interview

from knowledge.models import SearchHit
from report.linebreak import CLOSING, OPENING
from tui.app import ZichaApp
from tui.screens.interview import InterviewScreen
from tui.widgets.answer_box import AnswerBox
from tui.widgets.excerpts_panel import ExcerptCard, ExcerptsPanel


def _hit(n: int, summary: bool = False) -> SearchHit:
    text = f"第{n}段条文内容：经办机构应当建立岗位责任制。"
    return SearchHit(
        chunk_id=n,
        doc_id=n,
        title=f"办法{n}",
        doc_number=f"某发〔2020〕{n}号",
        article=None if summary else f"第{n}条",
        text=text,
        highlighted=text,
        citation=f"《办法{n}》（某发〔2020〕{n}号）" + ("" if summary else f"第{n}条"),
        is_summary=summary,
    )


class RecordingLibrary:
    """Three excerpts, the second a 要点; remembers every query."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def search(self, query: str, k: int = 5) -> list[SearchHit]:
        self.queries.append(query)
        if "轮岗台账" in query:
            return [_hit(7)]
        return [_hit(1), _hit(2, summary=True), _hit(3)][:k]

    def article(self, chunk_id: int | str) -> SearchHit:
        n = int(chunk_id)
        return _hit(n, summary=n == 2)


@pytest.fixture
def recording(monkeypatch: pytest.MonkeyPatch) -> RecordingLibrary:
    lib = RecordingLibrary()
    monkeypatch.setattr(ZichaApp, "library", lambda self: lib)
    return lib


async def test_every_excerpt_reachable_by_keyboard(home, store, blank_report, recording):
    report = store.create(blank_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await open_interview(pilot, report.id)
        cards = list(screen.query_one(ExcerptsPanel).query(ExcerptCard))
        assert ["（原文）" in str(c.render()) for c in cards] == [True, False, True]
        assert "（要点）" in str(cards[1].render())
        await pilot.press("ctrl+l")
        assert isinstance(app.focused, ExcerptsPanel)
        await pilot.press("down", "down", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert type(app.screen).__name__ == "ArticleScreen"
        assert app.screen.hit.citation.endswith("第3条")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("up", "enter")  # the 要点 entry says which document to import
        await app.workers.wait_for_complete()
        await pilot.pause()
        note = app.screen.query_one("#article-summary-note")
        assert "不是原文" in str(note.render()) and "《办法2》（某发〔2020〕2号）" in str(
            note.render()
        )
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # leaves the panel, does not leave the interview
        await pilot.pause()
        assert isinstance(app.screen, InterviewScreen)
        assert isinstance(app.focused, AnswerBox)


async def test_panel_reranks_with_the_answer_words(home, store, blank_report, recording):
    report = store.create(blank_report)
    app = ZichaApp(home, resume=False)
    async with app.run_test(size=(120, 34)) as pilot:
        screen = await open_interview(pilot, report.id)
        screen.query_one(AnswerBox).text = "有轮岗台账"
        await pilot.press("ctrl+s")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.prompt is not None and screen.prompt.followup_question  # same point
        assert any("有轮岗台账" in q for q in recording.queries)
        panel = screen.query_one(ExcerptsPanel)
        assert [h.chunk_id for h in panel.hits] == [7]
        assert "已结合您的回答重新检索" in str(panel.children[0].render())


class _ExcerptsOnly(App[None]):
    CSS = "ExcerptsPanel { width: 20; }"

    def compose(self) -> ComposeResult:
        yield ExcerptsPanel(id="excerpts")


def _card_lines(card: ExcerptCard) -> list[str]:
    width, height = card.size
    return [strip.text.strip() for strip in card.render_lines(Region(0, 0, width, height))]


async def test_excerpt_lines_never_start_with_closing_punctuation() -> None:
    """避头尾 in the excerpts panel: the comma that Textual's own wrapping would put first on a
    line stays at the end of the line before."""
    text = "经办机构应当建立岗位，关键岗位实行定期轮岗。不相容岗位相互分离。"
    hit = _hit(1).model_copy(update={"text": text, "highlighted": text})
    app = _ExcerptsOnly()
    async with app.run_test(size=(40, 20)) as pilot:
        panel = app.query_one(ExcerptsPanel)
        panel.show([hit], "")
        await pilot.pause()
        card = app.query_one(ExcerptCard)
        width = card.content_size.width
        # Broken anywhere (as Textual does), some line of this text would start with 「，」/「。」.
        naive = [text[i : i + width // 2] for i in range(0, len(text), width // 2)]
        assert any(line[:1] in CLOSING for line in naive[1:]), (width, naive)
        lines = [line for line in _card_lines(card) if line]
        for line in lines:
            assert line[:1] not in CLOSING, lines
            assert line[-1:] not in OPENING, lines
        shown = "".join(lines)  # every character shown, none cut
        assert shown == f"1. {hit.citation}（{hit.label}）{text}"
