"""Every non-person pair of ../shared/eval/dev_gold.csv is findable in the shipped glossary through
the real find path (``glossary.search.find``): a result whose forms (preferred or variants) hold the
gold's zh, en and abbr as stated. A parent-body or country prefix that the English lacks may be
trimmed on either side, as the eval README allows (its own matching rules are used). Spellings
that differ only by case, spaces or hyphens ("Co-operation"/"Cooperation", "Sub-group"/"Subgroup")
are one form in the glossary (the identity rule), so they count as the same. Skipped without
../shared."""

from __future__ import annotations

import csv
import importlib.util
import re
import unicodedata
from pathlib import Path
from types import ModuleType
from typing import Any

from glossary import search
from glossary.service import Glossary


def _terms_match(shared_dir: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location("terms_match", shared_dir / "eval" / "terms_match.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _forms(result: dict[str, Any]) -> list[str]:
    forms = [result.get(k) or "" for k in ("zh", "en", "abbr")]
    forms += [v.get("text") or "" for v in result.get("variants") or []]
    return [f for f in forms if f]


def _loose(text: str) -> str:
    """Case, spaces and hyphens aside (written here, not taken from the code under test)."""
    return re.sub(r"[\s\-‐‑‒–—]+", "", unicodedata.normalize("NFKC", text).casefold())


def _holds(tm: ModuleType, result: dict[str, Any], row: dict[str, str]) -> bool:
    forms = _forms(result)
    zh, en, abbr = row["zh"].strip(), row["en"].strip(), row["abbr"].strip()
    if zh and not any(tm.same_zh(tm.norm_zh(f), tm.norm_zh(zh)) for f in forms):
        return False
    for stated, norm in ((en, tm.norm_en), (abbr, tm.norm_abbr)):
        if stated and not any(norm(f) == norm(stated) or _loose(f) == _loose(stated) for f in forms):
            return False
    return True


def test_every_dev_gold_pair_is_findable_in_the_shipped_glossary(shared_dir: Path, tmp_path: Path) -> None:
    tm = _terms_match(shared_dir)
    with open(shared_dir / "eval" / "dev_gold.csv", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] != "person"]
    assert len(rows) > 50
    glossary = Glossary(f"sqlite:///{tmp_path / 'g.sqlite3'}")
    missing = []
    try:
        for row in rows:
            queries = [row[k].strip() for k in ("abbr", "en", "zh") if row[k].strip()]
            results = [r for q in queries for r in search.find(glossary, q, limit=10)]
            if not any(_holds(tm, r, row) for r in results):
                missing.append(f"{row['doc']}:{row['line']} {row['zh']} | {row['en']} | {row['abbr']}")
    finally:
        glossary.close()
    assert not missing, "not findable:\n" + "\n".join(missing)
