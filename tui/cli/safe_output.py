"""Subcommand output that cannot act on the terminal: control characters (C0/C1 except tab
and newline, DEL) in any text a command prints — a report, a comment, a search result, an
error — are written as visible \\xNN, never as the escape they would start."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from report.limits import safe_for_terminal


class SafeText:
    """A text stream wrapper: write() escapes control characters; everything else (buffer,
    encoding, isatty, fileno) is the wrapped stream's."""

    def __init__(self, stream: TextIO):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(safe_for_terminal(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def terminal_safe_output() -> Iterator[None]:
    before = sys.stdout, sys.stderr
    sys.stdout = SafeText(before[0])
    sys.stderr = SafeText(before[1])
    try:
        yield
    finally:
        sys.stdout, sys.stderr = before
