"""`python -m tui.cli`: the zicha command without its launcher script."""

from tui.cli import run

run()
