"""The WSGI server ``glossary serve`` runs (waitress), with the settings the app relies on,
and its access log (one Common Log Format line per request on stderr; ``--quiet`` turns it off).

``channel_request_lookahead`` lets waitress read ahead on a connection while a request runs,
so that it notices a client that has hung up and offers ``waitress.client_disconnected`` in
the request's environ: a heavy job (``api.heavy``) then stops instead of burning CPU for
nobody.

Errors waitress answers itself, before the app sees the request (a raw non-ASCII request
line such as ``GET /api/v1/search?q=數位 HTTP/1.1`` is "Bad URI", an oversized header 431),
are problem+json documents like every other API error, through waitress's own hook for
them (a channel's ``error_task_class``), instead of waitress's text/plain page.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from typing import Any
from typing import TextIO

from flask import Flask
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer
from waitress.server import create_server as waitress_server
from waitress.task import ErrorTask

from api.errors import PROBLEM
from api.errors import problem_type

LOOKAHEAD = 5  # requests waitress may read ahead per connection (0 would hide disconnects)
CLF_TIME = "%d/%b/%Y:%H:%M:%S %z"
# gunicorn's own access log in the same format (it writes "-" to stdout, which is for data)
GUNICORN_CLF = '%(h)s %(l)s %(u)s %(t)s "%(r)s" %(s)s %(b)s'

WSGIApp = Callable[[dict[str, Any], Callable[..., Any]], Iterable[bytes]]


class AccessLog:
    """WSGI middleware: one Common Log Format line per request on ``stream`` once the
    response is sent (``127.0.0.1 - - [03/Dec/2026:14:30:00 +0000] "GET /api/v1/search?q=DESG
    HTTP/1.1" 200 1234``).

    Hand-written rather than paste's TransLogger: that one takes the client address from
    X-Forwarded-For (any client can write it), quotes PATH_INFO (WSGI's latin-1 string) so
    that a Chinese path is logged double-encoded, and logs "-" for the size of a response
    without Content-Length; and paste is a large legacy package for these few lines.
    """

    def __init__(self, app: WSGIApp, stream: TextIO | None = None) -> None:
        self.app = app
        self.stream = stream

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        started = time.localtime()
        status = ["-"]

        def start(code: str, headers: list[tuple[str, str]], exc_info: Any = None) -> Any:
            status[0] = code.split(" ", 1)[0]
            return start_response(code, headers, exc_info)

        return _Logged(self.app(environ, start), lambda size: self._write(environ, started, status[0], size))

    def _write(self, environ: dict[str, Any], started: time.struct_time, status: str, size: int) -> None:
        uri = environ.get("REQUEST_URI") or (
            environ.get("SCRIPT_NAME", "") + environ.get("PATH_INFO", "")
            + (f"?{environ['QUERY_STRING']}" if environ.get("QUERY_STRING") else "")
        )  # fmt: skip
        request = f"{environ.get('REQUEST_METHOD', '-')} {uri} {environ.get('SERVER_PROTOCOL', '-')}"
        line = (
            f"{environ.get('REMOTE_ADDR') or '-'} - {environ.get('REMOTE_USER') or '-'} "
            f'[{time.strftime(CLF_TIME, started)}] "{request}" {status} {size if size else "-"}\n'
        )
        stream = self.stream or sys.stderr
        try:
            stream.write(line)
            stream.flush()
        except (OSError, ValueError):  # stderr closed or gone: the request itself went fine
            pass


class _Logged:
    """The response body, counted as the server sends it; ``close()`` (which the server calls
    even when it sent nothing, a hung-up client) closes the app's body and logs the line."""

    def __init__(self, body: Iterable[bytes], done: Callable[[int], None]) -> None:
        self.body = body
        self.done = done
        self.size = 0

    def __iter__(self) -> Iterator[bytes]:
        for chunk in self.body:
            self.size += len(chunk)
            yield chunk

    def close(self) -> None:
        try:
            close = getattr(self.body, "close", None)
            if close is not None:
                close()
        finally:
            self.done(self.size)


# what waitress's own error texts mean for a client, said in the API's words
_HINTS = {
    "Bad URI": "the request line is not a valid URL: percent-encode characters outside ASCII "
    "(e.g. curl -G --data-urlencode q=數位 http://127.0.0.1:8000/api/v1/search)",
}


class ProblemErrorTask(ErrorTask):
    """Waitress's answer to a request it could not parse, as application/problem+json."""

    def execute(self) -> None:
        error = self.request.error
        detail = str(error.body)
        body = {
            "type": problem_type(error.code),
            "title": error.reason,
            "status": error.code,
            "detail": _HINTS.get(detail, detail),
        }
        data = (json.dumps(body, ensure_ascii=False) + "\n").encode("utf-8")
        self.status = f"{error.code} {error.reason}"
        self.response_headers.append(("Content-Type", PROBLEM))
        self.set_close_on_finish()
        self.content_length = len(data)
        self.write(data)


class ProblemChannel(HTTPChannel):
    error_task_class = ProblemErrorTask


def create_server(app: Flask, host: str, port: int, threads: int, access_log: bool = True) -> Any:
    """A bound waitress server for ``app`` (``run()`` serves, ``close()`` stops), logging
    each request on stderr unless ``access_log`` is false."""
    served: Any = AccessLog(app) if access_log else app
    sockets: dict[int, Any] = {}
    server = waitress_server(
        served,
        map=sockets,
        host=host,
        port=port,
        threads=threads,
        ident="glossary",
        channel_request_lookahead=LOOKAHEAD,
    )
    for listener in list(sockets.values()):  # one per address the host name resolves to
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = ProblemChannel
    return server


def run_gunicorn(host: str, port: int, workers: int, threads: int, access_log: bool = True) -> None:
    """Serve with gunicorn (POSIX): ``workers`` processes of ``threads`` threads each
    (gthread), each worker calling the app factory after the fork (no preload, so every
    worker opens its own database connections and maps the shared index file).  The
    access log (unless ``access_log`` is false) goes to stderr in Common Log Format.
    Returns when gunicorn stops (Ctrl-C, SIGTERM)."""
    from gunicorn.app.base import BaseApplication  # lazy: POSIX only, the deploy extra

    from api.app import create_app

    class Server(BaseApplication):
        def load_config(self) -> None:
            settings = {
                "bind": f"{host}:{port}",
                "workers": workers,
                "worker_class": "gthread",
                "threads": threads,
                "accesslog": "/dev/stderr" if access_log else None,
                "access_log_format": GUNICORN_CLF,
                "loglevel": "warning",
                "graceful_timeout": 10,
                "timeout": 120,
            }
            for key, value in settings.items():
                self.cfg.set(key, value)

        def load(self) -> Flask:
            return create_app()

    Server().run()
