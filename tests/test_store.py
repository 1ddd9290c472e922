"""The store: first-use creation, schema checks, migrations, bad URLs — on SQLite and PostgreSQL."""

from __future__ import annotations

import multiprocessing
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from glossary import settings
from glossary.concepts.history import bump_revision
from glossary.errors import ConfigError
from glossary.errors import DatabaseUnavailable
from glossary.errors import NotFound
from glossary.errors import SchemaOutOfDate
from glossary.service import open_store
from glossary.store import DEFAULT_DB_NAME
from glossary.store import SCHEMA_REVISION
from glossary.store import Store
from glossary.terms_csv import read_concepts


def shipped_count() -> int:
    return len(read_concepts(settings.shipped_terms_path()))


def test_first_use_fills_the_database_from_the_shipped_csv(store: Store) -> None:
    assert shipped_count() >= 40
    assert sum(1 for _ in store.all_concepts()) == shipped_count()
    desg = store.get_concept("digital-economy-steering-group")
    assert (desg.zh, desg.en, desg.abbr) == ("數位經濟指導小組", "Digital Economy Steering Group", "DESG")
    assert desg.citations and desg.citations[0].doc == "003_8e85de5ac7b80fbc.txt"


def test_a_new_database_is_stamped_with_the_current_schema(store: Store) -> None:
    assert store.schema_revision() == SCHEMA_REVISION


def test_every_write_bumps_the_revision(store: Store) -> None:
    before = store.revision()
    with store.session() as session:
        bump_revision(session)
    assert store.revision() == before + 1


def test_a_failed_transaction_writes_nothing(store: Store) -> None:
    before = store.revision()
    with pytest.raises(RuntimeError), store.session() as session:
        bump_revision(session)
        raise RuntimeError("boom")
    assert store.revision() == before


def test_unknown_concept_id_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="no-such-id"):
        store.get_concept("no-such-id")


def test_an_outdated_schema_is_reported_with_the_fix(store: Store) -> None:
    with store.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0000'"))
    with pytest.raises(SchemaOutOfDate, match="glossary db upgrade"):
        open_store(store.url)


def test_migrations_build_the_same_schema_as_the_models(db_url: str) -> None:
    """Running the Alembic migrations on an empty database gives exactly the ORM's schema."""
    from alembic import command
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from glossary.migrate import alembic_config
    from glossary.models import Base

    store = Store.connect(db_url)
    try:
        config = alembic_config()
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
        with store.engine.connect() as conn:
            diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
        assert diff == []
        assert store.schema_revision() == SCHEMA_REVISION
    finally:
        store.close()


def test_default_database_lives_in_glossary_home_and_uses_wal(isolated_home: Path) -> None:
    with open_store() as store:
        assert store.revision() >= 1
    path = isolated_home / "glossary.sqlite3"
    assert path.is_file()
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    assert not list(isolated_home.glob("*.building")), "the temporary build file was left behind"


def _open_and_count(home: str, queue: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    import os

    os.environ["GLOSSARY_HOME"] = home
    with open_store() as store:
        queue.put(sum(1 for _ in store.all_concepts()))


def test_two_first_calls_at_once_do_not_race(isolated_home: Path) -> None:
    ctx = multiprocessing.get_context("spawn")
    queue = ctx.Queue()
    procs = [ctx.Process(target=_open_and_count, args=(str(isolated_home), queue)) for _ in range(3)]
    for proc in procs:
        proc.start()
    for proc in procs:
        proc.join(60)
    counts = [queue.get(timeout=5) for _ in procs]
    assert counts == [shipped_count()] * 3


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "is not a database URL"),
        ("nosuchdialect://x/y", "unsupported driver"),
    ],
)
def test_a_malformed_database_url_is_a_config_error(url: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        open_store(url)


def test_an_unreachable_database_names_the_url_with_the_password_masked() -> None:
    url = "postgresql+psycopg://alice:s3cret@127.0.0.1:1/nothing?connect_timeout=2"
    with pytest.raises(DatabaseUnavailable) as info:
        open_store(url)
    assert "s3cret" not in str(info.value)
    assert "alice:***@127.0.0.1:1/nothing" in str(info.value)


def _database_at_schema_0001(path: Path) -> None:
    from alembic import command

    from glossary.migrate import alembic_config

    old = Store.connect(f"sqlite:///{path}")
    try:
        config = alembic_config()
        with old.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0001")
    finally:
        old.close()


def test_the_embedded_default_database_upgrades_itself(monkeypatch: pytest.MonkeyPatch) -> None:
    """A translator who installs a newer version never has to run 'glossary db upgrade'."""
    monkeypatch.delenv("GLOSSARY_DATABASE_URL", raising=False)
    _database_at_schema_0001(settings.home() / DEFAULT_DB_NAME)
    with open_store() as store:
        assert store.schema_revision() == SCHEMA_REVISION


def test_a_configured_database_is_never_upgraded_behind_the_users_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'configured.sqlite3'}"
    monkeypatch.setenv("GLOSSARY_DATABASE_URL", url)
    _database_at_schema_0001(tmp_path / "configured.sqlite3")
    with pytest.raises(SchemaOutOfDate, match="has schema 0001.*run 'glossary db upgrade'"):
        open_store()
