"""Export errors: each message says, in Chinese, what went wrong and what to do."""

from report.errors import ZichaError


class ExportError(ZichaError):
    """The document could not be written; no file was left behind."""


class TargetExistsError(ExportError):
    """The output file exists and --force was not given."""
