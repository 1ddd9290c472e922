"""``POST /scan``: the glossary's terms in pasted text or an uploaded document (as ``glossary scan --json``).

The text comes as JSON ``{"text": "..."}``, a ``text/plain`` body or a ``multipart/form-data``
upload in the field ``file`` (.txt, .md, .docx), as for ``/check``; ``include_proposed``
(query) also reports proposed forms.
"""

from __future__ import annotations

from typing import Any

from flask import jsonify

from api.auth import READS
from api.auth import read_access
from api.conditions import accepts
from api.db import get_glossary
from api.documents import REQUEST_BODY
from api.documents import request_document
from api.heavy import check_size
from api.heavy import run_heavy
from api.schemas import ScanArgs
from api.schemas import ScanResponse
from api.spec import Blueprint
from glossary.scan import scan_document

blp = Blueprint("scan", __name__, url_prefix="/api/v1", description="Find the glossary's terms in a text")


@blp.route("/scan", methods=["POST"])
@read_access
@accepts("application/json", "text/plain", "multipart/form-data")
@blp.arguments(ScanArgs(), location="query", as_kwargs=True)
@blp.response(200, ScanResponse)
@blp.alt_response(400, response="BAD_REQUEST")
@blp.alt_response(413, response="REQUEST_ENTITY_TOO_LARGE")
@blp.alt_response(415, response="UNSUPPORTED_MEDIA_TYPE")
@blp.doc(requestBody=REQUEST_BODY, security=READS)
def scan(include_proposed: bool) -> Any:
    """The glossary's terms in a text, one per occurrence, in text order (as `glossary scan --json`).

    Chinese in Traditional or Simplified and any width, English in any case, acronyms in
    their own case; each with the concept's preferred zh/en/abbr and the matched form's status.
    """
    document = request_document("scanned")
    check_size(document.lines)
    glossary = get_glossary()
    return jsonify(
        run_heavy(lambda _budget: scan_document(glossary, document, include_proposed=include_proposed))
    )
