"""Errors of the interview engine; each message is Chinese and says what to do."""

from report.errors import ZichaError


class InterviewError(ZichaError):
    """A command that cannot be carried out now; nothing was changed."""


class InterviewConflict(ZichaError):
    """Someone else saved the report first; the engine reloaded it."""
