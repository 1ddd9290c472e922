"""The import's progress bar: rich, on standard error, and only when that is a terminal."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

from glossary.exchange.common import NO_PROGRESS
from glossary.exchange.common import Progress


class _Bar(Progress):
    def __init__(self, bar: Any, label: str) -> None:
        self.bar = bar
        self.label = label
        self.task: Any = None

    def start(self, total: int | None, unit: str = "bytes") -> None:
        self.task = self.bar.add_task(f"importing {self.label}", total=total)

    def advance(self, amount: int) -> None:
        if self.task is not None:
            self.bar.advance(self.task, amount)


@contextlib.contextmanager
def progress_bar(wanted: bool, label: str) -> Iterator[Progress]:
    """A rich progress bar on stderr when ``wanted`` and stderr is a terminal; else nothing."""
    if not wanted or not sys.stderr.isatty():
        yield NO_PROGRESS
        return
    from rich.console import Console
    from rich.progress import BarColumn
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskProgressColumn
    from rich.progress import TextColumn
    from rich.progress import TimeRemainingColumn

    with RichProgress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        yield _Bar(bar, label)
