"""What an import did, or with ``--dry-run`` would do: counts, and the first actions of each kind.

An action's ``verdict`` is what a dry run says of its entry: ``new``, ``same as ID`` (nothing
to add, or skipped), ``merge into ID`` or ``conflict: why`` (``--on-duplicate fail``; or,
under any policy, an entry that matches two stored concepts: ``conflict: matches A (by
Chinese 區塊鏈) and B (by BC + Blockchain)``, skipped under ``skip``).
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from typing import Any

MAX_LISTED = 1000  # actions of each kind kept in the report (the counts are always complete)


@dataclass
class Action:
    """What the import did (or would do) with one concept of the file."""

    action: str  # add, merge, skip, conflict
    where: str
    id: str
    stored_id: str | None = None
    reason: str | None = None
    conflict: str | None = None  # the entry matches several concepts: which, and by what forms

    def verdict(self) -> str:
        if self.conflict:
            return f"conflict: {self.conflict}"
        if self.action == "add":
            return "new"
        if self.action == "merge":
            return f"merge into {self.stored_id}"
        if self.action == "conflict":
            return f"conflict: {self.reason} as {self.stored_id} (--on-duplicate fail)"
        return f"same as {self.stored_id}"

    def line(self) -> str:
        """The dry run's line for this entry: verdict, where, and what else is known."""
        if self.action == "add":
            detail = f"as {self.id}" + (f"; {self.reason}" if self.reason else "")
        else:
            detail = (self.reason or "") if self.action != "conflict" and not self.conflict else ""
        return "\t".join(part for part in (self.verdict(), self.where, detail) if part)

    def entry_dict(self) -> dict[str, Any]:
        """The dry run's JSON Lines object for this entry."""
        kind = {"add": "new", "merge": "merge", "conflict": "conflict"}.get(self.action, "same")
        if self.conflict:
            kind = "conflict"
        return {
            "where": self.where,
            "verdict": kind,
            "line": self.verdict(),
            "id": self.stored_id or self.id,
            "reason": self.conflict or self.reason,
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "action": self.action,
            "where": self.where,
            "id": self.id,
            "stored_id": self.stored_id,
            "reason": f"conflict: {self.conflict}" if self.conflict else self.reason,
        }


_COUNTERS = {"add": "added", "merge": "merged", "skip": "skipped", "conflict": "conflicts"}


@dataclass
class ImportReport:
    file: str
    format: str
    dry_run: bool
    on_duplicate: str
    added: int = 0
    merged: int = 0
    skipped: int = 0
    conflicts: int = 0  # duplicates a dry run with --on-duplicate fail found (a real import stops)
    sources_added: int = 0
    refused: list[str] = field(default_factory=list)  # entries left out (--continue): the messages
    actions: list[Action] = field(default_factory=list)
    listed: dict[str, int] = field(default_factory=dict)

    def note(
        self,
        action: str,
        where: str,
        concept_id: str,
        stored_id: str | None = None,
        reason: str | None = None,
        conflict: str | None = None,
    ) -> None:
        """Count one action; keep its details while fewer than MAX_LISTED of its kind are kept."""
        counter = _COUNTERS[action]
        setattr(self, counter, getattr(self, counter) + 1)
        if self.listed.get(action, 0) < MAX_LISTED:
            self.listed[action] = self.listed.get(action, 0) + 1
            self.actions.append(Action(action, where, concept_id, stored_id, reason, conflict))

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "format": self.format,
            "dry_run": self.dry_run,
            "on_duplicate": self.on_duplicate,
            "added": self.added,
            "merged": self.merged,
            "skipped": self.skipped,
            "conflicts": self.conflicts,
            "sources_added": self.sources_added,
            "refused": self.refused,
            "actions": [a.to_dict() for a in self.actions],
        }

    def summary(self) -> str:
        verb = "Would add" if self.dry_run else "Added"
        text = (
            f"{verb} {self.added}, merge{'' if self.dry_run else 'd'} {self.merged}, "
            f"skip{'' if self.dry_run else 'ped'} {self.skipped} concepts from {self.file}"
        )
        if self.conflicts:
            text += f"; {self.conflicts} conflict{'' if self.conflicts == 1 else 's'}"
        if self.refused:
            text += f"; refused {len(self.refused)}"
        return text + (" (dry run: nothing was changed)" if self.dry_run else "")
