"""The full text of one article, in a scrollable modal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from tui.keys import HELP_FIRST
from tui.widgets.cjk_text import Wrapped
from tui.widgets.library_results import marked_text

if TYPE_CHECKING:
    from knowledge.models import SearchHit


def summary_notice(hit: SearchHit) -> str:
    """What a 要点 is, and which document to import to read the rule itself."""
    number = f"（{hit.doc_number}）" if hit.doc_number else ""
    return (
        f"这是 zicha 内置的要点摘要，不是原文。要看全文，请导入《{hit.title}》{number}的正式文本："
        "首页按 L 进入法规库，再导入该文件；导入后检索会先显示原文条款。"
    )


class ArticleScreen(ModalScreen[None]):
    """Shows Library.article(): the citation, where it sits in its document, the whole text."""

    DEFAULT_CSS = """
    ArticleScreen { align: center middle; }
    ArticleScreen #article-box {
        width: 100; max-width: 100%; height: 1fr; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    ArticleScreen #article-where { color: $text-muted; }
    ArticleScreen #article-scroll { height: 1fr; margin-top: 1; }
    """
    BINDINGS = [
        HELP_FIRST,
        Binding("escape,q", "close", "关闭"),
        Binding("y", "copy", "复制引文"),
    ]

    def __init__(self, hit: SearchHit) -> None:
        super().__init__()
        self.hit = hit

    def compose(self) -> ComposeResult:
        hit = self.hit
        where = "　".join(
            x for x in (hit.title, hit.doc_number, hit.chapter_path, hit.article) if x
        )
        with Vertical(id="article-box"):
            yield Static(Text(hit.citation, "bold"), id="article-citation")
            yield Static(Text(f"{hit.label}｜{where}"), id="article-where")
            if hit.is_summary:
                yield Static(Wrapped(Text(summary_notice(hit), "bold")), id="article-summary-note")
            with VerticalScroll(id="article-scroll"):
                # Regulation text has spaces (第三条 …): Rich would break the line there.
                yield Static(Wrapped(marked_text(hit.highlighted)), id="article-text")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one("#article-scroll").focus()

    def action_close(self) -> None:
        self.dismiss(None)

    def action_copy(self) -> None:
        self.app.copy_to_clipboard(self.hit.citation)
        self.notify(f"已复制：{self.hit.citation}", markup=False)
