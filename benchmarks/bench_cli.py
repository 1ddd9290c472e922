#!/usr/bin/env python3
"""Cold-process latency of ``glossary find DESG``, ``check`` and ``scan`` of a short draft, beside
``python -c pass``: what a translator waits for at the terminal (or from an editor).

    python benchmarks/bench_cli.py              # 20 runs of each command
    python benchmarks/bench_cli.py --runs 50

In a temporary GLOSSARY_HOME, the first run builds the database and the search index
(reported as ``first_ms``); every later run is a fresh process that maps the persisted
index (the project's bytecode cached, as after ``pip install``: ``PYTHONDONTWRITEBYTECODE`` is
unset for the timed commands). The installed ``glossary`` script is timed (wall clock, fork to exit) for
``glossary find DESG`` and ``glossary find desg --json``; ``python -X importtime`` then
reports the import time of ``cli`` alone and of the whole find path, and which heavy
modules the find path imports (it must import no Flask, Alembic, miner or SQLAlchemy once
the index exists). Then ``glossary check`` and ``glossary scan`` of a four-line draft, and
``python -c pass`` (the floor of any fresh process), each timed the same way in the same run
(after one warm-up run each, which builds what a first call builds). The last line is
``first_ms=… p50_ms=… p90_ms=… cpu_p50_ms=… json_p50_ms=… import_cli_ms=… import_find_ms=… heavy=…
pass_p50_ms=… check_p50_ms=… scan_p50_ms=…``.
Targets: find well under 250 ms (issues 5, 19); check and scan of a short draft <= 500 ms (issue 19).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DRAFT = (
    "# 出國報告草稿\n"
    "本次出席 APEC 數位經濟指導小組（DESG）會議，討論隱私強化技術（PETs）。\n"
    "The Digital Economy Steering Group discussed privacy enhancing technologies.\n"
    "會中亦提及人工智能與 SMEs 的數位轉型。\n"
)
HEAVY = ("sqlalchemy", "flask", "alembic", "glossary.mine", "jieba", "rich", "openpyxl")


CPU: list[float] = []  # CPU time (user + system) of each timed child, ms


def timed(command: list[str], env: dict[str, str], ok: tuple[int, ...] = (0,)) -> float:
    """Wall-clock ms of one run (its CPU ms go to ``CPU``: steadier on a busy machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True)
    elapsed = (time.perf_counter() - started) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(1000 * (after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime))
    if done.returncode not in ok:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode(errors='replace')}")
    return elapsed


def import_times(code: str, env: dict[str, str]) -> tuple[dict[str, int], set[str]]:
    """Cumulative import time (µs) of each module imported at the top level (not from
    inside another import), and the names of every module imported."""
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", code], env=env, cwd=ROOT, capture_output=True, text=True
    )
    times: dict[str, int] = {}
    names: set[str] = set()
    for line in done.stderr.splitlines():
        m = re.match(r"import time:\s+\d+ \|\s+(\d+) \| ( *)(\S+)", line)
        if m:
            names.add(m.group(3))
            if not m.group(2):
                times[m.group(3)] = int(m.group(1))
    return times, names


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    exe = shutil.which("glossary", path=str(Path(sys.executable).parent)) or shutil.which("glossary")
    if exe is None:
        raise SystemExit("no installed 'glossary' script (pip install -e .)")
    with tempfile.TemporaryDirectory(prefix="bench-cli-") as home:
        env = {**os.environ, "GLOSSARY_HOME": home}
        for name in ("GLOSSARY_DATABASE_URL", "GLOSSARY_TERMS"):
            env.pop(name, None)
        # As on a user's machine, the project's modules run from cached bytecode (pip compiles
        # an installed package; an editable one writes __pycache__ on its first run): a
        # PYTHONDONTWRITEBYTECODE in this shell would add ~50 ms of compiling to every run.
        bytecode_off = env.pop("PYTHONDONTWRITEBYTECODE", None) is not None
        first = timed([exe, "find", "DESG"], env)
        CPU.clear()
        plain = sorted(timed([exe, "find", "DESG"], env) for _ in range(args.runs))
        cpu = statistics.median(CPU)
        as_json = sorted(timed([exe, "find", "desg", "--json"], env) for _ in range(args.runs))
        draft = Path(home) / "draft.txt"
        draft.write_text(DRAFT, encoding="utf-8")
        others = {}
        for name, command in (
            ("pass", [sys.executable, "-c", "pass"]),
            ("check", [exe, "check", str(draft)]),
            ("scan", [exe, "scan", str(draft)]),
        ):
            timed(command, env, ok=(0, 1))  # warm-up: whatever a first call builds
            others[name] = sorted(timed(command, env, ok=(0, 1)) for _ in range(args.runs))
        cli_imports, _ = import_times("import cli", env)
        find_code = "import sys; sys.argv = ['glossary', 'find', 'DESG', '--json']; import cli; cli.main()"
        find_imports, imported = import_times(find_code, env)
    heavy = sorted(h for h in HEAVY if any(n == h or n.startswith(h + ".") for n in imported))
    p90 = plain[int(0.9 * (len(plain) - 1))]
    print(f"first run (builds database and index): {first:.0f} ms", file=sys.stderr)
    if bytecode_off:
        print("PYTHONDONTWRITEBYTECODE was set here: unset for the timed commands", file=sys.stderr)
    print(
        f"glossary find DESG: min {plain[0]:.0f} ms, p50 {statistics.median(plain):.0f} ms, "
        f"p90 {p90:.0f} ms, max {plain[-1]:.0f} ms, CPU p50 {cpu:.0f} ms ({args.runs} fresh processes; "
        f"load average {os.getloadavg()[0]:.1f})",
        file=sys.stderr,
    )
    print(f"glossary find desg --json: p50 {statistics.median(as_json):.0f} ms", file=sys.stderr)
    for name, runs in others.items():
        label = "python -c pass" if name == "pass" else f"glossary {name} draft.txt (4 lines)"
        print(f"{label}: p50 {statistics.median(runs):.0f} ms, min {runs[0]:.0f} ms", file=sys.stderr)
    slowest = sorted(((t, n) for n, t in find_imports.items()), reverse=True)[:6]
    listed = ", ".join(f"{n} {t / 1000:.0f} ms" for t, n in slowest)
    print(f"slowest top-level imports of the find path: {listed}", file=sys.stderr)
    print(
        f"first_ms={first:.0f} p50_ms={statistics.median(plain):.0f} p90_ms={p90:.0f} cpu_p50_ms={cpu:.0f} "
        f"json_p50_ms={statistics.median(as_json):.0f} import_cli_ms={cli_imports.get('cli', 0) / 1000:.0f} "
        f"import_find_ms={sum(find_imports.values()) / 1000:.0f} "
        f"heavy={','.join(heavy) or 'none'} "
        + " ".join(f"{name}_p50_ms={statistics.median(runs):.0f}" for name, runs in others.items())
    )


if __name__ == "__main__":
    main()
