"""A real ``glossary serve``: the search index is made ready before traffic, one process builds.

Each server is a subprocess on a free loopback port, with the test's GLOSSARY_HOME; the
test asks ``/api/v1/health`` as a load balancer would.
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from glossary.search.live import index_dir
from glossary.service import Glossary

ROOT = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> tuple[int, dict, dict]:
    try:
        with urllib.request.urlopen(url, timeout=10) as answer:
            return answer.status, json.load(answer), dict(answer.headers)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error), dict(error.headers)


@contextmanager
def _server(log: Path, *options: str) -> Iterator[str]:
    port = _free_port()
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--port", str(port), *options],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdout=subprocess.DEVNULL,
            stderr=sink,
        )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(30)


def _health(base: str, timeout: float = 90) -> tuple[int, dict, dict]:
    """The first answer of /health (the server may still be binding its port)."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            return _get(f"{base}/api/v1/health")
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def _until_ok(base: str, timeout: float = 120) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        status, body, _ = _health(base)
        if status == 200:
            return body
        assert status == 503 and body["status"] == "starting", (status, body)
        assert time.monotonic() < deadline, "the index was never ready"
        time.sleep(0.2)


def _lock_of_the_default_glossary() -> Path:
    with Glossary() as glossary:
        instance, _ = glossary.index.state()  # creates and fills the default database
        return index_dir() / f"{glossary.index._stem(instance)}.building"


def test_health_says_starting_until_the_index_is_ready_and_the_server_then_answers(tmp_path: Path) -> None:
    lock = _lock_of_the_default_glossary()
    lock.write_text(str(os.getpid()))  # "another process is building": the server waits for it
    with _server(tmp_path / "serve.log") as base:
        status, body, headers = _health(base)
        assert (status, body["status"]) == (503, "starting")
        assert headers["Retry-After"] == "5" and body["revision"] >= 1
        time.sleep(1)
        assert _health(base)[0] == 503  # still waiting for the other build
        assert not list(index_dir().glob("*.idx"))
        lock.unlink()  # the other process gave up: this one builds
        assert _until_ok(base)["status"] == "ok"
        assert len(list(index_dir().glob("*.idx"))) == 1  # built before the first lookup
        status, found, _ = _get(f"{base}/api/v1/search?q=DESG")
        assert status == 200 and found["results"][0]["abbr"] == "DESG"
    assert "Search index built" in (tmp_path / "serve.log").read_text()


def test_two_servers_starting_at_once_build_the_index_once(tmp_path: Path) -> None:
    _lock_of_the_default_glossary()
    with _server(tmp_path / "one.log") as one, _server(tmp_path / "two.log") as two:
        assert _until_ok(one)["status"] == "ok" and _until_ok(two)["status"] == "ok"
        for base in (one, two):
            status, found, _ = _get(f"{base}/api/v1/search?q=PETs")
            assert status == 200 and found["results"][0]["abbr"] == "PETs"
    logs = [(tmp_path / name).read_text() for name in ("one.log", "two.log")]
    assert sum("Search index built" in text for text in logs) == 1, logs
    assert sum("Search index loaded" in text for text in logs) == 1, logs


def test_index_build_leaves_the_index_built_for_the_next_process(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    first = subprocess.run(
        [sys.executable, "-m", "cli", "index", "build"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert first.returncode == 0, first.stderr
    assert "Search index built" in first.stderr and "revision" in first.stderr
    again = subprocess.run(
        [sys.executable, "-m", "cli", "index", "build"], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert again.returncode == 0 and "already built" in again.stderr
    with _server(tmp_path / "serve.log") as base:
        assert _until_ok(base)["status"] == "ok"
    assert "Search index loaded" in (tmp_path / "serve.log").read_text()


def test_serve_with_gunicorn_workers_answers_from_one_shared_index(tmp_path: Path) -> None:
    _lock_of_the_default_glossary()
    with _server(tmp_path / "gunicorn.log", "--workers", "2", "--threads", "2") as base:
        assert _until_ok(base)["status"] == "ok"
        for _ in range(6):  # the answers come from both workers
            status, found, _ = _get(f"{base}/api/v1/search?q=DESG")
            assert status == 200 and found["results"][0]["abbr"] == "DESG"
        assert len(list(index_dir().glob("*.idx"))) == 1
    log = (tmp_path / "gunicorn.log").read_text()
    assert "gunicorn, 2 workers of 2 threads" in log
    # gunicorn's access log, in the same Common Log Format as waitress's, on stderr
    line = r'^127\.0\.0\.1 - - \[[^]]+\] "GET /api/v1/search\?q=DESG HTTP/1\.1" 200 \d+$'
    assert re.search(line, log, re.M), log
