"""Answering a query against an open store: the glue between the database and the search engine.

``find`` validates the query, asks the search index for hits, fetches the concepts of
the top hits and returns CONTRACTS.md result objects. ``find_batch`` runs it over a
list of queries, turning an invalid query into an ``error`` entry instead of stopping.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator
from typing import Any

from sqlalchemy import func
from sqlalchemy import select

from glossary.errors import BadInput
from glossary.models import TermRow
from glossary.records import KINDS
from glossary.results import result_object
from glossary.store import Store

DEFAULT_LIMIT = 10
MAX_LIMIT = 100
MAX_QUERY = 500


def check_query(query: str) -> str:
    if not isinstance(query, str) or not query.strip():
        raise BadInput("the query is empty")
    if len(query) > MAX_QUERY:
        raise BadInput(f"the query is {len(query)} characters long; the limit is {MAX_QUERY}")
    if any(ord(ch) < 32 and ch not in "\t" or 0x7F <= ord(ch) <= 0x9F for ch in query):
        raise BadInput("the query contains a control character")
    return query.strip()


def check_filters(limit: int, kind: str | None) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise BadInput(f"limit must be between 1 and {MAX_LIMIT}, got {limit}")
    if kind is not None and kind not in KINDS:
        raise BadInput(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")


def find(
    store: Store,
    query: str,
    *,
    limit: int = DEFAULT_LIMIT,
    kind: str | None = None,
    source: str | None = None,
    lang: str | None = None,
) -> list[dict[str, Any]]:
    """Result objects for ``query``, best first (exact, case-insensitive matching)."""
    query = check_query(query)
    check_filters(limit, kind)
    with store.session() as session:
        rows = session.execute(
            select(TermRow.concept_id, TermRow.text, TermRow.lang, TermRow.type, TermRow.status).where(
                func.lower(TermRow.text) == query.lower()
            )
        ).all()
    concepts = store.get_concepts(r.concept_id for r in rows)
    results = []
    seen: set[str] = set()
    for row in rows:
        concept = concepts.get(row.concept_id)
        if concept is None or concept.id in seen or (kind and concept.kind != kind):
            continue
        if source and not any(c.doc == source or c.doc.startswith(source) for c in concept.citations):
            continue
        seen.add(concept.id)
        how = "exact" if row.text == query else "normalized"
        results.append(
            result_object(
                concept,
                score=100.0 if how == "exact" else 99.0,
                matched_text=row.text,
                matched_lang=row.lang,
                matched_type=row.type,
                how="acronym" if row.type == "acronym" and how != "exact" else how,
            )
        )
    return results[:limit]


def find_batch(store: Store, queries: Iterable[str], **filters: Any) -> Iterator[dict[str, Any]]:
    """One ``{"query", "results"[, "error"]}`` per query, in order; bad queries don't stop the run."""
    for query in queries:
        try:
            yield {"query": query, "results": find(store, query, **filters)}
        except BadInput as exc:
            yield {"query": query, "results": [], "error": str(exc)}
