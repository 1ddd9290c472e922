"""The real server (waitress as ``glossary serve`` runs it): what it answers before the app sees
a request (api/server.py), checked over a raw socket."""

from __future__ import annotations

import json
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest

from api.server import create_server


def echo(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    """A stand-in app (what waitress answers itself does not depend on it): the query it got."""
    start_response("200 OK", [("Content-Type", "application/json")])
    return [json.dumps({"q": environ["QUERY_STRING"]}).encode()]


@pytest.fixture(scope="module")
def served() -> Iterator[int]:
    """The port of a waitress server as ``glossary serve`` makes it, running in a thread."""
    server = create_server(echo, "127.0.0.1", 0, 2, access_log=False)  # type: ignore[arg-type]
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield int(server.effective_port)
    finally:
        for channel in list(server._map.values()):  # the server's channels with it (no leaked socket)
            channel.close()
        server.close()
        thread.join(5)


def raw_request(port: int, request_line: bytes, headers: bytes = b"") -> tuple[str, dict[str, str], bytes]:
    """Send ``request_line`` as written (no client library to encode it); the answer's
    status line, headers and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as client:
        client.sendall(request_line + b"\r\nHost: 127.0.0.1\r\n" + headers + b"Connection: close\r\n\r\n")
        answer = b""
        while chunk := client.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    status, *lines = head.decode("latin-1").split("\r\n")
    fields = {name.lower(): value.strip() for name, _, value in (line.partition(":") for line in lines)}
    return status, fields, body


def test_a_raw_non_ascii_request_line_gets_a_problem_json_400(served: int) -> None:
    status, headers, body = raw_request(served, "GET /api/v1/search?q=數位 HTTP/1.1".encode())
    assert status == "HTTP/1.1 400 Bad Request"
    assert headers["content-type"] == "application/problem+json"
    problem = json.loads(body)
    assert problem["status"] == 400 and problem["title"] == "Bad Request"
    assert problem["type"] == "urn:glossary:problem:bad-input"  # every 400, whoever answers it
    assert "percent-encode" in problem["detail"] and "--data-urlencode" in problem["detail"]


def test_other_errors_waitress_answers_itself_are_problem_json_too(served: int) -> None:
    status, headers, body = raw_request(served, b"GET /api/v1/health HTTP/1.1", b"Content-Length: x\r\n")
    assert status == "HTTP/1.1 400 Bad Request"
    assert headers["content-type"] == "application/problem+json"
    assert json.loads(body)["detail"] == "Content-Length is invalid"


def test_the_same_query_percent_encoded_reaches_the_app(served: int) -> None:
    status, _, body = raw_request(served, b"GET /api/v1/search?q=%E6%95%B8%E4%BD%8D HTTP/1.1")
    assert status == "HTTP/1.1 200 OK", body
    assert json.loads(body) == {"q": "q=%E6%95%B8%E4%BD%8D"}
