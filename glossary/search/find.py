"""The query entry point: ``find``, ``find_page``, ``find_page_json``, ``find_batch`` and ``suggest``.

The CLI, the API and ``check`` call these with an open glossary (``glossary.service``):
each validates the query (``check_query``: the one validator, one limit, one message) and
the filters, asks the glossary's live index for hits and returns the result objects of
CONTRACTS.md, built from the concept summaries the index stores (``find_page_json``: each
result as its JSON bytes, cut from the stored summary's bytes, for the API).

Scores are 0-100; a candidate under ``MIN_SCORE`` (``glossary.search.rank``) is not a
result, so an empty list means nothing was found.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from collections.abc import Iterator
from typing import Any
from typing import Protocol

from glossary.errors import BadInput
from glossary.records import KINDS
from glossary.results import result_json
from glossary.results import search_summary
from glossary.search.index import Hit
from glossary.search.index import SearchIndex
from glossary.search.live import LiveIndex

DEFAULT_LIMIT = 10
MAX_LIMIT = 100
MAX_QUERY = 500  # characters, counted as given (surrounding spaces included)
LANGS = ("zh-Hant", "en")


class Searchable(Protocol):
    """What the entry points need of an open glossary: its live index."""

    @property
    def index(self) -> LiveIndex: ...


def check_query(query: object) -> str:
    """The query, stripped (tabs read as spaces), or ``BadInput`` saying what is wrong with it."""
    if not isinstance(query, str):
        raise BadInput(f"the query must be text, not {type(query).__name__}")
    if not query.strip():
        raise BadInput("the query is empty")
    if len(query) > MAX_QUERY:
        raise BadInput(f"the query is {len(query)} characters long; the limit is {MAX_QUERY}")
    for position, char in enumerate(query, 1):
        code = ord(char)
        if (code < 32 and char != "\t") or 0x7F <= code <= 0x9F or 0xD800 <= code <= 0xDFFF:
            raise BadInput(f"the query contains a control character (U+{code:04X}) at position {position}")
    return query.strip().replace("\t", " ")


def check_filters(limit: int = DEFAULT_LIMIT, kind: str | None = None, lang: str | None = None) -> None:
    """``BadInput`` naming the filter when ``limit`` (1-100), ``kind`` or ``lang`` is not valid."""
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise BadInput(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    if kind is not None and kind not in KINDS:
        raise BadInput(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    if lang is not None and lang not in LANGS:
        raise BadInput(f"the query language must be {' or '.join(LANGS)}, got {lang!r}")


def source_docs(index: SearchIndex, source: str | None) -> set[str] | None:
    """The report file names a ``--source`` value means: a file name, a source id, or the
    beginning of file names (``003``); ``BadInput`` when it names no report."""
    if source is None:
        return None
    files: dict[str, str] = index.meta.get("sources") or {}
    names = set(files.values())
    if source in names:
        return {source}
    if source in files:
        return {files[source]}
    matching = {name for name in names if source and name.startswith(source)}
    if matching:
        return matching
    raise BadInput(f"no source with id or file name {source!r} (see 'glossary stats')")


def check_source(glossary: Searchable, source: str | None) -> None:
    """``BadInput`` when ``source`` names no report of the glossary."""
    source_docs(glossary.index.current(), source)


def _results(live: LiveIndex, index: SearchIndex, hits: list[Hit]) -> list[dict[str, Any]]:
    """The results of ``hits`` as result objects: ``_results_json`` parsed (one way to make
    a result; a test holds the bytes to ``results.result_from_summary``)."""
    return [json.loads(result) for result in _results_json(live, index, hits)]


def _results_json(live: LiveIndex, index: SearchIndex, hits: list[Hit]) -> list[bytes]:
    """``_results`` as compact JSON bytes per result (``results.result_json``)."""
    payloads: dict[str, bytes] = {}
    missing = []
    for hit in hits:
        payload = index.payload(hit.concept_id)
        if payload is None:
            missing.append(hit.concept_id)
        else:
            payloads[hit.concept_id] = payload
    if missing:  # an index without payloads: fetch those concepts
        for cid, concept in live.store().get_concepts(missing).items():
            payloads[cid] = json.dumps(search_summary(concept), ensure_ascii=False).encode()
    return [
        result_json(
            payloads[hit.concept_id],
            score=hit.score,
            matched_text=hit.matched_text,
            matched_lang=hit.matched_lang,
            matched_type=hit.matched_type,
            how=hit.how,
            notice=hit.notice,
            quality=hit.quality,
            review_status="proposed" if hit.proposed_form else None,
        )
        for hit in hits
        if hit.concept_id in payloads
    ]


def _hits(
    index: SearchIndex,
    query: str,
    *,
    limit: int = DEFAULT_LIMIT,
    kind: str | None = None,
    source: str | None = None,
    lang: str | None = None,
) -> list[Hit]:
    query = check_query(query)
    check_filters(limit, kind, lang)
    docs = source_docs(index, source)
    return index.search(query, limit=limit, kind=kind, docs=docs, lang=lang)


def find(glossary: Searchable, query: str, **filters: Any) -> list[dict[str, Any]]:
    """Result objects for ``query``, best first.  Filters: ``limit`` (1-100, default 10),
    ``kind``, ``source`` (file name or source id), ``lang`` (the query's language)."""
    index = glossary.index.current()
    return _results(glossary.index, index, _hits(index, query, **filters))


def find_page(
    glossary: Searchable, query: str, *, offset: int = 0, limit: int = DEFAULT_LIMIT, **filters: Any
) -> tuple[int, list[dict[str, Any]]]:
    """(total, the results ``offset`` to ``offset + limit``): ``total`` counts every result
    above the cut-off, at most ``MAX_LIMIT``; one search, and only the page is rendered."""
    check_filters(limit, filters.get("kind"), filters.get("lang"))
    index = glossary.index.current()
    hits = _hits(index, query, limit=MAX_LIMIT, **filters)
    return len(hits), _results(glossary.index, index, hits[offset : offset + limit])


def find_page_json(
    glossary: Searchable,
    query: str,
    *,
    offset: int = 0,
    limit: int = DEFAULT_LIMIT,
    index: SearchIndex | None = None,
    **filters: Any,
) -> tuple[int, list[bytes]]:
    """``find_page`` with each result as its compact JSON bytes (``ensure_ascii`` off), the
    same object ``find_page`` gives; ``index``: the one the caller already holds (default:
    the current one)."""
    check_filters(limit, filters.get("kind"), filters.get("lang"))
    if index is None:
        index = glossary.index.current()
    hits = _hits(index, query, limit=MAX_LIMIT, **filters)
    return len(hits), _results_json(glossary.index, index, hits[offset : offset + limit])


def find_batch(glossary: Searchable, queries: Iterable[str], **filters: Any) -> Iterator[dict[str, Any]]:
    """One ``{"query", "results"[, "error"]}`` per query, in order; bad queries don't stop the run.
    Bad filters (limit, kind, source, lang) raise ``BadInput`` here, before any query is answered."""
    index = glossary.index.current()
    check_filters(filters.get("limit", DEFAULT_LIMIT), filters.get("kind"), filters.get("lang"))
    source_docs(index, filters.get("source"))
    return _batch(glossary.index, index, queries, filters)


def _batch(
    live: LiveIndex, index: SearchIndex, queries: Iterable[str], filters: dict[str, Any]
) -> Iterator[dict[str, Any]]:
    for query in queries:
        try:
            yield {"query": query, "results": _results(live, index, _hits(index, query, **filters))}
        except BadInput as exc:
            yield {"query": query, "results": [], "error": str(exc)}


def suggest(glossary: Searchable, prefix: str, *, limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
    """Autocomplete: result objects for forms starting with ``prefix`` first, then close matches."""
    prefix = check_query(prefix)
    check_filters(limit)
    index = glossary.index.current()
    return _results(glossary.index, index, index.suggest(prefix, limit=limit))
