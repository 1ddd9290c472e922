"""GET /api/v1/sources and /api/v1/sources/{id}: the reports and the concepts each states."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from glossary import catalog
from tests.api_helpers import assert_problem
from tests.api_helpers import store_of

REPORT = "003_8e85de5ac7b80fbc.txt"


def test_sources_lists_every_report_with_its_concept_count(client: FlaskClient, app: Flask) -> None:
    body = client.get("/api/v1/sources").get_json()
    assert body["sources"] == catalog.sources(store_of(app))
    report = next(s for s in body["sources"] if s["file_name"] == REPORT)
    assert report["concepts"] > 0 and report["title"]


# catalog.source() uses a column-level distinct() that SQLAlchemy warns about (reported to the lead).
@pytest.mark.filterwarnings("ignore:Column-expression-level unary distinct:sqlalchemy.exc.SAWarning")
@pytest.mark.parametrize("key", ["id", "file_name"])
def test_a_source_by_id_or_file_name_lists_the_concepts_it_states(client: FlaskClient, key: str) -> None:
    listed = next(s for s in client.get("/api/v1/sources").get_json()["sources"] if s["file_name"] == REPORT)
    body = client.get(f"/api/v1/sources/{listed[key]}").get_json()
    assert body["source"] == listed
    assert len(body["concepts"]) == listed["concepts"]
    assert all(any(c["doc"] == REPORT for c in concept["citations"]) for concept in body["concepts"])


def test_an_unknown_source_is_404(client: FlaskClient) -> None:
    assert_problem(client.get("/api/v1/sources/nope.txt"), 404, "no source with id or file name 'nope.txt'")
