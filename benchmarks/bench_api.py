#!/usr/bin/env python3
"""API benchmark: requests/s and latency percentiles of ``GET /api/v1/search`` under concurrent load.

    python benchmarks/bench_api.py                       # shipped glossary, gunicorn -w 2, 10 s
    python benchmarks/bench_api.py --synthetic 1000000   # also the 1 M synthetic glossary
    python benchmarks/bench_api.py --server waitress     # glossary serve's server instead
    python benchmarks/bench_api.py --synthetic 1000000 --synthetic-only --home tmp/bench \
        --server serve --hello --code ../baseline --code . --rounds 2   # A/B, interleaved

The service runs as it would be deployed (gunicorn with 2 sync workers; ``--server serve``:
what ``glossary serve --workers 2`` runs, gunicorn gthread with 4 threads per worker; or
waitress with 8 threads) on a loopback port in its own processes, on a fresh database in a
temporary GLOSSARY_HOME, with the access log off (``serve --quiet``; gunicorn's is off by
default); the load comes from a separate process: ``wrk`` (Debian package ``wrk``;
``--threads``, ``--connections``, ``--seconds``) when installed, else a Python load generator
(threads with keep-alive connections, itself CPU-bound, so it under-reports). Shipped
glossary: queries rotate through every form (acronyms, English, Chinese) plus some misses,
lower-cased and not. Synthetic glossary: the engine benchmark's mixed stream
(``bench_search.make_queries``: acronyms, English in other cases, with a typo or a word
dropped, Chinese exact, Simplified, with a character missing or wrong, pieces, pinyin).
Every query is sent before timing (warm-up).

``--home DIR`` keeps the data directory: the synthetic database (minutes to build at 1 M),
its query list and its index files are made once and reused. ``--code A --code B`` measures
the servers of two checkouts (a baseline and this one) in turn, ``--rounds`` times,
interleaved, on the same database; ``--hello`` adds, each round, a bare Flask app
(``benchmarks/hello_app.py``) on the same server as the ceiling.

One line per run: ``glossary=… code=… server=… rps=… p50_ms=… p99_ms=… errors=…
server_cpu_ms_per_req=… rps_per_2_cpus=… loadavg=before/after``: the server's CPU time per
request (its processes' user + system time, from /proc) and the rate two CPUs give at that
cost, which holds on a busy machine where the measured rps does not (compare ``loadavg``
with the CPU count). Targets: >= 1500 requests/s on 2 cores for the shipped glossary with
gunicorn -w 2 (issue 6), and at 1 M concepts with p99 <= 50 ms (issue 21).
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


def synthetic_queries(n: int, count: int = 2000, keep: Path | None = None) -> list[str]:
    """The engine benchmark's mixed stream (``bench_search.make_queries``: acronyms, English
    in other cases, with a typo or a word dropped, Chinese exact, Simplified, with a character
    missing or wrong, a piece, pinyin) over the same n concepts; kept in ``keep`` if given."""
    if keep is not None and keep.is_file():
        return json.loads(keep.read_text(encoding="utf-8"))
    from benchmarks.bench_search import generate
    from benchmarks.bench_search import make_queries

    queries = [q["query"] for q in make_queries(list(generate(n)), count)]
    if keep is not None:
        keep.write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")
    return queries


# ---------------------------------------------------------------- databases


def build_synthetic(home: Path, n: int) -> str:
    """A SQLite glossary of n synthetic concepts (bench_search's generator), bulk-inserted;
    one already in ``home`` (``--home``) is used as it is."""
    from sqlalchemy import insert

    from benchmarks.bench_search import generate
    from glossary.concepts.history import bump_revision
    from glossary.models import CitationRow
    from glossary.models import ConceptRow
    from glossary.models import SourceRow
    from glossary.models import TermRow
    from glossary.store import Store
    from glossary.store import create_schema

    path = home / f"synthetic-{n}.sqlite3"
    url = f"sqlite:///{path}"
    if path.is_file() and path.stat().st_size > 0:
        return url  # built by an earlier run with the same --home
    partial = home / f"synthetic-{n}.partial.sqlite3"
    partial.unlink(missing_ok=True)
    store = Store.connect(f"sqlite:///{partial}")
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
    partial.rename(path)  # complete, or not there: an interrupted build is not reused
    print(f"\nbuilt {n:,} synthetic concepts in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    return url


# ---------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(
    kind: str,
    port: int,
    env: dict[str, str],
    workers: int,
    log: Path,
    code: Path = ROOT,
    app: str = "api:create_app()",
    threads: int = 4,
) -> subprocess.Popen:
    """The server of ``kind`` for the code in ``code`` (a checkout: the baseline's or this one),
    serving ``app`` (gunicorn kinds; ``serve`` and ``waitress`` always run the glossary)."""
    if kind in ("gunicorn", "gthread") or (kind == "serve" and app != "api:create_app()"):
        command = [
            sys.executable, "-m", "gunicorn", "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
            "--log-level", "warning", app,
        ]  # fmt: skip
        if kind in ("gthread", "serve"):  # threads keep connections alive (sync workers close each)
            command[3:3] = ["--worker-class", "gthread", "--threads", str(threads)]
    elif kind == "serve":  # what ``glossary serve --workers N`` runs (gunicorn, gthread, 4 threads)
        command = [
            sys.executable,
            "-m",
            "cli",
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--quiet",
        ]
    else:
        command = [sys.executable, "-m", "cli", "serve", "--port", str(port), "--threads", "8", "--quiet"]
    env = {**env, "PYTHONPATH": os.pathsep.join([str(code), str(ROOT)])}
    # stderr to a file, not a pipe: a server blocked on a full pipe (waitress logs queue warnings) stalls
    with log.open("ab") as sink:
        # its own process group, so that a server that does not stop is killed with its workers
        return subprocess.Popen(
            command, cwd=code, env=env, stdout=subprocess.DEVNULL, stderr=sink, start_new_session=True
        )


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


def warm_up(base: str, paths: list[str], workers: int, full: bool = False) -> None:
    """Every path once, the first tenth once more per worker process; ``full``: every path
    3 times per worker (each request on a new connection, which a random worker takes), so
    that each worker's response cache almost surely holds every answer: the timed run is
    then all hits however many requests it makes (else the hit rate grows with the rps,
    and so does the CPU time per request it saves)."""
    host, port = urllib.parse.urlsplit(base).netloc.split(":")
    sent = paths * (3 * workers) if full else paths[: max(50, len(paths) // 10)] * workers + paths
    for path in sent:
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


def load_wrk(
    base: str, paths: list[str], seconds: int, connections: int, tmp: Path, threads: int = 2
) -> dict[str, float]:
    paths_file = tmp / "paths.txt"
    paths_file.write_text("\n".join(paths) + "\n", encoding="utf-8")
    script = tmp / "bench.lua"
    script.write_text(WRK_SCRIPT.replace("%%", "%"), encoding="utf-8")
    out = subprocess.run(
        [
            "wrk",
            "-t",
            str(threads),
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


def bench(
    label: str,
    args: argparse.Namespace,
    env: dict[str, str],
    queries: list[str],
    tmp: Path,
    code: Path = ROOT,
    hello: bool = False,
) -> dict:
    """One measured run: start the server (the glossary of ``code``, or the bare hello app),
    wait for its index, warm up, load, stop; print the line and return the figures."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    log = tmp / f"server-{port}.log"
    app = "benchmarks.hello_app:app" if hello else "api:create_app()"
    server = start_server(
        args.server, port, env, args.workers, log, code=code, app=app, threads=args.server_threads
    )
    try:
        wait_until_up(base, server, log)
        paths = paths_for(queries)
        if hello:
            paths = [path.replace("/api/v1/search?", "/hello?", 1) for path in paths]
        warm_up(base, paths, args.workers, full=args.full_warm)
        use_wrk = shutil.which("wrk") is not None and not args.python_load
        load_before = os.getloadavg()[0]
        cpu_before = server_cpu_seconds(server.pid)
        if use_wrk:
            result = load_wrk(base, paths, args.seconds, args.connections, tmp, args.threads)
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
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:  # a worker stuck on a kept-alive connection
            print("bench_api: the server did not stop within 30 s; killed with its workers", file=sys.stderr)
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()
    loads = f"{load_before:.1f}/{os.getloadavg()[0]:.1f}"
    print(
        f"glossary={'hello' if hello else label} code={code.name} "
        f"server={args.server} workers={args.workers}x{args.server_threads} "
        f"cache={'off' if args.no_cache else ('hits' if args.full_warm else 'on')} "
        f"load={result['load']} threads={args.threads} "
        f"connections={args.connections} seconds={args.seconds} requests={result['requests']} "
        f"rps={result['rps']:.0f} p50_ms={result['p50_ms']:.2f} p99_ms={result['p99_ms']:.2f} "
        f"p999_ms={result['p999_ms']:.2f} errors={result['errors']} "
        f"server_cpu_ms_per_req={result['cpu_ms']:.3f} "
        f"rps_per_2_cpus={2000 / result['cpu_ms'] if result['cpu_ms'] > 0 else float('nan'):.0f} "
        f"loadavg={loads}",
        flush=True,
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--server",
        choices=["gunicorn", "gthread", "serve", "waitress"],
        default="gunicorn",
        help="gunicorn (sync workers), gthread (gunicorn, 4 threads per worker, keep-alive), "
        "serve (glossary serve --workers N: gunicorn gthread) or waitress (glossary serve --threads 8)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes (default 2)")
    parser.add_argument(
        "--server-threads", type=int, default=4, help="threads per gthread/serve worker (default 4)"
    )
    parser.add_argument("--seconds", type=int, default=10, help="duration of the load (default 10)")
    parser.add_argument("--connections", type=int, default=32, help="concurrent connections (default 32)")
    parser.add_argument("--threads", type=int, default=2, help="wrk threads (default 2)")
    parser.add_argument("--synthetic", type=int, default=0, metavar="N", help="also N synthetic concepts")
    parser.add_argument(
        "--synthetic-only", action="store_true", help="with --synthetic: skip the shipped glossary's run"
    )
    parser.add_argument(
        "--home",
        type=Path,
        help="keep the data directory here (the synthetic database, its queries and index files are "
        "built once and reused by later runs); default: a temporary one",
    )
    parser.add_argument(
        "--code",
        type=Path,
        action="append",
        help="the checkout whose server is measured (repeat for A/B: the runs interleave); default: this one",
    )
    parser.add_argument("--rounds", type=int, default=1, help="runs per checkout, interleaved (default 1)")
    parser.add_argument(
        "--hello",
        action="store_true",
        help="also the bare Flask hello app on the same server, each round (the ceiling)",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="GLOSSARY_SEARCH_CACHE=0: every query searched"
    )
    parser.add_argument(
        "--full-warm", action="store_true", help="warm every worker's cache with every query (all hits)"
    )
    parser.add_argument("--python-load", action="store_true", help="the Python load generator, even with wrk")
    args = parser.parse_args()
    codes = [c.resolve() for c in args.code or [ROOT]]

    with tempfile.TemporaryDirectory(prefix="bench-api-") as tmp_name:
        tmp = Path(tmp_name)
        home = args.home.resolve() if args.home else tmp / "home"
        home.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "GLOSSARY_HOME": str(home)}
        env.pop("GLOSSARY_DATABASE_URL", None)
        if args.no_cache:
            env["GLOSSARY_SEARCH_CACHE"] = "0"
        runs: list[tuple[str, dict[str, str], list[str]]] = []
        if not (args.synthetic and args.synthetic_only):
            from glossary.service import open_store

            with open_store(f"sqlite:///{home / 'glossary.sqlite3'}"):
                pass  # built once here, not raced by the workers
            runs.append(("shipped", env, shipped_queries()))
        if args.synthetic:
            url = build_synthetic(home, args.synthetic)
            keep = home / f"queries-{args.synthetic}.json"
            runs.append((f"synthetic-{args.synthetic}", {**env, "GLOSSARY_DATABASE_URL": url},
                         synthetic_queries(args.synthetic, keep=keep)))  # fmt: skip
        shipped: list[float] = []
        for _ in range(args.rounds):
            for label, run_env, queries in runs:
                if args.hello:
                    bench(label, args, run_env, queries, tmp, hello=True)
                for code in codes:
                    result = bench(label, args, run_env, queries, tmp, code=code)
                    if label == "shipped":
                        shipped.append(result["rps"])
    if shipped and args.server != "waitress" and args.workers == 2 and min(shipped) < 1500:
        print(f"below the target of 1500 requests/s ({min(shipped):.0f})", file=sys.stderr)


if __name__ == "__main__":
    main()
