"""How long work tells its caller how far it got: the ``Progress`` interface the core calls.

The core never draws anything: a long job (an import, mining many files, an index build)
takes a ``Progress`` and reports to it; the faces decide what to show (the CLI a progress
bar on a terminal, ``console.progress``; the API nothing). ``NO_PROGRESS`` ignores it all.
"""

from __future__ import annotations


class Progress:
    """Told how much of a job is done. Subclasses draw it; this one ignores it."""

    def start(self, total: int | None, unit: str = "bytes", label: str | None = None) -> None:
        """The job begins: ``total`` units (bytes, rows, files), or ``None`` when unknown."""

    def advance(self, amount: int = 1) -> None:
        """``amount`` more units are done."""


NO_PROGRESS = Progress()
