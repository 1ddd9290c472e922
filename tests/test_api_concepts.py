"""/api/v1/concepts: listing, reading with ETags, and curation with tokens, If-Match and the identity rule.

Every write is checked in the database (through the store and the change log), not
only in the response.
"""

from __future__ import annotations

import json

import pytest
from flask import Flask
from flask.testing import FlaskClient

from glossary import catalog
from glossary import tokens
from glossary.errors import NotFound
from tests.api_helpers import assert_problem
from tests.api_helpers import bearer
from tests.api_helpers import close_app
from tests.api_helpers import make_app
from tests.api_helpers import store_of

DESG = "digital-economy-steering-group"
NEW = {
    "zh": "數位信任",
    "en": "Digital Trust",
    "abbr": "DT",
    "kind": "term",
    "definitions": [{"text": "可信賴。"}],
}


@pytest.fixture
def auth(app: Flask) -> dict[str, str]:
    return bearer(app, "alice")


def last_change(app: Flask, concept_id: str) -> dict:
    return catalog.history(store_of(app), concept_id, limit=1)[0]


# ---------------------------------------------------------------- reading


def test_list_pages_with_a_total(client: FlaskClient) -> None:
    first = client.get("/api/v1/concepts?limit=5").get_json()
    second = client.get("/api/v1/concepts?limit=5&offset=5").get_json()
    assert first["total"] == second["total"] >= 40
    assert (first["limit"], first["offset"], len(first["concepts"])) == (5, 0, 5)
    ids = [c["id"] for c in first["concepts"] + second["concepts"]]
    assert ids == sorted(ids) and len(set(ids)) == 10


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("kind=org", lambda c: c["kind"] == "org"),
        ("status=approved", lambda c: True),
        (
            "source=003_8e85de5ac7b80fbc.txt",
            lambda c: any(x["doc"] == "003_8e85de5ac7b80fbc.txt" for x in c["citations"]),
        ),
    ],
)
def test_list_filters(client: FlaskClient, query: str, check) -> None:  # type: ignore[no-untyped-def]
    body = client.get(f"/api/v1/concepts?{query}&limit=500").get_json()
    assert body["concepts"] and body["total"] == len(body["concepts"])
    assert all(check(c) for c in body["concepts"])


def test_a_filter_that_matches_nothing_is_an_empty_page(client: FlaskClient) -> None:
    body = client.get("/api/v1/concepts?status=proposed&subject=none").get_json()
    assert (body["total"], body["concepts"]) == (0, [])


@pytest.mark.parametrize(
    ("query", "field", "detail"),
    [
        ("limit=0", "limit", "must be between 1 and 500"),
        ("limit=501", "limit", "must be between 1 and 500"),
        ("offset=-1", "offset", "must be between 0 and 10000000"),
        ("offset=99999999999999999999", "offset", "must be between 0 and 10000000"),
        ("kind=animal", "kind", "unknown kind"),
        ("status=maybe", "status", "expected one of"),
        ("source=nowhere", "source", "no source with id or file name 'nowhere'"),
    ],
)
def test_bad_list_parameters(client: FlaskClient, query: str, field: str, detail: str) -> None:
    body = assert_problem(client.get(f"/api/v1/concepts?{query}"), 400, detail)
    assert field in body["errors"]


def test_a_concept_in_full_with_its_etag(client: FlaskClient) -> None:
    response = client.get(f"/api/v1/concepts/{DESG}")
    assert response.status_code == 200
    body = response.get_json()
    assert response.headers["ETag"] == f'"{body["version"]}"'
    assert body["terms"] and body["citations"] and {"definitions", "review_status", "subject"} <= set(body)


def test_if_none_match_gives_304(client: FlaskClient) -> None:
    etag = client.get(f"/api/v1/concepts/{DESG}").headers["ETag"]
    response = client.get(f"/api/v1/concepts/{DESG}", headers={"If-None-Match": etag})
    assert response.status_code == 304 and response.headers["ETag"] == etag


def test_an_unknown_concept_is_404(client: FlaskClient) -> None:
    assert_problem(client.get("/api/v1/concepts/no-such-id"), 404, "no concept with id 'no-such-id'")


# ---------------------------------------------------------------- auth


@pytest.mark.parametrize(
    ("headers", "status", "detail"),
    [
        ({}, 401, "no API token given"),
        ({"Authorization": "Bearer gls_wrong"}, 401, "not valid"),
        ({"Authorization": "Basic YWxpY2U6cHc="}, 401, "no API token given"),
        ({"Authorization": "Bearer"}, 401, "no API token given"),
    ],
)
def test_writes_without_a_valid_token_are_401(
    client: FlaskClient, headers: dict, status: int, detail: str
) -> None:
    response = client.post("/api/v1/concepts", json=NEW, headers=headers)
    assert_problem(response, status, detail)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert client.get("/api/v1/concepts/digital-trust").status_code == 404


def test_a_revoked_token_is_403(client: FlaskClient, app: Flask, auth: dict) -> None:
    tokens.revoke(store_of(app), "alice")
    assert_problem(client.delete(f"/api/v1/concepts/{DESG}", headers=auth), 403, "'alice' was revoked")
    assert store_of(app).get_concept(DESG)


def test_reads_can_be_made_private() -> None:
    app = make_app(PUBLIC_READS=False)
    try:
        client = app.test_client()
        assert_problem(client.get("/api/v1/concepts"), 401)
        assert_problem(client.get("/api/v1/search?q=DESG"), 401)
        assert client.get("/api/v1/concepts", headers=bearer(app)).status_code == 200
        assert client.get("/api/v1/health").status_code == 200
    finally:
        close_app(app)


# ---------------------------------------------------------------- create


def test_create_stores_the_concept_and_logs_the_token_name(
    client: FlaskClient, app: Flask, auth: dict
) -> None:
    before = store_of(app).revision()
    response = client.post("/api/v1/concepts", json=NEW, headers=auth)
    assert response.status_code == 201
    assert response.headers["Location"] == "/api/v1/concepts/digital-trust"
    assert response.headers["ETag"] == '"1"'
    stored = store_of(app).get_concept("digital-trust")
    assert (stored.zh, stored.en, stored.abbr) == ("數位信任", "Digital Trust", "DT")
    assert response.get_json()["terms"][0]["text"] == "數位信任"
    assert store_of(app).revision() == before + 1
    change = last_change(app, "digital-trust")
    assert (change["who"], change["action"]) == ("alice", "create")


def test_create_a_duplicate_is_409(client: FlaskClient, app: Flask, auth: dict) -> None:
    response = client.post("/api/v1/concepts", json={"zh": "數位經濟指導小組", "en": "Another"}, headers=auth)
    body = assert_problem(response, 409, f"duplicates concept '{DESG}'")
    assert body["type"].endswith("conflict")
    assert catalog.history(store_of(app), limit=1)[0]["action"] == "token-create"


@pytest.mark.parametrize(
    ("body", "field", "detail"),
    [
        ({"kind": "term"}, "terms", "at least one term"),
        ({"zh": "x", "kind": "animal"}, "kind", "expected one of"),
        ({"zh": "x", "colour": "red"}, "colour", "unknown field"),
        ({"zh": ""}, "zh", "is empty"),
        ({"zh": "x", "terms": [{"lang": "en"}]}, "terms[0].text", "is required"),
        ({"zh": "x", "terms": [{"text": "y", "lang": "???"}]}, "terms[0].lang", "unknown language tag"),
        ({"zh": "好\x00"}, "zh", "control character"),
        ({"zh": "x", "id": "Bad Id"}, "id", "not a valid id"),
        ({"zh": "x", "citations": [{"doc": "nowhere.txt", "line": 1}]}, "citations[0].doc", "no report"),
    ],
)
def test_create_with_bad_fields_is_400_naming_the_field(
    client: FlaskClient, auth: dict, body: dict, field: str, detail: str
) -> None:
    problem = assert_problem(client.post("/api/v1/concepts", json=body, headers=auth), 400, detail)
    assert field in problem["errors"], problem


@pytest.mark.parametrize(
    ("data", "content_type"),
    [("zh=x", "application/x-www-form-urlencoded"), ("<zh>x</zh>", "application/xml"), ("x", "text/plain")],
)
def test_create_with_another_media_type_is_415(
    client: FlaskClient, auth: dict, data: str, content_type: str
) -> None:
    response = client.post("/api/v1/concepts", data=data, content_type=content_type, headers=auth)
    assert_problem(response, 415, "application/json")


def test_a_body_over_the_upload_limit_is_413() -> None:
    app = make_app(MAX_UPLOAD_MB=0.001)
    try:
        client = app.test_client()
        response = client.post("/api/v1/concepts", json={**NEW, "note": "長" * 2000}, headers=bearer(app))
        assert_problem(response, 413, "larger than the 0.001 MB")
    finally:
        close_app(app)


# ---------------------------------------------------------------- edit, delete


def test_patch_with_the_current_etag_edits(client: FlaskClient, app: Flask, auth: dict) -> None:
    before = client.get(f"/api/v1/concepts/{DESG}")
    etag, old_note = before.headers["ETag"], before.get_json()["note"]
    response = client.patch(
        f"/api/v1/concepts/{DESG}",
        json={"note": "checked", "subject": "apec"},
        headers={**auth, "If-Match": etag},
    )
    assert response.status_code == 200
    assert response.headers["ETag"] != etag
    stored = store_of(app).get_concept(DESG)
    assert (stored.note, stored.subject) == ("checked", "apec")
    detail = json.loads(last_change(app, DESG)["detail"])
    assert detail["note"] == {"from": old_note, "to": "checked"}


def test_patch_with_a_stale_etag_is_412_and_changes_nothing(
    client: FlaskClient, app: Flask, auth: dict
) -> None:
    etag = client.get(f"/api/v1/concepts/{DESG}").headers["ETag"]
    assert client.patch(f"/api/v1/concepts/{DESG}", json={"note": "one"}, headers=auth).status_code == 200
    response = client.patch(
        f"/api/v1/concepts/{DESG}", json={"note": "two"}, headers={**auth, "If-Match": etag}
    )
    assert_problem(response, 412, "someone changed it meanwhile")
    assert store_of(app).get_concept(DESG).note == "one"


@pytest.mark.parametrize("if_match", ["abc", '"x"', "W/"])
def test_patch_with_a_malformed_if_match_is_412(client: FlaskClient, auth: dict, if_match: str) -> None:
    response = client.patch(
        f"/api/v1/concepts/{DESG}", json={"note": "x"}, headers={**auth, "If-Match": if_match}
    )
    assert_problem(response, 412, "is not an ETag")


def test_patch_into_a_duplicate_is_409(client: FlaskClient, app: Flask, auth: dict) -> None:
    client.post("/api/v1/concepts", json=NEW, headers=auth)
    response = client.patch("/api/v1/concepts/digital-trust", json={"zh": "數位經濟指導小組"}, headers=auth)
    assert_problem(response, 409, DESG)
    assert store_of(app).get_concept("digital-trust").zh == "數位信任"


def test_patch_an_unknown_concept_is_404(client: FlaskClient, auth: dict) -> None:
    assert_problem(client.patch("/api/v1/concepts/nope", json={"note": "x"}, headers=auth), 404, "'nope'")


def test_patch_with_an_empty_body_is_400(client: FlaskClient, auth: dict) -> None:
    assert_problem(client.patch(f"/api/v1/concepts/{DESG}", json={}, headers=auth), 400, "nothing to change")


def test_delete_removes_the_concept(client: FlaskClient, app: Flask, auth: dict) -> None:
    response = client.delete(f"/api/v1/concepts/{DESG}", headers={**auth, "If-Match": '"1"'})
    assert response.status_code == 204 and response.data == b""
    with pytest.raises(NotFound):
        store_of(app).get_concept(DESG)
    assert last_change(app, DESG)["action"] == "delete"
    assert DESG not in [r["id"] for r in client.get("/api/v1/search?q=DESG").get_json()["results"]]


def test_delete_with_a_stale_etag_is_412(client: FlaskClient, app: Flask, auth: dict) -> None:
    assert_problem(client.delete(f"/api/v1/concepts/{DESG}", headers={**auth, "If-Match": '"9"'}), 412)
    assert store_of(app).get_concept(DESG)


# ---------------------------------------------------------------- terms, merge


def test_add_edit_and_deprecate_a_term(client: FlaskClient, app: Flask, auth: dict) -> None:
    added = client.post(f"/api/v1/concepts/{DESG}/terms", json={"text": "DE Steering Group"}, headers=auth)
    assert added.status_code == 201
    index = [t["text"] for t in added.get_json()["terms"]].index("DE Steering Group")
    assert added.get_json()["terms"][index]["status"] == "admitted"

    edited = client.patch(
        f"/api/v1/concepts/{DESG}/terms/{index}",
        json={"text": "D.E. Steering Group"},
        headers={**auth, "If-Match": added.headers["ETag"]},
    )
    assert edited.status_code == 200 and edited.get_json()["terms"][index]["text"] == "D.E. Steering Group"

    deprecated = client.post(
        f"/api/v1/concepts/{DESG}/terms/{index}/deprecate", json={"note": "informal"}, headers=auth
    )
    assert deprecated.status_code == 200
    term = next(t for t in store_of(app).get_concept(DESG).terms if t.text == "D.E. Steering Group")
    assert (term.status, term.note) == ("deprecated", "informal")
    assert [e["action"] for e in catalog.history(store_of(app), DESG, limit=3)] == [
        "deprecate-term",
        "edit-term",
        "add-term",
    ]


def test_deprecate_without_a_body(client: FlaskClient, auth: dict) -> None:
    response = client.post(f"/api/v1/concepts/{DESG}/terms/2/deprecate", headers=auth)
    assert response.status_code == 200
    assert response.get_json()["terms"][2]["status"] == "deprecated"


@pytest.mark.parametrize(
    ("method", "path", "body", "status", "detail"),
    [
        ("patch", f"/api/v1/concepts/{DESG}/terms/99", {"text": "x"}, 404, "has no term 99"),
        ("post", f"/api/v1/concepts/{DESG}/terms/99/deprecate", {}, 404, "has no term 99"),
        ("post", f"/api/v1/concepts/{DESG}/terms", {"lang": "en"}, 400, "is required"),
        ("post", f"/api/v1/concepts/{DESG}/terms", {"text": "DESG", "type": "acronym"}, 400, "already has"),
        ("post", f"/api/v1/concepts/{DESG}/terms", {"text": "x", "type": "nickname"}, 400, "expected one of"),
        ("patch", f"/api/v1/concepts/{DESG}/terms/0", {}, 400, "nothing to change"),
        ("post", "/api/v1/concepts/nope/terms", {"text": "x"}, 404, "'nope'"),
        ("post", f"/api/v1/concepts/{DESG}/merge", {"other": DESG}, 400, "into itself"),
        ("post", f"/api/v1/concepts/{DESG}/merge", {"other": "nope"}, 404, "'nope'"),
        ("post", f"/api/v1/concepts/{DESG}/merge", {}, 400, "is required"),
    ],
)
def test_term_and_merge_errors(
    client: FlaskClient, auth: dict, method: str, path: str, body: dict, status: int, detail: str
) -> None:
    assert_problem(getattr(client, method)(path, json=body, headers=auth), status, detail)


def test_merge_moves_the_other_concept_in_and_deletes_it(client: FlaskClient, app: Flask, auth: dict) -> None:
    client.post("/api/v1/concepts", json={"zh": "數位經濟指導組", "en": "DESG group"}, headers=auth)
    response = client.post(
        f"/api/v1/concepts/{DESG}/merge", json={"other": "desg-group", "other_version": 1}, headers=auth
    )
    assert response.status_code == 200
    texts = [t["text"] for t in response.get_json()["terms"]]
    assert "數位經濟指導組" in texts and "DESG group" in texts
    with pytest.raises(NotFound):
        store_of(app).get_concept("desg-group")
    assert last_change(app, DESG)["action"] == "merge"


def test_merge_with_a_stale_version_of_the_other_is_412(client: FlaskClient, app: Flask, auth: dict) -> None:
    other_id = client.post("/api/v1/concepts", json={"zh": "數位經濟指導組"}, headers=auth).get_json()["id"]
    response = client.post(
        f"/api/v1/concepts/{DESG}/merge", json={"other": other_id, "other_version": 5}, headers=auth
    )
    assert_problem(response, 412, "not 5")
    assert store_of(app).get_concept(other_id)


@pytest.mark.postgres
def test_reads_and_writes_on_postgresql(pg_database: str) -> None:
    app = make_app(pg_database)
    try:
        client = app.test_client()
        auth = bearer(app, "alice")
        assert client.get("/api/v1/search?q=DESG").get_json()["results"][0]["id"] == DESG
        created = client.post("/api/v1/concepts", json=NEW, headers=auth)
        assert created.status_code == 201
        stale = created.headers["ETag"]
        edited = client.patch("/api/v1/concepts/digital-trust", json={"note": "a"}, headers=auth)
        assert edited.status_code == 200
        response = client.patch(
            "/api/v1/concepts/digital-trust", json={"note": "b"}, headers={**auth, "If-Match": stale}
        )
        assert_problem(response, 412)
        assert_problem(client.post("/api/v1/concepts", json=NEW, headers=auth), 409)
        assert store_of(app).get_concept("digital-trust").note == "a"
        assert client.get("/api/v1/search?q=DT").get_json()["results"][0]["id"] == "digital-trust"
        assert client.get("/api/v1/health").get_json()["database"] == "postgresql"
    finally:
        close_app(app)
