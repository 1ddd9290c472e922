"""The open glossary of an app: one ``Glossary`` (store and live index), built by the factory.

``init_app`` opens the glossary the app's config names (``DATABASE_URL``, default: the
``GLOSSARY_DATABASE_URL`` setting or the data directory) and starts bringing its search
index to the current revision in a thread (``INDEX_AT_START``, default on), so that the
index is ready before traffic comes (``/health`` says "starting" until then), reading the
glossary's revision at most every ``REVISION_CHECK_MS`` (``LiveIndex.recheck_s``);
``get_glossary`` and ``get_store`` return it inside a request, ``current_index`` the
search index the request keeps from its first use on (the revision is read once per
request, not once per caller); ``close`` releases its connections (tests, shutdown).
"""

from __future__ import annotations

from flask import Flask
from flask import current_app
from flask import g

from glossary.search import SearchIndex
from glossary.service import Glossary
from glossary.service import open_store
from glossary.store import Store

_KEY = "glossary"


def init_app(app: Flask, recheck_s: float = 0.0) -> None:
    store = open_store(app.config.get("DATABASE_URL"))  # now: a bad setting stops the app's start
    glossary = Glossary(store=store)
    glossary.index.recheck_s = recheck_s  # the revision read at most this often (own writes: at once)
    app.extensions[_KEY] = glossary
    if app.config.get("INDEX_AT_START", True):
        glossary.index.prepare_in_background()


def close(app: Flask) -> None:
    heavy = app.extensions.pop("heavy", None)
    if heavy is not None:
        heavy.close()
    glossary = app.extensions.pop(_KEY, None)
    if glossary is not None:
        glossary.index.wait(60)  # a start-up build still reading the store
        glossary.close()
        glossary.store.close()


def get_glossary() -> Glossary:
    return current_app.extensions[_KEY]


def current_index() -> SearchIndex:
    """The search index of this request: the live index's current one at the first call,
    the same one after (the response cache's key and the lookup agree on it)."""
    index: SearchIndex | None = g.get("search_index")
    if index is None:
        index = g.search_index = get_glossary().index.current()
    return index


def get_store() -> Store:
    return get_glossary().store
