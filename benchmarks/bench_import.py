#!/usr/bin/env python3
"""Import benchmark: a 1,000,000-concept glossary CSV into a fresh database (target ≤ 60 s, ≤ 1 GB).

    python benchmarks/bench_import.py                 # 1,000,000 concepts, SQLite and PostgreSQL
    python benchmarks/bench_import.py --n 50000       # quick run
    python benchmarks/bench_import.py --backend sqlite --keep /tmp/bench

The CSV is generated deterministically (no randomness: concept ``i`` is always the same)
in the ``data/terms.csv`` format: a unique Chinese name (three characters picked from
the CJK block by ``i``), an English name and an acronym, one citation with a quote, a
definition with its own citation for every third concept and an English variant for
every fifth. About 500 bytes per row: 1 M rows is a ~480 MB file.

Each import runs in a child process (``glossary.exchange.import_file``, exactly what
``glossary import`` does, helper processes included) against a fresh database: an
embedded SQLite file built from the shipped glossary, and a throwaway PostgreSQL
database on 127.0.0.1:5432 (skipped, with the reason, when the server does not answer).
The child reports the import's wall time, its CPU time (user + system: ``cpu_s`` of the
importing process, ``helpers_cpu_s`` of the helper processes that validate rows in
parallel, and on PostgreSQL ``server_cpu_s``, the database server processes serving this
database, read from ``/proc`` on Linux when the server runs on this machine, else nan) and
the peak RSS of the importing process and of the largest helper; the line per backend is
``backend=… n=… seconds=… cpu_s=… helpers_cpu_s=… server_cpu_s=… rss_mb=… helper_rss_mb=…
added=… total=… load=… ok=…`` (``load``: the machine's 1-minute load average when the
import started: on a shared machine the wall time follows it, the CPU times much less).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_SECONDS = 60  # issue 21
TARGET_MB = 1024
PG_ADMIN_URL = os.environ.get("GLOSSARY_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
KINDS = ("term", "org", "program", "law")
SECTION = "參、會議情形 > 三、數位經濟指導小組第一次會議"


def _cjk(n: int) -> str:
    chars = []
    for _ in range(3):
        chars.append(chr(0x4E00 + n % 20000))
        n //= 20000
    return "".join(chars)


def _dumps(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) if value else ""


def generate(path: Path, n: int) -> None:
    """Write the deterministic n-concept CSV."""
    from glossary.terms_csv import COLUMNS

    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for i in range(n):
            doc = f"report_{i % 250:03d}.txt"
            zh = f"測試{_cjk(i)}委員會"
            en = f"Benchmark Committee {i}"
            abbr = f"BC{i}"
            citations = [
                {
                    "doc": doc,
                    "line": i % 5000 + 1,
                    "section": SECTION,
                    "quote": f"{zh}（{en}, {abbr}）於本次會議中報告其工作進展與下一步計畫。",
                    "term": zh,
                }
            ]
            definitions = []
            if i % 3 == 0:
                definitions.append(
                    {
                        "text": f"{zh}負責協調各經濟體之數位政策與資料流通議題。",
                        "lang": "zh-Hant",
                        "citation": {
                            "doc": doc,
                            "line": i % 5000 + 2,
                            "section": "",
                            "quote": f"{zh}負責協調。",
                        },
                    }
                )
            variants = []
            if i % 5 == 0:
                variants.append(
                    {"text": f"{en} Group", "lang": "en", "type": "variant", "status": "admitted"}
                )
            writer.writerow(
                {
                    "id": f"bench-{i:07d}",
                    "kind": KINDS[i % len(KINDS)],
                    "zh": zh,
                    "en": en,
                    "en_lang": "",
                    "abbr": abbr,
                    "subject": "digital" if i % 2 else "",
                    "issuing_body": "",
                    "note": "",
                    "review_status": "approved",
                    "variants": _dumps(variants),
                    "definitions": _dumps(definitions),
                    "citations": _dumps(citations),
                }
            )


def _server_cpu(database: str) -> dict[int, float]:
    """CPU seconds (user + system) of each PostgreSQL server process serving ``database`` on
    this machine (Linux ``/proc``; empty elsewhere, or for a server elsewhere)."""
    found: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    for entry in Path("/proc").glob("[0-9]*") if Path("/proc").is_dir() else ():
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode("utf-8", "replace")
            if not title.startswith("postgres:") or f" {database} " not in title:
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            found[int(entry.name)] = (int(fields[11]) + int(fields[12])) / tick
        except (OSError, ValueError, IndexError):
            continue
    return found


def _children_cpu() -> float:
    try:
        import resource

        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime
    except ImportError:  # Windows
        return float("nan")


def run_import(url: str, csv_path: str) -> None:
    """Child process: open (and build) the store, import, print one JSON line of figures."""
    from glossary.exchange import import_file
    from glossary.service import open_store

    store = open_store(url)
    database = url.rsplit("/", 1)[-1] if url.startswith("postgresql") else ""
    try:
        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        server_before = _server_cpu(database) if database else {}
        helpers = _children_cpu()
        start = time.perf_counter()
        cpu = time.process_time()
        report = import_file(store, Path(csv_path), workers=None)
        seconds = time.perf_counter() - start
        cpu = time.process_time() - cpu
        helpers = _children_cpu() - helpers
        server_cpu = float("nan")
        if database:  # the import's server processes are still there (the pool keeps them)
            server_after = _server_cpu(database)
            if server_after:
                server_cpu = sum(t - server_before.get(pid, 0.0) for pid, t in server_after.items())
        with store.engine.connect() as conn:
            from sqlalchemy import text

            total = conn.execute(text("SELECT count(*) FROM concepts")).scalar()
    finally:
        store.close()
    try:
        import resource

        scale = 1024 * 1024 if sys.platform == "darwin" else 1024  # macOS: bytes; Linux: KiB
        rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale
        helper_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / scale  # the largest helper
    except ImportError:  # Windows
        rss_mb = helper_mb = float("nan")
    figures = {
        "seconds": seconds,
        "cpu_s": cpu,
        "helpers_cpu_s": helpers,
        "server_cpu_s": server_cpu,
        "rss_mb": rss_mb,
        "helper_rss_mb": helper_mb,
        "added": report.added,
        "total": total,
    }
    print(json.dumps({**figures, "load": load}))


def child(url: str, csv_path: Path, home: Path) -> dict[str, float]:
    env = {**os.environ, "GLOSSARY_HOME": str(home), "GLOSSARY_DATABASE_URL": url}
    done = subprocess.run(
        [sys.executable, __file__, "--child", url, str(csv_path)],
        env=env,
        stdout=subprocess.PIPE,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def postgres_database() -> tuple[str, str] | tuple[None, str]:
    """(URL of a new throwaway database, its name), or (None, why not)."""
    try:
        import psycopg
    except ImportError:
        return None, "psycopg is not installed"
    name = f"glossary_bench_{uuid.uuid4().hex[:10]}"
    try:
        with psycopg.connect(PG_ADMIN_URL, autocommit=True, connect_timeout=3) as conn:
            conn.execute(
                f"CREATE DATABASE {name} TEMPLATE template0 ENCODING 'UTF8' "
                "LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8'"
            )
    except psycopg.Error as exc:
        return None, f"PostgreSQL at {PG_ADMIN_URL}: {str(exc).strip().splitlines()[0]}"
    base = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgresql://", "postgresql+psycopg://", 1)
    return f"{base}/{name}", name


def drop_postgres(name: str) -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=1_000_000, help="concepts in the generated CSV")
    parser.add_argument("--backend", choices=["sqlite", "postgresql", "all"], default="all")
    parser.add_argument("--keep", type=Path, help="work in this directory and keep the CSV and database")
    parser.add_argument("--child", nargs=2, metavar=("URL", "CSV"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_import(*args.child)
        return

    work = args.keep or Path(tempfile.mkdtemp(prefix="glossary-bench-import-"))
    work.mkdir(parents=True, exist_ok=True)
    csv_path = work / f"bench-{args.n}.csv"
    if not csv_path.exists():
        start = time.perf_counter()
        generate(csv_path, args.n)
        print(
            f"generated {csv_path} ({csv_path.stat().st_size / 1e6:.0f} MB) "
            f"in {time.perf_counter() - start:.1f} s",
            file=sys.stderr,
        )
    backends = ["sqlite", "postgresql"] if args.backend == "all" else [args.backend]
    try:
        for backend in backends:
            home = work / f"home-{backend}"
            home.mkdir(exist_ok=True)
            pg_name = None
            if backend == "sqlite":
                db = home / "bench.sqlite3"
                for suffix in ("", "-wal", "-shm"):
                    Path(f"{db}{suffix}").unlink(missing_ok=True)
                url = f"sqlite:///{db}"
            else:
                url, pg_name = postgres_database()
                if url is None:
                    print(f"backend=postgresql skipped: {pg_name}")
                    continue
            try:
                figures = child(url, csv_path, home)
            finally:
                if pg_name and backend == "postgresql":
                    drop_postgres(pg_name)
            memory = figures["rss_mb"] + figures["helper_rss_mb"]
            ok = figures["seconds"] <= TARGET_SECONDS and not memory > TARGET_MB
            ok = ok and figures["added"] == args.n
            print(
                f"backend={backend} n={args.n} seconds={figures['seconds']:.1f} cpu_s={figures['cpu_s']:.1f} "
                f"helpers_cpu_s={figures['helpers_cpu_s']:.1f} server_cpu_s={figures['server_cpu_s']:.1f} "
                f"rss_mb={figures['rss_mb']:.0f} helper_rss_mb={figures['helper_rss_mb']:.0f} "
                f"added={figures['added']} total={figures['total']} "
                f"load={figures['load']:.1f} ok={ok}"
            )
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
