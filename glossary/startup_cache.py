"""The start-up cache: what a one-shot command derives from a SQLite glossary, kept per revision.

A fresh ``glossary scan`` or ``glossary check`` would open the database through SQLAlchemy
(and scan would map the search index) only to derive the same object again: the scanner's
automaton, the checker's indexes. For a SQLite database, :func:`load_or_build` pickles that
object under the index directory (``{name}-{database}-r{revision}-v{version}.pkl``, the
database named by its file and ``instance`` id as the index files are). A fresh process reads
the revision with ``sqlite3`` alone and loads the object. Any doubt — not SQLite, another
schema, no file, an unreadable or foreign cache — takes the ordinary path, which writes it.
The revision is read *before* building, so a write meanwhile makes the name older, never newer.
:func:`load_or_derive` does the same for what is derived from a file that only an upgrade
changes (the miner's CC-CEDICT dictionary), keyed by the file's path, size and mtime.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    from glossary import settings

    return settings.home() / "index"


def sqlite_state(file: Path) -> tuple[str, int] | None:
    """(instance, revision) of a ready SQLite glossary of this code's schema, read with
    ``sqlite3``; ``None`` on any doubt."""
    from glossary.location import SCHEMA_REVISION

    if not file.is_file() or file.stat().st_size == 0:
        return None
    try:
        conn = sqlite3.connect(file.resolve().as_uri() + "?mode=ro", uri=True, timeout=30)
    except sqlite3.Error:
        return None
    try:
        found = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if not found or found[0] != SCHEMA_REVISION:
            return None
        values = dict(conn.execute("SELECT key, value FROM meta WHERE key IN ('revision', 'instance')"))
        return str(values.get("instance") or ""), int(values.get("revision") or 0)
    except (sqlite3.Error, ValueError):
        return None
    finally:
        conn.close()


def cache_path(name: str, version: int, file: Path, state: tuple[str, int]) -> Path:
    stem = hashlib.sha256(f"{file.resolve()}\n{state[0]}".encode()).hexdigest()[:16]
    return cache_dir() / f"{name}-{stem}-r{state[1]}-v{version}.pkl"


Built = tuple[T, "tuple[str, int] | None"]


def load_or_build(
    name: str, version: int, kind: type[T], url: str | None, build: Callable[[str], Built[T]]
) -> T:
    """The ``kind`` object of the configured glossary (or ``url``) as it is now: from the cache
    when it holds this revision, else built (and cached when the database is SQLite).
    ``build(url)`` returns the object and the database's (instance, revision) as it read them
    once the database was open, before deriving anything (``None`` when it cannot tell).
    ``version``: the object's format; raise it when the pickled shape changes."""
    from glossary.location import database_url
    from glossary.location import sqlite_file

    url = url or database_url()
    file = sqlite_file(url)
    state = sqlite_state(file) if file is not None else None
    if file is not None and state is not None:
        cached = _load(cache_path(name, version, file, state), kind)
        if cached is not None:
            return cached
    made, before = build(url)
    if file is not None and before is not None:
        _save(made, cache_path(name, version, file, before))
    return made


def load_or_derive(name: str, version: int, kind: type[T], source: Path, derive: Callable[[Path], T]) -> T:
    """What ``derive(source)`` makes of a file that does not change between runs (a shipped
    dictionary), cached under the index directory by the file's path, size and mtime."""
    stat = source.stat()
    stem = hashlib.sha256(f"{source.resolve()}\n{stat.st_size}\n{stat.st_mtime_ns}".encode()).hexdigest()[:16]
    path = cache_dir() / f"{name}-{stem}-r0-v{version}.pkl"
    cached = _load(path, kind)
    if cached is not None:
        return cached
    made = derive(source)
    _save(made, path)
    return made


def _load(path: Path, kind: type[T]) -> T | None:
    try:
        with path.open("rb") as handle:
            loaded = pickle.load(handle)
    except Exception:  # noqa: BLE001 - a damaged or foreign cache only costs a rebuild
        return None
    return loaded if isinstance(loaded, kind) else None


def _save(made: object, path: Path) -> None:
    """Write the cache (atomically), and remove the older ones of the same database."""
    from glossary.atomic import atomic_write

    stem = path.name.split("-r", 1)[0]
    with contextlib.suppress(Exception):  # best effort: no cache only means a slower start
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path) as out:
            pickle.dump(made, out, protocol=pickle.HIGHEST_PROTOCOL)
        for other in path.parent.glob(f"{stem}-r*.pkl"):
            if other != path:
                with contextlib.suppress(OSError):
                    other.unlink()
