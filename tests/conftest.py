"""Shared fixtures: an isolated data directory for every test, and stores on SQLite and PostgreSQL.

No test touches the user's real data: ``GLOSSARY_HOME`` always points into tmp_path.
PostgreSQL tests use a throwaway database on the local server (127.0.0.1:5432, trust
auth) and skip, saying why, only when no server answers.
"""

from __future__ import annotations

import contextlib
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


# ---------------------------------------------------------------- filled databases, made once

# Filling a database from data/terms.csv (schema migrations, ~350 concepts, the change log)
# takes a second or more; hundreds of tests start from that same state.  The first such
# test fills a template per backend; every later one gets a copy (SQLite: the backup API;
# PostgreSQL: CREATE DATABASE … TEMPLATE), given its own ``instance`` id as a freshly created
# database has, so no index file or startup cache of one test is taken for another's.
_TEMPLATES: dict[tuple[str, str, int, int], str] = {}


def _shipped_key(backend: str) -> tuple[str, str, int, int]:
    from glossary.settings import shipped_terms_path

    path = shipped_terms_path()
    stat = path.stat()
    return (backend, str(path), stat.st_mtime_ns, stat.st_size)


def _new_instance(execute: Callable[[str, tuple[str]], Any]) -> None:
    execute("UPDATE meta SET value = %s WHERE key = 'instance'", (uuid.uuid4().hex,))


def seed_shipped_sqlite(target: Path) -> str:
    """A SQLite glossary filled from the shipped CSV at ``target`` (a copy of the session's
    template); returns its URL."""
    import sqlite3
    import tempfile

    key = _shipped_key("sqlite")
    template = _TEMPLATES.get(key)
    if template is None:
        template = str(Path(tempfile.mkdtemp(prefix="glossary-template-")) / "shipped.sqlite3")
        open_store(f"sqlite:///{template}").close()
        _TEMPLATES[key] = template
    target.parent.mkdir(parents=True, exist_ok=True)
    with (
        contextlib.closing(sqlite3.connect(template)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
        _new_instance(lambda sql, args: dst.execute(sql.replace("%s", "?"), args))
        dst.commit()
    return f"sqlite:///{target}"


def seed_shipped_postgresql(pg_server: str, name: str) -> bool:
    """Create database ``name`` as a copy of the session's filled PostgreSQL template; false
    when the server refuses (the caller then fills it itself)."""
    import psycopg

    key = _shipped_key("postgresql")
    base = pg_server.rsplit("/", 1)[0]
    template = _TEMPLATES.get(key)
    try:
        if template is None:
            template = f"glossary_template_{uuid.uuid4().hex[:12]}"
            with _pg_connect(pg_server) as conn:
                conn.execute(
                    f"CREATE DATABASE {template} TEMPLATE template0 ENCODING 'UTF8' "
                    "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
                )
            _TEMPLATES[key] = template
            open_store(f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{template}").close()
        with _pg_connect(pg_server) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {template}")
        with psycopg.connect(f"{base}/{name}", autocommit=True, connect_timeout=3) as conn:
            _new_instance(lambda sql, args: conn.execute(sql, args))
    except psycopg.Error:
        return False
    return True


@pytest.fixture(scope="session", autouse=True)
def _drop_templates() -> Iterator[None]:
    """Drop the session's PostgreSQL templates at the end of the run."""
    yield
    for (backend, *_), template in list(_TEMPLATES.items()):
        if backend == "postgresql":
            try:
                with _pg_connect(PG_ADMIN_URL) as conn:
                    conn.execute(f"DROP DATABASE IF EXISTS {template} WITH (FORCE)")
            except BaseException:  # noqa: BLE001 - best effort at exit (a skip is a BaseException)
                pass


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
    return seed_shipped_sqlite(tmp_path / "glossary.sqlite3")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A database URL on each backend: an embedded SQLite file, then a real PostgreSQL database."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.sqlite3'}"
    return request.getfixturevalue("pg_database")


@pytest.fixture
def store(db_url: str, request: pytest.FixtureRequest) -> Iterator[Store]:
    """An open store on each backend, created and filled from the shipped data/terms.csv."""
    if db_url.startswith("sqlite:///"):
        seed_shipped_sqlite(Path(db_url.removeprefix("sqlite:///")))
    else:
        name = db_url.rsplit("/", 1)[1]
        with _pg_connect(request.getfixturevalue("pg_server")) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if not seed_shipped_postgresql(request.getfixturevalue("pg_server"), name):
            with _pg_connect(request.getfixturevalue("pg_server")) as conn:
                conn.execute(
                    f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                    "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
                )
    opened = open_store(db_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def cli(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., Any]:
    """``cli("import", …)``: the real ``glossary`` command (``tests.cli_helpers.run``) on the
    filled store of each backend."""
    from tests.cli_helpers import run

    monkeypatch.setenv("GLOSSARY_DATABASE_URL", store.url)

    def go(*args: str) -> Any:
        return run(capsys, *args)

    return go


@pytest.fixture
def glossary(store: Store) -> Iterator[Glossary]:
    """The open glossary (the store above and its live index), on each backend."""
    opened = Glossary(store=store)
    yield opened
    opened.close()


@pytest.fixture
def shipped(tmp_path: Path) -> Iterator[Store]:
    """A SQLite database built from the shipped glossary, in the test's own directory."""
    store = open_store(seed_shipped_sqlite(tmp_path / "shipped.sqlite3"))
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
    from glossary.location import database_url
    from tests.api_helpers import close_app
    from tests.api_helpers import make_app

    url = database_url()
    if url.startswith("sqlite:///") and not Path(url.removeprefix("sqlite:///")).exists():
        seed_shipped_sqlite(Path(url.removeprefix("sqlite:///")))
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
