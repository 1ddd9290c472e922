"""The open glossary of an app: one ``Glossary`` (store and live index), built by the factory.

``init_app`` opens the glossary the app's config names (``DATABASE_URL``, default: the
``GLOSSARY_DATABASE_URL`` setting or the data directory); ``get_glossary`` and
``get_store`` return it inside a request; ``close`` releases its connections (tests,
shutdown).
"""

from __future__ import annotations

from flask import Flask
from flask import current_app

from glossary.service import Glossary
from glossary.service import open_store
from glossary.store import Store

_KEY = "glossary"


def init_app(app: Flask) -> None:
    store = open_store(app.config.get("DATABASE_URL"))  # now: a bad setting stops the app's start
    app.extensions[_KEY] = Glossary(store=store)


def close(app: Flask) -> None:
    heavy = app.extensions.pop("heavy", None)
    if heavy is not None:
        heavy.close()
    glossary = app.extensions.pop(_KEY, None)
    if glossary is not None:
        glossary.close()
        glossary.store.close()


def get_glossary() -> Glossary:
    return current_app.extensions[_KEY]


def get_store() -> Store:
    return get_glossary().store
