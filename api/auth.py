"""Who may call what: bearer tokens (``glossary.tokens``) for writes, and for reads when they are private.

``write_access`` requires ``Authorization: Bearer <token>`` (401 missing or unknown,
403 revoked) and puts the token's name in ``g.who`` for the change log and its role
(``curator`` or ``contributor``) in ``g.role``;
``read_access`` does the same only when the app's ``PUBLIC_READS`` is off.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import current_app
from flask import g
from flask import request

from api.db import get_store
from glossary import tokens
from glossary.errors import Forbidden

BEARER: dict[str, list[str]] = {"bearerAuth": []}
# A read's security in the OpenAPI document: none when reads are public (no lock in Swagger UI),
# else the bearer token. ``api.spec.Blueprint`` writes it for the app's ``PUBLIC_READS``.
READS: list[dict[str, list[str]]] = [{}, BEARER]


def bearer_secret() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


def authenticate() -> str:
    """The caller's token name (raises TokenInvalid / TokenRevoked); its role goes to ``g.role``."""
    g.who, g.role = tokens.identify(get_store(), bearer_secret())
    return g.who


def is_contributor() -> bool:
    """Whether the authenticated caller's writes become proposals."""
    return getattr(g, "role", "curator") == "contributor"


def curator_only(action: str) -> None:
    """``Forbidden`` (403) for a contributor's token: ``action`` needs a curator."""
    if is_contributor():
        raise Forbidden(
            f"the token {g.who!r} is a contributor's: {action} needs a curator's token "
            "(a contributor's writes become proposals that a curator reviews)"
        )


def write_access(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        authenticate()
        return view(*args, **kwargs)

    return wrapper


def read_access(view: Callable[..., Any]) -> Callable[..., Any]:
    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        if not current_app.config["PUBLIC_READS"]:
            authenticate()
        return view(*args, **kwargs)

    return wrapper
