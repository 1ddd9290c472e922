"""The OpenAPI document says what is true (Fit the tools II, OpenAPI): it is a valid OpenAPI
3 document (openapi-spec-validator); every error response is problem+json with its schema;
public reads have no security requirement (no lock in Swagger UI) while writes need the
bearer token; every 400 has one problem ``type``, and every problem type (404, 405, a forced
500 too) is one ``urn:glossary:problem:`` scheme, declared on the Problem schema; field errors
read in one style."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from openapi_spec_validator import validate

from tests.api_helpers import PROBLEM
from tests.api_helpers import bearer
from tests.api_helpers import close_app
from tests.api_helpers import make_app

METHODS = ("get", "post", "put", "patch", "delete")
BAD_INPUT = "urn:glossary:problem:bad-input"
BEARER = [{"bearerAuth": []}]


def operations(spec: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield method, path, operation


def resolve(spec: dict[str, Any], response: dict[str, Any]) -> dict[str, Any]:
    ref = response.get("$ref")
    if not ref:
        return response
    assert ref.startswith("#/components/responses/"), ref
    return spec["components"]["responses"][ref.rsplit("/", 1)[1]]


@pytest.fixture
def private_app() -> Iterator[Flask]:
    made = make_app(PUBLIC_READS=False, ready=False)
    yield made
    close_app(made)


def test_the_document_is_valid_openapi(client: FlaskClient, private_app: Flask) -> None:
    for spec in (client.get("/api/v1/openapi.json").get_json(), document(private_app)):
        validate(spec)  # raises OpenAPIValidationError naming the first mistake


def test_every_error_response_is_problem_json_with_its_schema(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    checked = 0
    for method, path, operation in operations(spec):
        for status, response in operation["responses"].items():
            if status != "default" and int(status) < 400:
                continue
            content = resolve(spec, response).get("content", {})
            assert PROBLEM in content, f"{method} {path} {status}: {sorted(content)}"
            assert content[PROBLEM]["schema"] == {"$ref": "#/components/schemas/Problem"}
            checked += 1
    assert checked > 40  # every operation has its default error, most have several
    problem = spec["components"]["schemas"]["Problem"]
    assert set(problem["required"]) == {"type", "title", "status", "detail"}


def document(app: Flask) -> dict[str, Any]:
    return app.test_client().get("/api/v1/openapi.json").get_json()


def test_public_reads_have_no_security_requirement_and_writes_need_the_token(
    client: FlaskClient, private_app: Flask
) -> None:
    public = client.get("/api/v1/openapi.json").get_json()
    private = document(private_app)
    writes = 0
    for method, path, operation in operations(public):
        private_operation = private["paths"][path][method]
        if "security" in operation:  # a write: the token, whatever the reads
            assert operation["security"] == BEARER, (method, path)
            assert private_operation["security"] == BEARER, (method, path)
            writes += 1
        elif path == "/api/v1/health":  # load balancers ask without a token
            assert "security" not in private_operation
        else:  # a read: a lock in Swagger UI only when reads are private
            assert private_operation.get("security") == BEARER, (method, path)
    assert writes >= 9 and "security" not in public["paths"]["/api/v1/search"]["get"]
    assert public["paths"]["/api/v1/concepts"]["post"]["security"] == BEARER


BAD_REQUESTS: list[tuple[str, str, dict[str, Any] | None, str, str]] = [
    # (method, url, JSON body, field, message): each found by another check
    ("get", "/api/v1/search", None, "q", "is required"),  # webargs, a required parameter
    ("get", "/api/v1/search?q=DESG&limit=ten", None, "limit", "must be a whole number"),  # a type
    ("get", "/api/v1/search?q=", None, "q", "the query is empty"),  # the library's query check
    ("get", "/api/v1/concepts?status=x", None, "status", "is 'x'; expected one of proposed, approved"),
    ("post", "/api/v1/concepts", {"zh": 5}, "zh", "must be text"),  # a body schema's type
    ("post", "/api/v1/concepts", {"zh": "x", "colour": "red"}, "colour", "unknown field"),
    ("post", "/api/v1/concepts", {"zh": "x", "terms": [5]}, "terms[0]", "must be an object"),
    ("post", "/api/v1/concepts", {"zh": "長" * 301}, "zh", "is 301 characters long; the limit is 300"),
    (
        "post",
        "/api/v1/concepts",
        {"zh": "x", "citations": [{"doc": "r.txt", "line": 10**20}]},
        "citations[0].line",
        "must be a whole number from 1 to 2,147,483,647, got 100000000000000000000",
    ),
    (
        "post",
        "/api/v1/concepts",  # the write door's own check, after the schema's
        {"zh": "x", "terms": [{"text": "\ufdfa" * 21, "lang": "en"}]},
        "terms[0].text",
        "is 315 characters long once normalised (NFKC); the limit is 300",
    ),
    ("post", "/api/v1/search/batch", {"queries": "DESG"}, "queries", "must be a list"),
]


@pytest.mark.parametrize(("method", "url", "body", "field", "message"), BAD_REQUESTS)
def test_every_400_has_one_type_and_its_field_errors_one_style(
    app: Flask, method: str, url: str, body: dict[str, Any] | None, field: str, message: str
) -> None:
    headers = bearer(app, "alice") if method == "post" else {}
    response = getattr(app.test_client(), method)(url, json=body, headers=headers)
    assert response.status_code == 400 and response.mimetype == PROBLEM, response.get_data(as_text=True)
    problem = response.get_json(force=True)
    assert problem["type"] == BAD_INPUT
    assert problem["errors"] == {field: [message]}
    assert problem["detail"] == f"{field}: {message}"
    # one style: a lower-case phrase without a full stop, as glossary.concepts.fields words them
    assert re.fullmatch(r"[a-z'][^.]*[^.\s]", message), message


# ---------------------------------------------------------------- one problem type scheme

PROBLEM_TYPE = re.compile(r"urn:glossary:problem:[a-z0-9-]+")


@pytest.mark.parametrize(
    ("method", "url", "status", "problem_type"),
    [
        ("get", "/api/v1/no-such-route", 404, "urn:glossary:problem:not-found"),  # werkzeug's 404
        ("get", "/no-such-page", 404, "urn:glossary:problem:not-found"),
        ("get", "/api/v1/concepts/no-such-concept", 404, "urn:glossary:problem:not-found"),  # the library's
        ("delete", "/api/v1/search", 405, "urn:glossary:problem:method-not-allowed"),
        ("put", "/api/v1/health", 405, "urn:glossary:problem:method-not-allowed"),
    ],
)
def test_a_missing_route_or_a_wrong_method_has_the_projects_problem_type(
    client: FlaskClient, method: str, url: str, status: int, problem_type: str
) -> None:
    response = getattr(client, method)(url)
    assert response.status_code == status and response.mimetype == PROBLEM, response.get_data(as_text=True)
    problem = response.get_json(force=True)
    assert problem["type"] == problem_type and problem["status"] == status
    if status == 405:
        assert "GET" in response.headers["Allow"]


def test_a_forced_500_is_an_internal_problem_without_a_traceback(app: Flask) -> None:
    @app.route("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("secret internals at /srv/glossary/db.py line 12")

    response = app.test_client().get("/api/v1/boom")
    assert response.status_code == 500 and response.mimetype == PROBLEM
    problem = response.get_json(force=True)
    assert problem["type"] == "urn:glossary:problem:internal"
    assert problem["title"] == "Internal Server Error"
    text = response.get_data(as_text=True)
    for leak in ("Traceback", "RuntimeError", "secret", "/srv/", "line 12"):
        assert leak not in text


def test_every_problem_type_is_one_scheme_declared_in_the_openapi_components(client: FlaskClient) -> None:
    from api.errors import PROBLEM_TYPES
    from api.errors import problem_type

    spec = client.get("/api/v1/openapi.json").get_json()
    declared = spec["components"]["schemas"]["Problem"]["properties"]["type"]
    assert declared["pattern"] == "^urn:glossary:problem:[a-z0-9-]+$"
    for status, name in PROBLEM_TYPES.items():  # every type the API gives, with its status
        assert PROBLEM_TYPE.fullmatch(name), name
        assert f"`{name}` ({status})" in declared["description"], name
    for status in (400, 404, 405, 500, 418, 502):  # a status without a type of its own too
        assert PROBLEM_TYPE.fullmatch(problem_type(status)), status
    assert "about:blank" not in str(spec)
