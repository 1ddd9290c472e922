"""The text a request sends to ``/check`` or ``/scan``: JSON ``{"text": ...}``, a ``text/plain``
body, or a ``multipart/form-data`` upload in the field ``file`` (.txt, .md or .docx, read by
the shared document reader).  ``REQUEST_BODY`` documents the three for the OpenAPI spec.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from flask import request

from api.errors import ApiError
from api.errors import bad_parameter
from glossary.errors import BadInput
from glossary.reader import Document
from glossary.reader import decode_text
from glossary.reader import read_document

SUFFIXES = (".txt", ".md", ".docx")
REQUEST_BODY = {
    "required": True,
    "content": {
        "application/json": {
            "schema": {
                "type": "object",
                "required": ["text"],
                "properties": {"text": {"type": "string", "description": "the text"}},
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


def request_document(verb: str = "checked") -> Document:
    """The request's text as a document (``name`` empty for pasted text); 400/415 otherwise."""
    mimetype = request.mimetype
    if mimetype == "multipart/form-data":
        upload = request.files.get("file")
        if upload is None or not upload.filename:
            raise bad_parameter("file", "upload the document in the form field 'file'")
        name = Path(upload.filename).name
        if Path(name).suffix.lower() not in SUFFIXES:
            raise ApiError(415, f"{name}: only .txt, .md and .docx files can be {verb}")
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
