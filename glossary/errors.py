"""The library's named exceptions: the edges (CLI, API) turn them into messages.

Every exception here is a *user* problem (bad input, bad configuration, a missing
record) and carries a message that names the file, row, field or URL concerned.
Anything else that escapes is a bug.
"""

from __future__ import annotations

QUOTE_LIMIT = 80


def quoted(value: object, limit: int = QUOTE_LIMIT) -> str:
    """``repr(value)`` for a message, at most about ``limit`` characters: a long value is cut,
    and its length said (a 10,000-character id is not echoed whole)."""
    text = repr(value)
    if len(text) <= limit:
        return text
    size = f" ({len(value)} characters)" if isinstance(value, str | bytes) else ""
    return text[: limit - 1] + "…" + size


class GlossaryError(Exception):
    """Base class: a problem the user can act on. ``str(exc)`` is the message."""

    exit_code = 2


class BadInput(GlossaryError):
    """Input data (a file, a row, a field, a query) is malformed."""


class ConfigError(GlossaryError):
    """A setting (database URL, data directory, glossary file) is unusable."""


class DatabaseUnavailable(GlossaryError):
    """The database cannot be reached or opened."""


class SchemaOutOfDate(GlossaryError):
    """The database schema is older (or newer) than this program expects."""


class NotFound(GlossaryError):
    """A concept, source or token with the given id does not exist."""


class Conflict(GlossaryError):
    """A write would duplicate an existing concept or id."""


class LostRace(Conflict):
    """Another writer changed the glossary meanwhile, and this write collides with what it wrote
    (the same concept, the same id): nothing of this write was kept."""


class TimeLimitExceeded(GlossaryError):
    """A long job (a check of a very large text) ran past the time it was given."""


class TooLarge(BadInput):
    """An input is over a size limit (characters, lines) of the command or the request."""


class JobStopped(GlossaryError):
    """A long job was asked to stop before its end (its client went away)."""


class PreconditionFailed(GlossaryError):
    """An optimistic-concurrency check failed: the concept changed meanwhile."""


class Forbidden(GlossaryError):
    """The caller may not do this (a contributor's token approving, deleting, merging …)."""
