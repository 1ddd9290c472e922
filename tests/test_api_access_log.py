"""``glossary serve``'s access log: one Common Log Format line per request on stderr (api/server.py)."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from collections.abc import Iterable
from typing import Any

from api.server import AccessLog

CLF = re.compile(r'^(\S+) - (\S+) \[(\d\d/\w{3}/\d{4}:\d\d:\d\d:\d\d [+-]\d{4})\] "([^"]*)" (\d{3}) (\d+|-)$')


class Body:
    """A response body that says whether the server closed it."""

    def __init__(self, chunks: list[bytes]) -> None:
        self.chunks = chunks
        self.closed = False

    def __iter__(self) -> Any:
        return iter(self.chunks)

    def close(self) -> None:
        self.closed = True


def app_answering(status: str, chunks: list[bytes], body: list[Body]) -> Callable[..., Iterable[bytes]]:
    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        start_response(status, [("Content-Type", "text/plain")])
        body.append(Body(chunks))
        return body[-1]

    return app


def environ(**extra: str) -> dict[str, Any]:
    return {
        "REQUEST_METHOD": "GET",
        "REQUEST_URI": "/api/v1/search?q=%E6%95%B8%E4%BD%8D",
        "PATH_INFO": "/api/v1/search",
        "QUERY_STRING": "q=%E6%95%B8%E4%BD%8D",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "127.0.0.1",
        **extra,
    }


def serve_once(app: Callable[..., Iterable[bytes]], env: dict[str, Any], read: bool = True) -> str:
    log = io.StringIO()
    logged = AccessLog(app, stream=log)
    result = logged(env, lambda status, headers, exc_info=None: None)
    if read:
        b"".join(result)
    assert log.getvalue() == "", "the line is written when the response is done, not before"
    result.close()  # type: ignore[attr-defined]
    return log.getvalue()


def test_one_common_log_format_line_with_the_raw_uri_status_and_bytes_sent() -> None:
    bodies: list[Body] = []
    line = serve_once(app_answering("404 NOT FOUND", [b"abc", b"de"], bodies), environ())
    assert line.endswith("\n") and line.count("\n") == 1
    match = CLF.match(line.rstrip("\n"))
    assert match, line
    host, user, _, request, status, size = match.groups()
    assert (host, user, status, size) == ("127.0.0.1", "-", "404", "5")
    assert request == "GET /api/v1/search?q=%E6%95%B8%E4%BD%8D HTTP/1.1"
    assert bodies[0].closed


def test_a_forwarded_for_header_does_not_change_the_logged_address() -> None:
    line = serve_once(app_answering("200 OK", [b"x"], []), environ(HTTP_X_FORWARDED_FOR="6.6.6.6"))
    assert line.startswith("127.0.0.1 - - [")


def test_a_body_never_sent_is_still_closed_and_logged_with_no_size() -> None:
    bodies: list[Body] = []
    line = serve_once(app_answering("200 OK", [b"abc"], bodies), environ(), read=False)
    assert bodies[0].closed  # the app's teardown runs even for a client that hung up
    assert line.rstrip("\n").endswith('" 200 -')


def test_without_request_uri_the_path_and_query_are_logged() -> None:
    env = environ()
    del env["REQUEST_URI"]
    line = serve_once(app_answering("200 OK", [b"x"], []), env)
    assert '"GET /api/v1/search?q=%E6%95%B8%E4%BD%8D HTTP/1.1" 200 1' in line
