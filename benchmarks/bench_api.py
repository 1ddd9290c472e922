#!/usr/bin/env python3
"""API benchmark: requests/s and latency percentiles of ``GET /api/v1/search`` under concurrent load.

    python benchmarks/bench_api.py                       # shipped glossary, gunicorn -w 2, 10 s
    python benchmarks/bench_api.py --synthetic 1000000   # also the 1 M synthetic glossary
    python benchmarks/bench_api.py --server waitress     # glossary serve's server instead

The service runs as it would be deployed (gunicorn with 2 sync workers, or waitress with 8
threads) on a loopback port in its own processes, on a fresh database in a temporary
GLOSSARY_HOME, with the access log off (``serve --quiet``; gunicorn's is off by default);
the load comes from a separate process: ``wrk`` (Debian package ``wrk``)
when installed, else a Python load generator (threads with keep-alive connections,
itself CPU-bound, so it under-reports). Queries rotate through every form of the
shipped glossary (acronyms, English, Chinese) plus some misses, lower-cased and not,
so caches see a realistic mix. Every query is sent once before timing (warm-up: the
search index is built on first use).

The last line is ``glossary=… server=… rps=… p50_ms=… p99_ms=… errors=… server_cpu_ms_per_req=…
rps_per_2_cpus=… loadavg=…`` per glossary: the server's CPU time per request (its processes'
user + system time, from /proc) and the rate two CPUs give at that cost, which holds on a
busy machine where the measured rps does not (compare ``loadavg`` with the CPU count).
Target (issue 6): >= 1500 requests/s on 2 cores for the shipped glossary with gunicorn -w 2.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


# ---------------------------------------------------------------- queries


def shipped_queries() -> list[str]:
    from glossary.settings import shipped_terms_path
    from glossary.terms_csv import read_concepts

    queries: list[str] = []
    for concept in read_concepts(shipped_terms_path()):
        for term in concept.terms:
            queries.append(term.text)
            if term.lang == "en":
                queries.append(term.text.lower())
    rng = random.Random(6)
    queries += ["nothing like this", "QQXZ", "無此詞彙", "digital", "經濟"]
    rng.shuffle(queries)
    return queries


def synthetic_queries(n: int, count: int = 2000) -> list[str]:
    from benchmarks.bench_search import generate

    rng = random.Random(7)
    picked = sorted(rng.sample(range(n), min(count, n)))
    queries: list[str] = []
    wanted = iter(picked)
    target = next(wanted, None)
    for i, (zh, en, abbr, _kind) in enumerate(generate(n)):
        if i != target:
            continue
        queries.append(rng.choice([zh, en, en.lower(), abbr or en]))
        target = next(wanted, None)
        if target is None:
            break
    return queries


# ---------------------------------------------------------------- databases


def build_synthetic(home: Path, n: int) -> str:
    """A SQLite glossary of n synthetic concepts (bench_search's generator), bulk-inserted."""
    from sqlalchemy import insert

    from benchmarks.bench_search import generate
    from glossary.concepts.history import bump_revision
    from glossary.models import CitationRow
    from glossary.models import ConceptRow
    from glossary.models import SourceRow
    from glossary.models import TermRow
    from glossary.store import Store
    from glossary.store import create_schema

    url = f"sqlite:///{home / 'synthetic.sqlite3'}"
    store = Store.connect(url)
    started = time.perf_counter()
    with store.session() as session:
        create_schema(session)
        session.execute(
            insert(SourceRow.__table__),
            [{"id": f"r{i:03d}", "file_name": f"{i:03d}_report.txt"} for i in range(400)],
        )
        concepts: list[dict] = []
        terms: list[dict] = []
        citations: list[dict] = []

        def flush() -> None:
            if not concepts:
                return  # an empty list would run one INSERT with no values
            session.execute(insert(ConceptRow.__table__), concepts)
            session.execute(insert(TermRow.__table__), terms)
            session.execute(insert(CitationRow.__table__), citations)
            concepts.clear()
            terms.clear()
            citations.clear()

        for i, (zh, en, abbr, kind) in enumerate(generate(n)):
            cid = f"c{i:07d}"
            concepts.append({"id": cid, "kind": kind, "review_status": "approved", "version": 1})
            forms = [(zh, "zh-Hant", "fullForm"), (en, "en", "fullForm")]
            if abbr:
                forms.append((abbr, "en", "acronym"))
            for position, (text, lang, type_) in enumerate(forms):
                terms.append(
                    {
                        "concept_id": cid,
                        "position": position,
                        "lang": lang,
                        "text": text,
                        "type": type_,
                        "status": "preferred",
                    }  # fmt: skip
                )
            citations.append(
                {
                    "concept_id": cid,
                    "source_id": f"r{i % 400:03d}",
                    "position": 0,
                    "line": 1 + i % 997,
                    "section": "",
                    "quote": f"{zh}（{en}）",
                }  # fmt: skip
            )
            if len(concepts) >= 20000:
                flush()
                print(f"  {i + 1:,} concepts", file=sys.stderr, end="\r", flush=True)
        flush()
        bump_revision(session)
    store.close()
    print(f"\nbuilt {n:,} synthetic concepts in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return url


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(kind: str, port: int, env: dict[str, str], workers: int, log: Path) -> subprocess.Popen:
    if kind in ("gunicorn", "gthread"):
        command = [
            sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
            "--log-level", "warning", "api:create_app()",
        ]  # fmt: skip
        if kind == "gthread":  # threads keep client connections alive (sync workers close each one)
            command[3:3] = ["--worker-class", "gthread", "--threads", "4"]
    else:
        command = [sys.executable, "-m", "cli", "serve", "--port", str(port), "--threads", "8", "--quiet"]
    # stderr to a file, not a pipe: a server blocked on a full pipe (waitress logs queue warnings) stalls
    with log.open("ab") as sink:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=sink)


def wait_until_up(base: str, server: subprocess.Popen, log: Path, timeout: float = 600) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/v1/health", timeout=5) as answer:
                if json.load(answer)["status"] == "ok":
                    return
        except OSError:
            pass
        if server.poll() is not None:
            raise SystemExit(f"the server exited: {log.read_text(errors='replace')[-2000:]}")
        if time.monotonic() > deadline:
            raise SystemExit("the server did not answer in time")
        time.sleep(0.3)


def server_cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) used so far by the server and its worker processes
    (Linux /proc; ``None`` elsewhere).  Requests per CPU-second does not depend on what
    else the machine is doing, unlike requests/s on a shared machine."""
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    total = 0.0
    pids = [pid]
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return None
    pids += [int(c) for c in children]
    for p in pids:
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
    return total


def paths_for(queries: list[str]) -> list[str]:
    return [f"/api/v1/search?{urllib.parse.urlencode({'q': q})}" for q in queries]


def warm_up(base: str, paths: list[str], workers: int) -> None:
    """Each path once per worker process (each builds or loads its own index on first use)."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    for path in paths[: max(50, len(paths) // 10)] * workers + paths:
        conn = http.client.HTTPConnection(host, int(port), timeout=600)
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        conn.close()
        if response.status != 200:
            raise SystemExit(f"GET {path}: HTTP {response.status}")


# ---------------------------------------------------------------- load generators


WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("BENCH_PATHS")) do paths[#paths + 1] = line end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %%d %%d %%d %%f %%f %%f\\n", summary.requests, summary.duration,
    summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write
    + summary.errors.timeout, latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))
end
"""


def load_wrk(base: str, paths: list[str], seconds: int, connections: int, tmp: Path) -> dict[str, float]:
    paths_file = tmp / "paths.txt"
    paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
    script = tmp / "bench.lua"
    script.write_text(WRK_SCRIPT.replace("%%", "%"), encoding="utf-8")
    out = subprocess.run(
        [
            "wrk",
            "-t",
            "2",
            "-c",
            str(connections),
            "-d",
            f"{seconds}s",
            "--timeout",
            "10s",
            "-s",
            str(script),
            base,
        ],  # fmt: skip
        env={**os.environ, "BENCH_PATHS": str(paths_file)},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(r"RESULT (\d+) (\d+) (\d+) ([\d.]+) ([\d.]+) ([\d.]+)", out)
    if not match:
        raise SystemExit(f"cannot read wrk's output:\n{out}")
    requests, duration_us, errors = int(match[1]), int(match[2]), int(match[3])
    return {
        "rps": requests / (duration_us / 1e6),
        "p50_ms": float(match[4]) / 1000,
        "p99_ms": float(match[5]) / 1000,
        "p999_ms": float(match[6]) / 1000,
        "errors": errors,
        "requests": requests,
    }


def load_python(base: str, paths: list[str], seconds: int, connections: int) -> dict[str, float]:
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    latencies: list[list[float]] = [[] for _ in range(connections)]
    errors = [0] * connections
    stop = time.perf_counter() + seconds

    def worker(k: int) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=10)
        i = k
        while time.perf_counter() < stop:
            path = paths[i % len(paths)]
            i += connections
            started = time.perf_counter()
            try:
                conn.request("GET", path)
                response = conn.getresponse()
                response.read()
                if response.status != 200:
                    errors[k] += 1
                if response.getheader("Connection", "").lower() == "close":
                    conn.close()
                    conn = http.client.HTTPConnection(host, int(port), timeout=10)
            except OSError:
                errors[k] += 1
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=10)
            latencies[k].append(time.perf_counter() - started)
        conn.close()

    began = time.perf_counter()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(connections)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    flat = sorted(x for per in latencies for x in per)
    cuts = statistics.quantiles(flat, n=1000)
    return {
        "rps": len(flat) / elapsed,
        "p50_ms": statistics.median(flat) * 1000,
        "p99_ms": cuts[989] * 1000,
        "p999_ms": cuts[998] * 1000,
        "errors": sum(errors),
        "requests": len(flat),
    }


# ---------------------------------------------------------------- main


def bench(label: str, args: argparse.Namespace, env: dict[str, str], queries: list[str], tmp: Path) -> dict:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp / f"server-{port}.log"
    server = start_server(args.server, port, env, args.workers, log)
    try:
        wait_until_up(base, server, log)
        paths = paths_for(queries)
        warm_up(base, paths, args.workers)
        use_wrk = shutil.which("wrk") is not None and not args.python_load
        cpu_before = server_cpu_seconds(server.pid)
        if use_wrk:
            result = load_wrk(base, paths, args.seconds, args.connections, tmp)
        else:
            result = load_python(base, paths, args.seconds, args.connections)
        cpu_after = server_cpu_seconds(server.pid)
        result["load"] = "wrk" if use_wrk else "python"
        result["cpu_ms"] = (
            1000 * (cpu_after - cpu_before) / max(result["requests"], 1)
            if cpu_before is not None and cpu_after is not None
            else float("nan")
        )
    finally:
        # gunicorn: SIGINT is its quick shutdown (SIGTERM waits for the workers); waitress: SIGTERM
        server.send_signal(signal.SIGTERM if args.server == "waitress" else signal.SIGINT)
        server.wait(30)
    print(
        f"glossary={label} server={args.server} workers={args.workers} "
        f"cache={'off' if args.no_cache else 'on'} load={result['load']} "
        f"connections={args.connections} requests={result['requests']} rps={result['rps']:.0f} "
        f"p50_ms={result['p50_ms']:.2f} p99_ms={result['p99_ms']:.2f} p999_ms={result['p999_ms']:.2f} "
        f"errors={result['errors']} server_cpu_ms_per_req={result['cpu_ms']:.3f} "
        f"rps_per_2_cpus={2000 / result['cpu_ms'] if result['cpu_ms'] > 0 else float('nan'):.0f} "
        f"loadavg={os.getloadavg()[0]:.1f}"
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--server",
        choices=["gunicorn", "gthread", "waitress"],
        default="gunicorn",
        help="gunicorn (sync workers), gthread (gunicorn, 4 threads per worker, keep-alive) or waitress",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument("--seconds", type=int, default=10, help="duration of the load (default 10)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections (default 32)")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N", help="also N synthetic concepts")
    parser.add_argument(
        "--no-cache", action="store_true", help="GLOSSARY_SEARCH_CACHE=0: every query searched"
    )
    parser.add_argument("--python-load", action="store_true", help="the Python load generator, even with wrk")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp_name:
        tmp = Path(tmp_name)
        home = tmp / "home"
        home.mkdir()
        env = {**os.environ, "GLOSSARY_HOME": str(home), "PYTHONPATH": str(ROOT)}
        env.pop("GLOSSARY_DATABASE_URL", None)
        if args.no_cache:
            env["GLOSSARY_SEARCH_CACHE"] = "0"
        from glossary.service import open_store

        with open_store(f"sqlite:///{home / 'glossary.sqlite3'}"):
            pass  # built once here, not raced by the workers
        shipped = bench("shipped", args, env, shipped_queries(), tmp)
        if args.synthetic:
            url = build_synthetic(home, args.synthetic)
            bench(f"synthetic-{args.synthetic}", args, {**env, "GLOSSARY_DATABASE_URL": url},
                  synthetic_queries(args.synthetic), tmp)  # fmt: skip
    if args.server != "waitress" and args.workers == 2 and shipped["rps"] < 1500:
        print(f"below the target of 1500 requests/s ({shipped['rps']:.0f})", file=sys.stderr)


if __name__ == "__main__":
    main()
