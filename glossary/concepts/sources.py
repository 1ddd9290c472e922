"""The reports a write cites: file name -> source id, creating a source row for a new report.

Every write path cites reports by file name; the database keeps them as ``sources`` rows.
``SourceRegistry`` maps names to ids inside the writer's transaction and, unless told
to refuse them (``strict``: the API and the curation commands may only cite reports the
glossary has), adds a row for an unknown file.  ``register`` takes a JSON dump's source
metadata.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from glossary.models import SourceRow

SOURCE_COLUMNS = ("id", "file_name", "title", "issuing_body", "date")


class UnknownReport(LookupError):
    """A write cites a report the glossary does not have (and may not add here)."""


class SourceRegistry:
    """File names <-> source ids of the writer's transaction, created as needed."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_file: dict[str, str] = dict(session.execute(select(SourceRow.file_name, SourceRow.id)).all())
        self.ids = set(self.by_file.values())
        self.created: set[str] = set()  # file names added by this transaction

    def file_names(self) -> dict[str, str]:
        """source id -> file name."""
        return {source_id: name for name, source_id in self.by_file.items()}

    def add(self, row: dict[str, str]) -> None:
        """A source row (``SOURCE_COLUMNS``) unless its file is known already."""
        if row["file_name"] in self.by_file:
            return
        self.session.add(SourceRow(**{k: (row.get(k) or None) for k in SOURCE_COLUMNS}))
        self.by_file[row["file_name"]] = row["id"]
        self.ids.add(row["id"])
        self.created.add(row["file_name"])

    def free_id(self, wanted: str) -> str:
        candidate, n = wanted, 2
        while candidate in self.ids:
            candidate, n = f"{wanted}-{n}", n + 1
        return candidate

    def id_for(self, file_name: str) -> str:
        """The source id of a report file (a source id is accepted too); created when new."""
        if file_name not in self.by_file:
            if file_name in self.ids:
                return file_name
            self.add({"id": self.free_id(Path(file_name).stem[:60] or "source"), "file_name": file_name})
        return self.by_file[file_name]

    def known_id(self, file_name: str) -> str:
        """The source id of a report the glossary has; ``UnknownReport`` otherwise."""
        if file_name in self.by_file:
            return self.by_file[file_name]
        if file_name in self.ids:
            return file_name
        raise UnknownReport(file_name)

    def register(
        self, file_name: str, source_id: str, title: str | None, issuing_body: str | None, date: str | None
    ) -> None:
        """A source as a JSON dump describes it: created with its id (when free); metadata filled
        in when this transaction created it from a citation met earlier."""
        existing = self.by_file.get(file_name)
        if existing is None:
            self.add(
                {
                    "id": self.free_id(source_id[:60] if source_id in self.ids else source_id),
                    "file_name": file_name,
                    "title": title or "",
                    "issuing_body": issuing_body or "",
                    "date": date or "",
                }
            )
        elif file_name in self.created:
            # The dump listed its sources after concepts that cite them: keep the id given
            # then, fill in the metadata.
            row = self.session.get(SourceRow, existing)
            if row is not None:
                row.title, row.issuing_body, row.date = title, issuing_body, date
