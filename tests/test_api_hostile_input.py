"""Hostile request bodies get a clear 400 problem, never a 500 (Reliability II §4)."""

from __future__ import annotations

import pytest
from flask.testing import FlaskClient

from tests.api_helpers import assert_problem


@pytest.mark.parametrize("path", ["/api/v1/search/batch", "/api/v1/check"])
def test_json_nested_100000_deep_is_a_400(client: FlaskClient, path: str) -> None:
    body = '{"queries": ' + "[" * 100_000 + "]" * 100_000 + "}"
    response = client.post(path, data=body, content_type="application/json")
    assert_problem(response, 400, "nested too deeply")


@pytest.mark.parametrize("escape", ["\\ud800", "\\uDFFF", "x\\udc00y"])
def test_a_lone_surrogate_is_a_400(client: FlaskClient, escape: str) -> None:
    body = '{"queries": ["DESG", "' + escape + '"]}'
    response = client.post("/api/v1/search/batch", data=body, content_type="application/json")
    assert_problem(response, 400, "lone UTF-16 surrogate")


def test_a_surrogate_pair_and_an_escaped_backslash_are_fine(client: FlaskClient) -> None:
    body = '{"queries": ["\\ud83d\\ude00 DESG", "\\\\ud800"]}'
    response = client.post("/api/v1/search/batch", data=body, content_type="application/json")
    assert response.status_code == 200
    assert [item["query"] for item in response.get_json()["items"]] == ["\U0001f600 DESG", "\\ud800"]


def test_a_5000_digit_limit_is_a_400_without_python_internals(client: FlaskClient) -> None:
    response = client.get("/api/v1/search?q=DESG&limit=" + "9" * 5000)
    assert_problem(response, 400, "limit")
    assert "sys." not in response.get_data(as_text=True) and "9" * 100 not in response.get_data(as_text=True)
