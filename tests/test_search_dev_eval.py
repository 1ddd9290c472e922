"""Quality bar on the development set: a glossary loaded from ../shared/eval/dev_gold.csv,
every query of dev_queries.tsv answered by ``glossary find --batch`` (the product path),
scored by ../shared/eval/score_queries.py itself.

The gold is only the interim measuring stick (the shipped glossary replaces it later): the
glossary is built from the file at test time, nothing of it is copied into the code.
"""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from glossary.terms_csv import write_concepts
from testdata.gold import load_gold_concepts

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"


def _require_eval() -> None:
    for name in ("dev_gold.csv", "dev_queries.tsv", "score_queries.py"):
        if not (EVAL / name).is_file():
            pytest.skip(f"../shared/eval not found: {EVAL / name} is missing")


@pytest.fixture(scope="module")
def dev_results(tmp_path_factory):
    """The product path, as ../shared/eval/README.md runs it: a glossary CSV made from the gold
    (GLOSSARY_TERMS), a fresh data directory, ``glossary find --batch q.txt --json`` in a new
    process (database, persisted index, stored result objects), then the scorer."""
    _require_eval()
    tmp = tmp_path_factory.mktemp("dev")
    terms = tmp / "gold_terms.csv"
    with open(terms, "w", encoding="utf-8", newline="") as f:
        write_concepts(load_gold_concepts(EVAL / "dev_gold.csv"), f)
    queries = tmp / "q.txt"
    with open(EVAL / "dev_queries.tsv", encoding="utf-8") as f:
        queries.write_text("".join(q["query"] + "\n" for q in csv.DictReader(f, delimiter="\t")), "utf-8")
    env = {**os.environ, "GLOSSARY_HOME": str(tmp / "home"), "GLOSSARY_TERMS": str(terms)}
    env.pop("GLOSSARY_DATABASE_URL", None)
    out = tmp / "results.jsonl"
    with open(out, "wb") as w:
        subprocess.run(
            [sys.executable, "-c", "from cli import main; main()", "find", "--batch", str(queries), "--json"],
            cwd=ROOT,
            env=env,
            stdout=w,
            check=True,
            timeout=300,
        )
    run = subprocess.run(
        [
            sys.executable,
            str(EVAL / "score_queries.py"),
            str(EVAL / "dev_gold.csv"),
            str(EVAL / "dev_queries.tsv"),
            str(out),
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    scores = {}
    for line in run.stdout.splitlines():
        m = re.match(r"(\S+)\s+n=\s*(\d+)\s+hit@1=([\d.]+)", line)
        if m:
            scores[m.group(1)] = float(m.group(3))
    return scores, run.stdout


def test_dev_hit_at_1_overall(shared_dir, dev_results):
    scores, report = dev_results
    assert scores["all"] >= 0.97, report


def test_dev_hit_at_1_per_kind(shared_dir, dev_results):
    scores, report = dev_results
    kinds = {k: v for k, v in scores.items() if k != "all"}
    assert len(kinds) >= 8, report
    assert all(v >= 0.95 for v in kinds.values()), report


def test_gold_grouping_merges_forms_of_one_concept(shared_dir):
    _require_eval()
    concepts = load_gold_concepts(EVAL / "dev_gold.csv")
    ai = [c for c in concepts if c.abbr == "AI"]
    assert len(ai) == 1 and ai[0].zh == "人工智慧"
    itf = [c for c in concepts if c.abbr == "ITF"]
    assert itf and any(t.text == "ITE" and t.status == "deprecated" for t in itf[0].terms)
