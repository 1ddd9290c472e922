"""A per-process cache of search and suggest answers, valid for one index of the glossary.

A search answer depends only on the request's query string and the search index that
answered it; every write bumps the revision, and the live index follows it (one indexed
SELECT per request), handing out another index object. The cache is keyed on that object,
so it empties itself when the index moved on, and keeps answering from the previous
revision's entries while a bulk revision is indexed in the background. A hit is
answered before the parameters are parsed again: the key is the raw query string, and
only successful answers are kept. Size: ``GLOSSARY_SEARCH_CACHE`` entries per worker
process (0 turns the cache off).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from collections.abc import Hashable
from functools import wraps
from typing import Any

from cachetools import LRUCache
from flask import current_app
from flask import request

from api.db import current_index

_KEY = "glossary.search_cache"
KEPT_HEADERS = ("Link",)  # what a cached answer says besides its body (the pages around it)

Answer = tuple[bytes, tuple[tuple[str, str], ...]]


class ResponseCache:
    def __init__(self, size: int) -> None:
        self.size = size
        self._entries: LRUCache[Hashable, Answer] = LRUCache(max(size, 1))
        self._revision: object = None  # the index the entries came from
        self._lock = threading.Lock()  # cachetools' caches are not thread-safe

    def get(self, revision: object, key: Hashable) -> Answer | None:
        with self._lock:
            if revision is not self._revision:
                self._entries.clear()
                self._revision = revision
            return self._entries.get(key)  # a hit becomes the most recently used

    def put(self, revision: object, key: Hashable, answer: Answer) -> None:
        with self._lock:
            if revision is not self._revision or self.size <= 0:
                return  # the glossary moved on while this answer was made
            self._entries[key] = answer  # the least recently used goes when full


def init_app(app: Any, size: int) -> None:
    app.extensions[_KEY] = ResponseCache(size)


def cached(view: Callable[..., Any]) -> Callable[..., Any]:
    """Answer a GET from the cache when the same query string was answered at this revision."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        cache: ResponseCache = current_app.extensions[_KEY]
        if cache.size <= 0:
            return view(*args, **kwargs)
        revision = current_index()
        key = (request.endpoint, request.query_string)
        hit = cache.get(revision, key)
        if hit is not None:
            body, headers = hit
            return current_app.response_class(body, mimetype="application/json", headers=list(headers))
        response = view(*args, **kwargs)
        if response.status_code == 200:
            kept = tuple((name, response.headers[name]) for name in KEPT_HEADERS if name in response.headers)
            cache.put(revision, key, (response.get_data(), kept))
        return response

    return wrapper
