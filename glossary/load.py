"""Loading a glossary CSV into the database: creation on first use, and ``glossary db sync``.

``ensure_created`` gives a database with no schema the schema and the shipped glossary
(an embedded SQLite file is built in a temporary file and linked into place).  Filling
and syncing run inside one transaction, so a bad row leaves nothing half-loaded.
``sync`` merges a newer shipped CSV by stable id: new concepts are added, concepts
nobody has edited locally since the last sync are updated, locally edited ones are
kept (the database is authoritative) and reported.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy import inspect
from sqlalchemy import text
from sqlalchemy.orm import Session
from sqlalchemy.orm import sessionmaker

from glossary import settings
from glossary.concepts.sources import SOURCE_COLUMNS
from glossary.concepts.transaction import within
from glossary.errors import BadInput
from glossary.errors import DatabaseUnavailable
from glossary.models import Meta
from glossary.records import Concept
from glossary.store import Store
from glossary.store import create_schema
from glossary.store import set_meta
from glossary.terms_csv import concept_to_row
from glossary.terms_csv import decode_utf8
from glossary.terms_csv import read_concepts
from glossary.validate import check_text


def file_digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def concept_digest(concept: Concept) -> str:
    """A fingerprint of a concept's content, to tell whether it was edited since a sync."""
    row = concept_to_row(concept)
    return hashlib.sha256(json.dumps(row, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]


def read_sources(path: Path) -> list[dict[str, str]]:
    """The sources table (``data/sources.csv``); a missing file means no metadata."""
    if not path.is_file():
        return []
    text = decode_utf8(path.read_bytes(), str(path))
    reader = csv.DictReader(io.StringIO(text, newline=""))
    missing = [c for c in ("id", "file_name") if c not in (reader.fieldnames or [])]
    if missing:
        raise BadInput(f"{path}: missing column {', '.join(repr(c) for c in missing)} in the header row")
    rows = []
    for row in reader:
        where = f"{path}: row {reader.line_num}"
        rows.append(
            {
                c: check_text(row.get(c) or "", c, where, required=c in ("id", "file_name"))
                for c in SOURCE_COLUMNS
            }
        )
    return rows


def initial_fill(session: Session, terms_path: Path | None = None) -> int:
    """Fill a new, empty database from the glossary CSV (through the write door, in the
    caller's transaction)."""
    path = terms_path or settings.shipped_terms_path()
    concepts = read_concepts(path)
    with within(session, "load") as tx:
        for row in read_sources(path.with_name("sources.csv")):
            tx.sources.add(row)
        tx.add_curated(concepts, [concept_digest(c) for c in concepts])
        tx.log("load", None, {"file": str(path), "added": len(concepts)})
        _remember_csv(session, path)
    return len(concepts)


def _remember_csv(session: Session, path: Path) -> None:
    set_meta(session, "terms_path", str(Path(path).resolve()))
    set_meta(session, "terms_sha256", file_digest(path))


def csv_is_stale(session: Session, path: Path | None = None) -> bool:
    """True when the glossary CSV differs from the one last merged into this database."""
    path = path or settings.shipped_terms_path()
    if not path.is_file():
        return False
    known = session.get(Meta, "terms_sha256")
    return known is None or known.value != file_digest(path)


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept_local: list[str] = field(default_factory=list)
    unchanged: int = 0


def sync(session: Session, path: Path | None = None) -> SyncReport:
    """Merge the glossary CSV into an existing database by stable id (through the write door)."""
    path = path or settings.shipped_terms_path()
    concepts = read_concepts(path)
    report = SyncReport()
    with within(session, "sync") as tx:
        for row in read_sources(path.with_name("sources.csv")):
            tx.sources.add(row)
        for concept in concepts:
            digest = concept_digest(concept)
            if not tx.exists(concept.id):
                tx.add(concept, action=None, origin_hash=digest, curated=True)
                report.added.append(concept.id)
                continue
            stored, origin = tx.get(concept.id), tx.origin_hash(concept.id)
            current = concept_digest(stored)
            if current == digest:
                tx.set_origin_hash(concept.id, digest)
                report.unchanged += 1
            elif origin is not None and current == origin:
                tx.take(concept.id)
                tx.put(concept, action=None, origin_hash=digest, curated=True)
                report.updated.append(concept.id)
            else:
                report.kept_local.append(concept.id)
        if report.added or report.updated:
            tx.log("sync", None, {"file": str(path), "added": report.added, "updated": report.updated})
        _remember_csv(session, path)
    return report


# ---------------------------------------------------------------- creation on first use


def ensure_created(store: Store) -> None:
    """Create the schema and fill it from the glossary CSV when the database has none."""
    backend = store.engine.url.get_backend_name()
    database = store.engine.url.database
    if backend == "sqlite" and database not in (None, "", ":memory:"):
        path = Path(database)
        # Check before connecting: connecting would create an empty file.
        if not path.exists() or path.stat().st_size == 0:
            store.engine.dispose()
            build_sqlite_file(path)
            return
    if store.schema_revision() is not None:
        return
    with store.session() as session:
        if backend == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(7411)"))
            if inspect(session.connection()).has_table("alembic_version"):
                return  # another process created it while this one waited
        create_schema(session)
        initial_fill(session)


def build_sqlite_file(target: Path) -> None:
    """Build a filled SQLite glossary in a temporary file and link it into place atomically
    (two first uses at once cannot race: the second keeps the first one's file)."""
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
