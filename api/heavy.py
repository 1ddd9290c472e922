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
- A client that hangs up: under ``glossary serve`` (waitress with request lookahead, see
  ``api.server``) the request thread polls ``waitress.client_disconnected`` while the job runs
  and stops the job's :class:`~glossary.budget.Budget`; the job ends at its next step.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from typing import TypeVar

from flask import Flask
from flask import current_app
from flask import request

from api.errors import ApiError
from glossary import budget as sizes
from glossary.budget import Budget
from glossary.errors import JobStopped
from glossary.errors import TimeLimitExceeded
from glossary.errors import TooLarge

T = TypeVar("T")
log = logging.getLogger(__name__)
POLL_SECONDS = 0.2  # how often a waiting request thread asks whether its client is still there
_KEY = "heavy"
RETRY_AFTER = "10"


class HeavyPool:
    """A thread pool of ``workers`` with room for as many waiting jobs; full: 503 at once."""

    def __init__(self, workers: int, seconds: float) -> None:
        self.seconds = seconds
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="glossary-heavy")
        self.slots = threading.BoundedSemaphore(2 * workers)

    def run(self, job: Callable[[Budget], T], client_gone: Callable[[], bool] | None = None) -> T:
        """``job(budget)`` in the pool; its result, or 503 when busy or past the deadline.
        ``client_gone``: polled while the job runs; once true the job's budget is stopped."""
        if not self.slots.acquire(blocking=False):
            raise ApiError(
                503,
                "the server is busy with other checks; try again in a few seconds",
                headers={"Retry-After": RETRY_AFTER},
            )
        budget = Budget.of(self.seconds)
        future: Future[T] = self.pool.submit(job, budget)
        future.add_done_callback(lambda _: self.slots.release())
        give_up = time.monotonic() + self.seconds + 1
        try:
            while True:
                try:
                    return future.result(timeout=min(POLL_SECONDS, max(0.0, give_up - time.monotonic())))
                except FutureTimeout:
                    if client_gone is not None and client_gone():
                        budget.stop()
                        log.info("the client went away; its heavy job was stopped")
                        raise ApiError(503, "the client went away; the job was stopped") from None
                    if time.monotonic() >= give_up:
                        raise
        except JobStopped:
            raise ApiError(503, "the job was stopped") from None
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


def run_heavy(job: Callable[[Budget], T]) -> T:
    """``job(budget)`` in the app's heavy pool, stopped if the request's client hangs up."""
    pool: HeavyPool = current_app.extensions[_KEY]
    gone = request.environ.get("waitress.client_disconnected")
    return pool.run(job, gone if callable(gone) else None)


def check_size(lines: list[str]) -> None:
    """413 when a text's lines are over the app's line or character limit."""
    try:
        sizes.check_size(
            lines,
            int(current_app.config["MAX_CHECK_CHARS"]),
            int(current_app.config["MAX_CHECK_LINES"]),
            what="the text",
            may="a request may send",
            chars_name="GLOSSARY_MAX_CHECK_CHARS",
            lines_name="GLOSSARY_MAX_CHECK_LINES",
        )
    except TooLarge as exc:
        raise ApiError(413, str(exc)) from None
