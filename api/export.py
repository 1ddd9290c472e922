"""``GET /export``: the glossary (or a filtered part) as CSV, TBX, JSON or Excel, by ``glossary.exchange``.

The file is written to a spooled temporary file (memory, then disk past 16 MB) and
streamed from there, so a large glossary does not sit in memory.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from typing import Any
from typing import BinaryIO
from typing import cast

from flask import Response

from api.auth import READS
from api.auth import read_access
from api.db import get_store
from api.errors import bad_parameter
from api.schemas import ExportArgs
from api.spec import Blueprint
from glossary import catalog
from glossary import exchange
from glossary.errors import NotFound
from glossary.store import Store

blp = Blueprint("export", __name__, url_prefix="/api/v1", description="Download the glossary")
MEDIA_TYPES = {
    "csv": "text/csv",
    "tbx": "application/x-tbx+xml",
    "tbx3": "application/x-tbx+xml",
    "json": "application/json",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
SUFFIXES = {"tbx3": "tbx"}
RESPONSE = {
    "description": "the glossary file",
    "content": {
        **{media: {"schema": {"type": "string", "format": "binary"}} for media in set(MEDIA_TYPES.values())},
        "application/json": {"schema": {"type": "object", "description": "a complete dump (format=json)"}},
    },
}


@blp.route("/export")
@read_access
@blp.arguments(ExportArgs(), location="query", as_kwargs=True)
@blp.doc(responses={"200": RESPONSE}, security=READS)
def export(format: str, bom: bool, status: str | None = None, **filters: str | None) -> Any:
    """Every concept (or those matching the filters) with its terms, definitions and citations.

    `tbx` is TBX-Basic (2008), `tbx3` ISO 30042:2019; `json` is a complete dump that
    `glossary import` restores exactly. A CSV is for people first: it begins with the
    UTF-8 byte-order mark, so that Excel opens it right (`bom=false` leaves it out).
    """
    # a binary file that stays in memory up to 16 MB; closed by _stream
    spool = cast(BinaryIO, tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024))  # noqa: SIM115
    try:
        _write(get_store(), format, spool, excel=format == "csv" and bom, review_status=status, **filters)
    except BaseException:
        spool.close()
        raise
    return Response(
        _stream(spool),
        mimetype=MEDIA_TYPES[format],
        headers={
            "Content-Disposition": f"attachment; filename=glossary.{SUFFIXES.get(format, format)}",
            "Cache-Control": "no-store",
        },
    )


def _write(store: Store, fmt: str, out: BinaryIO, *, excel: bool, **filters: str | None) -> None:
    source = filters.get("source")
    if source:
        # Checked first: a writer stopped half-way (openpyxl's, for one) complains when collected.
        try:
            catalog.source_file_names(store, source)
        except NotFound as exc:
            raise bad_parameter("source", str(exc)) from None
    for _attempt in range(2):  # the glossary changed while being written: write it again, once
        out.seek(0)
        out.truncate()
        result = exchange.export(
            store,
            fmt,
            out,
            excel=excel,
            kind=filters.get("kind"),
            review_status=filters.get("review_status"),
            subject=filters.get("subject"),
            source=source,
        )
        if not result.revision_changed:
            return


def _stream(spool: BinaryIO) -> Iterator[bytes]:
    """The file in chunks; closing the response (or dropping it) closes the file."""
    try:
        spool.seek(0)
        while chunk := spool.read(64 * 1024):
            yield chunk
    finally:
        spool.close()
