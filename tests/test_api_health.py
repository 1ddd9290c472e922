"""GET /api/v1/health, and what every response shares: problem+json errors, OpenAPI, docs, CORS."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from api import create_app
from glossary.errors import ConfigError
from tests.api_helpers import assert_problem
from tests.api_helpers import close_app
from tests.api_helpers import make_app


def test_health_reports_ok_and_the_revision(client: FlaskClient) -> None:
    body = client.get("/api/v1/health").get_json()
    assert body == {"status": "ok", "revision": 1, "database": "sqlite"}


def test_health_does_not_name_the_database_when_reads_are_private() -> None:
    app = make_app(PUBLIC_READS=False)
    try:
        response = app.test_client().get("/api/v1/health")
        assert response.status_code == 200  # still public: load balancers ask without a token
        assert response.get_json() == {"status": "ok", "revision": 1}
    finally:
        close_app(app)


def test_the_openapi_document_describes_every_endpoint(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    paths = spec["paths"]
    for path in (
        "/api/v1/search",
        "/api/v1/search/batch",
        "/api/v1/suggest",
        "/api/v1/concepts",
        "/api/v1/concepts/{concept_id}",
        "/api/v1/concepts/{concept_id}/terms",
        "/api/v1/concepts/{concept_id}/terms/{index}",
        "/api/v1/concepts/{concept_id}/terms/{index}/deprecate",
        "/api/v1/concepts/{concept_id}/merge",
        "/api/v1/sources",
        "/api/v1/sources/{source_id}",
        "/api/v1/check",
        "/api/v1/export",
        "/api/v1/health",
    ):
        assert path in paths, path
    assert set(paths["/api/v1/concepts/{concept_id}"]) >= {"get", "patch", "delete"}


def test_documented_errors_are_problem_json_and_400_not_422(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    search = spec["paths"]["/api/v1/search"]["get"]["responses"]
    assert "400" in search and "422" not in search
    bad_request = spec["components"]["responses"]["BAD_REQUEST"]
    assert list(bad_request["content"]) == ["application/problem+json"]
    assert "Problem" in bad_request["content"]["application/problem+json"]["schema"]["$ref"]


def test_the_docs_page_uses_local_assets_only(client: FlaskClient) -> None:
    page = client.get("/api/docs").get_data(as_text=True)
    assert "/api/docs/assets/swagger-ui-bundle.js" in page and "/api/v1/openapi.json" in page
    assert "//" not in page.replace("http://www.w3.org", "").split("<body>")[1].split("url:")[0]
    asset = client.get("/api/docs/assets/swagger-ui-bundle.js")
    assert asset.status_code == 200 and asset.mimetype in ("text/javascript", "application/javascript")
    asset.close()


def test_the_web_page_is_in_traditional_chinese_with_its_assets(client: FlaskClient) -> None:
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="zh-Hant">' in page and "術語庫" in page
    assert "http" not in page.split("</head>")[0].replace("http-equiv", "")  # nothing from a CDN
    for asset in ("/static/app.js", "/static/app.css"):
        response = client.get(asset)
        assert response.status_code == 200, asset
        response.close()


@pytest.mark.parametrize(
    ("method", "path", "status", "detail"),
    [
        ("get", "/api/v1/nothing-here", 404, "no such resource"),
        ("put", "/api/v1/concepts/x", 405, "method is not allowed"),
        ("delete", "/api/v1/search", 405, "method is not allowed"),
    ],
)
def test_unknown_routes_and_methods_are_problems(
    client: FlaskClient, method: str, path: str, status: int, detail: str
) -> None:
    assert_problem(getattr(client, method)(path), status, detail)


def test_cors_is_off_unless_configured(client: FlaskClient) -> None:
    response = client.get("/api/v1/health", headers={"Origin": "https://cat.example"})
    assert "Access-Control-Allow-Origin" not in response.headers


def test_configured_origins_may_call_the_api_with_tokens_and_etags() -> None:
    app = make_app(CORS_ORIGINS="https://cat.example, https://other.example")
    try:
        client = app.test_client()
        preflight = client.options(
            "/api/v1/concepts/x",
            headers={
                "Origin": "https://cat.example",
                "Access-Control-Request-Method": "PATCH",
                "Access-Control-Request-Headers": "Authorization, If-Match, Content-Type",
            },
        )
        assert preflight.headers["Access-Control-Allow-Origin"] == "https://cat.example"
        allowed = preflight.headers["Access-Control-Allow-Headers"].lower()
        assert "authorization" in allowed and "if-match" in allowed
        response = client.get(
            "/api/v1/concepts/digital-economy-steering-group", headers={"Origin": "https://cat.example"}
        )
        assert "ETag" in response.headers["Access-Control-Expose-Headers"]
        other = client.get("/api/v1/health", headers={"Origin": "https://evil.example"})
        assert "Access-Control-Allow-Origin" not in other.headers
    finally:
        close_app(app)


@pytest.mark.parametrize("value", ["0", "-1", "lots"])
def test_a_bad_upload_limit_setting_is_a_config_error(monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("GLOSSARY_MAX_UPLOAD_MB", value)
    with pytest.raises(ConfigError, match="GLOSSARY_MAX_UPLOAD_MB"):
        create_app()


def test_the_settings_configure_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSSARY_PUBLIC_READS", "0")
    monkeypatch.setenv("GLOSSARY_MAX_UPLOAD_MB", "2")
    monkeypatch.setenv("GLOSSARY_CORS_ORIGINS", "*")
    app = create_app()
    try:
        assert app.config["PUBLIC_READS"] is False
        assert app.config["MAX_CONTENT_LENGTH"] == 2 * 1024 * 1024
        response = app.test_client().get("/api/v1/health", headers={"Origin": "https://any.example"})
        assert response.headers["Access-Control-Allow-Origin"] == "*"
    finally:
        close_app(app)


def test_an_unexpected_error_is_a_500_problem_without_internals(app: Flask) -> None:
    @app.route("/boom")
    def boom() -> None:
        raise RuntimeError("secret internals")

    response = app.test_client().get("/boom")
    body = assert_problem(response, 500, "the error was logged")
    assert "secret" not in response.get_data(as_text=True)
    assert body["type"] == "urn:glossary:problem:internal"
