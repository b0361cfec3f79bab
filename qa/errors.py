"""Errors the core raises; each edge (CLI, page, HTTP) translates them once."""


class QAError(Exception):
    """Base class: a problem the user can fix, reported as one line."""


class IndexNotFound(QAError):
    """No index at the given folder."""


class IndexMismatch(QAError):
    """The index was built with other settings, another model or another archive."""


class EmptyCorpus(QAError):
    """The archive holds no readable article."""


class BadQuestion(QAError):
    """The question cannot be asked (for example: empty)."""
