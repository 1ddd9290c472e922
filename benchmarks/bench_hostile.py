#!/usr/bin/env python3
"""Lookup latency while heavy requests run (Reliability II §1): what one hostile client costs.

    python benchmarks/bench_hostile.py                 # 4 checks of 60 KB, 10 s
    python benchmarks/bench_hostile.py --check-kb 100 --clients 8

Starts ``glossary serve`` (waitress) on a free port with a fresh GLOSSARY_HOME, measures
``GET /api/v1/search?q=DESG`` alone, then again while ``--clients`` threads post
``--check-kb`` KB of one-line text to ``/api/v1/check`` over and over; prints the search
latencies (p50/p99/max), the check answers by status (200, 503 when the heavy pool is full or
past its deadline) and their time. Last line:
``alone_p50_ms=… alone_p99_ms=… loaded_p50_ms=… loaded_p99_ms=… loaded_max_ms=… checks=…``.
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def timed_search(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(f"{url}/api/v1/search?q=DESG", timeout=60) as r:
        r.read()
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(p * len(ordered)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--check-kb", type=int, default=60)
    ap.add_argument("--seconds", type=float, default=10)
    args = ap.parse_args()
    home = tempfile.mkdtemp(prefix="bench-hostile-")
    port = free_port()
    env = {**os.environ, "GLOSSARY_HOME": home}
    server = subprocess.Popen(
        [sys.executable, "-c", "from cli import main; main()", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(600):
            try:
                timed_search(url)
                break
            except OSError:
                time.sleep(0.1)
        alone = [timed_search(url) for _ in range(200)]
        text = ("數位經濟指導小組（DESG）與資料隱私次級小組開會，討論 OECD 與 XYZ 的報告。" * 2000)[
            : args.check_kb * 1000 // 3
        ]
        body = json.dumps({"text": text}).encode()
        stop = time.monotonic() + args.seconds
        answers: collections.Counter[int] = collections.Counter()
        check_ms: list[float] = []

        def hostile() -> None:
            while time.monotonic() < stop:
                request = urllib.request.Request(
                    f"{url}/api/v1/check", data=body, headers={"Content-Type": "application/json"}
                )
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(request, timeout=120) as r:
                        r.read()
                        answers[r.status] += 1
                except urllib.error.HTTPError as exc:
                    answers[exc.code] += 1
                    if exc.code == 503:
                        time.sleep(0.2)
                check_ms.append((time.perf_counter() - started) * 1000)

        threads = [threading.Thread(target=hostile) for _ in range(args.clients)]
        for t in threads:
            t.start()
        time.sleep(0.5)
        loaded = []
        while time.monotonic() < stop:
            loaded.append(timed_search(url))
            time.sleep(0.02)
        for t in threads:
            t.join()
        print(f"search alone : p50 {statistics.median(alone):.1f} ms, p99 {percentile(alone, 0.99):.1f} ms")
        print(
            f"search loaded: p50 {statistics.median(loaded):.1f} ms, p99 {percentile(loaded, 0.99):.1f} ms, "
            f"max {max(loaded):.1f} ms ({len(loaded)} lookups)"
        )
        print(f"checks of {len(text):,} characters by {args.clients} clients: {dict(answers)}")
        if check_ms:
            print(f"check answer time: p50 {statistics.median(check_ms):.0f} ms, max {max(check_ms):.0f} ms")
        print(
            f"alone_p50_ms={statistics.median(alone):.1f} alone_p99_ms={percentile(alone, 0.99):.1f} "
            f"loaded_p50_ms={statistics.median(loaded):.1f} loaded_p99_ms={percentile(loaded, 0.99):.1f} "
            f"loaded_max_ms={max(loaded):.1f} checks={sum(answers.values())}"
        )
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    main()
