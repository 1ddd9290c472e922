"""Every API error as ``application/problem+json`` (RFC 9457): one exception class, one body shape.

Views raise ``ApiError`` (or let a ``glossary.errors`` exception through); the handlers
registered by ``init_app`` turn those, werkzeug's HTTP errors (404, 405, 413, ...) and
anything unexpected into a problem document with ``type``, ``title``, ``status``,
``detail`` and, for bad parameters, ``errors`` (field -> messages).

Every ``type`` is one scheme, ``urn:glossary:problem:<name>`` (never ``about:blank``):
``PROBLEM_TYPES`` names the kinds this API answers, by status; a library exception may
name a narrower kind of the same status (``token-revoked``, ``schema-out-of-date``); any
other status is ``urn:glossary:problem:http-<status>``. The OpenAPI document declares the
scheme on the ``Problem`` schema (``problem_type_doc``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from http import HTTPStatus
from typing import Any

from flask import Flask
from flask import Response
from flask import current_app
from werkzeug.exceptions import HTTPException

from glossary import errors as lib
from glossary import tokens

PROBLEM = "application/problem+json"
SCHEME = "urn:glossary:problem:"
# Every 400, whoever finds the bad input (a schema, webargs or the library), is this type.
BAD_INPUT = SCHEME + "bad-input"
log = logging.getLogger(__name__)

# The problem type of each status this API answers, unless a narrower one is named below.
PROBLEM_TYPES: dict[int, str] = {
    400: BAD_INPUT,
    401: SCHEME + "token-invalid",
    403: SCHEME + "forbidden",
    404: SCHEME + "not-found",
    405: SCHEME + "method-not-allowed",
    409: SCHEME + "conflict",
    412: SCHEME + "precondition-failed",
    413: SCHEME + "too-large",
    415: SCHEME + "unsupported-media-type",
    500: SCHEME + "internal",
    503: SCHEME + "unavailable",
}

# Library exceptions -> (status, problem type). Order matters: subclasses first.
_STATUS: tuple[tuple[type[Exception], int, str], ...] = (
    (tokens.TokenInvalid, 401, PROBLEM_TYPES[401]),
    (tokens.TokenRevoked, 403, SCHEME + "token-revoked"),
    (lib.Forbidden, 403, PROBLEM_TYPES[403]),
    (lib.BadInput, 400, BAD_INPUT),
    (lib.NotFound, 404, PROBLEM_TYPES[404]),
    (lib.Conflict, 409, PROBLEM_TYPES[409]),
    (lib.PreconditionFailed, 412, PROBLEM_TYPES[412]),
    (lib.DatabaseUnavailable, 503, SCHEME + "database-unavailable"),
    (lib.SchemaOutOfDate, 503, SCHEME + "schema-out-of-date"),
    (lib.ConfigError, 503, SCHEME + "configuration"),
)


def problem_type(status: int) -> str:
    """The problem type of a status when nothing narrower is known."""
    return PROBLEM_TYPES.get(status) or f"{SCHEME}http-{status}"


def problem_type_doc() -> dict[str, str]:
    """The ``type`` property of the OpenAPI ``Problem`` schema: the scheme and every kind."""
    kinds = {name: status for status, name in PROBLEM_TYPES.items()}
    kinds.update({name: status for _, status, name in _STATUS})
    listed = ", ".join(f"`{name}` ({status})" for name, status in sorted(kinds.items(), key=lambda k: k[1]))
    return {
        "pattern": f"^{SCHEME}[a-z0-9-]+$",
        "description": f"the kind of problem, one URN scheme: {listed}; any other status "
        f"`{SCHEME}http-<status>`",
    }


class ApiError(Exception):
    """An HTTP error with a clear ``detail`` (and per-field ``errors`` for bad parameters)."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        errors: Mapping[str, list[str]] | None = None,
        headers: Mapping[str, str] | None = None,
        type: str | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.errors = dict(errors) if errors else None
        self.headers = dict(headers or {})
        self.type = type


def bad_parameter(field: str, message: str) -> ApiError:
    """A 400 naming one parameter."""
    return ApiError(400, f"{field}: {message}", errors={field: [message]})


def problem(
    status: int,
    detail: str,
    *,
    errors: Mapping[str, list[str]] | None = None,
    headers: Mapping[str, str] | None = None,
    type: str | None = None,
) -> Response:
    """The problem+json response; ``title`` is the status phrase; ``type`` the one given, else
    the status's (``problem_type``). A 400 is always ``BAD_INPUT``."""
    if status == 400 or type is None:
        type = problem_type(status)
    body: dict[str, Any] = {
        "type": type,
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors:
        body["errors"] = {str(k): [str(m) for m in v] for k, v in errors.items()}
    response = current_app.response_class(
        current_app.json.dumps(body) + "\n", status=status, mimetype=PROBLEM
    )
    for name, value in (headers or {}).items():
        response.headers[name] = value
    if status == 401:
        response.headers.setdefault("WWW-Authenticate", 'Bearer realm="glossary"')
    return response


def field_errors(messages: Any, prefix: str = "") -> dict[str, list[str]]:
    """Flatten marshmallow/webargs messages ({"query": {"limit": [...]}}) to {"limit": [...]}."""
    out: dict[str, list[str]] = {}
    if isinstance(messages, Mapping):
        for key, value in messages.items():
            if not prefix and key in ("query", "json", "form", "files", "headers", "view_args", "path"):
                out.update(field_errors(value, ""))
                continue
            if key == "_schema":  # marshmallow's key for the object itself (not one of its fields)
                name = prefix
            elif isinstance(key, int):
                name = f"{prefix}[{key}]"
            else:
                name = f"{prefix}.{key}" if prefix else str(key)
            out.update(field_errors(value, name))
    elif isinstance(messages, list | tuple) and all(isinstance(m, str) for m in messages):
        out[prefix or "body"] = list(messages)
    elif isinstance(messages, list | tuple):
        for i, value in enumerate(messages):
            out.update(field_errors(value, f"{prefix}[{i}]"))
    else:
        out[prefix or "body"] = [str(messages)]
    return out


def summary(errors: Mapping[str, list[str]]) -> str:
    """One sentence naming every bad field, for ``detail``."""
    parts = [f"{field}: {' '.join(messages)}" for field, messages in errors.items()]
    return "; ".join(parts) or "bad request"


def handle_api_error(exc: ApiError) -> Response:
    return problem(exc.status, exc.detail, errors=exc.errors, headers=exc.headers, type=exc.type)


def handle_glossary_error(exc: lib.GlossaryError) -> Response:
    for cls, status, type_ in _STATUS:
        if isinstance(exc, cls):
            errors = None
            field = getattr(exc, "field", None)
            if field:
                errors = {field: [getattr(exc, "message", str(exc))]}
            if status >= 500:
                log.error("%s", exc)
            return problem(status, str(exc), errors=errors, type=type_)
    log.exception("unexpected library error")
    return problem(500, "the server failed to answer; the error was logged")


def handle_http_exception(exc: HTTPException) -> Response:
    status = exc.code or 500
    data = getattr(exc, "data", None) or {}
    messages = data.get("errors") or data.get("messages")
    if messages:
        errors = field_errors(messages)
        return problem(status, summary(errors), errors=errors, headers=data.get("headers"))
    detail = _DETAILS.get(status) or exc.description or HTTPStatus(status).phrase
    headers = dict(exc.get_headers()) if status == 405 else {}
    headers.pop("Content-Type", None)
    return problem(status, detail, headers=headers)


def handle_unexpected(exc: Exception) -> Response:
    log.exception("unexpected error")
    return problem(500, "the server failed to answer; the error was logged")


def _too_large() -> str:
    limit = current_app.config.get("MAX_UPLOAD_MB")
    return f"the request body is larger than the {limit} MB this service accepts (GLOSSARY_MAX_UPLOAD_MB)"


_DETAILS: dict[int, str] = {
    404: "no such resource; the API lives under /api/v1 (see /api/docs)",
}


def init_app(app: Flask) -> None:
    app.register_error_handler(ApiError, handle_api_error)
    app.register_error_handler(lib.GlossaryError, handle_glossary_error)
    app.register_error_handler(HTTPException, handle_http_exception)
    app.register_error_handler(413, lambda exc: problem(413, _too_large()))
    app.register_error_handler(Exception, handle_unexpected)
