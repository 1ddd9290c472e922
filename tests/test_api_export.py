"""GET /api/v1/export: the glossary as CSV, TBX, JSON or Excel (written by glossary.exchange)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api_helpers import assert_problem
from tests.api_helpers import bearer
from tests.api_helpers import store_of


def download(client: FlaskClient, query: str):  # type: ignore[no-untyped-def]
    response = client.get(f"/api/v1/export?{query}")
    data = response.get_data()
    response.close()
    return response, data


@pytest.mark.parametrize(
    ("fmt", "media_type", "start"),
    [
        ("csv", "text/csv", b"\xef\xbb\xbfid,"),  # with the BOM Excel needs
        ("tbx", "application/x-tbx+xml", b"<?xml"),
        ("tbx3", "application/x-tbx+xml", b"<?xml"),
        ("json", "application/json", b"{"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", b"PK"),
    ],
)
def test_each_format_downloads_as_an_attachment(
    client: FlaskClient, fmt: str, media_type: str, start: bytes
) -> None:
    response, data = download(client, f"format={fmt}")
    assert response.status_code == 200 and response.mimetype == media_type
    assert response.headers["Content-Disposition"].startswith("attachment; filename=glossary.")
    assert data.startswith(start)


def test_the_csv_holds_every_concept_including_a_new_one(client: FlaskClient, app: Flask) -> None:
    client.post("/api/v1/concepts", json={"zh": "數位信任", "en": "Digital Trust"}, headers=bearer(app))
    _, data = download(client, "format=csv")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == sum(1 for _ in store_of(app).all_concepts())
    assert any(r["id"] == "digital-trust" and r["zh"] == "數位信任" for r in rows)


def test_the_csv_leaves_the_bom_out_for_programs_that_ask(client: FlaskClient) -> None:
    _, data = download(client, "format=csv&bom=false")
    assert data.startswith(b"id,")


def test_filters_narrow_the_export(client: FlaskClient) -> None:
    _, data = download(client, "format=json&kind=org")
    dump = json.loads(data)
    concepts = dump["concepts"]
    assert concepts and all(c["kind"] == "org" for c in concepts)


@pytest.mark.parametrize(
    ("query", "field", "detail"),
    [
        ("", "format", "is required"),
        ("format=pdf", "format", "must be csv, tbx, tbx3, json or xlsx, got 'pdf'"),
        ("format=csv&kind=animal", "kind", "unknown kind"),
        ("format=csv&source=nowhere", "source", "no source with id or file name 'nowhere'"),
    ],
)
def test_bad_export_parameters(client: FlaskClient, query: str, field: str, detail: str) -> None:
    assert field in assert_problem(client.get(f"/api/v1/export?{query}"), 400, detail)["errors"]
