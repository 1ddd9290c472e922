"""Progress bars of the CLI: rich, on standard error, and only when that is a terminal."""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Iterator
from typing import Any

from rich.console import Console
from rich.progress import BarColumn
from rich.progress import Progress as RichProgress
from rich.progress import TaskProgressColumn
from rich.progress import TextColumn
from rich.progress import TimeRemainingColumn

from glossary.progress import NO_PROGRESS
from glossary.progress import Progress


class _Bar(Progress):
    """A ``glossary.progress.Progress`` drawn as one rich task per ``start``."""

    def __init__(self, bar: RichProgress, label: str) -> None:
        self.bar = bar
        self.label = label
        self.task: Any = None

    def start(self, total: int | None, unit: str = "bytes", label: str | None = None) -> None:
        if self.task is not None:
            self.bar.remove_task(self.task)
        self.task = self.bar.add_task(label or self.label, total=total)

    def advance(self, amount: int = 1) -> None:
        if self.task is not None:
            self.bar.advance(self.task, amount)


@contextlib.contextmanager
def progress_bar(label: str, wanted: bool = True) -> Iterator[Progress]:
    """A progress bar on stderr when ``wanted`` and stderr is a terminal; else ``NO_PROGRESS``."""
    if not wanted or not sys.stderr.isatty():
        yield NO_PROGRESS
        return
    with RichProgress(
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeRemainingColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        yield _Bar(bar, label)
