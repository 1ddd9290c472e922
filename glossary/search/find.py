"""``find``: search hits turned into the result objects of CONTRACTS.md.

The index keeps only what ranking needs; the caller supplies ``concepts_lookup``, which
fetches the full concepts of the top hits (from the database, a CSV, a dict...).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from glossary.records import Concept
from glossary.results import result_object
from glossary.search.index import SearchIndex


def find(
    concepts_lookup: Callable[[list[str]], dict[str, Concept]],
    index: SearchIndex,
    query: str,
    **filters: Any,
) -> list[dict[str, Any]]:
    """``index.search(query, **filters)`` as result dicts, best first.  Hits whose concept
    the lookup no longer knows (deleted meanwhile) are left out."""
    hits = index.search(query, **filters)
    if not hits:
        return []
    concepts = concepts_lookup([h.concept_id for h in hits])
    results = []
    for hit in hits:
        concept = concepts.get(hit.concept_id)
        if concept is None:
            continue
        results.append(
            result_object(
                concept,
                score=hit.score,
                matched_text=hit.matched_text,
                matched_lang=hit.matched_lang,
                matched_type=hit.matched_type,
                how=hit.how,
                notice=hit.notice,
            )
        )
    return results
