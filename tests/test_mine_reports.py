"""Quality on the development reports: precision and recall >= 0.90 with the shared scorer."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from glossary.mine import mine_paths
from glossary.mine import write_csv

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def test_mining_the_reports_meets_the_quality_bar(tmp_path: Path):
    reports = sorted((SHARED / "reports").glob("*.txt"))
    scorer = SHARED / "eval" / "score_mining.py"
    gold = SHARED / "eval" / "dev_gold.csv"
    if not reports or not scorer.exists() or not gold.exists():
        pytest.skip(f"../shared/reports not found: {SHARED}")
    records, failures = mine_paths(reports)
    assert not failures
    mined = tmp_path / "mined.csv"
    with mined.open("w", encoding="utf-8", newline="") as f:
        write_csv(records, f)
    run = subprocess.run(
        [sys.executable, str(scorer), str(gold), str(mined)], capture_output=True, text=True, check=True
    )
    m = re.search(r"precision=([\d.]+) recall=([\d.]+)", run.stdout)
    assert m, run.stdout
    precision, recall = float(m.group(1)), float(m.group(2))
    assert precision >= 0.90 and recall >= 0.90, run.stdout
