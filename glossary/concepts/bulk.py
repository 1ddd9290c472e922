"""The write door's bulk mode: many new concepts fast, in one transaction (``glossary import``).

``bulk_transaction(store, who)`` gives a ``BulkTransaction``: a ``Transaction`` (so the
change log and the revision bump go through the same door) that also looks up the
stored concepts of a whole batch at once (``stored_ids``, ``stored_candidates``: the
identity rule's candidates, batched; ``get_many``: whole records), inserts new concepts as
prepared rows (``rows_of``, ``insert_statements``, ``run``) and writes back the stored
concepts a batch merged into (``merge_many``: what ``take`` and ``put`` do for one, with
the field limits, the identity rule and the claims, in a few statements per table).  The
caller logs one change-log entry for the whole import; the revision is bumped once.

Rows go in with one ``insert(table, columns, rows)`` per table and batch, plain tuples:

- SQLite: multi-row ``INSERT … VALUES`` through the driver's ``executemany``
  (``Connection.exec_driver_sql``: SQLAlchemy's per-row parameter processing would cost
  more than SQLite's own insert);
- PostgreSQL (psycopg 3): ``COPY … FROM STDIN``;
- any other backend: a Core ``insert()`` executemany.

Rows that others point at (definitions, pointed at by citations) get their ids before
they are written (``reserve_ids``), so no ``RETURNING`` round trip is needed. New concepts'
identity claims (``forms.claims``) go in with them, right after the concept rows: a claim
another writer took meanwhile (two imports at once on PostgreSQL) stops the import with
``LostRace`` and nothing of it is kept.
``bulk_session`` is the database transaction all of it runs in.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import sqlite3
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Table
from sqlalchemy import Text as SqlText
from sqlalchemy import any_
from sqlalchemy import bindparam
from sqlalchemy import delete
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy import update
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm import selectinload

from glossary.concepts.fields import check_concept
from glossary.concepts.fields import checked_keys
from glossary.concepts.transaction import Transaction
from glossary.errors import Conflict
from glossary.errors import DatabaseUnavailable
from glossary.errors import LostRace
from glossary.forms import claims
from glossary.forms import identity_claims
from glossary.forms import identity_keys
from glossary.forms import role
from glossary.languages import is_chinese
from glossary.models import CitationRow
from glossary.models import ConceptRow
from glossary.models import DefinitionRow
from glossary.models import IdentityKey
from glossary.models import SourceRef
from glossary.models import TermRow
from glossary.models import utcnow
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Term
from glossary.records import flatten
from glossary.rows import concept_from_row
from glossary.store import Store
from glossary.store import lost_race
from glossary.store import masked

# Rows go to SQLite thousands per INSERT … VALUES (…), (…): SQLite evaluates the schema's
# CHECK (… IN (…)) constraints by building a small lookup table once per statement
# execution, so one row per execution (plain executemany) pays for that on every row and
# costs twice as much; and the driver releases the GIL once per execution, so the
# importer's other thread runs meanwhile. SQLite allows 32766 parameters since 3.32, 999
# before.
SQLITE_VARIABLES = 32766 if sqlite3.sqlite_version_info >= (3, 32) else 999
Statement = tuple[str, Any, Any]  # ("sql", text, params) | ("copy", text, rows) | ("core", table, rows)
SQLITE_CACHE_KIB = -262144  # 256 MB of page cache while importing (negative: KiB, SQLite's convention)


@contextlib.contextmanager
def bulk_session(store: Store) -> Iterator[Session]:
    """A session in one transaction (committed on success, rolled back on any error) for a bulk write.

    On SQLite the transaction runs on a connection of its own with foreign-key checks off
    and a larger page cache: the checks cost a third of the insert time, and the importer
    only writes references to rows it has just written or looked up itself. Both settings
    are put back before the connection returns to the pool (a connection that cannot be
    put back is discarded). Elsewhere this is ``store.session()`` (on PostgreSQL with the
    foreign-key triggers skipped when the role may: ``_skip_postgres_triggers``).
    """
    backend = store.engine.url.get_backend_name()
    if backend != "sqlite":
        with store.session() as session:
            if backend == "postgresql":
                _skip_postgres_triggers(session)
            yield session
        return
    try:
        connection = store.engine.connect()
    except OperationalError as exc:
        raise DatabaseUnavailable(f"database {masked(store.url)}: {_first_line(exc)}") from None
    cache = None
    try:
        cache = connection.exec_driver_sql("PRAGMA cache_size").scalar()
        # Outside a transaction, or SQLite ignores it.
        connection.exec_driver_sql("PRAGMA foreign_keys = OFF")
        connection.exec_driver_sql(f"PRAGMA cache_size = {SQLITE_CACHE_KIB}")
        connection.commit()
        try:
            with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                # Take the write lock now (a write that changes nothing): ids are reserved
                # before the first insert (``BulkWriter.reserve_ids``).
                session.execute(text("UPDATE meta SET value = value WHERE key = 'revision'"))
                yield session
        except OperationalError as exc:
            raise DatabaseUnavailable(f"database {masked(store.url)}: {_first_line(exc)}") from None
    finally:
        try:
            connection.rollback()
            connection.exec_driver_sql("PRAGMA foreign_keys = ON")
            connection.exec_driver_sql(f"PRAGMA cache_size = {int(cache or -2000)}")
            connection.commit()
        except SQLAlchemyError:
            connection.invalidate()
        connection.close()


def _skip_postgres_triggers(session: Session) -> None:
    """PostgreSQL checks foreign keys with a trigger per inserted row (a third of the import's
    time); a role allowed to set ``session_replication_role`` skips them for this transaction,
    as SQLite's checks are skipped above. Other roles just import more slowly."""
    try:
        with session.begin_nested():
            session.execute(text("SET LOCAL session_replication_role = replica"))
    except DBAPIError:
        pass


def _first_line(exc: Exception) -> str:
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class BulkWriter:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.connection = session.connection()
        self.dialect = self.connection.dialect
        self.backend = self.dialect.name
        self.copy = self.backend == "postgresql" and self.dialect.driver == "psycopg"
        self.raw = self.backend == "sqlite"
        self.reserved: dict[str, int] = {}

    def value(self, table: Table, column: str, value: Any) -> Any:
        """``value`` as the driver wants it for ``column`` (e.g. a datetime as text on SQLite)."""
        if not self.raw:
            return value
        processor = table.c[column].type.dialect_impl(self.dialect).bind_processor(self.dialect)
        return processor(value) if processor else value

    def statements(
        self, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
    ) -> list[Statement]:
        """What ``run`` executes to insert ``rows``, built beforehand (in Python, holding the GIL)."""
        if not rows:
            return []
        names = ", ".join(columns)
        if self.raw:
            one = "(" + ", ".join("?" for _ in columns) + ")"
            per = max(1, SQLITE_VARIABLES // len(columns))
            full = len(rows) - len(rows) % per
            out: list[Statement] = []
            if full:
                sql = f"INSERT INTO {table.name} ({names}) VALUES " + ", ".join([one] * per)
                params = [
                    tuple(itertools.chain.from_iterable(rows[i : i + per])) for i in range(0, full, per)
                ]
                out.append(("sql", sql, params))
            if full < len(rows):
                out.append(("sql", f"INSERT INTO {table.name} ({names}) VALUES {one}", rows[full:]))
            return out
        if self.copy:
            return [("copy", f"COPY {table.name} ({names}) FROM STDIN", rows)]
        return [("core", table, [dict(zip(columns, row, strict=True)) for row in rows])]

    def run(self, statements: list[Statement]) -> None:
        """Execute prepared statements (mostly inside the driver, which releases the GIL);
        ``LostRace`` when another writer took a key meanwhile (an identity claim, an id)."""
        try:
            self._run(statements)
        except LostRace:
            raise
        except Exception as exc:  # the driver's own errors too: COPY runs on the raw connection
            if lost_race(exc):
                raise LostRace(RACED) from None
            raise

    def _run(self, statements: list[Statement]) -> None:
        for kind, target, params in statements:
            if kind == "sql":
                self.connection.exec_driver_sql(target, params)
            elif kind == "copy":
                driver = self.connection.connection.driver_connection
                assert driver is not None  # a live psycopg connection (COPY is PostgreSQL's)
                with driver.cursor() as cursor, cursor.copy(target) as copy:
                    for row in params:
                        copy.write_row(row)
            else:
                self.connection.execute(insert(target), params)

    def insert(self, table: Table, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        self.run(self.statements(table, columns, rows))

    def reserve_ids(self, table: Table, count: int) -> list[int]:
        """``count`` new values of ``table.id`` that no other writer will use."""
        if count == 0:
            return []
        if self.backend == "postgresql":
            sequence = f"pg_get_serial_sequence('{table.name}', 'id')"
            return list(
                self.connection.execute(
                    text(f"SELECT nextval({sequence}) FROM generate_series(1, :n)"), {"n": count}
                ).scalars()
            )
        # SQLite (and the rest): the transaction holds the database's write lock (see
        # ``bulk_transaction``), so nobody else takes an id meanwhile; ids reserved but not
        # yet written are remembered here.
        start = self.connection.execute(select(func.coalesce(func.max(table.c.id), 0))).scalar_one()
        start = max(start, self.reserved.get(table.name, 0))
        self.reserved[table.name] = start + count
        return list(range(start + 1, start + 1 + count))


# ---------------------------------------------------------------- the bulk transaction

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
DEFINITION_COLUMNS = ("id", "concept_id", "position", "lang", "text", "status")
IDENTITY_COLUMNS = ("key", "concept_id")
RACED = (
    "another import or writer changed the glossary meanwhile (the same concepts, or the same ids); "
    "nothing was written"
)
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
# (concept row, term rows, definition rows, citation rows) of one new concept; citations
# still name their report by file name (a source id is given when the statements are made).
Rows = tuple[tuple[Any, ...], list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]


class BulkTransaction(Transaction):
    """A ``Transaction`` that also writes prepared rows of many new concepts at once."""

    def __init__(self, session: Session, who: str) -> None:
        super().__init__(session, who)
        self.bulk = BulkWriter(session)
        self.created_at = self.bulk.value(_table(ConceptRow), "created_at", utcnow())

    # -- the identity rule, batched ------------------------------------------------

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
            return column == any_(bindparam("values", values, type_=ARRAY(SqlText)))
        return column.in_(values)

    def stored_ids(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` are stored concepts."""
        found: set[str] = set()
        for chunk in self._chunks(ids):
            found.update(self.session.scalars(select(ConceptRow.id).where(self._in(ConceptRow.id, chunk))))
        return found

    def stored_candidates(self, keys: list[str]) -> tuple[dict[str, set[str]], dict[str, Concept]]:
        """Stored concepts sharing a form's identity key with the batch (as ``duplicates``
        narrows): key -> concept ids, and those concepts with all their forms."""
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

    # -- new concepts as rows --------------------------------------------------------

    def rows_of(self, concept: Concept, *, version: int = 1, origin_hash: str | None = None) -> Rows:
        """The rows one new concept needs."""
        return self.flat_rows(flatten(concept), version=version, origin_hash=origin_hash)

    def flat_rows(self, flat: tuple[Any, ...], *, version: int = 1, origin_hash: str | None = None) -> Rows:
        """``rows_of`` from a concept as nested tuples (``exchange.common.flatten``), as a
        reader's helper processes hand them over (no records built)."""
        keys = checked_keys(flat)
        cid, kind, subject, issuing_body, note, review, _version, terms, definitions, citations = flat
        concept = (
            cid,
            kind,
            subject,
            issuing_body,
            note,
            review,
            version,
            origin_hash,
            self.created_at,
            self.created_at,
        )
        term_rows = [
            (cid, n, t[1], t[0], t[2], t[3], t[4], t[5], t[6], key)
            for n, (t, key) in enumerate(zip(terms, keys, strict=True))
        ]
        definition_rows = [
            (cid, n, lang, text, Citation(*c) if c else None, rest[0] if rest else "approved")
            for n, (text, lang, c, *rest) in enumerate(definitions)
        ]
        citation_rows = [(cid, None, c[0], n, c[4], c[2], c[1], c[3]) for n, c in enumerate(citations)]
        return concept, term_rows, definition_rows, citation_rows

    def insert_statements(self, rows: list[Rows], *, new: bool = True) -> list[Statement]:
        """The inserts of new concepts, complete (ids reserved, sources created), so that another
        thread only executes them (``run``). ``new=False``: only the terms, definitions and
        citations (of stored concepts being rewritten: ``merge_many``)."""
        if not rows:
            return []
        concepts, terms, definitions, citations = [], [], [], []
        keys: list[tuple[str, str]] = []
        for concept, term_rows, definition_rows, citation_rows in rows:
            concepts.append(concept)
            if new:
                keys.extend((key, concept[0]) for key in sorted(_claims_of(term_rows)))
            terms.extend(term_rows)
            definitions.extend(definition_rows)
            citations.extend(citation_rows)
        self.touch(c[0] for c in concepts)
        if not new:
            concepts = []
        source_id = self.sources.id_for
        citations = [(c[0], c[1], source_id(c[2]), *c[3:]) for c in citations]
        ids = self.bulk.reserve_ids(_table(DefinitionRow), len(definitions))
        definition_rows_out = []
        for definition_id, (concept_id, position, lang, body, citation, status) in zip(
            ids, definitions, strict=True
        ):
            definition_rows_out.append((definition_id, concept_id, position, lang, body, status))
            if citation is not None:
                citations.append(
                    (
                        concept_id,
                        definition_id,
                        source_id(citation.doc),
                        position,
                        citation.term,
                        citation.section,
                        citation.line,
                        citation.quote,
                    )
                )
        self.session.flush()  # sources created for these citations must exist first
        bulk = self.bulk
        return [
            *bulk.statements(_table(ConceptRow), CONCEPT_COLUMNS, concepts),
            *bulk.statements(_table(IdentityKey), IDENTITY_COLUMNS, keys),
            *bulk.statements(_table(TermRow), TERM_COLUMNS, terms),
            *bulk.statements(_table(DefinitionRow), DEFINITION_COLUMNS, definition_rows_out),
            *bulk.statements(_table(CitationRow), CITATION_COLUMNS, citations),
        ]

    def run(self, statements: list[Statement]) -> None:
        """Execute prepared inserts (mostly inside the driver, which releases the GIL)."""
        self.bulk.run(statements)

    def add_source_refs(self, refs: list[tuple[str, str, str]]) -> None:
        """Keep partner files' own ids of concepts written here: (concept id, file, entry id),
        each once (importing the same file again adds none)."""
        if not refs:
            return
        concept_ids = sorted({ref[0] for ref in refs})
        have: set[tuple[str, str, str]] = set()
        for chunk in self._chunks(concept_ids):
            query = select(SourceRef.concept_id, SourceRef.file, SourceRef.entry_id)
            have.update(
                (row[0], row[1], row[2])
                for row in self.session.execute(query.where(self._in(SourceRef.concept_id, chunk)))
            )
        new = [ref for ref in dict.fromkeys(refs) if ref not in have]
        if new:
            self.bulk.insert(_table(SourceRef), ("concept_id", "file", "entry_id"), new)

    def merge(self, concept: Concept) -> None:
        """Write back a stored concept that gained forms (lock, version, identity rule, no log entry)."""
        self.take(concept.id)
        self.put(concept, action=None)

    def get_many(self, ids: list[str]) -> dict[str, Concept]:
        """The current records of stored concepts (those of ``ids`` that exist), read together
        (``get`` reads one concept with four queries)."""
        files = self.sources.file_names()
        found: dict[str, Concept] = {}
        for chunk in self._chunks(sorted(set(ids))):
            query = (
                select(ConceptRow)
                .where(self._in(ConceptRow.id, chunk))
                .options(
                    selectinload(ConceptRow.terms),
                    selectinload(ConceptRow.definitions).selectinload(DefinitionRow.citation),
                    selectinload(ConceptRow.citations),
                )
                .execution_options(populate_existing=True)
            )
            for row in self.session.scalars(query):
                found[row.id] = concept_from_row(row, files)
        return found

    def merge_many(self, concepts: list[Concept]) -> None:
        """``merge`` for many stored concepts at once, with the same checks and effects: field
        limits, each concept locked and its version bumped, its terms, definitions and citations
        replaced, the identity rule (``Conflict`` naming what it duplicates, counting the other
        concepts written here), its identity claims brought up to date (``LostRace`` when another
        writer holds one) — in a few statements per table instead of some fifteen per concept."""
        if not concepts:
            return
        for concept in concepts:
            check_concept(concept)
        self.session.flush()  # e.g. a source's metadata (``sources.register``): before expire_all below
        ids = [concept.id for concept in concepts]
        if len(set(ids)) != len(ids):
            raise ValueError("merge_many: a concept given twice")
        table = _table(ConceptRow)
        bump = (
            update(table)
            .where(table.c.id == bindparam("b_id"))
            .values(
                version=table.c.version + 1,
                kind=bindparam("b_kind"),
                subject=bindparam("b_subject"),
                issuing_body=bindparam("b_issuing_body"),
                note=bindparam("b_note"),
                review_status=bindparam("b_review_status"),
                updated_at=bindparam("b_updated_at"),
            )
        )
        now = utcnow()
        result = self.session.connection().execute(
            bump,
            [
                {
                    "b_id": c.id,
                    "b_kind": c.kind,
                    "b_subject": c.subject,
                    "b_issuing_body": c.issuing_body,
                    "b_note": c.note,
                    "b_review_status": c.review_status,
                    "b_updated_at": now,
                }
                for c in concepts
            ],
        )
        if result.rowcount not in (-1, len(concepts)):  # one went meanwhile (PostgreSQL)
            raise LostRace(RACED)
        for model in (CitationRow, DefinitionRow, TermRow):
            rows_table = _table(model)
            for chunk in self._chunks(ids):
                self.session.connection().execute(
                    delete(rows_table).where(self._in(rows_table.c.concept_id, chunk))
                )
        self.session.expire_all()  # ORM rows loaded before (get_many) are stale now
        self.run(self.insert_statements([self.rows_of(c) for c in concepts], new=False))
        self._refuse_duplicates_of(concepts)
        self._reclaim(concepts)

    def _refuse_duplicates_of(self, concepts: list[Concept]) -> None:
        """``Transaction.refuse_duplicates`` for each of ``concepts`` (already written), batched."""
        wanted = {c.id: identity_keys(c) for c in concepts}
        keys = sorted({key for slots in wanted.values() for slot in slots for key in slot})
        holders: set[str] = set()
        for chunk in self._chunks(keys):
            holders.update(
                self.session.scalars(
                    select(TermRow.concept_id).where(self._in(TermRow.match_key, chunk)).distinct()
                )
            )
        stored: dict[str, tuple[set[str], set[str], set[str]]] = {}
        for chunk in self._chunks(sorted(holders)):
            for row in self.session.execute(
                select(TermRow.concept_id, TermRow.match_key, TermRow.lang, TermRow.type).where(
                    self._in(TermRow.concept_id, chunk)
                )
            ):
                slots = stored.setdefault(row.concept_id, (set(), set(), set()))
                slots[ROLE_SLOT[role(Term(text="", lang=row.lang, type=row.type))]].add(row.match_key)
        for concept in concepts:
            zh, en, abbr = wanted[concept.id]
            found = sorted(
                cid
                for cid, (s_zh, s_en, s_abbr) in stored.items()
                if cid != concept.id and (zh & s_zh or (abbr & s_abbr and en & s_en))
            )
            if found:
                self.refuse_duplicates(concept, exclude=[concept.id])  # the door's own message
                raise Conflict(f"{concept.id} duplicates {', '.join(found)}")  # pragma: no cover

    def _reclaim(self, concepts: list[Concept]) -> None:
        """``Transaction.claim`` for each of ``concepts`` (their rows written), batched."""
        ids = [c.id for c in concepts]
        held: dict[str, set[str]] = {}
        for chunk in self._chunks(ids):
            for key, concept_id in self.session.execute(
                select(IdentityKey.key, IdentityKey.concept_id).where(self._in(IdentityKey.concept_id, chunk))
            ):
                held.setdefault(concept_id, set()).add(key)
        gone: list[str] = []
        missing: list[tuple[str, str]] = []
        for concept in concepts:
            wanted = identity_claims(concept)
            have = held.get(concept.id, set())
            gone.extend(have - wanted)
            missing.extend((key, concept.id) for key in sorted(wanted - have))
        table = _table(IdentityKey)
        for chunk in self._chunks(sorted(gone)):
            self.session.connection().execute(delete(table).where(self._in(table.c.key, chunk)))
        self.run(self.bulk.statements(table, IDENTITY_COLUMNS, sorted(missing)))


ROLE_SLOT = {"zh": 0, "en": 1, "abbr": 2}  # forms.identity_keys' order


def _claims_of(term_rows: list[tuple[Any, ...]]) -> set[str]:
    """The identity claims of a new concept's term rows (``TERM_COLUMNS``; ``forms.role`` on rows)."""
    zh, en, abbr = set(), set(), set()
    for row in term_rows:
        key = row[9]
        if key:
            if row[4] == "acronym":
                abbr.add(key)
            elif is_chinese(row[2]):
                zh.add(key)
            else:
                en.add(key)
    return claims(zh, en, abbr)


def _table(model: Any) -> Table:
    return model.__table__


@contextlib.contextmanager
def bulk_transaction(store: Store, who: str) -> Iterator[BulkTransaction]:
    """The bulk write door: committed with one revision bump on success, rolled back on any error."""
    with bulk_session(store) as session:
        tx = BulkTransaction(session, who)
        yield tx
        tx.finish()
