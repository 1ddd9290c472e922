#!/usr/bin/env python3
"""N ``GET /api/v1/search`` requests through the Flask test client, for instruction counts.

    valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
        python benchmarks/api_requests.py --queries Q.json --n 2000 [--cache]

A load-free A/B figure for the app's own cost per request (no WSGI server, no sockets):
run it with ``--n 0`` and ``--n N`` under cachegrind, for the baseline checkout
(``PYTHONPATH=/path/to/baseline``) and this one, and compare ``(I refs(N) - I refs(0)) / N``;
with ``--cache`` the warm-up is counted too: compare ``--rounds 3`` with ``--rounds 1``
(``/ 2N``) for the cost of a hit.
The glossary is the configured one (``GLOSSARY_DATABASE_URL`` / ``GLOSSARY_HOME``); its
index is loaded before the requests. ``--cache``: the response cache on, each query sent
once before (so the N requests are cache hits); else off (each request searched).
Queries: a JSON list (``bench_api.py --home`` keeps one per synthetic glossary) or, by
default, the shipped glossary's forms.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--queries", type=Path, help="a JSON list of queries (default: the shipped forms)")
    parser.add_argument("--n", type=int, default=2000, help="requests (default 2000)")
    parser.add_argument("--cache", action="store_true", help="the response cache on, warmed: N cache hits")
    parser.add_argument(
        "--rounds", type=int, default=1, help="send the N requests this many times (A/B of hits: 1 vs 3)"
    )
    args = parser.parse_args()

    from api import create_app

    if args.queries:
        queries = json.loads(args.queries.read_text(encoding="utf-8"))
    else:
        sys.path.insert(0, str(ROOT))
        from benchmarks.bench_api import shipped_queries

        queries = shipped_queries()
    paths = [f"/api/v1/search?{urllib.parse.urlencode({'q': q})}" for q in queries]
    app = create_app({"SEARCH_CACHE": 1_000_000 if args.cache else 0, "INDEX_AT_START": False})
    app.extensions["glossary"].index.prepare()
    client = app.test_client()
    if args.cache:
        for path in paths[: args.n]:
            client.get(path)
    started = time.perf_counter()
    for i in range(args.n * args.rounds):
        response = client.get(paths[i % args.n % len(paths)])
        if response.status_code != 200:
            raise SystemExit(f"{paths[i % len(paths)]}: HTTP {response.status_code}")
    if args.n:
        each = 1000 * (time.perf_counter() - started) / (args.n * args.rounds)
        print(f"{args.n} requests, {each:.3f} ms each", file=sys.stderr)


if __name__ == "__main__":
    main()
