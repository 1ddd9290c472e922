"""Who may call what: bearer tokens (``glossary.tokens``) for writes, and for reads when they are private.

``write_access`` requires ``Authorization: Bearer <token>`` (401 missing or unknown,
403 revoked) and puts the token's name in ``g.who`` for the change log;
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

BEARER: dict[str, list[str]] = {"bearerAuth": []}


def bearer_secret() -> str | None:
    header = request.headers.get("Authorization", "")
    scheme, _, secret = header.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip():
        return None
    return secret.strip()


def authenticate() -> str:
    """The caller's token name (raises TokenInvalid / TokenRevoked)."""
    g.who = tokens.verify(get_store(), bearer_secret())
    return g.who


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
