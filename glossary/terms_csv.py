"""The format of ``data/terms.csv``: one concept per row, defined once for every reader and writer.

Columns (multi-valued cells are JSON arrays):

=============== ==============================================================
id              stable concept id (see CONTRACTS.md)
kind            term, org, program, law, person, place or other
zh              preferred Traditional Chinese form
en              preferred English form (or another language's, see en_lang)
en_lang         language of ``en`` when it is not English (e.g. ``fr``); blank = en
abbr            preferred acronym
subject         subject field (privacy, AI, trade, climate, …)
issuing_body    body that runs a programme or issued a law
note            free note on the concept
review_status   approved or proposed
variants        [{"text", "lang", "type", "status", "note"?}] — every other form
definitions     [{"text", "lang", "citation": {doc, line, section, quote}?}]
citations       [{"doc", "line", "section", "quote", "term"?}] — every occurrence
=============== ==============================================================
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from collections.abc import Iterable
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from typing import TextIO

from glossary import cells
from glossary.errors import BadInput
from glossary.errors import quoted
from glossary.ids import is_valid_id
from glossary.languages import canonical_lang
from glossary.records import EN
from glossary.records import KINDS
from glossary.records import REVIEW_STATUSES
from glossary.records import TERM_STATUSES
from glossary.records import TERM_TYPES
from glossary.records import ZH
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Definition
from glossary.records import Term
from glossary.validate import check_choice
from glossary.validate import check_text

COLUMNS = (
    "id",
    "kind",
    "zh",
    "en",
    "en_lang",
    "abbr",
    "subject",
    "issuing_body",
    "note",
    "review_status",
    "variants",
    "definitions",
    "citations",
)
REQUIRED_COLUMNS = ("id", "kind", "zh", "en", "abbr", "variants", "definitions", "citations")


# ---------------------------------------------------------------- reading


def read_concepts(path: Path) -> list[Concept]:
    """Parse a whole glossary CSV, or raise BadInput naming the file, row and column."""
    try:
        raw = Path(path).read_bytes()
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except OSError as exc:
        raise BadInput(f"{path}: cannot read ({exc.strerror})") from None
    text = decode_utf8(raw, str(path))
    return list(parse_concepts(io.StringIO(text, newline=""), str(path)))


BIG5 = " It looks like Big5 (cp950): save it as UTF-8 (in Excel: 'CSV UTF-8')."
UTF16 = " It is UTF-16 (Excel's 'Unicode Text'): save it as UTF-8 (in Excel: 'CSV UTF-8')."


def encoding_hint(data: bytes) -> str:
    """What a file that is not UTF-8 seems to be, as a sentence for the message ("" if unknown)."""
    head = data[:4096]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or head.count(0) * 4 >= len(head) > 0:
        return UTF16
    try:
        data.decode("cp950")
        return BIG5
    except UnicodeDecodeError:
        return ""


def decode_utf8(raw: bytes, name: str) -> str:
    """Decode UTF-8 (BOM allowed); on failure say where, and whether it looks like Big5."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        hint = encoding_hint(raw)
        if hint == UTF16:
            raise BadInput(f"{name}: not UTF-8.{hint}") from None
        raise BadInput(f"{name}: line {line}: invalid UTF-8 at byte {exc.start}.{hint}") from None


def parse_concepts(stream: TextIO, name: str) -> Iterator[Concept]:
    """Yield one Concept per row, validating everything; stops at the first bad row."""
    seen: set[str] = set()
    for where, row in read_rows(stream, name):
        concept = concept_from_row(row, where)
        check_unique(concept.id, seen, where)
        yield concept


def read_rows(stream: TextIO, name: str) -> Iterator[tuple[str, dict[str, str | None]]]:
    """(where, cells by column) of every row, after checking the header; not validated yet
    (``concept_from_row`` does that)."""
    reader = csv.DictReader(stream)
    header = reader.fieldnames or []
    if not header:
        raise BadInput(f"{name}: the file is empty (expected a header row: {','.join(COLUMNS)})")
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise BadInput(f"{name}: missing column {', '.join(repr(c) for c in missing)} in the header row")
    for row in reader:
        where = f"{name}: row {reader.line_num}"
        if None in row:
            raise BadInput(f"{where}: more cells than header columns")
        yield where, row


def check_unique(concept_id: str, seen: set[str], where: str) -> None:
    """BadInput when a row's id was met before in the file (else it is added to ``seen``)."""
    if concept_id in seen:
        raise BadInput(f"{where}: column 'id': duplicate id {quoted(concept_id)}")
    seen.add(concept_id)


def _json_cell(row: dict[str, str | None], column: str, where: str) -> list[dict[str, Any]]:
    cell = (row.get(column) or "").strip()
    if not cell:
        return []
    try:
        value = json.loads(cell)
    except json.JSONDecodeError as exc:
        raise BadInput(
            f"{where}: column '{column}': invalid JSON ({exc.msg} at character {exc.pos})"
        ) from None
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise BadInput(f"{where}: column '{column}': expected a JSON array of objects")
    return value


def citation_from_dict(data: dict[str, Any], where: str) -> Citation:
    doc = check_text(str(data.get("doc") or ""), "citation.doc", where, required=True)
    line = data.get("line")
    if isinstance(line, bool) or not isinstance(line, int) or line < 1:
        raise BadInput(
            f"{where}: citation of {doc}: 'line' must be a positive whole number, got {quoted(line)}"
        )
    term = data.get("term")
    return Citation(
        doc=doc,
        line=line,
        section=check_text(str(data.get("section") or ""), "citation.section", where),
        quote=check_text(str(data.get("quote") or ""), "citation.quote", where),
        term=check_text(term, "citation.term", where) if term else None,
    )


def concept_from_row(row: dict[str, str | None], where: str) -> Concept:
    def text(column: str, required: bool = False) -> str:
        value = row.get(column)
        if not value and not required:  # an empty cell (most optional ones are)
            return ""
        return check_text(cells.as_written(value or ""), column, where, required=required)

    concept_id = text("id", required=True)
    if not is_valid_id(concept_id):
        raise BadInput(
            f"{where}: column 'id': {quoted(concept_id)} is not a valid id (lower-case letters, digits, '-')"
        )
    kind = check_choice(text("kind", required=True), "kind", KINDS, where)
    review = text("review_status") or "approved"
    check_choice(review, "review_status", REVIEW_STATUSES, where)
    en_lang = canonical_lang(text("en_lang") or EN, f"{where}: column 'en_lang'")

    terms: list[Term] = []
    zh, en, abbr = text("zh"), text("en"), text("abbr")
    if zh:
        terms.append(Term(zh, ZH))
    if en:
        terms.append(Term(en, en_lang))
    if abbr:
        terms.append(Term(abbr, en_lang if en else EN, "acronym"))
    if not terms:
        raise BadInput(f"{where}: columns 'zh', 'en' and 'abbr' are all empty: a concept needs a name")
    for item in _json_cell(row, "variants", where):
        sub = f"{where}: column 'variants'"
        terms.append(
            Term(
                text=check_text(str(item.get("text") or ""), "variants.text", sub, required=True),
                lang=canonical_lang(str(item.get("lang") or ""), sub),
                type=check_choice(str(item.get("type") or "variant"), "variants.type", TERM_TYPES, sub),
                status=check_choice(
                    str(item.get("status") or "admitted"), "variants.status", TERM_STATUSES, sub
                ),
                note=check_text(item["note"], "variants.note", sub) if item.get("note") else None,
            )
        )
    definitions = []
    for item in _json_cell(row, "definitions", where):
        sub = f"{where}: column 'definitions'"
        citation = item.get("citation")
        definitions.append(
            Definition(
                text=check_text(str(item.get("text") or ""), "definitions.text", sub, required=True),
                lang=canonical_lang(str(item.get("lang") or ZH), sub),
                citation=citation_from_dict(citation, sub) if isinstance(citation, dict) else None,
            )
        )
    citations = [
        citation_from_dict(item, f"{where}: column 'citations'")
        for item in _json_cell(row, "citations", where)
    ]
    return Concept(
        id=concept_id,
        kind=kind,
        terms=terms,
        definitions=definitions,
        citations=citations,
        subject=text("subject") or None,
        issuing_body=text("issuing_body") or None,
        note=text("note") or None,
        review_status=review,
    )


# ---------------------------------------------------------------- writing


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) if value else ""


def concept_to_row(concept: Concept) -> dict[str, str]:
    en_term = next((t for t in concept.terms if t.status == "preferred" and t.text == concept.en), None)
    variants = []
    for term in concept.variants:
        item: dict[str, Any] = {
            "text": term.text,
            "lang": term.lang,
            "type": term.type,
            "status": term.status,
        }
        if term.note:
            item["note"] = term.note
        variants.append(item)
    definitions = []
    for definition in concept.definitions:
        item = {"text": definition.text, "lang": definition.lang}
        if definition.citation:
            item["citation"] = definition.citation.to_dict()
        definitions.append(item)
    return {
        "id": concept.id,
        "kind": concept.kind,
        "zh": concept.zh or "",
        "en": concept.en or "",
        "en_lang": en_term.lang if en_term and en_term.lang != EN else "",
        "abbr": concept.abbr or "",
        "subject": concept.subject or "",
        "issuing_body": concept.issuing_body or "",
        "note": concept.note or "",
        "review_status": concept.review_status,
        "variants": _dumps(variants),
        "definitions": _dumps(definitions),
        "citations": _dumps([c.to_dict() for c in concept.citations]),
    }


def write_concepts(
    concepts: Iterable[Concept], stream: TextIO, *, bom: bool = False, for_people: bool = False
) -> int:
    """Write the CSV (header first); returns the number of rows written.

    ``for_people``: a cell a spreadsheet would run as a formula gets a ``'`` in front
    (``glossary.cells``; reading the file takes it off again)."""
    if bom:
        stream.write("\ufeff")
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for concept in concepts:
        row = concept_to_row(concept)
        if for_people:
            row = {k: str(cells.for_people(v)) for k, v in row.items()}
        writer.writerow(row)
        count += 1
    return count
