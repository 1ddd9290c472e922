"""The database connection: engine, sessions, the schema check, and reading concepts.

The only module that creates engines (``make_engine``: SQLite gets WAL and foreign keys).
``Store.connect(url)`` opens a database as it is; creating and filling it on first use
and upgrading the embedded default are ``glossary.service.open_store``'s job (with
``glossary.load`` and ``glossary.migrate``). The store knows nothing of search, mining or
writes: it reads (``get_concepts``, ``all_concepts``, ``revision``, ``select``) and hands
out transactions (``session``); ``create_schema`` creates the tables in one.
"""

from __future__ import annotations

import contextlib
import uuid
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine
from sqlalchemy import create_engine
from sqlalchemy import event
from sqlalchemy import inspect
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.exc import NoSuchModuleError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm import selectinload
from sqlalchemy.orm import sessionmaker

from glossary import settings
from glossary.errors import ConfigError
from glossary.errors import DatabaseUnavailable
from glossary.errors import NotFound
from glossary.errors import SchemaOutOfDate
from glossary.location import DEFAULT_DB_NAME  # noqa: F401 - re-exported
from glossary.location import SCHEMA_REVISION
from glossary.location import database_url
from glossary.models import Base
from glossary.models import ConceptRow
from glossary.models import DefinitionRow
from glossary.models import Meta
from glossary.models import SourceRef
from glossary.models import SourceRow
from glossary.models import TermRow
from glossary.records import Concept
from glossary.rows import concept_from_row


def masked(url: str) -> str:
    """The URL with its password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return url.split("@")[-1] if "@" in url else url


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (SQLite gets WAL and foreign keys), or ConfigError naming the URL."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise ConfigError(
            f"GLOSSARY_DATABASE_URL {masked(url)!r} is not a database URL "
            "(expected e.g. sqlite:///glossary.db or postgresql+psycopg://user@host/db)"
        ) from None
    try:
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": 30})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
    except (NoSuchModuleError, ImportError) as exc:
        hint = (
            " (install the PostgreSQL extra: pip install 'glossary[postgres]')" if "postgres" in url else ""
        )
        raise ConfigError(
            f"GLOSSARY_DATABASE_URL {masked(url)!r}: unsupported driver ({exc}){hint}"
        ) from None
    return engine


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


@dataclass
class Store:
    """An open glossary database."""

    engine: Engine
    url: str

    def __post_init__(self) -> None:
        self.sessions = sessionmaker(self.engine, expire_on_commit=False)

    # -- opening ---------------------------------------------------------

    @classmethod
    def connect(cls, url: str | None = None) -> Store:
        """The database at ``url`` (default: the configured one), as it is: nothing is created."""
        url = url or database_url()
        return cls(make_engine(url), url)

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error."""
        try:
            with self.sessions.begin() as session:
                yield session
        except OperationalError as exc:
            raise DatabaseUnavailable(f"database {masked(self.url)}: {_first_line(exc)}") from None

    def schema_revision(self) -> str | None:
        """The Alembic revision stamped in the database, or None if it has no schema."""
        try:
            with self.engine.connect() as conn:
                return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
        except OperationalError as exc:
            if _is_missing_table(exc):
                return None
            raise DatabaseUnavailable(
                f"cannot open database {masked(self.url)}: {_first_line(exc)}"
            ) from None
        except SQLAlchemyError as exc:
            if _is_missing_table(exc):
                return None
            raise DatabaseUnavailable(
                f"cannot open database {masked(self.url)}: {_first_line(exc)}"
            ) from None

    def check_schema(self) -> None:
        """``SchemaOutOfDate`` (naming the fix) unless the schema is the one this code expects."""
        found = self.schema_revision()
        if found != SCHEMA_REVISION:
            raise SchemaOutOfDate(
                f"database {masked(self.url)} has schema {found or 'none'}, this program needs "
                f"{SCHEMA_REVISION}: run 'glossary db upgrade'"
            )

    def is_embedded_default(self) -> bool:
        """True for the SQLite file in the data directory that nobody configured by hand."""
        return not settings.get("GLOSSARY_DATABASE_URL") and self.url == database_url()

    def has_table(self, name: str) -> bool:
        with self.engine.connect() as conn:
            return inspect(conn).has_table(name)

    # -- reading ----------------------------------------------------------

    def revision(self) -> int:
        """The glossary-wide revision counter (bumped by every write)."""
        with self.engine.connect() as conn:
            value = conn.execute(select(Meta.value).where(Meta.key == "revision")).scalar()
        return int(value or 0)

    def meta(self, key: str) -> str | None:
        with self.engine.connect() as conn:
            return conn.execute(select(Meta.value).where(Meta.key == key)).scalar()

    def source_files(self, session: Session) -> dict[str, str]:
        return dict(session.execute(select(SourceRow.id, SourceRow.file_name)).all())

    def get_concepts(self, ids: Iterable[str]) -> dict[str, Concept]:
        """Concepts by id (missing ids are left out)."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        with self.session() as session:
            files = self.source_files(session)
            out: dict[str, Concept] = {}
            for chunk_start in range(0, len(ids), 500):
                chunk = ids[chunk_start : chunk_start + 500]
                rows = session.scalars(_concept_query().where(ConceptRow.id.in_(chunk))).all()
                for row in rows:
                    out[row.id] = concept_from_row(row, files)
        return out

    def get_concept(self, concept_id: str) -> Concept:
        found = self.get_concepts([concept_id]).get(concept_id)
        if found is None:
            raise NotFound(f"no concept with id {concept_id!r}")
        return found

    def all_concepts(self, batch: int = 2000, **filters: str | None) -> Iterator[Concept]:
        """Every concept, in id order, streamed in batches."""
        last = ""
        while True:
            with self.session() as session:
                files = self.source_files(session)
                query = _concept_query().where(ConceptRow.id > last)
                for column in ("kind", "review_status", "subject"):
                    if filters.get(column):
                        query = query.where(getattr(ConceptRow, column) == filters[column])
                rows = session.scalars(query.order_by(ConceptRow.id).limit(batch)).all()
                concepts = [concept_from_row(row, files) for row in rows]
            if not concepts:
                return
            yield from concepts
            last = concepts[-1].id

    def ids_with_proposals(self) -> list[str]:
        """Approved concepts that have proposed forms or definitions (awaiting review), id order."""
        with self.session() as session:
            terms = select(TermRow.concept_id).where(TermRow.status == "proposed")
            definitions = select(DefinitionRow.concept_id).where(DefinitionRow.status == "proposed")
            query = (
                select(ConceptRow.id)
                .where(ConceptRow.review_status == "approved")
                .where(ConceptRow.id.in_(terms.union(definitions).scalar_subquery()))
                .order_by(ConceptRow.id)
            )
            return list(session.scalars(query))

    def source_refs(self, concept_id: str) -> list[tuple[str, str]]:
        """The partner files' own ids of a concept: (file, entry id), in the order they came."""
        with self.session() as session:
            query = select(SourceRef.file, SourceRef.entry_id).where(SourceRef.concept_id == concept_id)
            return [(row.file, row.entry_id) for row in session.execute(query.order_by(SourceRef.id))]

    def select(self, sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
        """Rows of one read-only SELECT (named ``:params``); ``DatabaseUnavailable`` on failure."""
        try:
            with self.engine.connect() as connection:
                return [tuple(row) for row in connection.execute(text(sql), params).all()]
        except SQLAlchemyError as exc:
            raise DatabaseUnavailable(f"database {masked(self.url)}: {_first_line(exc)}") from None


def _concept_query():  # type: ignore[no-untyped-def]
    return select(ConceptRow).options(
        selectinload(ConceptRow.terms),
        selectinload(ConceptRow.definitions).selectinload(DefinitionRow.citation),
        selectinload(ConceptRow.citations),
    )


def set_meta(session: Session, key: str, value: str) -> None:
    row = session.get(Meta, key)
    if row is None:
        session.add(Meta(key=key, value=value))
    else:
        row.value = value


def create_schema(session: Session) -> None:
    """Create every table and stamp the Alembic revision (same result as 'db upgrade')."""
    Base.metadata.create_all(session.connection())
    session.execute(
        text("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL PRIMARY KEY)")
    )
    session.execute(text("DELETE FROM alembic_version"))
    session.execute(text("INSERT INTO alembic_version (version_num) VALUES (:v)"), {"v": SCHEMA_REVISION})
    set_meta(session, "revision", "0")
    set_meta(session, "instance", uuid.uuid4().hex)  # tells apart databases at the same URL (index files)


# PostgreSQL: unique_violation, deadlock_detected, serialization_failure.
_RACE_STATES = frozenset({"23505", "40P01", "40001"})
_SQLITE_UNIQUE = frozenset({"SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"})


def lost_race(exc: BaseException) -> bool:
    """Whether a database error (SQLAlchemy's, or the driver's own) says that another writer got
    there first: a unique key it took meanwhile (an identity claim, an id), a deadlock or a
    serialization failure between two writers. Any other error is not a race."""
    orig = getattr(exc, "orig", None) or exc
    state = getattr(orig, "sqlstate", None)
    if state:
        return state in _RACE_STATES
    return getattr(orig, "sqlite_errorname", None) in _SQLITE_UNIQUE


def _is_missing_table(exc: Exception) -> bool:
    message = str(exc).lower()
    return "no such table" in message or "does not exist" in message and "relation" in message


def _first_line(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
