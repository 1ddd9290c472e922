"""``POST /import``: add the concepts of an uploaded TBX, CSV, XLSX or JSON file (token required).

The file comes as a ``multipart/form-data`` upload in the field ``file``, or as the raw
request body. Its format is, in this order: the ``format`` parameter, the suffix of the
file name (the upload's, or the ``filename`` parameter for a raw body), the body's media
type. The upload is saved to a temporary file and handed to ``glossary.exchange.import_file``,
the library ``glossary import`` uses, so the answer is the same report (added, merged,
skipped, and with ``continue=true`` the refused entries left out). Bad content: 400
naming the file, row or element and field; over ``GLOSSARY_MAX_UPLOAD_MB``: 413; a type
that is not importable: 415. The import is one transaction: on any error nothing changes.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from pathlib import PurePosixPath
from typing import Any

from flask import g
from flask import jsonify
from flask import request
from marshmallow import Schema
from marshmallow import fields
from marshmallow import validate

from api.auth import BEARER
from api.auth import is_contributor
from api.auth import write_access
from api.conditions import accepts
from api.db import get_store
from api.errors import ApiError
from api.errors import bad_parameter
from api.schemas import Lenient
from api.spec import Blueprint
from glossary.errors import BadInput
from glossary.exchange import IMPORT_FORMATS
from glossary.exchange import ON_DUPLICATE
from glossary.exchange import import_file
from glossary.exchange.common import SUFFIXES

blp = Blueprint("import", __name__, url_prefix="/api/v1", description="Add a file of concepts")

FORMATS = (*IMPORT_FORMATS, "tbx3")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A raw body's media type -> its format (None: the format or filename parameter must say).
BODY_TYPES: dict[str, str | None] = {
    "text/csv": "csv",
    "application/json": "json",
    "application/x-tbx+xml": "tbx",
    "application/xml": "tbx",
    "text/xml": "tbx",
    XLSX: "xlsx",
    "application/octet-stream": None,
    "text/plain": None,
}
FORM = "multipart/form-data"
CHUNK = 64 * 1024
BINARY = {"schema": {"type": "string", "format": "binary"}}
REQUEST_BODY = {
    "required": True,
    "content": {
        FORM: {
            "schema": {
                "type": "object",
                "required": ["file"],
                "properties": {
                    "file": {
                        "type": "string",
                        "format": "binary",
                        "description": ".tbx/.xml, .csv, .xlsx or .json (the format comes from the name)",
                    }
                },
            }
        },
        **{media: BINARY for media in BODY_TYPES},
    },
}


class ImportArgs(Lenient):
    format = fields.String(
        validate=validate.OneOf(FORMATS, error=f"must be {', '.join(FORMATS)}, got {{input!r}}"),
        metadata={"description": "the file's format (default: from the file name, else the media type)"},
    )
    filename = fields.String(
        validate=validate.Length(1, 255),
        metadata={"description": "a raw body's file name, for messages and its format (e.g. terms.csv)"},
    )
    dry_run = fields.Boolean(
        load_default=False, metadata={"description": "only report what would be added, merged or skipped"}
    )
    on_duplicate = fields.String(
        load_default="skip",
        validate=validate.OneOf(ON_DUPLICATE, error=f"must be {', '.join(ON_DUPLICATE)}, got {{input!r}}"),
        metadata={
            "description": "a concept already in the glossary (same id, same Chinese, or same acronym "
            "and English): keep the stored one (skip), add the new forms to it (merge), or import "
            "nothing (fail)"
        },
    )
    propose = fields.Boolean(
        load_default=False,
        metadata={
            "description": "everything comes in for review: new concepts as proposed concepts, new "
            "forms and definitions of approved concepts as proposals (always so for a contributor's token)"
        },
    )
    keep_going = fields.Boolean(
        data_key="continue",
        load_default=False,
        metadata={
            "description": "an entry the glossary refuses (an unknown language tag; with "
            "on_duplicate=merge, an entry matching two stored concepts) is left out and listed in "
            "`refused` while the rest comes in, in one transaction (200); without it such an entry "
            "is a 400 naming it, and nothing is written"
        },
    )
    encoding = fields.String(
        load_default="utf-8",
        validate=validate.OneOf(("utf-8", "big5"), error="must be utf-8 or big5, got {input!r}"),
        metadata={"description": "CSV only: big5 for a CSV saved by Excel on a Traditional Chinese Windows"},
    )


class ImportActionSchema(Schema):
    action = fields.String(required=True, metadata={"description": "add, merge, skip or conflict"})
    where = fields.String(required=True, metadata={"description": "file and row or element"})
    id = fields.String(required=True)
    stored_id = fields.String(required=True, allow_none=True)
    reason = fields.String(required=True, allow_none=True)


class ImportReportSchema(Schema):
    file = fields.String(required=True)
    format = fields.String(required=True)
    dry_run = fields.Boolean(required=True)
    on_duplicate = fields.String(required=True)
    added = fields.Integer(required=True)
    merged = fields.Integer(required=True)
    skipped = fields.Integer(required=True)
    conflicts = fields.Integer(
        required=True, metadata={"description": "a dry run with on_duplicate=fail: the duplicates found"}
    )
    sources_added = fields.Integer(required=True)
    refused = fields.List(
        fields.String(),
        required=True,
        metadata={"description": "entries left out (continue=true): the file, the entry and why"},
    )
    actions = fields.List(
        fields.Nested(ImportActionSchema),
        required=True,
        metadata={"description": "what was done with each concept (the first 1000 of each kind)"},
    )


@blp.route("/import", methods=["POST"])
@write_access
@accepts(FORM, *BODY_TYPES)
@blp.arguments(ImportArgs(), location="query", as_kwargs=True)
@blp.response(200, ImportReportSchema)
@blp.alt_response(400, response="BAD_REQUEST")
@blp.alt_response(401, response="UNAUTHORIZED")
@blp.alt_response(403, response="FORBIDDEN")
@blp.alt_response(413, response="REQUEST_ENTITY_TOO_LARGE")
@blp.alt_response(415, response="UNSUPPORTED_MEDIA_TYPE")
@blp.doc(requestBody=REQUEST_BODY, security=[BEARER])
def import_concepts(
    dry_run: bool,
    on_duplicate: str,
    encoding: str,
    propose: bool = False,
    keep_going: bool = False,
    format: str | None = None,
    filename: str | None = None,
) -> Any:
    """Add the concepts of a file, as `glossary import` does, in one transaction.

    Same id, same Chinese form, or same acronym and English form as a stored concept is a
    duplicate, handled as `on_duplicate` says. `dry_run=true` reports and changes nothing.
    `continue=true`: entries the glossary refuses are left out and listed in `refused`.
    """
    with tempfile.TemporaryDirectory(prefix="glossary-import-") as tmp:
        path, name, fmt = _save_upload(Path(tmp), format, filename)
        try:
            report = import_file(
                get_store(),
                path,
                fmt=fmt,
                encoding=encoding,
                dry_run=dry_run,
                on_duplicate=on_duplicate,
                who=g.who,
                workers=0,  # no helper processes inside a web server
                name=name,
                keep_going=keep_going,
                propose=propose or is_contributor(),
            )
        except BadInput as exc:
            raise bad_parameter("file", str(exc)) from None
    return jsonify(report.to_dict())


def _save_upload(folder: Path, fmt: str | None, filename: str | None) -> tuple[Path, str, str]:
    """(the saved file, the name to show, its format); 400/413/415 on a bad upload."""
    if request.mimetype == FORM:
        upload = request.files.get("file")
        if upload is None:
            raise bad_parameter("file", "upload the file in the form field 'file'")
        name = _safe_name(upload.filename or filename or "")
        fmt = _format(fmt, name, None)
        path = folder / f"upload.{fmt}"
        upload.save(path)
    else:
        name = _safe_name(filename or "")
        fmt = _format(fmt, name, request.mimetype)
        path = folder / f"upload.{fmt}"
        with open(path, "wb") as out:
            while chunk := request.stream.read(CHUNK):  # werkzeug stops past MAX_CONTENT_LENGTH: 413
                out.write(chunk)
    if path.stat().st_size == 0:
        raise bad_parameter("file", f"{name or 'the request body'} is empty")
    return path, name or f"upload.{fmt}", fmt


def _safe_name(name: str) -> str:
    """The base name of a client's file name (no folders, no control characters), or ''."""
    base = PurePosixPath(name.replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable())
    return "" if base in ("", ".", "..") else base[:255]


def _format(given: str | None, name: str, mimetype: str | None) -> str:
    if given:
        return "tbx" if given == "tbx3" else given
    suffix = PurePosixPath(name).suffix.lower()
    if suffix:
        if suffix not in SUFFIXES:
            raise ApiError(
                415,
                f"{name}: {suffix} files cannot be imported; send .tbx/.xml, .csv, .xlsx or .json, "
                "or say the format with the format parameter",
            )
        return SUFFIXES[suffix]
    from_type = BODY_TYPES.get(mimetype or "")
    if from_type is None:
        raise bad_parameter(
            "format",
            f"cannot tell the file's format from {name or 'a body of type ' + (mimetype or 'unknown')}; "
            f"give format ({', '.join(FORMATS)}) or a filename with its extension",
        )
    return from_type
