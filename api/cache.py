"""A per-process cache of search and suggest answers, valid for one glossary revision.

A search answer depends only on the request's query string and the glossary's content;
every write bumps the revision, so an answer cached under revision N is right until
the revision moves, in this process or in any other worker. Each request reads the
revision (one indexed SELECT) and the cache empties itself when it has moved. A hit is
answered before the parameters are parsed again: the key is the raw query string, and
only successful answers are kept. Size: ``GLOSSARY_SEARCH_CACHE`` entries per worker
process (0 turns the cache off).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from collections.abc import Hashable
from functools import wraps
from typing import Any

from flask import current_app
from flask import request

from api.db import get_store
from glossary.store import Store

_KEY = "glossary.search_cache"


def current_revision(store: Store) -> int:
    """``Store.revision()`` as one plain statement: this runs on every search, so it is kept lean."""
    with store.engine.connect() as conn:
        value = conn.exec_driver_sql("SELECT value FROM meta WHERE key = 'revision'").scalar()
    return int(value or 0)


class ResponseCache:
    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: OrderedDict[Hashable, bytes] = OrderedDict()
        self._revision: int | None = None
        self._lock = threading.Lock()

    def get(self, revision: int, key: Hashable) -> bytes | None:
        with self._lock:
            if revision != self._revision:
                self._entries.clear()
                self._revision = revision
            body = self._entries.get(key)
            if body is not None:
                self._entries.move_to_end(key)
            return body

    def put(self, revision: int, key: Hashable, body: bytes) -> None:
        with self._lock:
            if revision != self._revision or self.size <= 0:
                return  # the glossary moved on while this answer was made
            self._entries[key] = body
            if len(self._entries) > self.size:
                self._entries.popitem(last=False)


def init_app(app: Any, size: int) -> None:
    app.extensions[_KEY] = ResponseCache(size)


def cached(view: Callable[..., Any]) -> Callable[..., Any]:
    """Answer a GET from the cache when the same query string was answered at this revision."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        cache: ResponseCache = current_app.extensions[_KEY]
        if cache.size <= 0:
            return view(*args, **kwargs)
        revision = current_revision(get_store())
        key = (request.endpoint, request.query_string)
        body = cache.get(revision, key)
        if body is not None:
            return current_app.response_class(body, mimetype="application/json")
        response = view(*args, **kwargs)
        if response.status_code == 200:
            cache.put(revision, key, response.get_data())
        return response

    return wrapper
