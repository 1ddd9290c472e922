"""Token roles: a contributor's API writes become proposals, a curator approves them;
existing tokens are curators; anonymous writes stay 401. On SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from flask import Flask
from flask.testing import FlaskClient

from glossary import tokens
from glossary.store import Store
from tests.api_helpers import assert_problem
from tests.api_helpers import close_app
from tests.api_helpers import make_app
from tests.cli_helpers import run

DPS = "data-privacy-subgroup"


@pytest.fixture
def served(store: Store) -> Iterator[tuple[Flask, FlaskClient]]:
    app = make_app(store.url)
    yield app, app.test_client()
    close_app(app)


def _headers(store: Store, name: str, role: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {tokens.create(store, name, role=role)}"}


def test_a_contributors_writes_are_proposals_a_curator_approves_them(
    served: tuple[Flask, FlaskClient], store: Store
) -> None:
    _, client = served
    contributor = _headers(store, "carol", "contributor")
    curator = _headers(store, "alice", "curator")
    before = store.get_concept(DPS)

    # a new concept: proposed
    new = {"zh": "數位信任", "en": "Digital Trust"}
    made = client.post("/api/v1/concepts", json=new, headers=contributor)
    assert made.status_code == 201, made.get_data(as_text=True)
    assert made.get_json()["review_status"] == "proposed"

    # forms and a definition for an approved concept: attached as proposed, nothing else changes
    patched = client.patch(
        f"/api/v1/concepts/{DPS}",
        json={"abbr": "DESG", "definitions": [{"text": "錯誤的定義。"}]},
        headers=contributor,
    )
    assert patched.status_code == 200, patched.get_data(as_text=True)
    after = store.get_concept(DPS)
    assert (after.zh, after.en, after.abbr) == (before.zh, before.en, before.abbr)
    assert after.review_status == "approved"
    assert [(t.text, t.status) for t in after.terms if t.text == "DESG"] == [("DESG", "proposed")]
    assert [d.status for d in after.definitions if d.text == "錯誤的定義。"] == ["proposed"]
    found = client.get("/api/v1/search?q=DESG").get_json()["results"]
    assert found[0]["id"] == "digital-economy-steering-group"
    assert next(r for r in found if r["id"] == DPS)["review_status"] == "proposed"
    shown = client.get(f"/api/v1/concepts/{DPS}").get_json()
    assert shown["definition"]["text"] != "錯誤的定義。"

    # what a contributor may not do
    noted = client.patch(f"/api/v1/concepts/{DPS}", json={"note": "x"}, headers=contributor)
    assert_problem(noted, 403, "curator")
    assert_problem(client.delete(f"/api/v1/concepts/{DPS}", headers=contributor), 403, "curator")
    assert_problem(client.post(f"/api/v1/concepts/{DPS}/approve", headers=contributor), 403, "curator")
    assert_problem(client.post("/api/v1/concepts", json={"zh": "測試"}), 401)

    # a curator approves: the form becomes an admitted acronym, the definition approved
    approved = client.post(f"/api/v1/concepts/{DPS}/approve", headers=curator)
    assert approved.status_code == 200, approved.get_data(as_text=True)
    final = store.get_concept(DPS)
    assert [(t.text, t.status) for t in final.terms if t.text == "DESG"] == [("DESG", "admitted")]
    assert all(d.status == "approved" for d in final.definitions)


def test_tokens_have_roles_and_old_tokens_are_curators(
    store: Store, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("GLOSSARY_DATABASE_URL", store.url)
    made = run(capsys, "token", "create", "carol", "--role", "contributor")
    assert made.status == 0 and made.out.startswith("gls_") and "contributor" in made.err
    assert tokens.identify(store, made.out.strip()) == ("carol", "contributor")
    plain = run(capsys, "token", "create", "alice")
    assert tokens.identify(store, plain.out.strip()) == ("alice", "curator")
    listed = run(capsys, "token", "list", "--json")
    assert '"role": "contributor"' in listed.out
    bad = run(capsys, "token", "create", "bob", "--role", "boss")
    assert bad.status == 2 and "boss" in bad.err
