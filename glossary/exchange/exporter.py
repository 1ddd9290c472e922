"""Exporting the glossary (or a filtered part of it) as TBX, TBX v3, CSV, XLSX or a JSON dump.

Concepts stream from ``Store.all_concepts()`` in id order, so the output is
deterministic and memory stays flat however large the glossary. Filters: kind,
review status, subject, and source (a report's id or file name: the concepts it
states). The revision is read before and after, so the caller can warn when the
glossary changed while it was being written.
"""

from __future__ import annotations

from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy import select

from glossary.catalog import source_file_names
from glossary.errors import BadInput
from glossary.errors import quoted
from glossary.exchange.common import EXPORT_FORMATS
from glossary.exchange.common import SourceInfo
from glossary.exchange.csv_format import write_csv
from glossary.exchange.json_dump import write_dump
from glossary.exchange.tbx import write_tbx
from glossary.exchange.xlsx import write_xlsx
from glossary.models import ConceptRow
from glossary.models import SourceRow
from glossary.records import KINDS
from glossary.records import REVIEW_STATUSES
from glossary.records import Concept
from glossary.store import Store

_CHUNK = 2000


@dataclass
class ExportResult:
    count: int
    revision_changed: bool  # the glossary was written to during the export: run it again


def export(
    store: Store,
    fmt: str,
    out: BinaryIO,
    *,
    kind: str | None = None,
    review_status: str | None = None,
    subject: str | None = None,
    source: str | None = None,
    excel: bool = False,
    zh_tag: str | None = None,
) -> ExportResult:
    """Write the concepts matching the filters to ``out`` (a binary stream) in format ``fmt``."""
    if fmt not in EXPORT_FORMATS:
        raise BadInput(f"unknown format {quoted(fmt)}; expected one of {', '.join(EXPORT_FORMATS)}")
    if excel and fmt != "csv":
        raise BadInput("--excel applies to --format csv only")
    if zh_tag is not None and fmt not in ("tbx", "tbx3"):
        raise BadInput("--zh-tag applies to --format tbx and tbx3 only")
    if kind is not None and kind not in KINDS:
        raise BadInput(f"unknown kind {quoted(kind)}; expected one of {', '.join(KINDS)}")
    if review_status is not None and review_status not in REVIEW_STATUSES:
        raise BadInput(
            f"unknown review status {quoted(review_status)}; expected one of {', '.join(REVIEW_STATUSES)}"
        )
    before = store.revision()
    concepts = select_concepts(store, kind=kind, review_status=review_status, subject=subject, source=source)
    if fmt in ("tbx", "tbx3"):
        count = write_tbx(concepts, out, version=3 if fmt == "tbx3" else 2, zh_tag=zh_tag or "zh-Hant")
    elif fmt == "csv":
        count = write_csv(concepts, out, excel=excel)
    elif fmt == "xlsx":
        count = write_xlsx(concepts, out)
    else:
        count = write_dump(with_origin_hashes(store, concepts), all_sources(store), out)
    return ExportResult(count, store.revision() != before)


def select_concepts(
    store: Store,
    *,
    kind: str | None = None,
    review_status: str | None = None,
    subject: str | None = None,
    source: str | None = None,
) -> Iterator[Concept]:
    """The concepts matching the filters, streamed in id order."""
    files: set[str] | None = None
    if source:
        files = source_file_names(store, source)
    for concept in store.all_concepts(kind=kind, review_status=review_status, subject=subject):
        if files is None or _cites(concept, files):
            yield concept


def _cites(concept: Concept, files: set[str]) -> bool:
    docs = {c.doc for c in concept.citations}
    docs.update(d.citation.doc for d in concept.definitions if d.citation)
    return bool(docs & files)


def with_origin_hashes(store: Store, concepts: Iterable[Concept]) -> Iterator[tuple[Concept, str | None]]:
    """Pair each concept with its sync fingerprint (``ConceptRow.origin_hash``), a chunk at a time."""
    chunk: list[Concept] = []

    def flush() -> Iterator[tuple[Concept, str | None]]:
        with store.session() as session:
            hashes = dict(
                session.execute(
                    select(ConceptRow.id, ConceptRow.origin_hash).where(
                        ConceptRow.id.in_([c.id for c in chunk])
                    )
                ).all()
            )
        for concept in chunk:
            yield concept, hashes.get(concept.id)

    for concept in concepts:
        chunk.append(concept)
        if len(chunk) >= _CHUNK:
            yield from flush()
            chunk = []
    if chunk:
        yield from flush()


def all_sources(store: Store) -> list[SourceInfo]:
    with store.session() as session:
        rows = session.scalars(select(SourceRow).order_by(SourceRow.id)).all()
        return [
            SourceInfo(
                id=r.id, file_name=r.file_name, title=r.title, issuing_body=r.issuing_body, date=r.date
            )
            for r in rows
        ]
