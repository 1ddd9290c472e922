"""What one long job may spend: how big its input may be, a deadline and a stop signal.

:func:`check_size` refuses a text over a character or line limit (``TooLarge``, naming the
limit: the API answers 413, the CLI exits 2). 
The API's heavy pool (``api.heavy``) gives each check a :class:`Budget`; the checker calls
:meth:`Budget.check` between its steps, so that a job past its deadline, or whose client has
gone, stops at the next step instead of running to the end for nobody.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from dataclasses import field

from glossary.errors import JobStopped
from glossary.errors import TimeLimitExceeded
from glossary.errors import TooLarge

# The command line's defaults: generous (a whole book), but finite; the API's are smaller.
CLI_MAX_CHARS = 50_000_000
CLI_MAX_LINES = 5_000_000


def check_size(
    lines: list[str], max_chars: int, max_lines: int, *, what: str, may: str, chars_name: str, lines_name: str
) -> None:
    """``TooLarge`` when ``lines`` are more than ``max_lines`` or hold more than ``max_chars``
    characters. The message reads "{what} has N lines; {may} M ({lines_name})"."""
    count = len(lines) - (1 if lines and lines[-1] == "" else 0)  # a final newline ends a line
    if count > max_lines:
        raise TooLarge(f"{what} has {count:,} lines; {may} {max_lines:,} ({lines_name})")
    chars = sum(len(line) for line in lines)
    if chars > max_chars:
        raise TooLarge(f"{what} has {chars:,} characters; {may} {max_chars:,} ({chars_name})")


@dataclass
class Budget:
    deadline: float | None = None  # time.monotonic() after which the job stops
    stopped: threading.Event = field(default_factory=threading.Event)

    @classmethod
    def of(cls, seconds: float) -> Budget:
        return cls(deadline=time.monotonic() + seconds)

    def stop(self) -> None:
        """Ask the job to stop at its next step (its client has gone)."""
        self.stopped.set()

    def check(self) -> None:
        """``JobStopped`` once stopped, ``TimeLimitExceeded`` once past the deadline."""
        if self.stopped.is_set():
            raise JobStopped("the job was stopped: its client went away")
        if self.deadline is not None and time.monotonic() > self.deadline:
            raise TimeLimitExceeded("the check ran past its time limit and was stopped")
