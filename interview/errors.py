"""Errors of the interview engine; each message is Chinese and says what to do."""

from report.errors import ConflictError, ZichaError


class InterviewError(ZichaError):
    """A command that cannot be carried out now; nothing was changed."""


class InterviewConflict(ConflictError):
    """Someone else saved the report first; the engine reloaded it. A ConflictError, so a
    screen handles it like the store's own."""
