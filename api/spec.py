"""flask-smorest, with our defaults in place of its own.

flask-smorest answers bad parameters with 422 and its own error body, and serves Swagger
UI from a CDN. Here: bad parameters are 400 problem+json (``Parser``), every documented
error response is ``application/problem+json`` with the ``Problem`` schema (``Api``), and
the docs UI is served locally by ``api.docs``, so smorest serves only the JSON spec.
"""

from __future__ import annotations

import http
from typing import Any

import flask_smorest
from flask_smorest.utils import prepare_response
from webargs.flaskparser import FlaskParser

from api.auth import BEARER
from api.auth import READS
from api.errors import PROBLEM
from api.errors import ApiError
from api.errors import field_errors
from api.errors import summary
from api.schemas import ProblemSchema


class Parser(FlaskParser):
    """webargs parser whose validation errors are 400 problems naming each field."""

    DEFAULT_VALIDATION_STATUS = 400

    def handle_error(self, error, req, schema, *, error_status_code, error_headers):  # type: ignore[no-untyped-def]
        errors = field_errors(error.messages)
        raise ApiError(400, summary(errors), errors=errors, headers=error_headers)

    def _handle_invalid_json_error(self, error, req, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise ApiError(
            400, f"the request body is not valid JSON ({error})", errors={"body": ["not valid JSON"]}
        )


class Blueprint(flask_smorest.Blueprint):
    """A blueprint whose reads (``security=READS``) are documented for the app: no security
    requirement when reads are public, the bearer token when they are private."""

    ARGUMENTS_PARSER = Parser()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._prepare_doc_cbks.append(self._prepare_read_security)

    @staticmethod
    def _prepare_read_security(doc: dict[str, Any], doc_info: dict[str, Any], *, app: Any, **_: Any) -> Any:
        manual = doc_info.get("manual_doc", {})  # a copy: smorest deep-copies the docs it registers
        if manual.get("security") == READS:
            if app.config["PUBLIC_READS"]:
                del manual["security"]
            else:
                manual["security"] = [BEARER]
        return doc


class Api(flask_smorest.Api):
    ERROR_SCHEMA = ProblemSchema

    def _register_error_handlers(self) -> None:
        """api.errors.init_app registers the problem+json handlers instead."""

    def _register_responses(self) -> None:
        for status in http.HTTPStatus:
            response: dict[str, Any] = {"description": status.phrase}
            if status >= 400:
                response["schema"] = self.ERROR_SCHEMA
            prepare_response(response, self.spec, PROBLEM)
            self.spec.components.response(status.name, response, lazy=True)
        response = {"description": "An error (RFC 9457 problem details)", "schema": self.ERROR_SCHEMA}
        prepare_response(response, self.spec, PROBLEM)
        self.spec.components.response("DEFAULT_ERROR", response, lazy=True)
