"""/帮助 in the line mode: every command's explanation starts in the same terminal column."""

from interview.commands import COMMANDS, help_text
from report.linebreak import cells


def test_help_column_is_aligned_in_terminal_cells() -> None:
    rows = help_text().splitlines()[1:]
    assert len(rows) == len(COMMANDS)
    starts = {cells(row[: row.index(c.help)]) for row, c in zip(rows, COMMANDS, strict=True)}
    assert len(starts) == 1, starts
