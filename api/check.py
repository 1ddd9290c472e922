"""``POST /check``: the findings of ``glossary check`` for pasted text or an uploaded document.

The text comes as JSON ``{"text": "..."}``, as a ``text/plain`` body, or as a
``multipart/form-data`` upload in the field ``file`` (.txt, .md or .docx, read by the
shared document reader). Larger than ``GLOSSARY_MAX_UPLOAD_MB``: 413; another media type
or file type: 415.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from flask import jsonify
from flask import request

from api.auth import BEARER
from api.auth import read_access
from api.conditions import accepts
from api.db import get_store
from api.errors import ApiError
from api.errors import bad_parameter
from api.heavy import check_size
from api.heavy import run_heavy
from api.schemas import CheckResponse
from api.spec import Blueprint
from glossary.check import Options
from glossary.check import check_document
from glossary.errors import BadInput
from glossary.reader import Document
from glossary.reader import decode_text
from glossary.reader import read_document

blp = Blueprint("check", __name__, url_prefix="/api/v1", description="Check a draft's terms")
SUFFIXES = (".txt", ".md", ".docx")
REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["text"],
                "properties": {"text": {"type": "string", "description": "the text to check"}},
                "additionalProperties": False,
            }
        },
        "text/plain": {"schema": {"type": "string"}},
        "multipart/form-data": {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {"type": "string", "format": "binary", "description": ".txt, .md or .docx"}
                },
            }
        },
    },
}


@blp.route("/check", methods=["POST"])
@read_access
@accepts("application/json", "text/plain", "multipart/form-data")
@blp.response(200, CheckResponse)
@blp.alt_response(400, response="BAD_REQUEST")
@blp.alt_response(413, response="REQUEST_ENTITY_TOO_LARGE")
@blp.alt_response(415, response="UNSUPPORTED_MEDIA_TYPE")
@blp.alt_response(503, response="SERVICE_UNAVAILABLE")
@blp.doc(requestBody=REQUEST_BODY, security=[{}, BEARER])
def check() -> Any:
    """Check the acronyms and terms of a text against the glossary (as `glossary check --json`)."""
    document = _document()
    check_size(document.lines)
    store = get_store()
    result = dict(run_heavy(lambda deadline: check_document(store, document, Options(deadline=deadline))))
    result["file"] = document.name or None  # null for pasted text (CONTRACTS.md)
    return jsonify(result)


def _document() -> Document:
    mimetype = request.mimetype
    if mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            raise bad_parameter("file", "upload the document in the form field 'file'")
        name = Path(upload.filename).name
        if Path(name).suffix.lower() not in SUFFIXES:
            raise ApiError(415, f"{name}: only .txt, .md and .docx files can be checked")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / name
            upload.save(path)
            try:
                document = read_document(path)
            except BadInput as exc:
                raise bad_parameter("file", str(exc).replace(str(path), name)) from None
        document.path = None
        return document
    if mimetype == "text/plain":
        data = request.get_data()
        if not data.strip():
            raise bad_parameter("body", "the text is empty")
        try:
            text, _ = decode_text(data, "the request body")
        except BadInput as exc:
            raise bad_parameter("body", str(exc)) from None
        return Document.from_text("", text)
    body = request.get_json(silent=True)
    if not isinstance(body, dict) or set(body) != {"text"}:
        raise bad_parameter("text", 'send a JSON object {"text": "..."}')
    text = body["text"]
    if not isinstance(text, str) or not text.strip():
        raise bad_parameter("text", "the text is empty")
    return Document.from_text("", text.replace("\r\n", "\n"))
