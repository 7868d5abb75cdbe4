"""Command palette (Ctrl+P): the current screen's main actions plus a few app-wide ones.

A screen offers commands by defining ``palette_commands() -> list[PaletteCommand]``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider


class PaletteCommand(NamedTuple):
    title: str
    help: str
    callback: Callable[[], Any]


class ZichaCommands(Provider):
    def _commands(self) -> list[PaletteCommand]:
        screen_commands = getattr(self.screen, "palette_commands", None)
        commands = list(screen_commands()) if callable(screen_commands) else []
        app: Any = self.app
        commands += [
            PaletteCommand("帮助", "按键说明和使用方法（F1）", app.action_help),
            PaletteCommand("切换浅色 / 深色主题", "Ctrl+T", app.action_toggle_theme),
            PaletteCommand("退出", "保存未发送的文字后退出（Ctrl+Q）", app.action_quit),
        ]
        return commands

    async def discover(self) -> Hits:
        for command in self._commands():
            yield DiscoveryHit(command.title, command.callback, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self._commands():
            score = max(matcher.match(command.title), matcher.match(command.help) * 0.5)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(command.title),
                    command.callback,
                    text=command.title,
                    help=command.help,
                )


def chinese_palette() -> Any:
    """Textual's command palette with its two English texts in Chinese."""
    from rich.align import Align
    from rich.text import Text
    from textual.command import CommandList, CommandPalette
    from textual.widgets.option_list import Option

    class ZichaPalette(CommandPalette):
        # Same as Textual's own countdown (a private method), with the notice in Chinese.
        def _start_no_matches_countdown(self, search_value: str) -> None:
            self._stop_no_matches_countdown()

            def show() -> None:
                if search_value:
                    notice = Text("没有匹配的命令", style="not bold")
                    self.query_one(CommandList).add_option(
                        Option(Align.center(notice), disabled=True, id=self._NO_MATCHES)
                    )
                    self._list_visible = True
                else:
                    self._list_visible = False

            self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show)

    return ZichaPalette(placeholder="输入要做的事，例如：导出、帮助、主题…", id="--command-palette")
