"""Migration 0004: a database at revision 0003 holding API tokens, upgraded to head with
``glossary db upgrade``, keeps every token, each now a curator. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC
from datetime import datetime

import pytest
from alembic import command
from sqlalchemy import text

from glossary import migrate
from glossary import tokens
from glossary.store import Store
from tests.cli_helpers import run


def test_tokens_of_a_0003_database_become_curators(
    db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store.connect(db_url)
    try:
        config = migrate.alembic_config()
        with store.engine.begin() as connection:  # an empty database: migrations 0001-0003 only
            config.attributes["connection"] = connection
            command.upgrade(config, "0003")
        assert store.schema_revision() == "0003"
        with store.engine.begin() as connection:
            for name in ("alice", "bob"):
                connection.execute(
                    text("INSERT INTO api_tokens (name, token_hash, created_at) VALUES (:n, :h, :t)"),
                    {"n": name, "h": tokens.hash_secret(f"secret-{name}"), "t": datetime.now(UTC)},
                )
        monkeypatch.setenv("GLOSSARY_DATABASE_URL", db_url)

        ran = run(capsys, "db", "upgrade")

        assert ran.status == 0, ran.err
        assert "Upgraded the schema from 0003 to 0005" in ran.err
        assert store.schema_revision() == "0005"
        rows = store.select("SELECT name, role FROM api_tokens ORDER BY name", {})
        assert rows == [("alice", "curator"), ("bob", "curator")]
        assert tokens.identify(store, "secret-bob") == ("bob", "curator")
    finally:
        store.close()
