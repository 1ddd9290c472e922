"""Importing a TBX, CSV, XLSX or JSON file into the glossary, in one transaction.

Readers stream the file as validated ``Incoming`` concepts; this module takes them in
batches and, for each, applies the one duplicate rule (``glossary.identity``: same
acronym and English, or same Chinese) plus "same id", against the database *and* the
concepts already taken from the same file. ``--on-duplicate`` then decides: ``skip``
(keep what is stored), ``merge`` (add the new forms, definitions and citations to the
stored concept; a second preferred form of a role becomes admitted) or ``fail``.

New concepts are written with bulk inserts (``glossary.exchange.bulk``: multi-row
executemany on SQLite, COPY on PostgreSQL), not one ORM object per row; merges, which
are few, go through the ORM. Everything happens in one transaction: the first invalid
row or element raises ``BadInput`` naming the file, row/element and field, and nothing
is changed; readers never see a half-imported glossary. The revision is bumped once
and every added or merged concept gets a change-log entry. ``dry_run`` does the same
work and rolls it back, so its report is exactly what an import would do.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from collections.abc import Iterator
from concurrent.futures import Future
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import wait
from pathlib import Path
from typing import Any

from sqlalchemy import Text
from sqlalchemy import any_
from sqlalchemy import bindparam
from sqlalchemy import func
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session

from glossary import changelog
from glossary.changelog import CHANGE_LIMIT
from glossary.changelog import bump_revision
from glossary.errors import BadInput
from glossary.errors import ConfigError
from glossary.exchange.bulk import BulkWriter
from glossary.exchange.bulk import Statement
from glossary.exchange.bulk import bulk_transaction
from glossary.exchange.common import Incoming
from glossary.exchange.common import SourceInfo
from glossary.exchange.common import format_for
from glossary.exchange.csv_format import read_csv
from glossary.exchange.json_dump import read_dump
from glossary.exchange.merging import duplicate_reason
from glossary.exchange.merging import merge_concepts
from glossary.exchange.report import ImportReport
from glossary.exchange.tbx import read_tbx
from glossary.exchange.xlsx import read_xlsx
from glossary.identity import identity_key
from glossary.identity import same_concept
from glossary.ids import is_valid_id
from glossary.ids import mint_id
from glossary.load import SourceRegistry
from glossary.models import ChangeLogEntry
from glossary.models import CitationRow
from glossary.models import ConceptRow
from glossary.models import DefinitionRow
from glossary.models import SourceRow
from glossary.models import TermRow
from glossary.models import utcnow
from glossary.progress import NO_PROGRESS
from glossary.progress import Progress
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Term
from glossary.rows import concept_from_row
from glossary.rows import fill_row
from glossary.store import Store

ON_DUPLICATE = ("skip", "merge", "fail")
BATCH = 2000
IN_CHUNK = 5000  # values per SQL IN (...) list
CONCEPT_COLUMNS = (
    "id",
    "kind",
    "subject",
    "issuing_body",
    "note",
    "review_status",
    "version",
    "origin_hash",
    "created_at",
    "updated_at",
)
TERM_COLUMNS = (
    "concept_id",
    "position",
    "lang",
    "text",
    "type",
    "status",
    "note",
    "confidence",
    "letter_agreement",
    "match_key",
)
DEFINITION_COLUMNS = ("id", "concept_id", "position", "lang", "text")
CITATION_COLUMNS = (
    "concept_id",
    "definition_id",
    "source_id",
    "position",
    "term_text",
    "section",
    "line",
    "quote",
)
LOG_COLUMNS = ("at", "who", "action", "concept_id", "detail")


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def read_items(  # type: ignore[no-untyped-def]
    path: Path,
    fmt: str,
    *,
    encoding: str = "utf-8",
    progress: Progress = NO_PROGRESS,
    workers: int | None = 0,
):
    """The reader of ``fmt`` over ``path``: an iterator of Incoming (and SourceInfo) items."""
    if fmt == "csv":
        return read_csv(path, encoding=encoding, progress=progress, workers=workers)
    if encoding.lower().replace("_", "-") not in ("utf-8", "utf8"):
        raise BadInput(f"--encoding applies to CSV only; {fmt.upper()} files say their own encoding")
    if fmt == "tbx":
        return read_tbx(path, progress=progress)
    if fmt == "xlsx":
        return read_xlsx(path, progress=progress)
    return read_dump(path, progress=progress)


def import_file(
    store: Store,
    path: Path,
    *,
    fmt: str | None = None,
    encoding: str = "utf-8",
    dry_run: bool = False,
    on_duplicate: str = "skip",
    who: str = "import",
    progress: Progress = NO_PROGRESS,
    workers: int | None = 0,
    name: str | None = None,
) -> ImportReport:
    """Import ``path`` into ``store`` in one transaction; returns what was (or would be) done.

    ``workers``: helper processes validating a large CSV while this one writes (None:
    as many as the CPUs allow; see ``csv_format.read_csv``, which explains what that asks
    of the calling program). ``progress`` is told how much of the file was read. ``name``:
    what the report, the change log and error messages call the file (default: ``path``),
    e.g. the name of an upload saved to a temporary file.
    """
    path = Path(path)
    fmt = format_for(path, fmt)
    if on_duplicate not in ON_DUPLICATE:
        raise BadInput(f"--on-duplicate is {on_duplicate!r}; expected one of {', '.join(ON_DUPLICATE)}")
    shown = name or str(path)
    report = ImportReport(file=shown, format=fmt, dry_run=dry_run, on_duplicate=on_duplicate)
    try:
        items = read_items(path, fmt, encoding=encoding, progress=progress, workers=workers)
        if name:
            items = _renamed(items, str(path), name)
        try:
            with bulk_transaction(store) as session:
                _Importer(session, report, on_duplicate, who, fmt).run(_batches(items, BATCH))
                if dry_run:
                    raise _DryRun
        except _DryRun:
            pass
    except (BadInput, ConfigError) as exc:
        if not name:
            raise
        renamed = ConfigError if isinstance(exc, ConfigError) else BadInput
        raise renamed(str(exc).replace(str(path), name)) from None
    return report


def _renamed(items: Iterable[Incoming | SourceInfo], path: str, name: str) -> Iterator[Incoming | SourceInfo]:
    """``items`` with ``where`` saying ``name`` instead of ``path``."""
    for item in items:
        if isinstance(item, Incoming) and item.where.startswith(path):
            item.where = name + item.where[len(path) :]
        yield item


def _keys(texts: Iterable[str]) -> set[str]:
    """The identity keys of some forms (forms with an empty key, e.g. only punctuation, have none)."""
    return {key for key in map(identity_key, texts) if key}


def _item_keys(item: Incoming) -> set[str]:
    """The identity keys of an incoming concept's forms (taken from its prepared term rows if any)."""
    if item.rows is not None:
        return {row[-1] for row in item.rows[1] if row[-1]}  # TERM_COLUMNS ends with match_key
    return _keys(item.texts)


def _batches(items: Iterable[Incoming | SourceInfo], size: int) -> Iterator[list[Incoming | SourceInfo]]:
    batch: list[Incoming | SourceInfo] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


# ---------------------------------------------------------------- the writer


class _Sources(SourceRegistry):
    """The source registry, with O(1) id checks and the dump's source metadata."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.ids = set(self.by_file.values())
        self.created: set[str] = set()

    def add(self, row: dict[str, str]) -> None:
        if row["file_name"] in self.by_file:
            return
        super().add(row)
        self.ids.add(row["id"])
        self.created.add(row["file_name"])

    def free_id(self, wanted: str) -> str:
        candidate, n = wanted, 2
        while candidate in self.ids:
            candidate, n = f"{wanted}-{n}", n + 1
        return candidate

    def id_for(self, file_name: str) -> str:
        if file_name not in self.by_file:
            self.add({"id": self.free_id(Path(file_name).stem[:60] or "source"), "file_name": file_name})
        return self.by_file[file_name]

    def register(self, info: SourceInfo) -> None:
        """A source from the dump: created with its id (if free); metadata filled if created here."""
        existing = self.by_file.get(info.file_name)
        if existing is None:
            self.add(
                {
                    "id": self.free_id(info.id[:60] if info.id in self.ids else info.id),
                    "file_name": info.file_name,
                    "title": info.title or "",
                    "issuing_body": info.issuing_body or "",
                    "date": info.date or "",
                }
            )
        elif info.file_name in self.created:
            # The dump listed its sources after concepts that cite them: keep the id given
            # then, fill in the metadata.
            row = self.session.get(SourceRow, existing)
            if row is not None:
                row.title, row.issuing_body, row.date = info.title, info.issuing_body, info.date


class _Importer:
    """Decides add / merge / skip for each batch and writes it, inside the caller's transaction."""

    def __init__(self, session: Session, report: ImportReport, policy: str, who: str, fmt: str) -> None:
        self.session = session
        self.report = report
        self.policy = policy
        self.who = who
        self.fmt = fmt
        self.sources = _Sources(session)
        self.sources_before = len(self.sources.ids)
        self.now = utcnow()
        self.changed = False
        self.touched: set[str] | None = set()  # concepts written (None: too many to list)
        self.bulk = BulkWriter(session)
        self.created_at = self.bulk.value(ConceptRow.__table__, "created_at", self.now)
        self.logged_at = self.bulk.value(ChangeLogEntry.__table__, "at", self.now)

    # -- reading what is stored ---------------------------------------

    def _chunks(self, values: list[str]) -> Iterator[list[str]]:
        for start in range(0, len(values), IN_CHUNK):
            yield values[start : start + IN_CHUNK]

    def _in(self, column: Any, values: list[str]) -> Any:
        """``column IN values`` with one bound parameter where the backend allows it (thousands
        of values per batch: rendering one placeholder each costs more than the lookups)."""
        if self.bulk.backend == "sqlite" and sqlite3.sqlite_version_info >= (3, 38):
            table = func.json_each(json.dumps(values, ensure_ascii=False)).table_valued("value")
            return column.in_(select(table.c.value))
        if self.bulk.backend == "postgresql":
            return column == any_(bindparam("values", values, type_=ARRAY(Text)))
        return column.in_(values)

    def _stored_ids(self, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in self._chunks(ids):
            found.update(self.session.scalars(select(ConceptRow.id).where(self._in(ConceptRow.id, chunk))))
        return found

    def _stored_candidates(self, keys: list[str]) -> tuple[dict[str, set[str]], dict[str, Concept]]:
        """Stored concepts sharing a form's identity key with the batch (as ``find_duplicates``
        narrows), with all their forms, for the identity rule."""
        hits: dict[str, set[str]] = {}
        for chunk in self._chunks(keys):
            for concept_id, key in self.session.execute(
                select(TermRow.concept_id, TermRow.match_key).where(self._in(TermRow.match_key, chunk))
            ):
                hits.setdefault(key, set()).add(concept_id)
        ids = sorted({cid for found in hits.values() for cid in found})
        candidates: dict[str, Concept] = {}
        for chunk in self._chunks(ids):
            rows = self.session.execute(
                select(TermRow.concept_id, TermRow.text, TermRow.lang, TermRow.type)
                .where(self._in(TermRow.concept_id, chunk))
                .order_by(TermRow.concept_id, TermRow.position)
            )
            for row in rows:
                candidates.setdefault(row.concept_id, Concept(id=row.concept_id)).terms.append(
                    Term(text=row.text, lang=row.lang, type=row.type)
                )
        return hits, candidates

    def _load(self, concept_id: str) -> Concept:
        row = self.session.get(ConceptRow, concept_id)
        assert row is not None
        files = {source_id: file_name for file_name, source_id in self.sources.by_file.items()}
        return concept_from_row(row, files)

    # -- the pipeline ----------------------------------------------------

    def run(self, batches: Iterable[list[Incoming | SourceInfo]]) -> None:
        """Import every batch: while one batch is being written (in a helper thread: the
        database driver releases the GIL), the next is read and prepared here."""
        pending: Future[None] | None = None
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="glossary-import-writer") as pool:
            try:
                for batch in batches:
                    infos, incoming = self._prepare(batch)
                    if pending is not None:
                        pending.result()  # the writer is done with the connection
                        pending = None
                    adds, merges, wheres = self._decide(infos, incoming)
                    statements = self._statements(adds)
                    pending = pool.submit(self._write, statements, merges, wheres)
                if pending is not None:
                    pending.result()
                    pending = None
                self.finish()
            finally:
                if pending is not None:  # an error here while the writer runs: let it finish first
                    wait([pending])

    def _prepare(self, batch: list[Incoming | SourceInfo]) -> tuple[list[SourceInfo], list[Incoming]]:
        """Python-only work (no database): the rows of every concept that keeps its id."""
        infos: list[SourceInfo] = []
        incoming: list[Incoming] = []
        for item in batch:
            if isinstance(item, SourceInfo):
                infos.append(item)
                continue
            concept_id = item.id
            if concept_id and not is_valid_id(concept_id):
                item.concept.id = concept_id = ""  # e.g. another tool's "TE-0001": mint one of ours
            if concept_id:
                item.rows = self._rows(item)
            incoming.append(item)
        return infos, incoming

    def _decide(
        self, infos: list[SourceInfo], incoming: list[Incoming]
    ) -> tuple[list[Incoming], dict[str, Concept], dict[str, str]]:
        """Add, merge or skip each concept of the batch: (adds, merges, where each merge came from)."""
        for info in infos:
            self.sources.register(info)
        if not incoming:
            return [], {}, {}
        stored_ids = self._stored_ids([i.id for i in incoming if i.id])
        keyed = [(item, _item_keys(item)) for item in incoming]
        hits, candidates = self._stored_candidates(sorted({key for _, keys in keyed for key in keys}))

        adds: dict[str, Incoming] = {}  # new concepts of this batch, by id
        merges: dict[str, Concept] = {}  # stored concepts to rewrite, by id
        wheres: dict[str, str] = {}
        batch_keys: dict[str, set[str]] = {}  # identity key of a form -> ids in adds/merges

        def current(concept_id: str) -> Concept:
            if concept_id in adds:
                return adds[concept_id].concept
            if concept_id not in merges:
                merges[concept_id] = self._load(concept_id)
            return merges[concept_id]

        def index(concept_id: str, keys: Iterable[str]) -> None:
            for key in keys:
                batch_keys.setdefault(key, set()).add(concept_id)

        for item, keys in keyed:
            match = self._match(item, keys, stored_ids, hits, candidates, adds, merges, batch_keys)
            if match is None:
                concept_id = item.id
                if not concept_id:
                    concept = item.concept
                    concept.id = concept_id = mint_id(
                        concept.zh,
                        concept.en,
                        concept.abbr,
                        lambda c: c in adds or c in merges or bool(self._stored_ids([c])),
                    )
                adds[concept_id] = item
                index(concept_id, keys)
                self.report.note("add", item.where, concept_id)
                continue
            target, reason = match
            shown_id = item.id or "(new)"
            if self.policy == "fail":
                raise BadInput(
                    f"{item.where}: the same concept as {target!r} already in the glossary ({reason}); "
                    "nothing was imported (use --on-duplicate skip or merge)"
                )
            if self.policy == "skip":
                self.report.note("skip", item.where, shown_id, target, reason)
                continue
            base = current(target)
            merged = merge_concepts(base, item.concept)
            if merged == base:
                self.report.note("skip", item.where, shown_id, target, f"{reason}; nothing new")
                continue
            if target in adds:
                adds[target].concept = merged
                adds[target].rows = None  # changed: rebuilt by the writer
            else:
                merges[target] = merged
                wheres[target] = item.where
            index(target, _keys(t.text for t in merged.terms))
            self.report.note("merge", item.where, shown_id, target, reason)
        return list(adds.values()), merges, wheres

    def _write(self, statements: list[Statement], merges: dict[str, Concept], wheres: dict[str, str]) -> None:
        """The batch's writes (in the writer thread; nothing else uses the session meanwhile)."""
        self.bulk.run(statements)
        self._write_merges(merges, wheres)

    def _match(
        self,
        item: Incoming,
        keys: set[str],
        stored_ids: set[str],
        hits: dict[str, set[str]],
        candidates: dict[str, Concept],
        adds: dict[str, Incoming],
        merges: dict[str, Concept],
        batch_keys: dict[str, set[str]],
    ) -> tuple[str, str] | None:
        """(id of the concept ``item`` duplicates, why), or None for a new concept."""
        own_id = item.id
        if own_id and (own_id in stored_ids or own_id in adds or own_id in merges):
            return own_id, "same id"
        for key in keys:
            in_batch = batch_keys.get(key)
            stored = hits.get(key)
            if not in_batch and not stored:
                continue  # the usual case: a form nobody has
            for concept_id in sorted((in_batch or set()) | (stored or set())):
                if concept_id in adds:
                    other = adds[concept_id].concept
                else:  # a stored concept, as this batch has changed it so far
                    other = merges.get(concept_id) or candidates[concept_id]
                if same_concept(item.concept, other):
                    return concept_id, duplicate_reason(item.concept, other)
        return None

    # -- writing ---------------------------------------------------------

    def _detail(self, where: str) -> str:
        """The change-log detail ``{"format": …, "from": "file: row 5"}`` (built without a dict per row)."""
        return f'{{"format": "{self.fmt}", "from": {json.dumps(where, ensure_ascii=False)}}}'

    def _rows(self, item: Incoming) -> tuple[Any, ...]:
        """The rows one new concept needs (citations with their file name, not yet a source id)."""
        if item.flat is not None:
            return self._flat_rows(item)
        c = item.concept
        cid = c.id
        concept = (
            cid,
            c.kind,
            c.subject,
            c.issuing_body,
            c.note,
            c.review_status,
            c.version if item.exact else 1,
            item.origin_hash,
            self.created_at,
            self.created_at,
        )
        terms = [
            (
                cid,
                n,
                t.lang,
                t.text,
                t.type,
                t.status,
                t.note,
                t.confidence,
                t.letter_agreement,
                identity_key(t.text),
            )
            for n, t in enumerate(c.terms)
        ]
        definitions = [(cid, n, d.lang, d.text, d.citation) for n, d in enumerate(c.definitions)]
        citations = [
            (cid, None, x.doc, n, x.term, x.section, x.line, x.quote) for n, x in enumerate(c.citations)
        ]
        log = (self.logged_at, self.who, "import", cid, self._detail(item.where))
        return concept, terms, definitions, citations, log

    def _flat_rows(self, item: Incoming) -> tuple[Any, ...]:
        """``_rows`` from the tuples a reader's helper process made (no records built)."""
        cid, kind, subject, issuing_body, note, review, version, terms, definitions, citations = item.flat  # type: ignore[misc]
        concept = (
            cid,
            kind,
            subject,
            issuing_body,
            note,
            review,
            version if item.exact else 1,
            item.origin_hash,
            self.created_at,
            self.created_at,
        )
        term_rows = [
            (cid, n, t[1], t[0], t[2], t[3], t[4], t[5], t[6], identity_key(t[0]))
            for n, t in enumerate(terms)
        ]
        definition_rows = [
            (cid, n, lang, text, Citation(*c) if c else None) for n, (text, lang, c) in enumerate(definitions)
        ]
        citation_rows = [(cid, None, c[0], n, c[4], c[2], c[1], c[3]) for n, c in enumerate(citations)]
        log = (self.logged_at, self.who, "import", cid, self._detail(item.where))
        return concept, term_rows, definition_rows, citation_rows, log

    def _statements(self, items: list[Incoming]) -> list[Statement]:
        """The inserts of the batch's new concepts, complete (ids reserved, sources created), so
        that the writer thread only executes them."""
        if not items:
            return []
        self.changed = True
        bulk = self.bulk
        concepts, terms, definitions, citations, log = [], [], [], [], []
        for item in items:
            rows = item.rows or self._rows(item)
            item.rows = None
            concepts.append(rows[0])
            self._touch(rows[0][0])
            terms.extend(rows[1])
            definitions.extend(rows[2])
            citations.extend(rows[3])
            log.append(rows[4])
        source_id = self.sources.id_for
        citations = [(c[0], c[1], source_id(c[2]), *c[3:]) for c in citations]
        ids = bulk.reserve_ids(DefinitionRow.__table__, len(definitions))
        definition_rows = []
        for definition_id, (concept_id, position, lang, text, citation) in zip(ids, definitions, strict=True):
            definition_rows.append((definition_id, concept_id, position, lang, text))
            if citation is not None:
                citations.append(self._citation_row(concept_id, definition_id, position, citation))
        self.session.flush()  # sources created for these citations must exist first
        return [
            *bulk.statements(ConceptRow.__table__, CONCEPT_COLUMNS, concepts),
            *bulk.statements(TermRow.__table__, TERM_COLUMNS, terms),
            *bulk.statements(DefinitionRow.__table__, DEFINITION_COLUMNS, definition_rows),
            *bulk.statements(CitationRow.__table__, CITATION_COLUMNS, citations),
            *bulk.statements(ChangeLogEntry.__table__, LOG_COLUMNS, log),
        ]

    def _citation_row(
        self, concept_id: str, definition_id: int | None, position: int, citation: Citation
    ) -> tuple[Any, ...]:
        return (
            concept_id,
            definition_id,
            self.sources.id_for(citation.doc),
            position,
            citation.term,
            citation.section,
            citation.line,
            citation.quote,
        )

    def _touch(self, concept_id: str) -> None:
        if self.touched is not None:
            self.touched.add(concept_id)
            if len(self.touched) > CHANGE_LIMIT:
                self.touched = None  # recorded as "anything may have changed"

    def _write_merges(self, merges: dict[str, Concept], wheres: dict[str, str]) -> None:
        for concept_id, concept in merges.items():
            if concept_id not in wheres:
                continue  # loaded for comparison only, nothing new
            self.changed = True
            self._touch(concept_id)
            row = self.session.get(ConceptRow, concept_id)
            assert row is not None
            fill_row(row, concept, self.sources.id_for)
            row.version += 1
            changelog.record(
                self.session, self.who, "import-merge", concept_id, self._detail(wheres[concept_id])
            )
        self.session.flush()

    def finish(self) -> None:
        self.report.sources_added = len(self.sources.ids) - self.sources_before
        if self.report.sources_added:
            self.session.flush()
        if self.changed:
            bump_revision(self.session, self.touched)
