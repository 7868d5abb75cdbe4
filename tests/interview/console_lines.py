"""Drive the line-mode console in-process with scripted lines (shared by the interview tests)."""

from __future__ import annotations

from interview.console import ConsoleSession


def run_lines(engine, lines, exporter=None, replies=None):
    """Feed lines to a console; replies (if given) gets what was printed after each line."""
    out: list[str] = []
    feed = iter(lines)
    marks: list[tuple[str, int]] = []

    def read(prompt: str) -> str:
        try:
            line = next(feed)
        except StopIteration:
            raise EOFError from None
        marks.append((line, len(out)))
        return line

    code = ConsoleSession(engine, read, out.append, exporter).run()
    if replies is not None:
        ends = [m for _, m in marks[1:]] + [len(out)]
        for (line, start), end in zip(marks, ends, strict=True):
            replies[line] = "\n".join(out[start:end])
    return code, "\n".join(out)
