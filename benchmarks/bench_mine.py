"""Throughput of the miner: MB of report text per second on one core, after start-up.

Mines the development reports (../shared/reports) repeated N times as separate
documents, after a warm-up run that loads the segmenter (rjieba), OpenCC and the CC-CEDICT
dictionary; that start-up is timed and printed on its own. Target: at least 1 MB/s after
start-up.

    python benchmarks/bench_mine.py [--repeat N] [REPORT ...]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from glossary.mine import mine_documents  # noqa: E402
from glossary.mine import segment  # noqa: E402
from glossary.mine import translations  # noqa: E402
from glossary.reader import Document  # noqa: E402
from glossary.reader import read_document  # noqa: E402

SHARED_REPORTS = ROOT.parent / "shared" / "reports"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("reports", nargs="*", help="report files (default: ../shared/reports/*.txt)")
    ap.add_argument("--repeat", type=int, default=8, help="how many copies of the reports to mine")
    a = ap.parse_args(argv)
    paths = [Path(p) for p in a.reports] or sorted(SHARED_REPORTS.glob("*.txt"))
    if not paths:
        print(f"no reports given and none in {SHARED_REPORTS}", file=sys.stderr)
        return 2
    originals = [read_document(p) for p in paths]
    t0 = time.perf_counter()
    segment.segment("經濟部產業發展署")  # start-up: the segmenter and OpenCC
    translations.dictionary()  # and the dictionary
    startup = time.perf_counter() - t0
    print(f"start-up (rjieba, OpenCC, CC-CEDICT): {startup:.2f} s wall")
    mine_documents(originals)  # warm-up: caches of the first pass are per text
    docs = [
        Document(name=f"{i}_{d.name}", lines=[f"{line}" for line in d.lines])
        for i in range(a.repeat)
        for d in originals
    ]
    # make every copy distinct so that no cache makes the work artificially cheap
    for i, d in enumerate(docs):
        d.lines = [line + (" " * (i % 3)) if line else line for line in d.lines]
    size = sum(len("\n".join(d.lines).encode("utf-8")) for d in docs)
    t0 = time.process_time()
    records = mine_documents(docs)
    elapsed = time.process_time() - t0
    mb = size / 1e6
    print(
        f"mined {len(docs)} documents, {mb:.2f} MB, {len(records)} records in {elapsed:.2f} s CPU: "
        f"{mb / elapsed:.2f} MB/s"
    )
    # the same with the segmentation caches emptied before every copy (no help from repeats)
    t0 = time.process_time()
    for i in range(a.repeat):
        for cache in (segment.segment, segment.fold, segment.pos_tags, translations.glosses):
            cache.cache_clear()
        mine_documents(docs[i * len(originals) : (i + 1) * len(originals)])
    cold = time.process_time() - t0
    print(f"cold caches: {mb / cold:.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
