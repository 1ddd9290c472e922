"""Issue 15: ``import --propose`` (API: ``propose=true``, and always for a contributor's token)
brings everything in for review, as ``mine --into-db`` does: new concepts as proposed
concepts, new forms of approved concepts as proposed forms. SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from glossary import tokens
from glossary.store import Store
from tests.api_helpers import close_app
from tests.api_helpers import make_app

PARTNER = "中文,英文\n區塊鏈,Blockchain\n人工智慧,AI technology\n"


def _assert_proposed(store: Store) -> None:
    blockchain = next(c for c in store.all_concepts() if c.en == "Blockchain")
    assert blockchain.review_status == "proposed"
    ai = store.get_concept("artificial-intelligence")
    assert ai.review_status == "approved" and ai.en == "Artificial intelligence"  # its preferred form stays
    assert [t.status for t in ai.terms if t.text == "AI technology"] == ["proposed"]


def test_import_propose_brings_everything_in_for_review(cli, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    partner = tmp_path / "partner.csv"
    partner.write_text(PARTNER, encoding="utf-8")

    ran = cli("import", str(partner), "--propose")

    assert ran.status == 0, ran.err
    assert "merge\t(new) -> artificial-intelligence (same Chinese form)" in ran.out
    _assert_proposed(store)
    listed = [item["id"] for item in json.loads(cli("review", "--json").out)]
    assert "artificial-intelligence" in listed and any(i.startswith("blockchain") for i in listed)


def test_without_propose_an_import_is_approved(cli, store: Store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    partner = tmp_path / "partner.csv"
    partner.write_text(PARTNER, encoding="utf-8")
    assert cli("import", str(partner), "--on-duplicate", "merge").status == 0
    assert next(c for c in store.all_concepts() if c.en == "Blockchain").review_status == "approved"
    ai = store.get_concept("artificial-intelligence")
    assert [t.status for t in ai.terms if t.text == "AI technology"] == ["admitted"]


@pytest.mark.parametrize(("role", "query"), [("curator", "?propose=true"), ("contributor", "")])
def test_the_api_proposes_with_propose_true_or_a_contributors_token(
    store: Store, role: str, query: str
) -> None:
    app = make_app(store.url)
    try:
        secret = tokens.create(store, "partner", role=role)
        response = app.test_client().post(
            f"/api/v1/import{query}",
            data={"file": (io.BytesIO(PARTNER.encode()), "partner.csv")},
            headers={"Authorization": f"Bearer {secret}"},
        )
        assert response.status_code == 200, response.get_data(as_text=True)
        if role == "contributor":  # the default on_duplicate is skip: the approved concept is untouched
            assert "AI technology" not in [t.text for t in store.get_concept("artificial-intelligence").terms]
            assert next(c for c in store.all_concepts() if c.en == "Blockchain").review_status == "proposed"
        else:
            assert response.get_json()["skipped"] == 1
    finally:
        close_app(app)
