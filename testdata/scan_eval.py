"""Measuring ``glossary scan`` (tests/test_scan_reports.py and benchmarks/bench_scan.py).

* ``recognition``: every pair the glossary holds, on the report line it is cited from
  (``data/terms.csv`` citations): is the concept recognised on that line?  Also the
  stricter rate of lines where both sides of the pair are written (the preferred Chinese
  form and the English form or acronym) and both are recognised.
* ``false_spans``: terms found in ordinary prose that holds no glossary term
  (``testdata/scan/ordinary_*.txt``), and its length in characters.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field
from pathlib import Path

from glossary.records import Concept
from glossary.scan import Scanner

ORDINARY = sorted((Path(__file__).parent / "scan").glob("ordinary_*.txt"))


def _has_han(text: str) -> bool:
    return any("\u3400" <= ch <= "\u9fff" for ch in text)


@dataclass
class Recognition:
    cited: int = 0
    recognised: int = 0
    pairs: int = 0  # lines where both sides are written
    pairs_recognised: int = 0
    missed: list[tuple[str, str, int]] = field(default_factory=list)  # (concept, doc, line)

    @property
    def rate(self) -> float:
        return self.recognised / self.cited if self.cited else 0.0

    @property
    def pair_rate(self) -> float:
        return self.pairs_recognised / self.pairs if self.pairs else 0.0


def recognition(scanner: Scanner, concepts: list[Concept], reports: Path) -> Recognition:
    lines = {p.name: p.read_text(encoding="utf-8").split("\n") for p in reports.glob("*.txt")}
    out = Recognition()
    for concept in concepts:
        for citation in concept.citations:
            doc = lines.get(citation.doc)
            if doc is None or not 0 < citation.line <= len(doc):
                continue
            line = doc[citation.line - 1]
            terms = [t for t in scanner.scan(line) if t["id"] == concept.id]
            out.cited += 1
            if terms:
                out.recognised += 1
            else:
                out.missed.append((concept.id, citation.doc, citation.line))
            latin = concept.en or concept.abbr
            folded = line.casefold()
            if concept.zh and latin and concept.zh in line and latin.casefold() in folded:
                out.pairs += 1
                if any(_has_han(t["text"]) for t in terms) and any(not _has_han(t["text"]) for t in terms):
                    out.pairs_recognised += 1
    return out


def false_spans(scanner: Scanner) -> tuple[list[dict], int]:
    """(terms found, characters read) over the ordinary prose."""
    found: list[dict] = []
    chars = 0
    for path in ORDINARY:
        text = path.read_text(encoding="utf-8")
        chars += len(text)
        found.extend(scanner.scan(text))
    return found, chars
