#!/usr/bin/env python3
"""Index build benchmark: the search index of a glossary database, built as a server does.

    python benchmarks/bench_index_build.py --synthetic 1000000   # makes the database first
    python benchmarks/bench_index_build.py --db sqlite:////path/synthetic.sqlite3

The database is bench_api's synthetic glossary (bench_search's generator, bulk-inserted
into SQLite) or any URL given.  The build runs in a fresh child process, through
``LiveIndex.prepare()`` (one read transaction, concepts read in batches, stored summaries
rendered and streamed into the index file), in an empty index folder.  The child also
times the read alone and the read plus summaries, so the last line splits the total:
``n=… read_s=… summaries_s=… build_s=… rss_mb=… loadavg=…`` (``build_s`` is the whole
prepare(); ``rss_mb`` the child's peak).  Target (issue 21): build_s <= 60 at 1 M concepts.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHILD = """
import json, resource, sys, time
from glossary.service import Glossary
from glossary.snapshot import read_snapshot
from glossary.search.live import concept_payload
url = sys.argv[1]
with Glossary(url) as glossary:
    started = time.perf_counter()
    with read_snapshot(glossary.store) as snapshot:
        n = sum(1 for _ in snapshot.concepts())
    read_s = time.perf_counter() - started
    started = time.perf_counter()
    with read_snapshot(glossary.store) as snapshot:
        for concept in snapshot.concepts():
            concept_payload(concept)
    summaries_s = time.perf_counter() - started - read_s
    started = time.perf_counter()
    index = glossary.index.prepare()
    build_s = time.perf_counter() - started
    assert glossary.index.builds == 1 and len(index) == n
print(json.dumps({"n": n, "read_s": read_s, "summaries_s": summaries_s, "build_s": build_s,
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--synthetic", type=int, default=0, metavar="N", help="make N synthetic concepts")
    parser.add_argument("--db", help="database URL to index instead")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-index-") as tmp_name:
        home = Path(tmp_name)
        os.environ["GLOSSARY_HOME"] = str(home)
        url = args.db
        if not url:
            from benchmarks.bench_api import build_synthetic

            url = build_synthetic(home, args.synthetic or 100000)
        env = {**os.environ, "PYTHONPATH": str(ROOT), "GLOSSARY_HOME": str(home / "run")}
        started = time.perf_counter()
        out = subprocess.run(
            [sys.executable, "-c", CHILD, url], env=env, cwd=ROOT, capture_output=True, text=True
        )
        if out.returncode:
            raise SystemExit(out.stderr[-3000:])
        r = json.loads(out.stdout.strip().splitlines()[-1])
        print(
            f"n={r['n']} read_s={r['read_s']:.1f} summaries_s={r['summaries_s']:.1f} "
            f"build_s={r['build_s']:.1f} rss_mb={r['rss_mb']:.0f} wall_s={time.perf_counter() - started:.0f} "
            f"loadavg={os.getloadavg()[0]:.1f}"
        )


if __name__ == "__main__":
    main()
