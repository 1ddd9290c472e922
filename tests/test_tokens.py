"""API tokens: the secret is shown once and stored only as a hash; revoked tokens are refused."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from glossary import tokens
from glossary.errors import BadInput
from glossary.errors import Conflict
from glossary.errors import NotFound
from glossary.models import ApiToken
from glossary.store import Store


def test_a_new_token_verifies_as_its_name(store: Store) -> None:
    secret = tokens.create(store, "alice")
    assert secret.startswith(tokens.PREFIX) and len(secret) > 40
    assert tokens.verify(store, secret) == "alice"


def test_only_the_hash_of_the_secret_is_stored(store: Store) -> None:
    secret = tokens.create(store, "alice")
    with store.session() as session:
        stored = session.scalar(select(ApiToken.token_hash).where(ApiToken.name == "alice"))
    assert stored == tokens.hash_secret(secret)
    assert secret not in stored


def test_two_tokens_never_share_a_secret(store: Store) -> None:
    assert tokens.create(store, "a") != tokens.create(store, "b")


@pytest.mark.parametrize("secret", [None, "", "gls_not-a-real-token", "Bearer x"])
def test_an_unknown_or_missing_secret_is_invalid(store: Store, secret: str | None) -> None:
    tokens.create(store, "alice")
    with pytest.raises(tokens.TokenInvalid):
        tokens.verify(store, secret)


def test_a_revoked_token_is_refused_by_name(store: Store) -> None:
    secret = tokens.create(store, "alice")
    tokens.revoke(store, "alice")
    with pytest.raises(tokens.TokenRevoked, match="'alice' was revoked"):
        tokens.verify(store, secret)
    assert tokens.list_tokens(store)[0]["revoked_at"] is not None


def test_an_active_name_cannot_be_taken_twice(store: Store) -> None:
    tokens.create(store, "alice")
    with pytest.raises(Conflict, match="revoke it first"):
        tokens.create(store, "alice")


def test_a_revoked_name_can_be_given_a_new_token(store: Store) -> None:
    old = tokens.create(store, "alice")
    tokens.revoke(store, "alice")
    new = tokens.create(store, "alice")
    assert tokens.verify(store, new) == "alice"
    with pytest.raises(tokens.TokenInvalid):
        tokens.verify(store, old)


def test_revoking_an_unknown_name_says_so(store: Store) -> None:
    with pytest.raises(NotFound, match="no token named 'bob'"):
        tokens.revoke(store, "bob")


@pytest.mark.parametrize("name", ["", "two words", "x" * 65, "tab\tname", "semi;colon"])
def test_unusable_names_are_refused(store: Store, name: str) -> None:
    with pytest.raises(BadInput, match="not usable"):
        tokens.create(store, name)


def test_the_list_shows_names_roles_and_dates_but_no_secrets(store: Store) -> None:
    secret = tokens.create(store, "alice")
    listed = tokens.list_tokens(store)
    assert [t["name"] for t in listed] == ["alice"]
    assert set(listed[0]) == {"name", "role", "created_at", "revoked_at"}
    assert secret not in str(listed)


def test_the_change_log_names_the_token_and_who_acted_but_never_the_secret(store: Store) -> None:
    from glossary import catalog

    secret = tokens.create(store, "cat-plugin", who="carol")
    tokens.revoke(store, "cat-plugin", who="dave")
    entries = catalog.history(store)[:2]
    assert [(e["who"], e["action"], e["detail"]) for e in entries] == [
        ("dave", "token-revoke", '{"token": "cat-plugin"}'),
        ("carol", "token-create", '{"role": "curator", "token": "cat-plugin"}'),
    ]
    assert all(secret not in str(e) and tokens.hash_secret(secret) not in str(e) for e in entries)
