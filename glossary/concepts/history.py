"""The record of writes: the revision counter every write bumps (with the concepts it
touched, so search indexes follow), and the change log of who changed what, when.

Both are written inside the writer's transaction, by the write paths only.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table
from sqlalchemy import delete
from sqlalchemy import insert
from sqlalchemy import select
from sqlalchemy import text
from sqlalchemy import update
from sqlalchemy.orm import Session

from glossary import writes
from glossary.models import ChangeLogEntry
from glossary.models import Meta
from glossary.models import RevisionChange


def record(session: Session, who: str, action: str, concept_id: str | None, detail: Any = None) -> None:
    """Add an entry in the caller's transaction (``detail`` is stored as JSON text when not a str)."""
    if detail is not None and not isinstance(detail, str):
        detail = json.dumps(detail, ensure_ascii=False, sort_keys=True)
    session.add(ChangeLogEntry(who=who, action=action, concept_id=concept_id, detail=detail))


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
    if result.rowcount == 0:  # type: ignore[attr-defined]
        session.add(Meta(key="revision", value="1"))
        session.flush()
    revision = int(session.execute(select(Meta.value).where(Meta.key == "revision")).scalar_one())
    writes.note_write()  # this process's live indexes look at the revision at their next lookup
    ids = None if concept_ids is None else sorted(set(concept_ids))
    if ids is not None and len(ids) > CHANGE_LIMIT:
        ids = None
    # one row per concept; no concepts: one row with "" ("nothing"), or None ("anything")
    marks: list[str | None] = list(ids) if ids else [None if ids is None else ""]
    rows: list[dict[str, Any]] = [{"revision": revision, "concept_id": cid} for cid in marks]
    table: Table = RevisionChange.__table__  # type: ignore[assignment]
    session.execute(insert(table), rows)
    if revision % 1000 == 0:
        session.execute(delete(table).where(table.c.revision <= revision - KEEP_REVISIONS))
    return revision
