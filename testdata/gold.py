"""The development gold (../shared/eval/dev_gold.csv) as concepts, for tests and benchmarks
that measure search on a glossary built from it at run time (nothing of it is copied)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from glossary.forms import identity_key
from glossary.normalize import normalize
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Term


def load_gold_concepts(path: Path) -> list[Concept]:
    """Rows grouped into concepts: same acronym + English, or same Chinese (persons skipped)."""
    with open(path, encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["kind"] != "person"]
    parent = list(range(len(rows)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[tuple[str, ...], int] = {}
    for i, r in enumerate(rows):
        keys = []
        if r["zh"].strip():
            keys.append(("zh", re.sub(r"\s+", "", normalize(r["zh"]))))
        if r["en"].strip():
            keys.append(("en", normalize(r["en"]), normalize(r["abbr"])))
        for key in keys:
            if key in first:
                parent[root(i)] = root(first[key])
            else:
                first[key] = i
    groups: dict[int, list[dict[str, str]]] = {}
    for i, r in enumerate(rows):
        groups.setdefault(root(i), []).append(r)
    concepts = []
    for n, members in enumerate(groups.values()):
        terms: list[Term] = []
        seen: set[tuple[str, str]] = set()
        for r in members:
            for field, lang, typ in (
                ("zh", "zh-Hant", "fullForm"),
                ("en", "en", "fullForm"),
                ("abbr", "en", "acronym"),
            ):
                text = r[field].strip()
                if not text or (field, identity_key(text)) in seen:
                    continue
                seen.add((field, identity_key(text)))
                has_preferred = any(
                    t.status == "preferred"
                    and (t.type == "acronym") == (typ == "acronym")
                    and (t.lang == lang or typ == "acronym")
                    for t in terms
                )
                status, note = "preferred", None
                if has_preferred:
                    status = "admitted"
                    if field == "abbr" and re.search(r"typo|OCR error", r["note"]):
                        status, note = "deprecated", r["note"]
                terms.append(Term(text=text, lang=lang, type=typ, status=status, note=note))
        concepts.append(
            Concept(
                id=f"dev{n:03d}",
                kind=members[0]["kind"],
                terms=terms,
                citations=[Citation(doc=r["doc"], line=int(r["line"])) for r in members],
            )
        )
    return concepts
