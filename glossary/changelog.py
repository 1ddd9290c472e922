"""The change log: who changed what, when. Every write to the glossary records an entry here."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy.orm import Session

from glossary.models import ChangeLogEntry


def record(session: Session, who: str, action: str, concept_id: str | None, detail: Any = None) -> None:
    """Add an entry in the caller's transaction (``detail`` is stored as JSON text when not a str)."""
    if detail is not None and not isinstance(detail, str):
        detail = json.dumps(detail, ensure_ascii=False, sort_keys=True)
    session.add(ChangeLogEntry(who=who, action=action, concept_id=concept_id, detail=detail))
