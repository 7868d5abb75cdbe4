"""Submit keys that never lose the end of fast typing.

Ctrl+S is a priority binding, so the app runs it as soon as the key arrives, while the
characters typed just before it may still wait in the focused widget's message queue
(an input-method commit, a tmux `send-keys`, a fast typist). Reading the text at once
would drop them. `after_typed_keys` defers the action to the focused widget's queue, so
it runs after every key that came before it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from textual.binding import Binding
from textual.dom import DOMNode
from textual.screen import Screen

F = TypeVar("F", bound=Callable[..., Any])


def after_typed_keys(action: F) -> F:
    @functools.wraps(action)
    def deferred(self: DOMNode, *args: Any, **kwargs: Any) -> None:
        screen = self if isinstance(self, Screen) else self.screen
        focused = screen.focused
        if focused is None:
            action(self, *args, **kwargs)
        else:
            focused.call_later(action, self, *args, **kwargs)

    return deferred  # type: ignore[return-value]


# First in every screen's BINDINGS so the footer shows 「F1 帮助」 first: at 80 columns the
# keys at the end of a footer are cut off. The app's own F1 (priority) runs it.
HELP_FIRST = Binding("f1", "app.help", "帮助", key_display="F1")
