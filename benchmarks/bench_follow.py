#!/usr/bin/env python3
"""Follow benchmark: how long until a write committed in one process is found by another.

    python benchmarks/bench_follow.py                   # 1,000,000 concepts, embedded SQLite
    python benchmarks/bench_follow.py --n 200000 --writes 20
    python benchmarks/bench_follow.py --url postgresql+psycopg://user@127.0.0.1/db  # an EMPTY database
    python benchmarks/bench_follow.py --readers 3       # three reader processes (default 2)
    python benchmarks/bench_follow.py --url … --serve 3 # three `glossary serve` processes, over HTTP
    python benchmarks/bench_follow.py --url … --filled  # a database an earlier run filled (no import)
    python benchmarks/bench_follow.py --url … --filled --home DIR   # and DIR's index files, kept

A fresh database (in a temporary GLOSSARY_HOME) is filled with ``--n`` concepts by
``glossary.exchange.import_file`` from the deterministic CSV of ``bench_import.py``.
``--readers`` reader processes (each a ``LiveIndex``, as in a gunicorn worker or another
server on the same database, sharing one index directory: one builds, the others map its
file) get their index ready once (``prepare``), then each keeps
calling ``search.find`` (every ``--poll`` seconds, as requests would) until it sees what the
writer process did: created a concept (found by its new acronym), edited it (found by its
new English name) or deleted it (no longer found).  The writer times each write's commit,
each reader the answer that shows it; the difference is the follow latency (the slowest
reader's counts).  The reader also
reports its full index builds after the first one (0 means every write was followed with an
overlay) and how long its ``index()`` call took when a write had to be applied.  Finally a
fresh process (a CLI call) answers a query after the writes: it maps the saved index and
replays the writes since.  Last line: ``n=… writes=… follow_p50_s=… follow_max_s=…
apply_max_s=… rebuilds=… reader_build_s=… fresh_find_s=… import_s=…``.

``--serve K``: the readers are K ``glossary serve`` processes instead (waitress, access log
off, one data directory: one builds the index, the others map it), each on its own port;
write k goes through the API of server ``k % K`` (POST, PATCH, DELETE /api/v1/concepts with
a curator's token), and every server is asked ``GET /api/v1/search`` every ``--poll``
seconds until its answer shows the write (the response cache on, as deployed). The follow
latency runs from the write's 2xx answer to the slowest server's showing answer; the last
line has ``servers=K`` and ``index_files_written=`` (index files the servers wrote during the
writes: 0 means every write was followed with an overlay, no full build).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))


def reader(poll: float) -> None:
    """Child: build the index, say ready, then follow the parent's commands on stdin."""
    from glossary import search
    from glossary.service import open_glossary

    glossary = open_glossary()
    searcher = glossary.index
    start = time.perf_counter()
    searcher.prepare()
    took = time.perf_counter() - start
    print(json.dumps({"ready": True, "build_s": took, "builds": searcher.builds}), flush=True)
    for line in sys.stdin:
        what, query, concept_id = line.split("\t")
        concept_id = concept_id.strip()
        apply_s = 0.0
        while True:
            before = searcher.updates + searcher.builds
            t = time.perf_counter()
            found = {r["id"] for r in search.find(glossary, query, limit=5)}
            if searcher.updates + searcher.builds != before:
                apply_s = max(apply_s, time.perf_counter() - t)
            if (concept_id in found) == (what != "gone"):
                break
            time.sleep(poll)
        print(json.dumps({"seen": time.time(), "apply_s": apply_s, "builds": searcher.builds}), flush=True)


def fresh_find(query: str) -> None:
    """Child: one find in a new process (what ``glossary find`` does)."""
    from glossary import search
    from glossary.service import open_glossary

    start = time.perf_counter()
    with open_glossary() as glossary:
        found = [r["id"] for r in search.find(glossary, query)]
        print(json.dumps({"s": time.perf_counter() - start, "found": found, "builds": glossary.index.builds}))


def fill(n: int, home: Path) -> float:
    import bench_import

    from glossary.exchange import import_file
    from glossary.service import open_store

    csv_path = home / "bench.csv"
    bench_import.generate(csv_path, n)
    with open_store() as store:
        start = time.perf_counter()
        import_file(store, csv_path, workers=None)
        seconds = time.perf_counter() - start
    csv_path.unlink()
    return seconds


def _http(port: int, method: str, path: str, body: dict | None = None, token: str = "") -> tuple[int, dict]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    headers = {"Content-Type": "application/json"} if body is not None else {}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    conn.request(method, path, body=json.dumps(body) if body is not None else None, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, (json.loads(data) if data else {})


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def serve_follow(args: argparse.Namespace, home: Path, import_s: float) -> None:
    """``--serve K``: K ``glossary serve`` processes on one database; writes through each in turn."""
    import threading
    import urllib.parse

    from glossary import tokens
    from glossary.service import open_store

    with open_store() as store:
        token = tokens.create(store, f"bench-follow-{os.getpid()}")  # a new name on a reused database
    ports = [_free_port() for _ in range(args.serve)]
    logs = [home / f"serve-{port}.log" for port in ports]
    servers = []
    started = time.perf_counter()
    for port, log in zip(ports, logs, strict=True):
        with log.open("wb") as sink:
            servers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "cli", "serve", "--port", str(port), "--threads", "4", "--quiet"],
                    cwd=ROOT,
                    env={**os.environ, "PYTHONPATH": str(ROOT)},
                    stdout=subprocess.DEVNULL,
                    stderr=sink,
                )
            )
    try:
        for port, server in zip(ports, servers, strict=True):
            while True:
                try:
                    status, body = _http(port, "GET", "/api/v1/health")
                    if status == 200 and body.get("status") == "ok":
                        break
                except OSError:
                    pass
                if server.poll() is not None:
                    raise SystemExit(f"server on {port} exited")
                time.sleep(0.2)
        ready_s = time.perf_counter() - started
        print(f"{len(servers)} servers ready in {ready_s:.1f} s", file=sys.stderr)
        # One search of each kind the timed reads make, per server, before timing: the first
        # request to a fresh server is slower for reasons that are not following (the pages
        # of its mapped index, Flask's first request); it is printed, not counted.
        for port in ports:
            first = time.perf_counter()
            for warm in ("QZX9999", "Quantum Renamed Fabric 9999"):
                _http(port, "GET", f"/api/v1/search?{urllib.parse.urlencode({'q': warm, 'limit': 5})}")
            print(f"server :{port} first two searches {time.perf_counter() - first:.3f} s", file=sys.stderr)

        def seen_at(port: int, query: str, concept_id: str, present: bool, out: dict[int, float]) -> None:
            path = f"/api/v1/search?{urllib.parse.urlencode({'q': query, 'limit': 5})}"
            while True:
                _, body = _http(port, "GET", path)
                found = {r["id"] for r in body.get("results", [])}
                if (concept_id in found) == present:
                    out[port] = time.time()
                    return
                time.sleep(args.poll)

        index_files = set((home / "index").glob("*.idx"))
        latencies: list[float] = []
        made: list[str] = []
        for k in range(args.writes):
            port = ports[k % len(ports)]
            step = k % 3
            if step == 0 or not made:
                query = f"QZX{k:04d}"
                new = {"en": f"Quantum Follow Frame {k}", "abbr": query}
                status, body = _http(port, "POST", "/api/v1/concepts", new, token)
                concept_id, present = body.get("id", ""), True
                made.append(concept_id)
            elif step == 1:
                concept_id, query, present = made[-1], f"Quantum Renamed Fabric {k}", True
                status, body = _http(port, "PATCH", f"/api/v1/concepts/{concept_id}", {"en": query}, token)
            else:
                concept_id, query, present = made.pop(), f"QZX{k - 2:04d}", False
                status, body = _http(port, "DELETE", f"/api/v1/concepts/{concept_id}", None, token)
            committed = time.time()
            if status >= 300:
                raise SystemExit(f"write {k} through port {port}: HTTP {status} {body}")
            seen: dict[int, float] = {}
            threads = [
                threading.Thread(target=seen_at, args=(other, query, concept_id, present, seen))
                for other in ports
            ]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            latencies.append(max(0.0, max(seen.values()) - committed))
            each = ", ".join(f":{p} {seen[p] - committed:.3f}" for p in ports)
            print(
                f"write {k} through :{port} ({'found' if present else 'gone'} {query}): "
                f"seen by all {len(ports)} servers after {latencies[-1]:.3f} s ({each})",
                file=sys.stderr,
            )
        written = len(set((home / "index").glob("*.idx")) - index_files)
    finally:
        for server in servers:
            server.send_signal(signal.SIGTERM)
        for server in servers:
            server.wait(60)
    print(
        f"n={args.n} servers={len(servers)} writes={args.writes} poll_s={args.poll} "
        f"follow_p50_s={statistics.median(latencies):.3f} follow_max_s={max(latencies):.3f} "
        f"servers_ready_s={ready_s:.1f} index_files_written={written} import_s={import_s:.1f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="concepts (default 1,000,000)")
    ap.add_argument("--writes", type=int, default=10, help="writes to follow (default 10)")
    ap.add_argument("--poll", type=float, default=0.05, help="reader's seconds between finds (default 0.05)")
    ap.add_argument("--url", help="an empty database to use instead of a temporary SQLite file")
    ap.add_argument("--readers", type=int, default=2, help="reader processes (default 2)")
    ap.add_argument(
        "--filled", action="store_true", help="with --url: the database is filled already (no import)"
    )
    ap.add_argument(
        "--home", type=Path, help="with --filled: this data directory (its index files kept between runs)"
    )
    ap.add_argument("--serve", type=int, default=0, metavar="K", help="K `glossary serve` processes (HTTP)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        if args.child[0] == "reader":
            reader(float(args.child[1]))
        else:
            fresh_find(args.child[1])
        return

    from glossary import concepts
    from glossary.service import open_store

    with tempfile.TemporaryDirectory(prefix="bench-follow-") as tmp:
        home = args.home.resolve() if args.home and args.filled else Path(tmp)
        home.mkdir(parents=True, exist_ok=True)
        os.environ["GLOSSARY_HOME"] = str(home)
        if args.url:
            os.environ["GLOSSARY_DATABASE_URL"] = args.url
        if args.filled and args.url:
            import_s = float("nan")  # filled by an earlier run (the same --n)
        else:
            import_s = fill(args.n, home)
            print(f"imported {args.n} concepts in {import_s:.1f} s", file=sys.stderr)
        if args.serve:
            serve_follow(args, home, import_s)
            return
        env = dict(os.environ)
        children = [
            subprocess.Popen(
                [sys.executable, __file__, "--child", "reader", str(args.poll)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
                env=env,
            )
            for _ in range(max(1, args.readers))
        ]
        readies = []
        for child in children:
            assert child.stdin is not None and child.stdout is not None
            readies.append(json.loads(child.stdout.readline()))
        ready = {"build_s": max(r["build_s"] for r in readies)}
        print(
            f"{len(children)} readers ready in {', '.join(format(r['build_s'], '.1f') for r in readies)} s",
            file=sys.stderr,
        )

        def tell(line: str) -> None:
            for child in children:
                assert child.stdin is not None
                child.stdin.write(line)
                child.stdin.flush()

        def answers() -> list[dict]:
            return [json.loads(child.stdout.readline()) for child in children]  # type: ignore[union-attr]

        latencies: list[float] = []
        applies: list[float] = []
        builds = []
        with open_store() as store:
            made: list[str] = []
            for k in range(args.writes):
                step = k % 3
                if step == 0 or not made:
                    acronym = f"QZX{k:04d}"
                    query = acronym

                    def write(acronym: str = acronym, k: int = k) -> str:
                        concept = concepts.create_concept(
                            store, {"en": f"Quantum Follow Frame {k}", "abbr": acronym}, who="bench"
                        )
                        made.append(concept.id)
                        return concept.id

                    what = "found"
                elif step == 1:
                    cid = made[-1]
                    query = f"Quantum Renamed Fabric {k}"

                    def write(cid: str = cid, query: str = query) -> str:
                        concepts.edit_concept(store, cid, {"en": query}, who="bench")
                        return cid

                    what = "found"
                else:
                    cid = made.pop()
                    query = f"QZX{k - 2:04d}"

                    def write(cid: str = cid) -> str:
                        concepts.delete_concept(store, cid, who="bench")
                        return cid

                    what = "gone"
                # the concept id of a new concept is known only after the write: mint it first
                if what == "found" and step == 0:
                    committed_id = write()
                    committed = time.time()
                    tell(f"{what}\t{query}\t{committed_id}\n")
                else:
                    target = made[-1] if what == "found" else cid
                    tell(f"{what}\t{query}\t{target}\n")
                    write()
                    committed = time.time()
                seen = answers()
                latencies.append(max(0.0, max(x["seen"] for x in seen) - committed))
                applies.append(max(x["apply_s"] for x in seen))
                builds.append(max(x["builds"] for x in seen))
                print(f"write {k} ({what} {query}): seen by all after {latencies[-1]:.3f} s", file=sys.stderr)
        for child in children:
            assert child.stdin is not None
            child.stdin.close()
            child.wait(timeout=60)
        done = subprocess.run(
            [sys.executable, __file__, "--child", "fresh", "Quantum Follow Frame 0"],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            check=True,
        )
        fresh = json.loads(done.stdout.strip().splitlines()[-1])
        print(
            f"n={args.n} readers={len(children)} writes={args.writes} "
            f"follow_p50_s={statistics.median(latencies):.3f} "
            f"follow_max_s={max(latencies):.3f} apply_max_s={max(applies):.3f} "
            f"rebuilds={builds[-1] - max(r.get('builds', 0) for r in readies)} "
            f"reader_build_s={ready['build_s']:.1f} "
            f"fresh_find_s={fresh['s']:.2f} fresh_builds={fresh['builds']} import_s={import_s:.1f}"
        )


if __name__ == "__main__":
    main()
