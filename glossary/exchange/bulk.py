"""Writing many rows fast, inside the caller's transaction: the importer's insert path.

One ``insert(table, columns, rows)`` per table and batch, with plain tuples:

- SQLite: multi-row ``INSERT … VALUES`` through the driver's ``executemany``
  (``Connection.exec_driver_sql``: SQLAlchemy's per-row parameter processing would cost
  more than SQLite's own insert);
- PostgreSQL (psycopg 3): ``COPY … FROM STDIN``;
- any other backend: a Core ``insert()`` executemany.

Rows that others point at (definitions, pointed at by citations) get their ids before
they are written (``reserve_ids``), so no ``RETURNING`` round trip is needed.
``bulk_transaction`` is the transaction all of it runs in.
"""

from __future__ import annotations

import contextlib
import itertools
import sqlite3
from collections.abc import Iterator
from typing import Any

from sqlalchemy import Table
from sqlalchemy import func
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from glossary.errors import DatabaseUnavailable
from glossary.store import Store
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
def bulk_transaction(store: Store) -> Iterator[Session]:
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
        """Execute prepared statements (mostly inside the driver, which releases the GIL)."""
        for kind, target, params in statements:
            if kind == "sql":
                self.connection.exec_driver_sql(target, params)
            elif kind == "copy":
                driver = self.connection.connection.driver_connection
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
