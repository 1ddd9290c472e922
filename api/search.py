"""``/search``, ``/search/batch`` and ``/suggest``: lookups, as ``glossary find`` answers them.

Results are the result objects of ``glossary.search`` (CONTRACTS.md), sent as they are;
``/search`` writes its body from each result's JSON bytes (``search.find_page_json``), the
bytes ``jsonify`` would write for the same object.
"""

from __future__ import annotations

import json
from json.encoder import encode_basestring
from typing import Any

from flask import Response
from flask import current_app
from flask import jsonify

from api.auth import READS
from api.auth import read_access
from api.cache import cached
from api.conditions import accepts
from api.db import current_index
from api.db import get_glossary
from api.errors import bad_parameter
from api.pages import LINK_HEADER
from api.pages import with_page_links
from api.schemas import BatchBody
from api.schemas import BatchResponse
from api.schemas import SearchArgs
from api.schemas import SearchResponse
from api.schemas import SuggestArgs
from api.schemas import SuggestResponse
from api.spec import Blueprint
from glossary import search as lookup
from glossary.errors import BadInput
from glossary.languages import canonical_lang

blp = Blueprint("search", __name__, url_prefix="/api/v1", description="Look terms up")
READ = {"security": READS}


def _filters(lang: str | None = None, kind: str | None = None, source: str | None = None) -> dict[str, Any]:
    """The filters, each checked with its parameter named (the query is checked by the lookup)."""
    if lang is not None:
        try:
            lang = canonical_lang(lang)
            lookup.check_filters(lang=lang)
        except BadInput as exc:
            raise bad_parameter("lang", str(exc)) from None
    if source is not None:
        try:
            lookup.check_source(get_glossary(), source)
        except BadInput as exc:
            raise bad_parameter("source", str(exc)) from None
    return {"lang": lang, "kind": kind, "source": source}


@blp.route("/search")
@read_access
@cached
@blp.arguments(SearchArgs(), location="query", as_kwargs=True)
@blp.response(200, SearchResponse, headers=LINK_HEADER)
@blp.doc(**READ)
def search(q: str, limit: int, offset: int, **filters: str | None) -> Any:
    """Look a term up: acronym, English or Chinese (Traditional or Simplified).

    `total` counts the results above the score cut-off (at most 100); `offset` and
    `limit` select a page of them.  A pasted query works too (`中文（ABBR）`, `中文 ABBR`,
    `English (ABBR)`, the term with some of its sentence around it, `DPPs`). Each result
    says its `quality`: `exact` (the query is one of the concept's forms, or a pair that
    agrees with it), `close` (score 80 or more) or `weak` (only the closest there is).
    """
    options = _filters(**filters)
    try:
        total, results = lookup.find_page_json(
            get_glossary(), q, offset=offset, limit=limit, index=current_index(), **options
        )
    except BadInput as exc:  # the query itself (the other parameters are checked before)
        raise bad_parameter("q", str(exc)) from None
    return with_page_links(_search_answer(q, total, results), total, limit, offset)


def _search_answer(query: str, total: int, results: list[bytes]) -> Response:
    """``jsonify({"query": query, "total": total, "results": [...]})``, assembled from the
    results' bytes: compact, UTF-8 unescaped, a final newline (Flask's compact output;
    in debug mode, where Flask indents, jsonify itself writes it)."""
    if current_app.debug or getattr(current_app.json, "compact", None) is False:
        return jsonify({"query": query, "total": total, "results": [json.loads(r) for r in results]})
    body = b"".join(
        (
            b'{"query":',
            encode_basestring(query).encode("utf-8"),
            b',"total":%d,"results":[' % total,
            b",".join(results),
            b"]}\n",
        )
    )
    return current_app.response_class(body, mimetype="application/json")


@blp.route("/search/batch", methods=["POST"])
@read_access
@accepts("application/json")
@blp.arguments(BatchBody(), as_kwargs=True)
@blp.response(200, BatchResponse)
@blp.doc(**READ)
def search_batch(queries: list[str], limit: int, **filters: str | None) -> Any:
    """Look up to 1000 terms up at once; an invalid query gets an `error` and the others go on."""
    options = _filters(**filters)
    items = list(lookup.find_batch(get_glossary(), queries, limit=limit, **options))
    return jsonify({"items": items})


@blp.route("/suggest")
@read_access
@cached
@blp.arguments(SuggestArgs(), location="query", as_kwargs=True)
@blp.response(200, SuggestResponse)
@blp.doc(**READ)
def suggest(q: str, limit: int) -> Any:
    """Autocomplete: forms that start with what was typed first, then other close matches."""
    try:
        found = lookup.suggest(get_glossary(), q, limit=limit)
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
