"""Plain partner glossaries: a table of Chinese, English and acronym columns (CSV or XLSX),
with a header in English or Chinese, or with no header at all.

``plan_for(first_row, where)`` looks at a table's first row and says how to read it
(a ``Plan``), or None when it is not a plain glossary (our own layout, with ``id`` and
``kind``, is read by ``terms_csv``):

- a header: each name is looked up in ``column_names.toml`` (package data: zh, zh_hans, en,
  abbr, definition, note and their aliases 中文, 英文, 縮寫, 簡稱, 定義, 備註, Chinese …);
  at least one column must be a Chinese or English form; any other column is kept in the
  concept's note as "name: value";
- no header: two or three cells per row, told apart by their script: Han is the Chinese form
  (``forms.writes_han``), an acronym-shaped token (``forms.is_acronym``) the acronym, other
  Latin text the English form.

``Plan.concept(cells, where)`` makes one row a ``Concept`` without an id (the importer
mints one); Simplified forms become Traditional (``common.traditional``). The plan is
logged (stderr for the CLI), so the user sees which column became what.
"""

from __future__ import annotations

import logging
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from glossary.errors import BadInput
from glossary.exchange.common import traditional
from glossary.forms import is_acronym
from glossary.forms import writes_han
from glossary.languages import SIMPLIFIED
from glossary.records import EN
from glossary.records import ZH
from glossary.records import Concept
from glossary.records import Definition
from glossary.records import Term

log = logging.getLogger(__name__)

FIELDS = ("zh", "zh_hans", "en", "abbr", "definition", "note")
NAMES = ("zh", "zh_hans", "en")  # a plain glossary needs one of these
OURS = ("id", "kind")  # our own layout (terms_csv), not a plain glossary
_MARKS = re.compile(r"[\s\-_()/:：（）.]+")


def _key(name: str) -> str:
    return _MARKS.sub("", name.strip().casefold())


@lru_cache(maxsize=1)
def aliases() -> dict[str, str]:
    """Header name (as ``_key`` folds it) -> field, from ``column_names.toml``."""
    text = resources.files("glossary.exchange").joinpath("column_names.toml").read_text(encoding="utf-8")
    out: dict[str, str] = {}
    for field, names in tomllib.loads(text)["columns"].items():
        for name in names:
            out[_key(name)] = field
    return out


@dataclass
class Plan:
    """How to read a plain glossary's rows: one field (or a note label) per column."""

    fields: list[str]  # per column: one of FIELDS, or "note:<header name>"
    header: bool  # whether the first row is a header (else it is the first entry)

    def describe(self) -> str:
        parts = []
        for number, field in enumerate(self.fields, 1):
            shown = f"note ({field[5:]})" if field.startswith("note:") else field
            parts.append(f"column {number} -> {shown}")
        how = "header" if self.header else "no header; cells told apart by their script"
        return f"a plain glossary ({how}): " + ", ".join(parts)

    def concept(self, cells: list[str], where: str) -> Concept | None:
        """One row as a Concept without an id (None for an empty row); BadInput naming the row."""
        cells = [c.strip() for c in cells]
        if not any(cells):
            return None
        fields = self.fields
        if not self.header:  # each row's cells are told apart by their script
            while cells and not cells[-1]:
                cells.pop()
            found = _by_script(cells)
            if found is None:
                raise BadInput(
                    f"{where}: cannot tell which cell is the Chinese form, the English form or the "
                    "acronym (a file without a header needs two or three cells: Chinese, English, acronym)"
                )
            fields = found
        elif len(cells) > len(fields) and any(cells[len(fields) :]):
            raise BadInput(f"{where}: more cells than header columns")
        terms: list[Term] = []
        definitions: list[Definition] = []
        notes: list[str] = []
        for field, text in zip(fields, cells, strict=False):
            if not text:
                continue
            if field == "zh":
                terms.append(Term(text, ZH))
            elif field == "zh_hans":
                terms.append(Term(text, SIMPLIFIED))
            elif field == "en":
                terms.append(Term(text, EN))
            elif field == "abbr":
                terms.append(Term(text, EN, "acronym"))
            elif field == "definition":
                definitions.append(Definition(text, ZH if writes_han(text) else EN))
            else:
                notes.append(text if field == "note" else f"{field[5:]}: {text}")
        if not any(t.type == "fullForm" for t in terms):
            named = [n for n, f in enumerate(self.fields, 1) if f in NAMES]
            raise BadInput(
                f"{where}: no Chinese or English form (column {', '.join(map(str, named))} is empty)"
            )
        _one_preferred(terms)
        concept = Concept(id="", terms=terms, definitions=definitions, note="\n".join(notes) or None)
        return traditional(concept)


def _one_preferred(terms: list[Term]) -> None:
    """Several columns of one field (two English columns): the first is preferred, the rest variants."""
    seen: set[tuple[str, str]] = set()
    for term in terms:
        slot = (term.type, "zh" if term.lang in (ZH, SIMPLIFIED) else term.lang)
        if slot in seen:
            term.status = "admitted"
            if term.type == "fullForm":
                term.type = "variant"
        seen.add(slot)


def plan_for(first: list[str], where: str) -> Plan | None:
    """How to read a table whose first row is ``first``, or None when it is not a plain glossary."""
    cells = [c.strip() for c in first]
    while cells and not cells[-1]:
        cells.pop()
    if not cells or any(_key(c) in OURS for c in cells):
        return None
    known = aliases()
    fields = [known.get(_key(c), "") for c in cells]
    if any(f in NAMES for f in fields):
        plan = Plan([f or f"note:{c}" for f, c in zip(fields, cells, strict=True)], header=True)
    else:
        headerless = _by_script(cells)
        if headerless is None:
            return None
        plan = Plan(headerless, header=False)
    log.info("%s: %s", where, plan.describe())
    return plan


def _by_script(cells: list[str]) -> list[str] | None:
    """The fields of a header-less row of two or three cells: Han, acronym, other Latin text."""
    if not 2 <= len(cells) <= 3 or not all(cells):
        return None
    fields = []
    for cell in cells:
        if writes_han(cell):
            fields.append("zh")
        elif " " not in cell and is_acronym(cell):
            fields.append("abbr")
        elif cell.isascii() and any(ch.isalpha() for ch in cell):
            fields.append("en")
        else:
            return None
    if len(set(fields)) != len(fields) or "zh" not in fields:
        return None
    return fields


HINT = (
    "; a plain glossary needs a header naming its columns (e.g. zh,en,abbr or 中文,英文,縮寫), "
    "or two or three columns without a header: Chinese, English, acronym"
)
