from __future__ import annotations

from report.errors import ZichaError


class RollupError(ZichaError):
    """A bundle or roll-up action refused, with a Chinese message that says what to do."""


class BundleRefused(RollupError):
    """A bundle that failed verification; nothing of it was stored."""
