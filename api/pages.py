"""The ``Link`` header of a list endpoint (RFC 8288): the next and previous pages, by limit/offset.

``/search`` and ``/concepts`` answer one page of a longer list; the header gives the
addresses of the pages around it, with every other parameter of the request as it was:

    Link: </api/v1/concepts?kind=org&limit=20&offset=40>; rel="next",
          </api/v1/concepts?kind=org&limit=20&offset=0>; rel="prev"

flask-smorest's own pagination (``Blueprint.paginate``) would change the parameters to
page/page_size and its header to X-Pagination; ours keep limit/offset, which clients use.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from flask import request

LINK_HEADER = {
    "Link": {
        "description": 'the next and previous pages (RFC 8288: rel="next", rel="prev"), when there are',
        "schema": {"type": "string"},
    }
}


def _page(offset: int, limit: int) -> str:
    args = [(k, v) for k, v in request.args.items(multi=True) if k not in ("limit", "offset")]
    args += [("limit", str(limit)), ("offset", str(offset))]
    return f"<{request.path}?{urlencode(args)}>"


def page_links(total: int, limit: int, offset: int) -> str | None:
    """The Link header's value for the page [offset, offset + limit) of ``total`` items."""
    links = []
    if offset + limit < total:
        links.append(f'{_page(offset + limit, limit)}; rel="next"')
    if offset > 0:
        links.append(f'{_page(max(0, min(offset, total) - limit), limit)}; rel="prev"')
    return ", ".join(links) or None


def with_page_links(response: Any, total: int, limit: int, offset: int) -> Any:
    """``response`` with its Link header, when there is a page before or after it."""
    links = page_links(total, limit, offset)
    if links:
        response.headers["Link"] = links
    return response
