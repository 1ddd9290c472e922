"""Opening the database: URL, engine, first-use creation, schema check, revision counter.

The only module that creates engines. The default is an embedded SQLite file in the
data directory, built from the shipped CSV on first use in a temporary file that is
linked into place (so two first calls at once cannot race); any SQLAlchemy URL can be
given through ``GLOSSARY_DATABASE_URL``. The ``find`` path checks the schema version
with one SELECT, without importing Alembic.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import uuid
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy import create_engine
from sqlalchemy import delete
from sqlalchemy import event
from sqlalchemy import insert
from sqlalchemy import inspect
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy import update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.exc import NoSuchModuleError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from sqlalchemy.orm import selectinload
from sqlalchemy.orm import sessionmaker

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
from glossary.models import RevisionChange
from glossary.models import SourceRow
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
    def open(cls, url: str | None = None, *, create: bool = True, check_schema: bool = True) -> Store:
        """Open (and on first use create and fill) the glossary database."""
        url = url or database_url()
        engine = make_engine(url)
        store = cls(engine, url)
        try:
            if create:
                store._ensure_created()
            if check_schema:
                store.check_schema()
        except BaseException:
            store.close()
            raise
        return store

    def close(self) -> None:
        searcher = self.__dict__.pop("_searcher", None)  # glossary.searcher.searcher_for
        if searcher is not None:
            searcher.close()
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
        found = self.schema_revision()
        if found is not None and found < SCHEMA_REVISION and self.is_embedded_default():
            found = self._upgrade_embedded(found)
        if found != SCHEMA_REVISION:
            raise SchemaOutOfDate(
                f"database {masked(self.url)} has schema {found or 'none'}, this program needs "
                f"{SCHEMA_REVISION}: run 'glossary db upgrade'"
            )

    def is_embedded_default(self) -> bool:
        """True for the SQLite file in the data directory that nobody configured by hand."""
        from glossary import settings

        return not settings.get("GLOSSARY_DATABASE_URL") and self.url == database_url()

    def _upgrade_embedded(self, found: str) -> str | None:
        """Upgrade the embedded default database in place (a translator never runs 'db upgrade').

        A database the user configured (``GLOSSARY_DATABASE_URL``) is never changed behind
        their back: it gets the 'run glossary db upgrade' message instead."""
        import sys

        from glossary import migrate

        print(f"Upgrading the glossary database from schema {found} to {SCHEMA_REVISION}…", file=sys.stderr)
        # Another process may be upgrading it at the same moment: then look again.
        with contextlib.suppress(SQLAlchemyError):
            migrate.upgrade(self)
        return self.schema_revision()

    def _ensure_created(self) -> None:
        backend = self.engine.url.get_backend_name()
        database = self.engine.url.database
        if backend == "sqlite" and database not in (None, "", ":memory:"):
            path = Path(database)
            # Check before connecting: connecting would create an empty file.
            if not path.exists() or path.stat().st_size == 0:
                self.engine.dispose()
                build_sqlite_file(path)
                return
        if self.schema_revision() is not None:
            return
        from glossary.load import initial_fill

        with self.session() as session:
            if backend == "postgresql":
                session.execute(text("SELECT pg_advisory_xact_lock(7411)"))
                if _has_table(session, "alembic_version"):
                    return
            create_schema(session)
            initial_fill(session)

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

    def index_dir(self) -> Path:
        """Where search indexes are kept (``glossary.searcher`` names them by database and revision)."""
        from glossary.searcher import index_dir

        return index_dir()


def _concept_query():  # type: ignore[no-untyped-def]
    return select(ConceptRow).options(
        selectinload(ConceptRow.terms),
        selectinload(ConceptRow.definitions).selectinload(DefinitionRow.citation),
        selectinload(ConceptRow.citations),
    )


# A write touching more concepts than this is recorded as "anything may have changed" (the
# search index is then rebuilt rather than patched); rows older than KEEP_REVISIONS are pruned.
CHANGE_LIMIT = 5000
KEEP_REVISIONS = 20_000


def bump_revision(session: Session, concept_ids: Iterable[str] | None = None) -> int:
    """Count one more write to the glossary (inside the caller's transaction) and record
    which concepts it touched (``revision_changes``): ``concept_ids`` (added, edited or
    deleted), or ``None`` for "anything may have changed".  Returns the new revision."""
    result = session.execute(
        update(Meta)
        .where(Meta.key == "revision")
        .values(value=text("CAST(CAST(value AS INTEGER) + 1 AS TEXT)"))
    )
    if result.rowcount == 0:
        session.add(Meta(key="revision", value="1"))
        session.flush()
    revision = int(session.execute(select(Meta.value).where(Meta.key == "revision")).scalar_one())
    ids = None if concept_ids is None else sorted(set(concept_ids))
    if ids is not None and len(ids) > CHANGE_LIMIT:
        ids = None
    rows = [{"revision": revision, "concept_id": cid} for cid in ids or [None if ids is None else ""]]
    table = RevisionChange.__table__
    session.execute(insert(table), rows)
    if revision % 1000 == 0:
        session.execute(delete(table).where(table.c.revision <= revision - KEEP_REVISIONS))
    return revision


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


def build_sqlite_file(target: Path) -> None:
    """Build a filled SQLite glossary in a temporary file and link it into place atomically."""
    from glossary.load import initial_fill

    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=target.name + ".", suffix=".building", dir=target.parent)
    except OSError as exc:
        raise DatabaseUnavailable(f"cannot create the database in {target.parent}: {exc.strerror}") from None
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        engine = create_engine(f"sqlite:///{tmp}")
        try:
            with sessionmaker(engine).begin() as session:
                create_schema(session)
                initial_fill(session)
        finally:
            engine.dispose()
        if target.exists() and target.stat().st_size == 0:
            os.replace(tmp, target)  # an empty file left by a connection: nothing to lose
            return
        try:
            os.link(tmp, target)  # fails if another process got there first: keep theirs
        except FileExistsError:
            pass
        except OSError:  # no hard links (some file systems): rename, which may replace an equal copy
            if not target.exists():
                os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def _has_table(session: Session, name: str) -> bool:
    return inspect(session.connection()).has_table(name)


def _is_missing_table(exc: Exception) -> bool:
    message = str(exc).lower()
    return "no such table" in message or "does not exist" in message and "relation" in message


def _first_line(exc: Exception) -> str:
    orig = getattr(exc, "orig", None) or exc
    return str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
