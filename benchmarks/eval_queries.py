#!/usr/bin/env python3
"""Lookup quality on the development queries, through the product path (``glossary find --batch``).

    python benchmarks/eval_queries.py            # shipped glossary and dev-gold glossary
    python benchmarks/eval_queries.py --only gold

For each glossary a fresh process runs, in a temporary GLOSSARY_HOME (so the database and
the search index are built from scratch), exactly the commands of ../shared/eval/README.md:

    cut -f2 ../shared/eval/dev_queries.tsv | tail -n +2 > q.txt
    glossary find --batch q.txt --json > results.jsonl
    python ../shared/eval/score_queries.py ../shared/eval/dev_gold.csv \
        ../shared/eval/dev_queries.tsv results.jsonl

"shipped" is data/terms.csv; "gold" is a glossary CSV made from ../shared/eval/dev_gold.csv
(rows grouped into concepts as tests/test_search_dev_eval.py does) and loaded through
GLOSSARY_TERMS. The last line per glossary is ``glossary=… hit1=… hit5=… min_kind_hit1=…``.
Target (issue 5): hit@1 >= 0.97 overall and >= 0.95 for every kind, on the shipped glossary.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))


def write_gold_csv(path: Path) -> int:
    from glossary.terms_csv import write_concepts
    from testdata.gold import load_gold_concepts

    with open(path, "w", encoding="utf-8", newline="") as out:
        return write_concepts(load_gold_concepts(EVAL / "dev_gold.csv"), out)


def run(label: str, terms: Path | None, tmp: Path) -> str:
    home = tmp / f"home-{label}"
    env = {**os.environ, "GLOSSARY_HOME": str(home)}
    env.pop("GLOSSARY_DATABASE_URL", None)
    if terms is not None:
        env["GLOSSARY_TERMS"] = str(terms)
    else:
        env.pop("GLOSSARY_TERMS", None)
    queries = tmp / "q.txt"
    lines = (EVAL / "dev_queries.tsv").read_text(encoding="utf-8").splitlines()[1:]
    queries.write_text("".join(line.split("\t")[1] + "\n" for line in lines), encoding="utf-8")
    results = tmp / f"results-{label}.jsonl"
    with open(results, "wb") as out:
        subprocess.run(
            [sys.executable, "-c", "from cli import main; main()", "find", "--batch", str(queries), "--json"],
            cwd=ROOT,
            env=env,
            stdout=out,
            check=True,
        )
    scored = subprocess.run(
        [
            sys.executable,
            str(EVAL / "score_queries.py"),
            str(EVAL / "dev_gold.csv"),
            str(EVAL / "dev_queries.tsv"),
            str(results),
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return scored


def summary(label: str, report: str) -> str:
    kinds = {}
    overall = (0.0, 0.0)
    for line in report.splitlines():
        m = re.match(r"(\S+)\s+n=\s*(\d+)\s+hit@1=([\d.]+)\s+hit@5=([\d.]+)", line)
        if m:
            if m.group(1) == "all":
                overall = (float(m.group(3)), float(m.group(4)))
            else:
                kinds[m.group(1)] = float(m.group(3))
    worst = min(kinds, key=kinds.get) if kinds else "-"
    return (
        f"glossary={label} hit1={overall[0]:.3f} hit5={overall[1]:.3f} "
        f"min_kind_hit1={kinds.get(worst, 0):.3f} ({worst})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", choices=["shipped", "gold"])
    args = parser.parse_args()
    if not (EVAL / "dev_queries.tsv").is_file():
        sys.exit(f"{EVAL} not found: the evaluation sets are not on this machine")
    lines = []
    with tempfile.TemporaryDirectory(prefix="glossary-eval-") as name:
        tmp = Path(name)
        for label in ("shipped", "gold"):
            if args.only and args.only != label:
                continue
            terms = None
            if label == "gold":
                terms = tmp / "gold_terms.csv"
                print(f"gold glossary: {write_gold_csv(terms)} concepts", file=sys.stderr)
            report = run(label, terms, tmp)
            print(f"== {label}\n{report}")
            lines.append(summary(label, report))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
