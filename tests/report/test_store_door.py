"""The store is the one door to zicha.db: outside report/ nothing holds its connection and
nothing calls a private method of another module's object."""

from __future__ import annotations

import ast
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# An object's own connection to its own database (knowledge.db in knowledge/, the city's
# database in rollup/city.py) is `self.conn`; reaching zicha.db is `store.conn`, `app.store.conn`.
OUTSIDE_REPORT = ("interview", "exports", "rollup", "tui")


def _python_files(*packages: str) -> list[Path]:
    return sorted(p for pkg in packages for p in (REPO / pkg).rglob("*.py"))


def _where(path: Path, node: ast.AST) -> str:
    return f"{path.relative_to(REPO)}:{getattr(node, 'lineno', '?')}"


def test_no_connection_outside_report() -> None:
    found = [
        _where(path, node)
        for path in _python_files(*OUTSIDE_REPORT)
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if _foreign_conn(node)
    ]
    assert found == [], "use a ReportStore method instead of .conn: " + ", ".join(found)


def _foreign_conn(node: ast.AST) -> bool:
    """x.conn where x is not self: someone else's connection."""
    if not (isinstance(node, ast.Attribute) and node.attr in ("conn", "_conn")):
        return False
    return not (isinstance(node.value, ast.Name) and node.value.id == "self")


def test_no_private_calls_into_the_store_or_engine() -> None:
    """`store._write`, `engine._persist`…: a private name reached through another object."""
    owners = {"store", "engine", "lib", "library"}
    found = []
    for path in _python_files("report", "interview", "exports", "rollup", "tui", "knowledge"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Attribute) and node.attr.startswith("_")):
                continue
            if node.attr.startswith("__"):
                continue
            base = node.value
            name = base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", "")
            if name in owners:
                found.append(f"{_where(path, node)} {name}.{node.attr}")
    assert found == [], "call a public method instead: " + ", ".join(found)


def test_the_check_finds_a_connection(tmp_path: Path) -> None:
    """The scan is real: a module using store.conn is reported."""
    bad = "def f(store):\n    return store.conn.execute('SELECT 1')\n"
    nodes = [n for n in ast.walk(ast.parse(bad)) if _foreign_conn(n)]
    assert len(nodes) == 1
    own = "class Library:\n    def f(self):\n        return self.conn\n"
    assert not any(_foreign_conn(n) for n in ast.walk(ast.parse(own)))
