"""``POST /check``: the findings of ``glossary check`` for pasted text or an uploaded document.

The text comes as JSON ``{"text": "..."}``, as a ``text/plain`` body, or as a
``multipart/form-data`` upload in the field ``file`` (.txt, .md or .docx, read by the
shared document reader). Larger than ``GLOSSARY_MAX_UPLOAD_MB``: 413; another media type
or file type: 415.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify

from api.auth import READS
from api.auth import read_access
from api.conditions import accepts
from api.db import get_store
from api.documents import REQUEST_BODY
from api.documents import request_document
from api.heavy import check_size
from api.heavy import run_heavy
from api.schemas import CheckResponse
from api.spec import Blueprint
from glossary.check import Options
from glossary.check import check_document

blp = Blueprint("check", __name__, url_prefix="/api/v1", description="Check a draft's terms")


@blp.route("/check", methods=["POST"])
@read_access
@accepts("application/json", "text/plain", "multipart/form-data")
@blp.response(200, CheckResponse)
@blp.alt_response(400, response="BAD_REQUEST")
@blp.alt_response(413, response="REQUEST_ENTITY_TOO_LARGE")
@blp.alt_response(415, response="UNSUPPORTED_MEDIA_TYPE")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
@blp.doc(requestBody=REQUEST_BODY, security=READS)
def check() -> Any:
    """Check the acronyms and terms of a text against the glossary (as `glossary check --json`)."""
    document = request_document()
    check_size(document.lines)
    store = get_store()
    result = dict(run_heavy(lambda budget: check_document(store, document, Options(budget=budget))))
    result["file"] = document.name or None  # null for pasted text (CONTRACTS.md)
    return jsonify(result)
