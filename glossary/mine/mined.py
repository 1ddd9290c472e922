"""The miner's output record: one row per occurrence of a bilingual pair.

Field order is the CSV column order fixed by CONTRACTS.md (``glossary mine``);
``letter_agreement`` and ``pattern`` are extra columns after the contract ones.
"""

from __future__ import annotations

from dataclasses import asdict
from dataclasses import dataclass
from dataclasses import fields
from typing import Any


@dataclass
class MinedRecord:
    doc: str
    line: int
    zh: str = ""
    en: str = ""
    abbr: str = ""
    kind: str = "term"
    definition: str = ""
    definition_line: int | None = None
    section: str = ""
    quote: str = ""
    confidence: float = 0.5
    letter_agreement: float | None = None
    pattern: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.zh, self.en, self.abbr)


CONTRACT_COLUMNS = (
    "doc",
    "line",
    "zh",
    "en",
    "abbr",
    "kind",
    "definition",
    "definition_line",
    "section",
    "quote",
    "confidence",
)
COLUMNS = tuple(f.name for f in fields(MinedRecord))
