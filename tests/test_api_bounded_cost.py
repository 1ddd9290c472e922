"""What one heavy request may cost (Reliability II §1): size limits (413), a deadline (503 with
Retry-After, and the job stops), a bounded pool (503 at once when full), lookups unaffected."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask

import api.check
from tests.api_helpers import assert_problem
from tests.api_helpers import close_app
from tests.api_helpers import make_app
from tests.api_helpers import serving


@pytest.fixture
def small_app() -> Iterator[Flask]:
    app = make_app(MAX_CHECK_CHARS="1000", MAX_CHECK_LINES="20", HEAVY_SECONDS="0.5", HEAVY_WORKERS="1")
    try:
        yield app
    finally:
        close_app(app)


def test_a_text_over_the_character_limit_is_a_413(small_app: Flask) -> None:
    response = small_app.test_client().post("/api/v1/check", json={"text": "數位" * 501})
    assert_problem(response, 413, "a request may send 1,000 (GLOSSARY_MAX_CHECK_CHARS)")


def test_a_text_over_the_line_limit_is_a_413(small_app: Flask) -> None:
    response = small_app.test_client().post("/api/v1/check", json={"text": "DESG\n" * 25})
    assert_problem(response, 413, "a request may send 20 (GLOSSARY_MAX_CHECK_LINES)")


def test_a_100_kb_line_is_checked_within_the_deadline(tmp_path: Any) -> None:
    """check is linear in line length: a 100,000-character line (quadratic: over a minute) is
    answered inside a 60 s deadline, with the findings of its acronyms."""
    app = make_app(HEAVY_SECONDS="60")
    try:
        line = "數位經濟指導小組（DESG）與資料隱私次級小組開會，討論 OECD 與 XYZ 的報告。" * 2500
        assert len(line) > 100_000
        response = app.test_client().post("/api/v1/check", json={"text": line})
        assert response.status_code == 200, response.get_data(as_text=True)[:300]
        assert any(f["acronym"] == "XYZ" for f in response.get_json()["findings"])
    finally:
        close_app(app)


def stopping_checker(stopped: threading.Event) -> Any:
    """A check that runs until its deadline stops it (as a real check of a huge text would)."""

    def check(store: Any, document: Any, options: Any = None) -> dict[str, Any]:
        try:
            while True:
                options.on_time()
                time.sleep(0.01)
        finally:
            stopped.set()

    return check


def test_a_check_past_its_deadline_is_a_503_and_stops(
    small_app: Flask, monkeypatch: pytest.MonkeyPatch
) -> None:
    stopped = threading.Event()
    monkeypatch.setattr(api.check, "check_document", stopping_checker(stopped))
    started = time.monotonic()
    response = small_app.test_client().post("/api/v1/check", json={"text": "DESG"})
    assert_problem(response, 503, "longer than the 0.5 s")
    assert response.headers["Retry-After"].isdigit()
    assert stopped.wait(5), "the job kept running after its deadline"
    assert time.monotonic() - started < 5


def test_a_full_pool_answers_503_at_once_while_lookups_keep_answering(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    release = threading.Event()

    def slow(store: Any, document: Any, options: Any = None) -> dict[str, Any]:
        release.wait(10)
        return {"file": None, "findings": []}

    monkeypatch.setattr(api.check, "check_document", slow)
    app = make_app(HEAVY_SECONDS="10", HEAVY_WORKERS="1")
    statuses: list[int] = []

    def post(url: str) -> None:
        request = urllib.request.Request(
            f"{url}/api/v1/check",
            data=json.dumps({"text": "DESG"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=15) as r:
                statuses.append(r.status)
        except urllib.error.HTTPError as exc:
            statuses.append(exc.code)

    try:
        with serving(app) as url:
            busy = [threading.Thread(target=post, args=(url,)) for _ in range(2)]  # one runs, one waits
            for t in busy:
                t.start()
            time.sleep(0.5)
            started = time.monotonic()
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(
                    urllib.request.Request(
                        f"{url}/api/v1/check",
                        data=b'{"text": "DESG"}',
                        headers={"Content-Type": "application/json"},
                    ),
                    timeout=5,
                )
            assert refused.value.code == 503 and refused.value.headers["Retry-After"]
            assert time.monotonic() - started < 2  # refused at once, not after waiting
            with urllib.request.urlopen(f"{url}/api/v1/search?q=DESG", timeout=5) as r:
                assert r.status == 200 and json.load(r)["results"][0]["abbr"] == "DESG"
            assert time.monotonic() - started < 3
            release.set()
            for t in busy:
                t.join(15)
    finally:
        release.set()
        close_app(app)
    assert statuses == [200, 200]


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")  # waitress's own sockets
def test_a_check_whose_client_hangs_up_stops_at_its_next_step(monkeypatch: pytest.MonkeyPatch) -> None:
    """Under the real server (waitress as ``glossary serve`` runs it), a client that closes its
    connection while its check runs stops the job long before the job's 30 s deadline."""
    import socket

    from api.server import create_server

    stopped = threading.Event()
    monkeypatch.setattr(api.check, "check_document", stopping_checker(stopped))
    app = make_app(HEAVY_SECONDS="30", HEAVY_WORKERS="1")
    server = create_server(app, "127.0.0.1", 0, 4)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        body = b'{"text": "DESG"}'
        head = (
            "POST /api/v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n\r\n"
        )
        client = socket.create_connection(("127.0.0.1", server.effective_port), timeout=5)
        client.sendall(head.encode() + body)
        time.sleep(0.5)
        assert not stopped.is_set()  # still running: the client is there
        hung_up = time.monotonic()
        client.close()
        assert stopped.wait(10), "the job kept running after its client went away"
        assert time.monotonic() - hung_up < 5
    finally:
        for channel in list(server._map.values()):  # the server's channels with it (no leaked socket)
            channel.close()
        server.close()
        close_app(app)
