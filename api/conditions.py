"""What a request must satisfy before a view runs: its media type (415) and its ETag (If-Match, 412).

A concept's ETag is its version number in quotes (``"3"``); every write bumps the
version, so ``If-Match: "3"`` on a write means "only if nobody changed it since I read
version 3". Without If-Match the write goes ahead (last writer wins).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import Response
from flask import request

from api.errors import ApiError
from glossary.errors import quoted

_ETAG = re.compile(r'^\s*(?:W/)?"?(\d{1,9})"?\s*$')


def etag(version: int) -> str:
    return f'"{version}"'


def with_etag(response: Response, version: int) -> Response:
    response.headers["ETag"] = etag(version)
    return response


def expected_version() -> int | None:
    """The version the If-Match header names; None when absent or ``*``."""
    header = request.headers.get("If-Match")
    if header is None or header.strip() in ("", "*"):
        return None
    match = _ETAG.match(header)
    if not match:
        raise ApiError(
            412,
            f"If-Match {quoted(header)} is not an ETag of this API: send the ETag header of the "
            'concept as you read it, e.g. If-Match: "3"',
        )
    return int(match.group(1))


def not_modified(version: int) -> bool:
    """True when If-None-Match already names this version."""
    header = request.headers.get("If-None-Match")
    if not header:
        return False
    tags = {tag.strip().removeprefix("W/") for tag in header.split(",")}
    return "*" in tags or etag(version) in tags


def accepts(*media_types: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Refuse a request body of any other media type with 415 (a missing body is left to the schema)."""

    def decorator(view: Callable[..., Any]) -> Callable[..., Any]:
        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            has_body = bool(request.content_length) or request.headers.get("Transfer-Encoding") == "chunked"
            mimetype = request.mimetype
            if (has_body or mimetype) and not _allowed(mimetype, media_types):
                given = mimetype or "a body without a Content-Type"
                raise ApiError(415, f"this endpoint takes {' or '.join(media_types)}, not {given}")
            return view(*args, **kwargs)

        return wrapper

    return decorator


def _allowed(mimetype: str, media_types: tuple[str, ...]) -> bool:
    if mimetype in media_types:
        return True
    return (
        "application/json" in media_types
        and mimetype.startswith("application/")
        and mimetype.endswith("+json")
    )
