"""Read-only listings of the glossary: counts, sources, concept pages, the change log."""

from __future__ import annotations

import difflib
from typing import Any

from sqlalchemy import distinct
from sqlalchemy import func
from sqlalchemy import select

from glossary.errors import NotFound
from glossary.errors import quoted
from glossary.forms import identity_key
from glossary.forms import writes_han
from glossary.models import ChangeLogEntry
from glossary.models import CitationRow
from glossary.models import ConceptRow
from glossary.models import SourceRow
from glossary.models import TermRow
from glossary.store import Store


def stats(store: Store) -> dict[str, Any]:
    """Concept counts by kind, by review status, by source and by source and kind (a concept
    that several reports state counts once in each), plus the revision."""
    with store.session() as session:
        by_kind = dict(session.execute(select(ConceptRow.kind, func.count()).group_by(ConceptRow.kind)).all())
        by_review = dict(
            session.execute(
                select(ConceptRow.review_status, func.count()).group_by(ConceptRow.review_status)
            ).all()
        )
        by_source = dict(
            session.execute(
                select(SourceRow.file_name, func.count(distinct(CitationRow.concept_id)))
                .join(CitationRow, CitationRow.source_id == SourceRow.id)
                .group_by(SourceRow.file_name)
                .order_by(SourceRow.file_name)
            ).all()
        )
        by_source_kind: dict[str, dict[str, int]] = {}
        for file_name, kind, count in session.execute(
            select(SourceRow.file_name, ConceptRow.kind, func.count(distinct(CitationRow.concept_id)))
            .join(CitationRow, CitationRow.source_id == SourceRow.id)
            .join(ConceptRow, ConceptRow.id == CitationRow.concept_id)
            .group_by(SourceRow.file_name, ConceptRow.kind)
            .order_by(SourceRow.file_name, ConceptRow.kind)
        ).all():
            by_source_kind.setdefault(file_name, {})[kind] = count
        total = session.scalar(select(func.count()).select_from(ConceptRow)) or 0
    return {
        "concepts": total,
        "by_kind": dict(sorted(by_kind.items())),
        "by_review_status": dict(sorted(by_review.items())),
        "by_source": by_source,
        "by_source_and_kind": by_source_kind,
        "revision": store.revision(),
    }


def sources(store: Store) -> list[dict[str, Any]]:
    with store.session() as session:
        counts = dict(
            session.execute(
                select(CitationRow.source_id, func.count(distinct(CitationRow.concept_id))).group_by(
                    CitationRow.source_id
                )
            ).all()
        )
        rows = session.scalars(select(SourceRow).order_by(SourceRow.id)).all()
        return [_source_dict(row, counts.get(row.id, 0)) for row in rows]


def _source_dict(row: SourceRow, concepts: int) -> dict[str, Any]:
    return {
        "id": row.id,
        "file_name": row.file_name,
        "title": row.title,
        "issuing_body": row.issuing_body,
        "date": row.date,
        "concepts": concepts,
    }


def source(store: Store, source_id: str) -> tuple[dict[str, Any], list[str]]:
    """A source (by id or file name) and the ids of the concepts it states."""
    with store.session() as session:
        row = session.get(SourceRow, source_id) or session.scalar(
            select(SourceRow).where(SourceRow.file_name == source_id)
        )
        if row is None:
            raise NotFound(f"no source with id or file name {quoted(source_id)}")
        ids = list(
            session.scalars(
                select(CitationRow.concept_id)
                .distinct()
                .where(CitationRow.source_id == row.id)
                .order_by(CitationRow.concept_id)
            )
        )
        return _source_dict(row, len(ids)), ids


def source_file_names(store: Store, source: str) -> set[str]:
    """File names a ``--source`` filter means: the source with that id or that file name."""
    with store.session() as session:
        row = session.get(SourceRow, source) or session.scalar(
            select(SourceRow).where(SourceRow.file_name == source)
        )
        if row is None:
            raise NotFound(f"no source with id or file name {quoted(source)} (see 'glossary stats')")
        return {row.file_name}


def concept_ids(
    store: Store,
    *,
    kind: str | None = None,
    review_status: str | None = None,
    subject: str | None = None,
    source: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> tuple[int, list[str]]:
    """A page of concept ids matching the filters, and the total count."""
    query = select(ConceptRow.id)
    if kind:
        query = query.where(ConceptRow.kind == kind)
    if review_status:
        query = query.where(ConceptRow.review_status == review_status)
    if subject:
        query = query.where(ConceptRow.subject == subject)
    if source:
        files = source_file_names(store, source)
        query = query.where(
            ConceptRow.id.in_(
                select(CitationRow.concept_id)
                .join(SourceRow, SourceRow.id == CitationRow.source_id)
                .where(SourceRow.file_name.in_(files))
            )
        )
    with store.session() as session:
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        ids = list(session.scalars(query.order_by(ConceptRow.id).limit(limit).offset(offset)))
    return total, ids


def history(store: Store, concept_id: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
    """Change-log entries, newest first (for one concept when ``concept_id`` is given)."""
    query = select(ChangeLogEntry).order_by(ChangeLogEntry.id.desc()).limit(limit)
    if concept_id:
        query = query.where(ChangeLogEntry.concept_id == concept_id)
    with store.session() as session:
        return [
            {
                "at": entry.at.isoformat(timespec="seconds") if entry.at else "",
                "who": entry.who,
                "action": entry.action,
                "concept_id": entry.concept_id,
                "detail": entry.detail,
            }
            for entry in session.scalars(query)
        ]


def concepts_named(store: Store, name: str) -> list[str]:
    """The ids of the concepts ``name`` stands for: an id, or one of their forms of any kind
    (acronym, Chinese — Traditional or Simplified — or English, compared by ``identity_key``).

    Several ids when concepts share a form (EPA); none when nothing matches.
    """
    with store.session() as session:
        if session.get(ConceptRow, name) is not None:
            return [name]
        keys = [identity_key(name)]
        if writes_han(name):
            from glossary.normalize import to_taiwan

            keys.append(identity_key(to_taiwan(name)))
        ids = session.scalars(
            select(TermRow.concept_id)
            .where(TermRow.match_key.in_(keys))
            .distinct()
            .order_by(TermRow.concept_id)
        ).all()
        return list(ids)


def similar_ids(store: Store, name: str, limit: int = 5) -> list[str]:
    """Concept ids that look like ``name`` (a mistyped id, or words of one), for a "did you mean"."""
    with store.session() as session:
        ids = session.scalars(select(ConceptRow.id)).all()
    wanted = "-".join(name.lower().split())
    typed = wanted.split("-")
    # The words typed so far, each the start of an id's word in turn (digital-econ ->
    # digital-economy-steering-group), come first: that is how ids are typed.
    begun = sorted((i for i in ids if _begins_words(i.split("-"), typed)), key=len)
    close = difflib.get_close_matches(wanted, ids, n=limit, cutoff=0.6)
    containing = sorted((i for i in ids if wanted and wanted in i), key=len)
    return list(dict.fromkeys(begun + close + containing))[:limit]


def _begins_words(words: list[str], typed: list[str]) -> bool:
    """Whether each typed word begins the id's word in the same place (all typed words non-empty)."""
    if len(typed) > len(words) or not all(typed):
        return False
    return all(word.startswith(part) for word, part in zip(words, typed, strict=False))
