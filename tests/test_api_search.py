"""GET /api/v1/search, POST /api/v1/search/batch, GET /api/v1/suggest."""

from __future__ import annotations

import pytest
from flask import Flask
from flask.testing import FlaskClient

from tests.api_helpers import assert_problem
from tests.api_helpers import bearer
from tests.api_helpers import close_app
from tests.api_helpers import make_app
from tests.contract import RESULT_KEYS


def test_search_returns_query_total_and_contract_results(client: FlaskClient) -> None:
    response = client.get("/api/v1/search", query_string={"q": "DESG"})
    assert response.status_code == 200 and response.mimetype == "application/json"
    body = response.get_json()
    assert set(body) == {"query", "total", "results"}
    assert body["query"] == "DESG" and body["total"] >= 1
    first = body["results"][0]
    assert set(first) == RESULT_KEYS
    assert (first["zh"], first["en"], first["abbr"]) == (
        "數位經濟指導小組",
        "Digital Economy Steering Group",
        "DESG",
    )


def test_search_results_are_those_of_glossary_find(client: FlaskClient, app: Flask) -> None:
    from glossary import search
    from tests.api_helpers import glossary_of

    expected = search.find(glossary_of(app), "PETs", limit=10)
    assert client.get("/api/v1/search?q=PETs").get_json()["results"] == expected


def test_search_json_is_utf8_not_escaped(client: FlaskClient) -> None:
    raw = client.get("/api/v1/search?q=DESG").get_data()
    assert "數位經濟指導小組".encode() in raw


def test_offset_pages_through_the_results(client: FlaskClient) -> None:
    everything = client.get("/api/v1/search?q=DESG&limit=100").get_json()
    page = client.get("/api/v1/search?q=DESG&limit=1&offset=0").get_json()
    assert page["total"] == everything["total"] == len(everything["results"])
    assert page["results"] == everything["results"][:1]
    beyond = client.get(f"/api/v1/search?q=DESG&offset={everything['total']}").get_json()
    assert beyond["results"] == [] and beyond["total"] == everything["total"]


def test_a_kind_filter_leaves_out_other_kinds(client: FlaskClient) -> None:
    assert client.get("/api/v1/search?q=DESG&kind=law").get_json()["results"] == []
    assert client.get("/api/v1/search?q=DESG&kind=org").get_json()["results"]


def test_a_search_follows_a_write(client: FlaskClient, app: Flask) -> None:
    headers = bearer(app)
    assert client.get("/api/v1/search?q=QZXJ").get_json()["results"] == []
    created = client.post(
        "/api/v1/concepts", json={"zh": "數位信任", "en": "Digital Trust", "abbr": "QZXJ"}, headers=headers
    )
    assert created.status_code == 201
    assert client.get("/api/v1/search?q=QZXJ").get_json()["results"][0]["id"] == "digital-trust"
    assert client.get("/api/v1/search?q=数位信任").get_json()["results"][0]["id"] == "digital-trust"


@pytest.mark.parametrize(
    ("query", "status", "field", "detail"),
    [
        ({}, 400, "q", "is required"),
        ({"q": ""}, 400, "q", "the query is empty"),
        ({"q": "   "}, 400, "q", "the query is empty"),
        ({"q": "x" * 501}, 400, "q", "the query is 501 characters long; the limit is 500"),
        ({"q": "a\x00b"}, 400, "q", "control character"),
        ({"q": "DESG", "limit": "0"}, 400, "limit", "must be between 1 and 100, got 0"),
        ({"q": "DESG", "limit": "101"}, 400, "limit", "must be between 1 and 100, got 101"),
        ({"q": "DESG", "limit": "ten"}, 400, "limit", "must be a whole number"),
        ({"q": "DESG", "offset": "-1"}, 400, "offset", "must be between 0 and 100"),
        ({"q": "DESG", "kind": "animal"}, 400, "kind", "unknown kind 'animal'"),
        ({"q": "DESG", "lang": "xx-!!"}, 400, "lang", "unknown language tag"),
        ({"q": "DESG", "lang": "fr"}, 400, "lang", "must be zh-Hant or en"),
        ({"q": "DESG", "source": "no-such-report"}, 400, "source", "no source with id or file name"),
    ],
)
def test_bad_parameters_are_400_problems_naming_the_field(
    client: FlaskClient, query: dict, status: int, field: str, detail: str
) -> None:
    body = assert_problem(client.get("/api/v1/search", query_string=query), status, detail)
    assert field in body["errors"]
    assert detail in " ".join(body["errors"][field])


def test_a_zh_tw_language_tag_is_accepted(client: FlaskClient) -> None:
    assert client.get("/api/v1/search?q=DESG&lang=zh-TW").status_code == 200


def test_batch_answers_every_query_in_order_and_flags_bad_ones(client: FlaskClient) -> None:
    response = client.post("/api/v1/search/batch", json={"queries": ["DESG", "", "PETs"], "limit": 3})
    assert response.status_code == 200
    items = response.get_json()["items"]
    assert [i["query"] for i in items] == ["DESG", "", "PETs"]
    assert items[0]["results"][0]["abbr"] == "DESG"
    assert items[1]["results"] == [] and "empty" in items[1]["error"]
    assert items[2]["results"]


@pytest.mark.parametrize(
    ("body", "field", "detail"),
    [
        ({}, "queries", "is required"),
        ({"queries": []}, "queries", "give 1 to 1000 queries"),
        ({"queries": ["x"] * 1001}, "queries", "give 1 to 1000 queries"),
        ({"queries": "DESG"}, "queries", "must be a list"),
        ({"queries": ["DESG"], "limit": 0}, "limit", "must be between 1 and 100"),
        ({"queries": ["DESG"], "extra": 1}, "extra", "unknown field"),
    ],
)
def test_bad_batches_are_400(client: FlaskClient, body: dict, field: str, detail: str) -> None:
    problem = assert_problem(client.post("/api/v1/search/batch", json=body), 400, detail)
    assert field in problem["errors"]


def test_batch_needs_json(client: FlaskClient) -> None:
    response = client.post("/api/v1/search/batch", data="DESG", content_type="text/plain")
    assert_problem(response, 415, "application/json")


def test_batch_with_broken_json_is_400(client: FlaskClient) -> None:
    response = client.post("/api/v1/search/batch", data="{not json", content_type="application/json")
    assert_problem(response, 400, "not valid JSON")


def test_suggest_completes_a_prefix(client: FlaskClient) -> None:
    response = client.get("/api/v1/suggest?q=Digital%20Eco&limit=5")
    assert response.status_code == 200
    body = response.get_json()
    assert body["query"] == "Digital Eco"
    assert 1 <= len(body["suggestions"]) <= 5
    assert any(s["id"] == "digital-economy-steering-group" for s in body["suggestions"])
    assert all(set(s) == {"text", "id", "zh", "en", "abbr", "kind"} for s in body["suggestions"])


@pytest.mark.parametrize(
    ("query", "field"),
    [({}, "q"), ({"q": ""}, "q"), ({"q": "x", "limit": "21"}, "limit")],
)
def test_bad_suggest_parameters(client: FlaskClient, query: dict, field: str) -> None:
    assert field in assert_problem(client.get("/api/v1/suggest", query_string=query), 400)["errors"]


@pytest.mark.parametrize("cache", ["2048", "0"])
def test_an_answer_follows_a_write_made_by_another_worker(db_url: str, cache: str) -> None:
    """Two apps on one database (two gunicorn workers, or two replicas on PostgreSQL): the
    first sees the second's write, with the response cache and without it (then through
    the search index alone)."""
    app = make_app(db_url, SEARCH_CACHE=cache)
    other_worker = make_app(db_url, SEARCH_CACHE=cache)
    try:
        client = app.test_client()
        assert client.get("/api/v1/search?q=QZXJ").get_json()["total"] == 0  # indexed (and cached) here
        assert not any(
            s["id"] == "digital-trust" for s in client.get("/api/v1/suggest?q=QZX").get_json()["suggestions"]
        )
        created = other_worker.test_client().post(
            "/api/v1/concepts", json={"zh": "數位信任", "abbr": "QZXJ"}, headers=bearer(other_worker)
        )
        assert created.status_code == 201
        assert client.get("/api/v1/search?q=QZXJ").get_json()["total"] == 1
        assert client.get("/api/v1/suggest?q=QZX").get_json()["suggestions"][0]["text"] == "QZXJ"
    finally:
        close_app(other_worker)
        close_app(app)


def test_the_cache_can_be_turned_off() -> None:
    app = make_app(SEARCH_CACHE="0")
    try:
        client = app.test_client()
        first = client.get("/api/v1/search?q=DESG").get_json()
        assert client.get("/api/v1/search?q=DESG").get_json() == first
    finally:
        close_app(app)


def test_suggest_puts_forms_starting_with_the_prefix_first(client: FlaskClient) -> None:
    suggestions = client.get("/api/v1/suggest?q=de&limit=8").get_json()["suggestions"]
    assert suggestions and suggestions[0]["text"].lower().startswith("de")
    assert len({s["id"] for s in suggestions}) == len(suggestions), "one suggestion per concept"


def test_suggest_takes_simplified_chinese(client: FlaskClient) -> None:
    suggestions = client.get("/api/v1/suggest", query_string={"q": "隐私强化"}).get_json()["suggestions"]
    assert suggestions[0]["zh"] == "隱私強化技術"
