"""Reading and strictly validating the curation files (``data/curation/*.toml``).

The format is described in README.md ("Rebuilding the glossary from the reports"):
arrays of tables ``reject``, ``correct``, ``add``, ``concept`` and ``variant``. Any
unknown table or key, a wrong type, a missing required key or a bad value is a
``BadInput`` naming the file and the entry (``review-003.toml: [[correct]] #4``).
Files are read in file-name order; within a file, entries keep their order.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from dataclasses import field
from pathlib import Path
from typing import Any

from glossary.errors import BadInput
from glossary.ids import is_valid_id
from glossary.languages import canonical_lang
from glossary.records import KINDS
from glossary.records import TERM_STATUSES
from glossary.records import TERM_TYPES

PAIR_KEYS = ("zh", "en", "abbr")
MATCH_KEYS = ("zh", "en", "abbr", "id")
_OPTIONAL_TEXT = ("zh", "en", "abbr", "kind", "subject", "issuing_body", "note", "quote", "definition")
ENTRY_KINDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # kind: (required keys, optional keys)
    "reject": (("reason",), ("doc", "line", "zh", "en", "abbr")),
    "correct": (("reason", "set"), ("doc", "line", "zh", "en", "abbr")),
    "add": (
        ("reason", "doc", "line"),
        ("zh", "en", "abbr", "kind", "quote", "definition", "definition_line"),
    ),
    "concept": (
        ("reason", "match"),
        ("id", "zh", "en", "abbr", "kind", "subject", "issuing_body", "note", "merge", "recorded"),
    ),
    "variant": (("reason", "match", "text", "lang", "status"), ("type", "note")),
}
VARIANT_STATUSES = tuple(s for s in TERM_STATUSES if s != "preferred")


@dataclass
class Entry:
    """One validated entry: its kind, fields, and where it comes from (for messages)."""

    kind: str
    data: dict[str, Any]
    file: str
    index: int  # 1-based among the entries of this kind in the file

    @property
    def where(self) -> str:
        label = " ".join(
            str(self.data[k]) for k in ("doc", "line", "zh", "en", "abbr", "text") if self.data.get(k)
        )
        return f"{self.file}: [[{self.kind}]] #{self.index}" + (f" ({label})" if label else "")

    def pair(self) -> dict[str, str]:
        """The mined pair an entry names: zh, en, abbr ('' for the ones left out)."""
        return {k: self.data.get(k, "") for k in PAIR_KEYS}


@dataclass
class Curation:
    """Every entry of every curation file, in reading order."""

    entries: list[Entry] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def of(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]


def read_curation(directory: Path) -> Curation:
    """Read every ``*.toml`` in ``directory`` (file-name order); a missing directory is empty."""
    curation = Curation()
    if not directory.is_dir():
        return curation
    for path in sorted(directory.glob("*.toml")):
        curation.files.append(path)
        curation.entries.extend(read_file(path))
    return curation


def read_file(path: Path) -> list[Entry]:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise BadInput(f"{path}: cannot read ({exc.strerror})") from None
    try:
        document = tomllib.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BadInput(f"{path.name}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{path.name}: invalid TOML: {exc}") from None
    return parse_document(document, path.name)


def parse_document(document: dict[str, Any], name: str) -> list[Entry]:
    """Validate a parsed TOML document; entries in the order concept before variant, records first."""
    entries: list[Entry] = []
    for kind in document:
        if kind not in ENTRY_KINDS:
            raise BadInput(f"{name}: unknown table [[{kind}]]; expected one of {', '.join(ENTRY_KINDS)}")
        items = document[kind]
        if not isinstance(items, list):
            raise BadInput(f"{name}: '{kind}' must be an array of tables, written [[{kind}]]")
    for kind in ENTRY_KINDS:
        for index, item in enumerate(document.get(kind, []), start=1):
            if not isinstance(item, dict):
                raise BadInput(f"{name}: [[{kind}]] #{index}: must be a table")
            entry = Entry(kind, dict(item), name, index)
            _validate(entry)
            entries.append(entry)
    return entries


def _fail(entry: Entry, message: str) -> BadInput:
    return BadInput(f"{entry.where}: {message}")


def _validate(entry: Entry) -> None:
    required, optional = ENTRY_KINDS[entry.kind]
    data = entry.data
    for key in data:
        if key not in required and key not in optional:
            raise _fail(entry, f"unknown key {key!r}; expected {', '.join(required + optional)}")
    for key in required:
        if key not in data:
            raise _fail(entry, f"missing key {key!r}")
    for key in ("reason", "doc", "text", *_OPTIONAL_TEXT):
        if key in data and not isinstance(data[key], str):
            raise _fail(entry, f"{key!r} must be a string")
    if not data["reason"].strip():
        raise _fail(entry, "'reason' is empty: say why, briefly")
    for key in ("line", "definition_line"):
        if key in data and (not isinstance(data[key], int) or isinstance(data[key], bool) or data[key] < 1):
            raise _fail(entry, f"{key!r} must be a line number (1 or more)")
    if ("doc" in data) != ("line" in data):
        raise _fail(entry, "give 'doc' and 'line' together (or neither)")
    if "kind" in data and data["kind"] not in KINDS:
        raise _fail(entry, f"kind {data['kind']!r} is not one of {', '.join(KINDS)}")
    if entry.kind in ("reject", "correct", "add") and not any(data.get(k) for k in PAIR_KEYS):
        raise _fail(entry, "name the pair: give at least one of zh, en, abbr")
    if entry.kind == "correct":
        _validate_set(entry)
    if entry.kind == "add" and "quote" in data and len(data["quote"]) > 120:
        raise _fail(entry, f"'quote' is {len(data['quote'])} characters; at most 120")
    if entry.kind in ("concept", "variant"):
        data["match"] = _validate_match(entry, data["match"], "match")
    if entry.kind == "concept":
        if not isinstance(data.get("recorded", False), bool):
            raise _fail(entry, "'recorded' must be true or false")
        if "id" in data and not is_valid_id(data["id"]):
            raise _fail(entry, f"id {data['id']!r} is not valid (lower-case letters, digits and -, ≤ 64)")
        merge = data.get("merge", [])
        if not isinstance(merge, list):
            raise _fail(entry, "'merge' must be an array of tables such as [{ zh = \"…\" }]")
        data["merge"] = [_validate_match(entry, m, f"merge[{i}]") for i, m in enumerate(merge)]
    if entry.kind == "variant":
        try:
            data["lang"] = canonical_lang(data["lang"])
        except BadInput as exc:
            raise _fail(entry, str(exc)) from None
        if data["status"] not in VARIANT_STATUSES:
            raise _fail(
                entry,
                f"status {data['status']!r} is not one of {', '.join(VARIANT_STATUSES)} "
                "(make a form preferred with a [[concept]] entry)",
            )
        if "type" in data and data["type"] not in TERM_TYPES:
            raise _fail(entry, f"type {data['type']!r} is not one of {', '.join(TERM_TYPES)}")
        if not data["text"].strip():
            raise _fail(entry, "'text' is empty")


def _validate_set(entry: Entry) -> None:
    changes = entry.data["set"]
    if not isinstance(changes, dict) or not changes:
        raise _fail(entry, "'set' must be a table of corrected fields, e.g. set = { zh = \"…\" }")
    for key, value in changes.items():
        if key not in (*PAIR_KEYS, "kind", "definition"):
            raise _fail(entry, f"set: unknown field {key!r}; expected zh, en, abbr, kind or definition")
        if not isinstance(value, str):
            raise _fail(entry, f"set.{key} must be a string")
        if key == "definition" and value.strip():
            raise _fail(
                entry,
                'set.definition can only be "" (to remove a wrong definition); '
                "give a missed definition with an [[add]] entry",
            )
        if key == "kind" and value not in KINDS:
            raise _fail(entry, f"set.kind {value!r} is not one of {', '.join(KINDS)}")


def _validate_match(entry: Entry, match: Any, name: str) -> dict[str, str]:
    if not isinstance(match, dict) or not match:
        raise _fail(entry, f"'{name}' must be a table such as {{ abbr = \"OECD\" }}")
    for key, value in match.items():
        if key not in MATCH_KEYS:
            raise _fail(entry, f"{name}: unknown key {key!r}; expected zh, en, abbr or id")
        if not isinstance(value, str) or not value.strip():
            raise _fail(entry, f"{name}.{key} must be a non-empty string")
    return dict(match)
