"""Answering queries against the glossary: the one entry point of the CLI, the API and ``check``.

``find`` validates the query and the filters, asks the current search index
(``glossary.searcher``) for hits and returns CONTRACTS.md result objects, built from the
concept summaries the index stores.  ``find_batch`` runs it over a list of queries, turning
an invalid query into an ``error`` entry instead of stopping; ``suggest`` autocompletes.
Each accepts an open ``Store`` or a ``Searcher`` (``open_glossary()``: the CLI's fast path,
which opens the database only when the index must be built).

Scores are 0-100; a candidate under ``MIN_SCORE`` (``glossary.search.rank``) is not a
result, so an empty list means nothing was found.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from collections.abc import Iterator
from typing import TYPE_CHECKING
from typing import Any

from glossary.errors import BadInput
from glossary.records import KINDS
from glossary.results import result_from_summary
from glossary.search import MIN_SCORE  # noqa: F401 - documented cut-off, re-exported
from glossary.searcher import Searcher
from glossary.searcher import searcher_for

if TYPE_CHECKING:
    from glossary.search import Hit
    from glossary.search import SearchIndex
    from glossary.store import Store

DEFAULT_LIMIT = 10
MAX_LIMIT = 100
MAX_QUERY = 500


def open_glossary(url: str | None = None) -> Searcher:
    """A searcher on the configured database (use it as a context manager)."""
    return Searcher(url)


def _searcher(target: Store | Searcher) -> Searcher:
    return target if isinstance(target, Searcher) else searcher_for(target)


def check_query(query: str) -> str:
    if not isinstance(query, str) or not query.strip():
        raise BadInput("the query is empty")
    if len(query) > MAX_QUERY:
        raise BadInput(f"the query is {len(query)} characters long; the limit is {MAX_QUERY}")
    if any(ord(ch) < 32 and ch not in "\t" or 0x7F <= ord(ch) <= 0x9F for ch in query):
        raise BadInput("the query contains a control character")
    return query.strip().replace("\t", " ")


def check_filters(limit: int, kind: str | None) -> None:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise BadInput(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    if kind is not None and kind not in KINDS:
        raise BadInput(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")


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


def _results(searcher: Searcher, index: SearchIndex, hits: list[Hit]) -> list[dict[str, Any]]:
    summaries: dict[str, dict[str, Any]] = {}
    missing = []
    for hit in hits:
        payload = index.payload(hit.concept_id)
        if payload is None:
            missing.append(hit.concept_id)
        else:
            summaries[hit.concept_id] = json.loads(payload)
    if missing:  # an index without payloads: fetch those concepts
        from glossary.results import concept_summary

        for cid, concept in searcher.store().get_concepts(missing).items():
            summaries[cid] = concept_summary(concept)
    return [
        result_from_summary(
            summaries[hit.concept_id],
            score=hit.score,
            matched_text=hit.matched_text,
            matched_lang=hit.matched_lang,
            matched_type=hit.matched_type,
            how=hit.how,
            notice=hit.notice,
        )
        for hit in hits
        if hit.concept_id in summaries
    ]


def _find(
    searcher: Searcher,
    index: SearchIndex,
    query: str,
    *,
    limit: int = DEFAULT_LIMIT,
    kind: str | None = None,
    source: str | None = None,
    lang: str | None = None,
) -> list[dict[str, Any]]:
    query = check_query(query)
    check_filters(limit, kind)
    docs = source_docs(index, source)
    hits = index.search(query, limit=limit, kind=kind, docs=docs, lang=lang)
    return _results(searcher, index, hits)


def find(target: Store | Searcher, query: str, **filters: Any) -> list[dict[str, Any]]:
    """Result objects for ``query``, best first.  Filters: ``limit`` (1-100, default 10),
    ``kind``, ``source`` (file name or source id), ``lang`` (the query's language)."""
    searcher = _searcher(target)
    return _find(searcher, searcher.index(), query, **filters)


def find_batch(target: Store | Searcher, queries: Iterable[str], **filters: Any) -> Iterator[dict[str, Any]]:
    """One ``{"query", "results"[, "error"]}`` per query, in order; bad queries don't stop the run.
    Bad filters (limit, kind, source) raise ``BadInput`` here, before any query is answered."""
    searcher = _searcher(target)
    index = searcher.index()
    check_filters(filters.get("limit", DEFAULT_LIMIT), filters.get("kind"))
    source_docs(index, filters.get("source"))
    return _batch(searcher, index, queries, filters)


def _batch(
    searcher: Searcher, index: SearchIndex, queries: Iterable[str], filters: dict[str, Any]
) -> Iterator[dict[str, Any]]:
    for query in queries:
        try:
            yield {"query": query, "results": _find(searcher, index, query, **filters)}
        except BadInput as exc:
            yield {"query": query, "results": [], "error": str(exc)}


def suggest(target: Store | Searcher, prefix: str, *, limit: int = DEFAULT_LIMIT) -> list[dict[str, Any]]:
    """Autocomplete: result objects for forms starting with ``prefix`` first, then close matches."""
    searcher = _searcher(target)
    check_filters(limit, None)
    index = searcher.index()
    return _results(searcher, index, index.suggest(check_query(prefix), limit=limit))
