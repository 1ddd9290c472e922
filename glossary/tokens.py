"""API tokens for curators and contributors: a random secret shown once, stored only as a hash.

A token is a name (who writes, as the change log records it), a role and a secret of 256
random bits. The role says what the token's writes are: a ``curator``'s are made as
asked (and a curator approves proposals); a ``contributor``'s become proposals (proposed
concepts, or proposed forms and definitions of an approved concept), which a curator
reviews. Tokens made before roles existed are curators.

The database keeps the SHA-256 of the secret, never the secret itself: a slow password
hash is not needed because the secret is not guessable. Revoking keeps the row (so the
name stays in the change log's history) and makes ``verify`` refuse the secret.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from datetime import UTC
from datetime import datetime
from typing import Any

from sqlalchemy import select

from glossary.concepts.transaction import transaction
from glossary.errors import BadInput
from glossary.errors import Conflict
from glossary.errors import GlossaryError
from glossary.errors import NotFound
from glossary.errors import quoted
from glossary.models import ApiToken
from glossary.store import Store

PREFIX = "gls_"
ROLES = ("curator", "contributor")
_NAME = re.compile(r"^[\w.@+-]{1,64}$")


class TokenInvalid(GlossaryError):
    """No token has this secret (or none was given)."""


class TokenRevoked(GlossaryError):
    """The token exists but was revoked."""


def hash_secret(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def check_name(name: str) -> str:
    if not isinstance(name, str) or not _NAME.match(name):
        raise BadInput(
            f"token name {quoted(name)} is not usable: use 1-64 letters, digits or . _ @ + - "
            "(e.g. alice or cat-plugin)"
        )
    return name


def create(store: Store, name: str, *, who: str | None = None, role: str = "curator") -> str:
    """Create a token called ``name`` and return its secret (the only time it is shown).

    A revoked token's name may be reused; an active one's may not. The change log records
    ``who`` (default: the token's name) and the token's name, never its secret.
    """
    check_name(name)
    if role not in ROLES:
        raise BadInput(f"token role {quoted(role)} is not one of {', '.join(ROLES)}")
    secret = PREFIX + secrets.token_urlsafe(32)
    with transaction(store, who or name) as tx:
        existing = tx.session.scalar(select(ApiToken).where(ApiToken.name == name))
        if existing is not None:
            if existing.revoked_at is None:
                raise Conflict(f"a token named {quoted(name)} already exists: revoke it first to replace it")
            tx.session.delete(existing)
            tx.session.flush()
        tx.session.add(ApiToken(name=name, token_hash=hash_secret(secret), role=role))
        tx.log("token-create", None, {"token": name, "role": role})
    return secret


def revoke(store: Store, name: str, *, who: str | None = None) -> None:
    """Revoke the token called ``name`` (NotFound when there is none); logged as ``create`` is."""
    with transaction(store, who or name) as tx:
        token = tx.session.scalar(select(ApiToken).where(ApiToken.name == name))
        if token is None:
            raise NotFound(f"no token named {quoted(name)} (see 'glossary token list')")
        if token.revoked_at is None:
            token.revoked_at = datetime.now(UTC)
            tx.log("token-revoke", None, {"token": name})


def verify(store: Store, secret: str | None) -> str:
    """The name of the token whose secret this is; TokenInvalid or TokenRevoked otherwise."""
    return identify(store, secret)[0]


def identify(store: Store, secret: str | None) -> tuple[str, str]:
    """(name, role) of the token whose secret this is; TokenInvalid or TokenRevoked otherwise."""
    if not secret:
        raise TokenInvalid("no API token given: send 'Authorization: Bearer <token>'")
    with store.session() as session:
        row = session.execute(
            select(ApiToken.name, ApiToken.revoked_at, ApiToken.role).where(
                ApiToken.token_hash == hash_secret(secret)
            )
        ).first()
    if row is None:
        raise TokenInvalid("the API token is not valid (create one with 'glossary token create NAME')")
    if row.revoked_at is not None:
        raise TokenRevoked(f"the API token {quoted(row.name)} was revoked")
    return row.name, row.role or "curator"


def list_tokens(store: Store) -> list[dict[str, Any]]:
    """Every token's name, creation time and revocation time (never a secret or hash)."""
    with store.session() as session:
        rows = session.scalars(select(ApiToken).order_by(ApiToken.name)).all()
        return [
            {
                "name": row.name,
                "role": row.role,
                "created_at": _iso(row.created_at),
                "revoked_at": _iso(row.revoked_at),
            }
            for row in rows
        ]


def _iso(value: datetime | None) -> str | None:
    return value.isoformat(timespec="seconds") if value else None
