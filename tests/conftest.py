"""Shared fixtures: an isolated data directory for every test, and stores on SQLite and PostgreSQL.

No test touches the user's real data: ``GLOSSARY_HOME`` always points into tmp_path.
PostgreSQL tests use a throwaway database on the local server (127.0.0.1:5432, trust
auth) and skip, saying why, only when no server answers.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from glossary.records import Concept
from glossary.service import Glossary
from glossary.service import open_store
from glossary.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
PG_ADMIN_URL = os.environ.get("GLOSSARY_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture(autouse=True)
def isolated_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "glossary-home"
    monkeypatch.setenv("GLOSSARY_HOME", str(home))
    for name in ("GLOSSARY_DATABASE_URL", "GLOSSARY_TERMS", "GLOSSARY_PUBLIC_READS"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def shared_dir() -> Path:
    """../shared (reports and eval sets); skips when it is absent, as on a user's machine."""
    if not (SHARED / "reports").is_dir():
        pytest.skip(f"../shared not found at {SHARED}: the reports and eval sets are not on this machine")
    return SHARED


def _pg_connect(url: str):  # type: ignore[no-untyped-def]
    try:
        import psycopg
    except ImportError:
        pytest.skip("psycopg is not installed (pip install -e '.[dev]')")
    try:
        return psycopg.connect(url, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(f"PostgreSQL does not answer at {url}: {str(exc).strip().splitlines()[0]}")


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The admin URL of the local PostgreSQL server (skips when none answers)."""
    _pg_connect(PG_ADMIN_URL).close()
    return PG_ADMIN_URL


@pytest.fixture
def pg_database(pg_server: str) -> Iterator[str]:
    """A throwaway UTF-8 database; yields its SQLAlchemy URL and drops it afterwards."""
    name = f"glossary_test_{uuid.uuid4().hex[:12]}"
    with _pg_connect(pg_server) as conn:
        conn.execute(
            f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
            "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
        )
    base = pg_server.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    try:
        yield f"{base}/{name}"
    finally:
        with _pg_connect(pg_server) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def filled_sqlite_url(tmp_path: Path) -> str:
    """An embedded SQLite glossary, created and filled from the shipped data/terms.csv."""
    made = f"sqlite:///{tmp_path / 'glossary.sqlite3'}"
    open_store(made).close()
    return made


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL on each backend: an embedded SQLite file, then a real PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"
    return request.getfixturevalue("pg_database")


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    """An open store on each backend, created and filled from the shipped data/terms.csv."""
    opened = open_store(db_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def glossary(store: Store) -> Iterator[Glossary]:
    """The open glossary (the store above and its live index), on each backend."""
    opened = Glossary(store=store)
    yield opened
    opened.close()


@pytest.fixture
def shipped(tmp_path: Path) -> Iterator[Store]:
    """A SQLite database built from the shipped glossary, in the test's own directory."""
    store = open_store(f"sqlite:///{tmp_path / 'shipped.sqlite3'}")
    yield store
    store.close()


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[Store]:
    """A SQLite database with the schema and no concepts (the target of round trips)."""
    from tests.exchange_helpers import empty_store

    store = empty_store(f"sqlite:///{tmp_path / 'empty.sqlite3'}")
    yield store
    store.close()


@pytest.fixture
def make_glossary(tmp_path: Path) -> Iterator[Callable[[list[Concept]], Glossary]]:
    """``make_glossary(concepts)``: an open glossary holding exactly ``concepts`` (a small
    glossary of the test's own), on SQLite in the test's directory."""
    from tests.exchange_helpers import empty_store
    from tests.exchange_helpers import load_concepts

    opened: list[Glossary] = []

    def make(concepts: list[Concept]) -> Glossary:
        where = tmp_path / f"small-{len(opened)}"
        where.mkdir()
        store = empty_store(f"sqlite:///{where / 'glossary.sqlite3'}")
        load_concepts(store, concepts, where)
        opened.append(Glossary(store=store))
        return opened[-1]

    yield make
    for glossary in opened:
        glossary.close()
        glossary.store.close()


@pytest.fixture
def app() -> Iterator[Any]:
    """The Flask API on the test's own SQLite database (in GLOSSARY_HOME); a test module may override it."""
    from tests.api_helpers import close_app
    from tests.api_helpers import make_app

    made = make_app()
    yield made
    close_app(made)


@pytest.fixture
def client(app: Any) -> Any:
    """A test client of ``app``."""
    return app.test_client()


def write_csv(path: Path, header: str, *rows: str) -> Path:
    """Write a small glossary CSV for a test (header line plus rows)."""
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path
