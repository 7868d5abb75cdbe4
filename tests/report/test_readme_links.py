"""The README's links to files in the repository lead somewhere (docs/ARCHITECTURE.md was once
a path outside the repository)."""

from __future__ import annotations

import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_relative_links_and_paths_in_the_readme_exist() -> None:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    targets = re.findall(r"\]\(([^)#:]+)\)", text)
    assert "docs/ARCHITECTURE.md" in targets
    missing = [t for t in targets if not (REPO / t).exists()]
    assert missing == []
    assert "../shared/" not in text
