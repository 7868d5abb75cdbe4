"""Errors raised by knowledge/: str(exc) is one Chinese sentence a user can act on."""


class KnowledgeError(Exception):
    pass


class LoadError(KnowledgeError):
    """A file could not be read as a regulation text; the message names the reason."""


class NotFoundError(KnowledgeError):
    pass


class SchemaTooNewError(KnowledgeError):
    pass
