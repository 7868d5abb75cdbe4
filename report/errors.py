"""Errors raised by report/: each carries a Chinese message a user can act on."""


class ZichaError(Exception):
    """Base class: str(exc) is a Chinese sentence that says what happened and what to do."""


class NotFoundError(ZichaError):
    pass


class ConflictError(ZichaError):
    """A save based on a stale revision: someone else changed the report first."""


class StoreBusyError(ZichaError):
    """Other writers held the store for longer than the wait allows; nothing was written."""


BUSY_MESSAGE = "报告库正忙（其他人正在保存），等待后仍未轮到，本次未写入。请稍后再试一次。"


class SchemaTooNewError(ZichaError):
    pass


class PermissionDenied(ZichaError):
    """A workflow rule refused the action; nothing was changed."""


class CorruptDatabaseError(ZichaError):
    """An empty, foreign or damaged database file: refused and left untouched."""


class ReadOnlyError(ZichaError):
    """The database file or its folder cannot be written."""


class NotReadyError(ZichaError):
    """The report still has preflight errors and cannot be submitted for review."""
