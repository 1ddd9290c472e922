"""Schema migrations through Alembic: ``glossary db upgrade`` and its helpers.

Imported only by the ``db`` commands (never on the ``find`` path). A database with no
schema at all is created *and* filled from the glossary CSV, like the embedded default.
"""

from __future__ import annotations

from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext

from glossary.load import ensure_created
from glossary.store import Store

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def upgrade(store: Store, revision: str = "head") -> tuple[str | None, str | None]:
    """Bring the schema to ``revision``; returns (before, after)."""
    before = store.schema_revision()
    if before is None:
        ensure_created(store)
        return None, store.schema_revision()
    config = alembic_config()
    with store.engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
    return before, store.schema_revision()


def current(store: Store) -> str | None:
    with store.engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()
