"""List endpoints say where the next and previous pages are (``Link``, api/pages.py), and the
search cache (api/cache.py, a cachetools LRU) keeps that header with the body."""

from __future__ import annotations

import re
from urllib.parse import parse_qs
from urllib.parse import urlsplit

from flask.testing import FlaskClient

from api.cache import ResponseCache


def links(response) -> dict[str, dict[str, list[str]]]:  # type: ignore[no-untyped-def]
    """rel -> the query of that page, from a Link header."""
    out = {}
    for target, rel in re.findall(r'<([^>]*)>; rel="(\w+)"', response.headers.get("Link", "")):
        parts = urlsplit(target)
        assert parts.path == urlsplit(response.request.url).path
        out[rel] = parse_qs(parts.query)
    return out


def test_a_middle_page_of_concepts_links_the_next_and_previous_with_the_same_filters(
    client: FlaskClient,
) -> None:
    answer = client.get("/api/v1/concepts?kind=org&limit=20&offset=20")
    assert answer.status_code == 200 and answer.get_json()["total"] > 40
    assert links(answer) == {
        "next": {"kind": ["org"], "limit": ["20"], "offset": ["40"]},
        "prev": {"kind": ["org"], "limit": ["20"], "offset": ["0"]},
    }


def test_the_first_page_has_no_prev_and_the_last_no_next(client: FlaskClient) -> None:
    first = client.get("/api/v1/concepts?kind=org&limit=20")
    assert set(links(first)) == {"next"}
    total = first.get_json()["total"]
    last = client.get(f"/api/v1/concepts?kind=org&limit=20&offset={total - 5}")
    assert links(last) == {"prev": {"kind": ["org"], "limit": ["20"], "offset": [str(total - 25)]}}
    everything = client.get(f"/api/v1/concepts?kind=org&limit={total}")
    assert "Link" not in everything.headers


def test_search_pages_are_linked_and_a_cached_answer_keeps_its_links(client: FlaskClient) -> None:
    url = "/api/v1/search?q=digital&limit=2&offset=2"
    answer = client.get(url)
    assert answer.get_json()["total"] > 4
    assert links(answer) == {
        "next": {"q": ["digital"], "limit": ["2"], "offset": ["4"]},
        "prev": {"q": ["digital"], "limit": ["2"], "offset": ["0"]},
    }
    again = client.get(url)  # from the response cache
    assert again.get_data() == answer.get_data()
    assert again.headers["Link"] == answer.headers["Link"]


def test_the_cache_drops_the_least_recently_used_and_forgets_an_old_revision() -> None:
    cache = ResponseCache(2)
    one, two = object(), object()
    assert cache.get(one, "a") is None  # a miss (as every answer starts) ties the cache to index one
    cache.put(one, "a", (b"A", ()))
    cache.put(one, "b", (b"B", ()))
    assert cache.get(one, "a") == (b"A", ())  # "a" is now the most recently used
    cache.put(one, "c", (b"C", ()))
    assert cache.get(one, "b") is None and cache.get(one, "c") == (b"C", ())
    assert cache.get(two, "a") is None  # the index moved on: everything went
    cache.put(one, "a", (b"A", ()))  # an answer made on the old index is not kept
    assert cache.get(two, "a") is None


def test_a_cache_of_size_0_keeps_nothing() -> None:
    cache = ResponseCache(0)
    revision = object()
    cache.get(revision, "a")
    cache.put(revision, "a", (b"A", ()))
    assert cache.get(revision, "a") is None
