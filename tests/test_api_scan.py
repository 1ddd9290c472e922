"""POST /api/v1/scan: the glossary's terms in pasted text or an uploaded document, as `glossary scan`."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from glossary.scan import FIELDS
from tests.api_helpers import assert_problem
from tests.api_helpers import close_app
from tests.api_helpers import make_app
from tests.test_api_check import docx_bytes


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """One app on the shipped glossary for the module (the endpoint only reads)."""
    made = make_app(f"sqlite:///{tmp_path_factory.mktemp('scan') / 'glossary.sqlite3'}")
    yield made
    close_app(made)


TEXT = "APEC 數位經濟指導小組（DESG）\n发展人工智能"


def texts(body: dict) -> list[tuple[int, int, str, str, str]]:
    return [(t["line"], t["column"], t["text"], t["id"], t["status"]) for t in body["terms"]]


def test_pasted_text_gives_the_scan_object_with_file_null(client: FlaskClient) -> None:
    response = client.post("/api/v1/scan", json={"text": TEXT})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert list(body) == ["file", "terms"]
    assert body["file"] is None
    assert texts(body) == [
        (1, 1, "APEC", "asia-pacific-economic-cooperation", "preferred"),
        (1, 6, "數位經濟指導小組", "digital-economy-steering-group", "preferred"),
        (1, 15, "DESG", "digital-economy-steering-group", "preferred"),
        (2, 3, "人工智能", "artificial-intelligence", "deprecated"),
    ]
    assert all(tuple(t) == FIELDS for t in body["terms"])
    assert body["terms"][3]["zh"] == "人工智慧"


def test_a_text_plain_body_is_scanned(client: FlaskClient) -> None:
    response = client.post("/api/v1/scan", data="ＤＥＳＧ".encode(), content_type="text/plain; charset=utf-8")
    [term] = response.get_json()["terms"]
    assert (term["text"], term["abbr"], term["how"]) == ("ＤＥＳＧ", "DESG", "acronym")


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("draft.txt", TEXT.encode()),
        ("draft.md", TEXT.encode()),
        ("draft.docx", docx_bytes(*TEXT.split("\n"))),
    ],
    ids=["txt", "md", "docx"],
)
def test_an_uploaded_document_is_scanned(client: FlaskClient, name: str, data: bytes) -> None:
    response = client.post("/api/v1/scan", data={"file": (io.BytesIO(data), name)})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["file"] == name
    assert [t[2] for t in texts(body)] == ["APEC", "數位經濟指導小組", "DESG", "人工智能"]


def test_no_terms_is_an_empty_list(client: FlaskClient) -> None:
    assert client.post("/api/v1/scan", json={"text": "nothing to see here"}).get_json() == {
        "file": None,
        "terms": [],
    }


def test_include_proposed_is_a_boolean_query_parameter(client: FlaskClient) -> None:
    assert client.post("/api/v1/scan?include_proposed=true", json={"text": "DESG"}).status_code == 200
    assert_problem(
        client.post("/api/v1/scan?include_proposed=maybe", json={"text": "DESG"}), 400, "include_proposed"
    )


@pytest.mark.parametrize(
    ("kwargs", "status", "detail"),
    [
        ({"json": {"text": ""}}, 400, "the text is empty"),
        ({"json": {"body": "x"}}, 400, '{"text": "..."}'),
        (
            {"data": {"file": (io.BytesIO(b"%PDF"), "a.pdf")}},
            415,
            "only .txt, .md and .docx files can be scanned",
        ),
        ({"data": b"<p>x</p>", "content_type": "text/html"}, 415, "not text/html"),
    ],
)
def test_bad_scan_input(client: FlaskClient, kwargs: dict, status: int, detail: str) -> None:
    assert_problem(client.post("/api/v1/scan", **kwargs), status, detail)


def test_scan_is_in_the_openapi_document(client: FlaskClient) -> None:
    spec = client.get("/api/v1/openapi.json").get_json()
    operation = spec["paths"]["/api/v1/scan"]["post"]
    assert set(operation["requestBody"]["content"]) == {
        "application/json",
        "text/plain",
        "multipart/form-data",
    }
    assert [p["name"] for p in operation["parameters"]] == ["include_proposed"]
    schema = spec["components"]["schemas"]["ScannedTerm"]
    assert list(schema["properties"]) == list(FIELDS)
    assert "ScanResponse" in str(operation["responses"]["200"])
