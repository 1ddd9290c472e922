"""Opening the glossary: the store and its live search index, held together by one object.

``open_glossary()`` gives a ``Glossary``: the database (``store``, opened, and on first use
created and filled, only when something needs it) and the live index that follows its
revision (``index``).  The CLI builds one per command, the API one per app (the factory);
the search entry points (``glossary.search.find``), ``check`` and the views go through it.

``open_store`` opens only the store: created and filled from the shipped CSV when the
database has no schema, the embedded default upgraded in place when its schema is older
(a translator never runs ``glossary db upgrade``; a database the user configured gets the
"run glossary db upgrade" message instead).
"""

from __future__ import annotations

import contextlib
import logging
import threading
from typing import TYPE_CHECKING

from glossary.location import SCHEMA_REVISION
from glossary.location import database_url
from glossary.search.live import LiveIndex

if TYPE_CHECKING:  # the store is opened lazily: ``find`` on an indexed SQLite file never imports SQLAlchemy
    from glossary.store import Store

log = logging.getLogger(__name__)


def open_store(url: str | None = None, *, create: bool = True, check_schema: bool = True) -> Store:
    """The glossary database at ``url`` (default: the configured one), ready for use."""
    from glossary.store import Store  # lazy for the CLI's cold start, see above

    store = Store.connect(url)
    try:
        if create:
            from glossary.load import ensure_created  # lazy: only a first use fills the database

            ensure_created(store)
        if check_schema:
            _upgrade_embedded(store)
            store.check_schema()
    except BaseException:
        store.close()
        raise
    return store


def _upgrade_embedded(store: Store) -> None:
    """Upgrade the embedded default database in place when its schema is older than this code's."""
    found = store.schema_revision()
    if found is None or found >= SCHEMA_REVISION or not store.is_embedded_default():
        return
    from sqlalchemy.exc import SQLAlchemyError  # lazy: an upgrade is rare

    from glossary import migrate  # lazy: Alembic is loaded only to upgrade

    log.warning("Upgrading the glossary database from schema %s to %s…", found, SCHEMA_REVISION)
    # Another process may be upgrading it at the same moment: check_schema looks again.
    with contextlib.suppress(SQLAlchemyError):
        migrate.upgrade(store)


class Glossary:
    """An open glossary: ``store`` (opened on first need) and ``index`` (its ``LiveIndex``).

    Give ``store`` to hold an already open store (which ``close`` then leaves open)."""

    def __init__(self, url: str | None = None, *, store: Store | None = None) -> None:
        self.url = store.url if store is not None else (url or database_url())
        self._store = store
        self._own_store = store is None
        self._lock = threading.Lock()
        self.index = LiveIndex(self.url, lambda: self.store)

    @property
    def store(self) -> Store:
        """The open store (opened, and created on first use, when first asked for)."""
        with self._lock:
            if self._store is None:
                self._store = open_store(self.url)
            return self._store

    def close(self) -> None:
        self.index.close()
        with self._lock:
            if self._own_store and self._store is not None:
                self._store.close()
                self._store = None

    def __enter__(self) -> Glossary:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def open_glossary(url: str | None = None) -> Glossary:
    """The configured glossary (use it as a context manager, or ``close`` it)."""
    return Glossary(url)
