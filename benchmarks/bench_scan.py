#!/usr/bin/env python3
"""``glossary scan`` throughput and start-up on the two reports, and its recognition quality.

    python benchmarks/bench_scan.py              # 20 scans of each report
    python benchmarks/bench_scan.py --runs 50

In a temporary GLOSSARY_HOME (the shipped glossary): a first process builds the database
and the search index; then ``--runs`` fresh processes each time their start-up — imports,
opening the glossary, mapping the index and building the automaton — up to the first
scan (median reported).  In this process, each report is scanned ``--runs`` times after a
warm-up: throughput is its UTF-8 size over the median scan time, wall clock and CPU time
(steadier on a shared machine) (target: >= 5 MB/s).
Quality: the share of the glossary's cited pairs recognised on their report line (and of
lines with both sides written, both recognised), and terms found in ordinary prose per
10,000 characters.  The last line is
``startup_ms=… mb_s_000=… mb_s_003=… mb_s=… cpu_mb_s_000=… cpu_mb_s_003=…
recognised=… pairs=… false_per_10k=…``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT.parent / "shared" / "reports"
STARTUP = (
    "import time; t = time.perf_counter(); "
    "from glossary.service import open_glossary; from glossary.scan import scanner; "
    "g = open_glossary(); s = scanner(g); s.scan('DESG'); "
    "print((time.perf_counter() - t) * 1000)"
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    reports = sorted(REPORTS.glob("*.txt"))
    if not reports:
        raise SystemExit(f"no reports in {REPORTS}")
    with tempfile.TemporaryDirectory(prefix="bench-scan-") as home:
        os.environ["GLOSSARY_HOME"] = home
        for name in ("GLOSSARY_DATABASE_URL", "GLOSSARY_TERMS"):
            os.environ.pop(name, None)
        env = dict(os.environ)
        subprocess.run([sys.executable, "-c", STARTUP], env=env, cwd=ROOT, check=True, capture_output=True)
        starts = []
        for _ in range(args.runs):
            done = subprocess.run(
                [sys.executable, "-c", STARTUP], env=env, cwd=ROOT, check=True, capture_output=True, text=True
            )
            starts.append(float(done.stdout.split()[-1]))
        sys.path.insert(0, str(ROOT))
        from glossary import settings
        from glossary.scan import scanner
        from glossary.service import open_glossary
        from glossary.terms_csv import read_concepts
        from testdata.scan_eval import false_spans
        from testdata.scan_eval import recognition

        with open_glossary() as glossary:
            scan = scanner(glossary)
            rates = {}
            cpu_rates = {}
            seconds = 0.0
            total = 0
            for path in reports:
                text = path.read_text(encoding="utf-8")
                size = len(text.encode("utf-8"))
                found = scan.scan(text)  # warm-up: the folding table learns the characters
                times = []
                cpu = []
                for _ in range(args.runs):
                    started, cpu_started = time.perf_counter(), time.process_time()
                    scan.scan(text)
                    times.append(time.perf_counter() - started)
                    cpu.append(time.process_time() - cpu_started)
                median = statistics.median(times)
                cpu_rates[path.name[:3]] = size / statistics.median(cpu) / 1e6
                seconds += median
                total += size
                rates[path.name[:3]] = size / median / 1e6
                print(
                    f"{path.name}: {size / 1000:.0f} kB, {len(found)} terms, median {median * 1000:.1f} ms, "
                    f"best {min(times) * 1000:.1f} ms: {rates[path.name[:3]]:.1f} MB/s "
                    f"({cpu_rates[path.name[:3]]:.1f} MB/s of CPU time)",
                    file=sys.stderr,
                )
            overall = total / seconds / 1e6
            measured = recognition(scan, list(read_concepts(settings.shipped_terms_path())), REPORTS)
            spans, chars = false_spans(scan)
    per_10k = len(spans) / chars * 10_000
    print(
        f"start-up (imports, open, map the index, build the automaton, first scan): median "
        f"{statistics.median(starts):.0f} ms, min {min(starts):.0f} ms ({args.runs} fresh processes; "
        f"load average {os.getloadavg()[0]:.1f})",
        file=sys.stderr,
    )
    print(
        f"recognised on their line: {measured.recognised}/{measured.cited} cited pairs "
        f"({measured.rate:.3f}); "
        f"both sides: {measured.pairs_recognised}/{measured.pairs} ({measured.pair_rate:.3f}); "
        f"ordinary prose: {len(spans)} terms in {chars} characters",
        file=sys.stderr,
    )
    print(
        f"startup_ms={statistics.median(starts):.0f} "
        + " ".join(f"mb_s_{k}={v:.1f}" for k, v in rates.items())
        + f" mb_s={overall:.1f} "
        + " ".join(f"cpu_mb_s_{k}={v:.1f}" for k, v in cpu_rates.items())
        + f" recognised={measured.rate:.3f} pairs={measured.pair_rate:.3f} "
        f"false_per_10k={per_10k:.2f}"
    )


if __name__ == "__main__":
    main()
