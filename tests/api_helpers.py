"""Building the Flask app for API tests: a fresh database per test, tokens, problem checks."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from flask import Flask
from werkzeug.serving import make_server

from api import create_app
from api.db import close
from api.db import get_glossary
from api.db import get_store
from glossary import tokens
from glossary.service import Glossary
from glossary.store import Store

PROBLEM = "application/problem+json"
# Debian's chromium for the browser tests (Playwright cannot download its own browser here).
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def make_app(database_url: str | None = None, *, ready: bool = True, **config: Any) -> Flask:
    """The app on ``database_url`` (default: the SQLite file in the test's GLOSSARY_HOME),
    its search index ready (as a load balancer waits for it) unless ``ready`` is false."""
    app = create_app({"TESTING": True, "DATABASE_URL": database_url, **config})
    if ready:
        glossary_of(app).index.ready.wait(120)
    return app


def close_app(app: Flask) -> None:
    close(app)


def store_of(app: Flask) -> Store:
    with app.app_context():
        return get_store()


def glossary_of(app: Flask) -> Glossary:
    with app.app_context():
        return get_glossary()


def bearer(app: Flask, name: str = "tester") -> dict[str, str]:
    """Headers carrying a fresh token called ``name``."""
    secret = tokens.create(store_of(app), name)
    return {"Authorization": f"Bearer {secret}"}


def assert_problem(response: Any, status: int, detail_part: str = "") -> dict[str, Any]:
    """The response is an RFC 9457 problem with this status whose detail mentions ``detail_part``."""
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == PROBLEM
    body = response.get_json(force=True)
    assert set(body) >= {"type", "title", "status", "detail"}
    assert body["status"] == status
    assert detail_part in body["detail"], body["detail"]
    return body


@contextlib.contextmanager
def serving(app: Flask) -> Iterator[str]:
    """``app`` served on a free loopback port in a thread (for browser tests); yields its URL."""
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_port}"
    finally:
        httpd.shutdown()
        thread.join(5)
        httpd.server_close()
