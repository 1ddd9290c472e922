"""The store, opened once per app (one pooled engine); each library call runs its own session.

``init_app`` opens the store the app's config names (``DATABASE_URL``, default: the
``GLOSSARY_DATABASE_URL`` setting or the data directory); ``get_store`` returns it
inside a request, ``close`` disposes of its connections (tests, shutdown).
"""

from __future__ import annotations

from flask import Flask
from flask import current_app

from glossary.store import Store

_KEY = "glossary.store"


def init_app(app: Flask) -> None:
    store = Store.open(app.config.get("DATABASE_URL"))
    app.extensions[_KEY] = store


def close(app: Flask) -> None:
    store = app.extensions.pop(_KEY, None)
    if store is not None:
        store.close()


def get_store() -> Store:
    return current_app.extensions[_KEY]
