"""Security headers on every response (Reliability II §6): a CSP without inline script, no
sniffing, no framing, no referrer; the Swagger UI page holds no inline script."""

from __future__ import annotations

import re

import pytest
from flask.testing import FlaskClient

from api.headers import CONTENT_SECURITY_POLICY


@pytest.mark.parametrize(
    "path", ["/", "/api/docs", "/api/v1/search?q=DESG", "/api/v1/nowhere", "/api/v1/openapi.json"]
)
def test_every_response_carries_the_security_headers(client: FlaskClient, path: str) -> None:
    response = client.get(path)
    assert response.headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Referrer-Policy"] == "no-referrer"


def test_the_policy_allows_no_inline_script_and_no_framing() -> None:
    script = re.search(r"script-src ([^;]*)", CONTENT_SECURITY_POLICY)
    assert (
        script is not None and "unsafe-inline" not in script.group(1) and "unsafe-eval" not in script.group(1)
    )
    assert "frame-ancestors 'none'" in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("path", ["/", "/api/docs"])
def test_pages_load_scripts_only_from_files(client: FlaskClient, path: str) -> None:
    html = client.get(path).get_data(as_text=True)
    scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", html, re.S)
    assert scripts, "the page has scripts"
    for attributes, body in scripts:
        assert "src=" in attributes and not body.strip(), f"inline script on {path}: {body[:80]!r}"
    assert not re.search(r"\son[a-z]+=", html), "inline event handler"


def test_the_swagger_start_up_script_is_served(client: FlaskClient) -> None:
    with client.get("/static/swagger-init.js") as response:
        assert response.status_code == 200 and b"SwaggerUIBundle" in response.data
