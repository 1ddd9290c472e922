"""Where the glossary database is, using the standard library only.

The database URL (``GLOSSARY_DATABASE_URL`` or the embedded SQLite file in the data
directory), the schema revision this code expects, and the file behind a SQLite URL.
``glossary.store`` re-exports these; the ``find`` fast path uses them without importing
SQLAlchemy.
"""

from __future__ import annotations

from pathlib import Path

from glossary import settings

# The Alembic revision this code expects; keep equal to the newest file in migrations/versions.
SCHEMA_REVISION = "0005"
DEFAULT_DB_NAME = "glossary.sqlite3"
_SQLITE_PREFIXES = ("sqlite:///", "sqlite+pysqlite:///")


def database_url() -> str:
    """GLOSSARY_DATABASE_URL, or the embedded SQLite file in the data directory."""
    return settings.get("GLOSSARY_DATABASE_URL") or f"sqlite:///{settings.home() / DEFAULT_DB_NAME}"


def sqlite_file(url: str) -> Path | None:
    """The file of a plain SQLite URL (``sqlite:///path``); ``None`` for any other URL,
    an in-memory database or a URL with options (those take the SQLAlchemy path)."""
    for prefix in _SQLITE_PREFIXES:
        if url.startswith(prefix):
            rest = url[len(prefix) :]
            if not rest or rest == ":memory:" or "?" in rest or rest.startswith("file:"):
                return None
            return Path(rest)
    return None
