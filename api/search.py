"""``/search``, ``/search/batch`` and ``/suggest``: lookups, as ``glossary find`` answers them.

Results are the result objects of ``glossary.lookup`` (CONTRACTS.md), sent as they are.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify

from api.auth import BEARER
from api.auth import read_access
from api.cache import cached
from api.conditions import accepts
from api.db import get_store
from api.errors import bad_parameter
from api.schemas import BatchBody
from api.schemas import BatchResponse
from api.schemas import SearchArgs
from api.schemas import SearchResponse
from api.schemas import SuggestArgs
from api.schemas import SuggestResponse
from api.spec import Blueprint
from glossary import lookup
from glossary.errors import BadInput
from glossary.languages import canonical_lang
from glossary.searcher import searcher_for
from glossary.store import Store

blp = Blueprint("search", __name__, url_prefix="/api/v1", description="Look terms up")
READ = {"security": [{}, BEARER]}


def _query(q: str) -> str:
    try:
        return lookup.check_query(q)
    except BadInput as exc:
        raise bad_parameter("q", str(exc)) from None


def _filters(
    store: Store, lang: str | None = None, kind: str | None = None, source: str | None = None
) -> dict[str, Any]:
    if lang is not None:
        try:
            lang = canonical_lang(lang)
        except BadInput as exc:
            raise bad_parameter("lang", str(exc)) from None
        if lang not in ("zh-Hant", "en"):
            raise bad_parameter("lang", f"the query language must be zh-Hant or en, got {lang!r}")
    if source is not None:
        try:
            lookup.source_docs(searcher_for(store).index(), source)
        except BadInput as exc:
            raise bad_parameter("source", str(exc)) from None
    return {"lang": lang, "kind": kind, "source": source}


def _find(store: Store, query: str, **options: Any) -> list[dict[str, Any]]:
    try:
        return lookup.find(store, query, **options)
    except BadInput as exc:  # the query itself (the other parameters are checked before)
        raise bad_parameter("q", str(exc)) from None


@blp.route("/search")
@read_access
@cached
@blp.arguments(SearchArgs(), location="query", as_kwargs=True)
@blp.response(200, SearchResponse)
@blp.doc(**READ)
def search(q: str, limit: int, offset: int, **filters: str | None) -> Any:
    """Look a term up: acronym, English or Chinese (Traditional or Simplified).

    `total` counts the results above the score cut-off (at most 100); `offset` and
    `limit` select a page of them.
    """
    store = get_store()
    query = _query(q)
    options = _filters(store, **filters)
    wanted = min(offset + limit, lookup.MAX_LIMIT)
    results = _find(store, query, limit=wanted, **options)
    total = len(results)
    if total == wanted and wanted < lookup.MAX_LIMIT:
        total = len(_find(store, query, limit=lookup.MAX_LIMIT, **options))
    return jsonify({"query": q, "total": total, "results": results[offset : offset + limit]})


@blp.route("/search/batch", methods=["POST"])
@read_access
@accepts("application/json")
@blp.arguments(BatchBody(), as_kwargs=True)
@blp.response(200, BatchResponse)
@blp.doc(**READ)
def search_batch(queries: list[str], limit: int, **filters: str | None) -> Any:
    """Look up to 1000 terms up at once; an invalid query gets an `error` and the others go on."""
    store = get_store()
    options = _filters(store, **filters)
    items = list(lookup.find_batch(store, queries, limit=limit, **options))
    return jsonify({"items": items})


@blp.route("/suggest")
@read_access
@cached
@blp.arguments(SuggestArgs(), location="query", as_kwargs=True)
@blp.response(200, SuggestResponse)
@blp.doc(**READ)
def suggest(q: str, limit: int) -> Any:
    """Autocomplete: forms that start with what was typed first, then other close matches."""
    store = get_store()
    query = _query(q)
    try:
        found = lookup.suggest(store, query, limit=limit)
    except BadInput as exc:
        raise bad_parameter("q", str(exc)) from None
    suggestions = [
        {
            "text": r["matched"]["text"],
            "id": r["id"],
            "zh": r["zh"],
            "en": r["en"],
            "abbr": r["abbr"],
            "kind": r["kind"],
        }
        for r in found
    ]
    return jsonify({"query": q, "suggestions": suggestions})
