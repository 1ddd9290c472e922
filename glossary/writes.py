"""How many glossary writes this process has made: a counter the write door bumps with each
revision (``concepts.history.bump_revision``), so that a live index which reads the
database's revision only every few milliseconds (``LiveIndex.recheck_s``, a server's
``GLOSSARY_REVISION_CHECK_MS``) still sees this process's own writes at the next call.

Writes by other processes are not counted here: those are found when the revision is read.
Light on purpose (no SQLAlchemy): the search side reads it on every lookup.
"""

from __future__ import annotations

import itertools

_made = itertools.count(1)
_last = 0


def note_write() -> None:
    """One more write by this process (called inside the writing transaction)."""
    global _last
    _last = next(_made)  # atomic under the GIL: concurrent writers each get their own number


def count() -> int:
    """The writes this process has noted so far."""
    return _last
