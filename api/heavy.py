"""Bounded cost for heavy requests (``/check``, and ``/scan`` when it comes): what one request
may send, how long it may run, and how many run at once.

- Size: at most ``MAX_CHECK_CHARS`` characters and ``MAX_CHECK_LINES`` lines (413 naming the
  limit); uploads are also bounded by ``GLOSSARY_MAX_UPLOAD_MB`` and the document reader's
  unpacked-size limit.
- Time: the job gets a deadline (``HEAVY_SECONDS``); past it the request is answered 503 with
  ``Retry-After`` and the job stops at its next step (``glossary.check.Options.deadline``).
- Concurrency: heavy jobs run in their own small thread pool (``HEAVY_WORKERS``, plus as many
  waiting), so lookups keep their threads; when the pool and its queue are full the request
  gets 503 with ``Retry-After`` at once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any
from typing import TypeVar

from flask import Flask
from flask import current_app

from api.errors import ApiError
from glossary.errors import TimeLimitExceeded

T = TypeVar("T")
_KEY = "heavy"
RETRY_AFTER = "10"


class HeavyPool:
    """A thread pool of ``workers`` with room for as many waiting jobs; full: 503 at once."""

    def __init__(self, workers: int, seconds: float) -> None:
        self.seconds = seconds
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="glossary-heavy")
        self.slots = threading.BoundedSemaphore(2 * workers)

    def run(self, job: Callable[[float], T]) -> T:
        """``job(deadline)`` in the pool; its result, or 503 when busy or past the deadline."""
        if not self.slots.acquire(blocking=False):
            raise ApiError(
                503,
                "the server is busy with other checks; try again in a few seconds",
                headers={"Retry-After": RETRY_AFTER},
            )
        deadline = time.monotonic() + self.seconds
        future: Future[T] = self.pool.submit(job, deadline)
        future.add_done_callback(lambda _: self.slots.release())
        try:
            return future.result(timeout=self.seconds + 1)
        except (FutureTimeout, TimeLimitExceeded):
            raise ApiError(
                503,
                f"the check took longer than the {self.seconds:g} s a request may take "
                "(GLOSSARY_HEAVY_SECONDS); send a shorter text",
                headers={"Retry-After": RETRY_AFTER},
            ) from None

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def init_app(app: Flask) -> None:
    app.extensions[_KEY] = HeavyPool(int(app.config["HEAVY_WORKERS"]), float(app.config["HEAVY_SECONDS"]))


def run_heavy(job: Callable[[float], T]) -> T:
    pool: HeavyPool = current_app.extensions[_KEY]
    return pool.run(job)


def check_size(text_or_lines: Any) -> None:
    """413 when a text (or its lines) is over the app's character or line limit."""
    lines = text_or_lines if isinstance(text_or_lines, list) else str(text_or_lines).split("\n")
    max_lines = int(current_app.config["MAX_CHECK_LINES"])
    max_chars = int(current_app.config["MAX_CHECK_CHARS"])
    if len(lines) > max_lines:
        raise ApiError(
            413,
            f"the text has {len(lines):,} lines; a request may send {max_lines:,} (GLOSSARY_MAX_CHECK_LINES)",
        )
    chars = sum(len(line) for line in lines)
    if chars > max_chars:
        raise ApiError(
            413,
            f"the text has {chars:,} characters; a request may send {max_chars:,} (GLOSSARY_MAX_CHECK_CHARS)",
        )
