"""Request bodies refused before (or while) a view reads them, as a 400 naming the problem:
JSON nested too deeply for any of the API's documents (Python's parser would otherwise
give up with a RecursionError, a 500), and JSON strings holding a lone UTF-16 surrogate
(``"\\ud800"``: no character, and no way to send it back in a UTF-8 response).
"""

from __future__ import annotations

import re

from flask import Flask
from flask import Response
from flask import request

from api.errors import problem

# \\uD800-\\uDBFF not followed by \\uDC00-\\uDFFF, or \\uDC00-\\uDFFF not preceded by a high half
_LONE_SURROGATE = re.compile(
    r"(?<!\\)(?:\\\\)*\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})"
    r"|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2}",
)


def _lone_surrogate() -> Response | None:
    if not request.is_json or request.content_length == 0 or request.path.endswith("/import"):
        return None  # an import streams its body itself (and validates every cell)
    body = request.get_data(cache=True, as_text=True)
    if "\\u" in body and _LONE_SURROGATE.search(body):
        return problem(
            400, "the JSON body holds a lone UTF-16 surrogate escape (\\uD800-\\uDFFF): not a character"
        )
    return None


def _too_deep(exc: RecursionError) -> Response:
    return problem(400, "the request body is nested too deeply to be any of this API's documents")


def init_app(app: Flask) -> None:
    app.before_request(_lone_surrogate)
    app.register_error_handler(RecursionError, _too_deep)
