"""Term recognition: every glossary form in a text, found once per occurrence (``glossary scan``).

What CAT tools call termbase recognition.  One Aho–Corasick automaton (``pyahocorasick``)
holds the normalised keys of every form of the glossary; the text is normalised the same
way, character by character, and scanned once.

* Normalisation (``Folder``): each character goes through ``glossary.normalize.normalize``
  (NFKC, so any width; case folding; one hyphen for every dash; ASCII quotes) and then the
  search index's Traditional -> Simplified table (``fold_script``), so Traditional,
  Simplified and full-width text meet the same keys; a run of spaces counts as one, and a
  term never spans a line break.  Almost every character folds to exactly one character,
  so the normalised text has the original's offsets; where it does not (a run of spaces,
  ``ß`` -> ``ss``, a zero-width space dropped), an offset map (``Offsets``) takes every
  match back to the original text.
* Latin-script forms match case-blind on word boundaries (``pact`` is not found inside
  ``impact``), with an optional plural ``s``.  Acronyms (type ``acronym``, or a one-word
  form in capitals) match case-sensitively as whole tokens, with an optional lowercase
  plural ``s``: ``PACT``, ``SICs`` are found, ``pact``, ``sic`` are ordinary words.
  Chinese has no word boundaries: a Chinese form is found wherever it is written.
* Overlapping matches: the longest wins, then the leftmost; the others are dropped, so
  every character belongs to at most one reported term.
* Every form is recognised, deprecated ones too (``status`` says so, and ``zh``/``en``/
  ``abbr`` beside it are the concept's preferred forms).  Proposed forms (term status
  ``proposed``, or a concept whose review status is ``proposed``) only with
  ``include_proposed``.

The automaton is built from the search index (``SearchIndex.forms``) and kept per index
revision by the live index (``LiveIndex.derived``), so a write makes the next scan see the
new term and an unchanged glossary builds it once per process; for a fresh process on a
SQLite glossary, ``open_scanner`` loads the pickled scanner of the current revision (see
"the start-up cache" below), so ``glossary scan`` imports neither numpy nor the search
index.  ``how`` is ``exact`` (as
the glossary writes it), ``acronym`` (an acronym, in its case), ``script`` (other
Chinese characters: Simplified or variants) or ``normalized`` (width, case, dashes,
spacing, plural).
"""

from __future__ import annotations

import json
import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from collections.abc import Iterable
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING
from typing import Any
from typing import BinaryIO

from glossary.errors import BadInput
from glossary.languages import is_chinese
from glossary.normalize import normalize

if TYPE_CHECKING:
    from glossary.reader import Document
    from glossary.search.index import SearchIndex
    from glossary.service import Glossary

__all__ = ["Folder", "Scanner", "open_scanner", "read_inputs", "scan_document", "scan_text", "scanner"]

# A term's fields, in the order CONTRACTS.md lists them.
FIELDS = ("line", "column", "text", "id", "zh", "en", "abbr", "kind", "status", "how")
_STATUS_RANK = {"preferred": 0, "admitted": 1, "proposed": 2, "superseded": 3, "deprecated": 4}
_CJK = "\u2e80"  # from here on, characters are never part of a Latin word (CJK, kana, hangul …)
_SPACE_RUN = r"[^\S\n]{2,}"  # runs of spaces (a line break stays one)
_ACRONYM_WORD = re.compile(r"[A-Z0-9][A-Za-z0-9&.\-]*")


def _is_word(ch: str) -> bool:
    """A character of a Latin-script word (letters and digits; Han characters are not)."""
    return ch < _CJK and ch.isalnum()


class Offsets:
    """Where each character of a folded text comes from in the original: a few segments,
    each either running along the original (``step`` 1) or standing on one original
    character (``step`` 0: a run of spaces, or the characters one character folded into)."""

    __slots__ = ("_starts", "_origins", "_steps", "_hint")

    def __init__(self) -> None:
        self._starts: list[int] = []
        self._origins: list[int] = []
        self._steps: list[int] = []
        self._hint = 0

    def add(self, start: int, origin: int, step: int) -> None:
        self._starts.append(start)
        self._origins.append(origin)
        self._steps.append(step)

    def __getitem__(self, i: int) -> int:
        starts = self._starts
        k = self._hint  # lookups mostly come in text order: try the last segment first
        if not (starts[k] <= i and (k + 1 == len(starts) or i < starts[k + 1])):
            k = self._hint = bisect_right(starts, i) - 1
        return self._origins[k] + self._steps[k] * (i - starts[k])


class Folder:
    """The one normalisation of scan, for forms and texts alike (see the module docstring).

    ``t2s`` is the Traditional -> Simplified table (the search index's).  The translation
    table grows with the characters met (a plain dict: ``str.translate`` is fastest so)."""

    def __init__(self, t2s: dict[int, str]) -> None:
        self._t2s = t2s
        self._table: dict[int, str] = {}
        self._unknown: re.Pattern[str] | None = None  # a character the table lacks
        self._irregular: dict[str, str] = {}  # characters that do not fold to exactly one
        self._special: re.Pattern[str] = re.compile(_SPACE_RUN)
        self._odd: re.Pattern[str] | None = None  # any irregular character

    def _fold_char(self, char: str) -> str:
        if char.isspace():
            return "\n" if char == "\n" else " "  # a term never spans lines
        norm = normalize(char)
        return norm.translate(self._t2s) if norm else ""

    def _learn(self, text: str) -> None:
        """Add the characters of ``text`` the table lacks (a long text is first searched
        for one, with a regular expression of the known characters, made when needed)."""
        table = self._table
        if len(text) > 200:
            if self._unknown is None:
                self._unknown = re.compile(f"[^{re.escape(''.join(sorted(map(chr, table))))}]")
            if not self._unknown.search(text):
                return
        irregular = len(self._irregular)
        for ch in set(text):
            if ord(ch) not in table:
                value = table[ord(ch)] = self._fold_char(ch)
                self._unknown = None
                if len(value) != 1:
                    self._irregular[ch] = value
        if len(self._irregular) != irregular:
            chars = re.escape("".join(sorted(self._irregular)))
            self._special = re.compile(f"{_SPACE_RUN}|[{chars}]")
            self._odd = re.compile(f"[{chars}]")

    def key(self, text: str) -> str:
        """A form's key: folded, single spaces, no outer spaces."""
        self._learn(text)
        return " ".join(text.translate(self._table).split())

    def fold(self, text: str) -> tuple[str, Offsets | None]:
        """The folded text and, when it is not offset for offset the original, the map
        from each folded character to its original character (``None``: the identity)."""
        self._learn(text)
        folded = text.translate(self._table)
        if "  " not in folded and (self._odd is None or not self._odd.search(text)):
            return folded, None
        # One pass over the places where lengths differ (runs of spaces, irregular
        # characters); between them the folded text runs along the original, ``delta`` ahead.
        irregular = self._irregular
        pieces: list[str] = []
        offsets = Offsets()
        pos = delta = at = 0
        for m in self._special.finditer(text):
            a, b = m.span()
            if a > pos:
                pieces.append(folded[pos + delta : a + delta])
                offsets.add(at, pos, 1)
                at += a - pos
            if b - a > 1:  # a run of spaces: one space
                value = " "
            else:
                value = irregular[text[a]]
                delta += len(value) - 1
            if value:
                pieces.append(value)
                offsets.add(at, a, 0)
                at += len(value)
            pos = b
        if pos < len(text):
            pieces.append(folded[pos + delta :])
            offsets.add(at, pos, 1)
        return "".join(pieces), offsets


@dataclass(frozen=True, eq=False)  # compared (and hashed) by identity: one object per form
class _Entry:
    """One form under one key of the automaton."""

    concept_id: str
    text: str
    lang: str
    type: str
    status: str
    acronym: bool  # case-sensitive whole token
    rank: tuple[int, int, str]


def _is_acronym(text: str, ftype: str) -> bool:
    if ftype == "acronym":
        return True
    word = unicodedata.normalize("NFKC", text).strip()
    return (
        " " not in word
        and bool(_ACRONYM_WORD.fullmatch(word))
        and sum(c.isupper() for c in word) >= 2
        and not any(c.islower() for c in word[:-1])
    )


_JUNCTION = re.compile(r"(?<=[a-z0-9])(?=[\u2e80-\U0003ffff])|(?<=[\u2e80-\U0003ffff])(?=[a-z0-9])")
_SPACED_JUNCTION = re.compile(r"(?<=[a-z0-9]) (?=[\u2e80-\U0003ffff])|(?<=[\u2e80-\U0003ffff]) (?=[a-z0-9])")


def _key_variants(key: str) -> list[str]:
    """The key and its spelling variants: ``nature-based`` also as ``nature based``;
    ``apec 经济`` also as ``apec经济`` and the other way round."""
    out = [key]
    if "-" in key and key.isascii():
        out.append(key.replace("-", " "))
    if _SPACED_JUNCTION.search(key):
        out.append(_SPACED_JUNCTION.sub("", key))
    elif _JUNCTION.search(key):
        out.append(_JUNCTION.sub(" ", key))
    return [k for i, k in enumerate(out) if k and k not in out[:i]]


class Scanner:
    """The automaton of a set of forms.  ``forms``: (concept id, text, lang, type, status);
    ``summary(concept_id)``: the concept's ``{"zh", "en", "abbr", "kind", …}`` (and its
    ``review_status`` when known), read only for concepts that are found."""

    def __init__(
        self,
        forms: Iterable[tuple[str, str, str, str, str]],
        t2s: dict[int, str],
        summary: Callable[[str], dict[str, Any] | None],
    ) -> None:
        import ahocorasick  # lazy: only scan needs it

        self.folder = Folder(t2s)
        self._summary = summary
        self._summaries: dict[str, dict[str, Any] | None] = {}
        self._caches()
        keyed: dict[str, list[_Entry]] = {}
        for concept_id, text, lang, ftype, status in forms:
            if not isinstance(text, str) or not text.strip():
                continue
            key = self.folder.key(text)
            if not key:
                continue
            acronym = not is_chinese(lang) and _is_acronym(text, ftype)
            entry = _Entry(
                concept_id=concept_id,
                text=text.strip(),
                lang=lang,
                type=ftype,
                status=status,
                acronym=acronym,
                rank=(_STATUS_RANK.get(status, 1), 0 if ftype == "acronym" else 1, concept_id),
            )
            for variant in _key_variants(key):
                keyed.setdefault(variant, []).append(entry)
        self.automaton = ahocorasick.Automaton()
        for key, entries in keyed.items():
            entries.sort(key=lambda e: e.rank)
            # a key that starts (ends) with a Latin word character needs a word boundary there
            self.automaton.add_word(key, (len(key), _is_word(key[0]), _is_word(key[-1]), tuple(entries)))
        self.keys = len(keyed)
        if self.keys:
            self.automaton.make_automaton()

    def __getstate__(self) -> dict[str, Any]:
        """For the start-up cache: the summaries of every concept are read now (the
        index they come from is not saved with the scanner)."""
        ids = {e.concept_id for _, (_, _, _, entries) in self.automaton.items() for e in entries}
        summaries = {}
        for cid in sorted(ids):
            found = self._concept(cid) or {}
            summaries[cid] = {k: found.get(k) for k in ("zh", "en", "abbr", "kind", "review_status")}
        self.folder._unknown = None  # a large pattern: made again when needed
        return {"folder": self.folder, "automaton": self.automaton, "keys": self.keys, "summaries": summaries}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.folder = state["folder"]
        self.automaton = state["automaton"]
        self.keys = state["keys"]
        self._summaries = state["summaries"]
        self._summary = self._summaries.get
        self._caches()

    def _caches(self) -> None:
        self._allowed_cache: dict[_Entry, bool] = {}
        self._hows: dict[tuple[str, _Entry], str] = {}

    @classmethod
    def from_index(cls, index: SearchIndex) -> Scanner:
        """The scanner of a search index's forms (the index keeps each concept's summary)."""
        info = index.info
        t2s = dict(zip(map(ord, info["t2s_keys"]), info["t2s_values"], strict=True))

        def summary(concept_id: str) -> dict[str, Any] | None:
            raw = index.payload(concept_id)
            return json.loads(raw) if raw else None

        return cls(index.forms(), t2s, summary)

    def _concepts_now(self) -> None:
        """Read every concept's summary now (the index may be closed afterwards)."""
        self.__setstate__(self.__getstate__())

    # -- scanning ------------------------------------------------------------------------

    def _concept(self, concept_id: str) -> dict[str, Any] | None:
        if concept_id not in self._summaries:
            self._summaries[concept_id] = self._summary(concept_id)
        return self._summaries[concept_id]

    def _allowed(self, entry: _Entry, include_proposed: bool) -> bool:
        if include_proposed:
            return True
        known = self._allowed_cache.get(entry)
        if known is None:
            known = self._allowed_cache[entry] = self._not_proposed(entry)
        return known

    def _not_proposed(self, entry: _Entry) -> bool:
        if entry.status == "proposed":
            return False
        concept = self._concept(entry.concept_id)
        return concept is None or concept.get("review_status", "approved") != "proposed"

    def spans(self, text: str, include_proposed: bool = False) -> list[tuple[int, int, _Entry]]:
        """(start, end, form) of every term in ``text`` (original offsets), in text order."""
        if not self.keys or not text:
            return []
        folded, offsets = self.folder.fold(text)
        n = len(folded)
        candidates: list[tuple[int, int, int, _Entry]] = []  # (-length, start, end, entry)
        add = candidates.append
        acronym_case = self._acronym_case
        allowed = self._allowed
        cjk = _CJK
        # ``c < cjk and c.isalnum()`` is ``_is_word(c)``, inlined: this loop runs per match
        for last, (length, word_start, word_end, entries) in self.automaton.iter(folded):
            stop = last + 1
            start = stop - length
            if word_start and start > 0:
                c = folded[start - 1]
                if c < cjk and c.isalnum():
                    continue  # inside a word
            if word_end and stop < n:
                c = folded[stop]
                if c < cjk and c.isalnum():
                    if c != "s":
                        continue  # inside a word
                    if stop + 1 < n:
                        c = folded[stop + 1]
                        if c < cjk and c.isalnum():
                            continue
                    stop += 1  # a plural s
            for entry in entries:
                if entry.acronym and not acronym_case(text, offsets, start, stop, entry):
                    continue
                if not allowed(entry, include_proposed):
                    continue
                add((start - stop, start, stop, entry))
                break
        if not candidates:
            return []
        candidates.sort(key=itemgetter(0, 1))
        taken = bytearray(n)
        chosen = []
        for _, start, end, entry in candidates:
            if taken.find(1, start, end) >= 0:
                continue
            taken[start:end] = b"\x01" * (end - start)
            chosen.append((start, end, entry))
        chosen.sort(key=itemgetter(0))
        if offsets is None:
            return chosen
        return [(offsets[s], offsets[e - 1] + 1, entry) for s, e, entry in chosen]

    @staticmethod
    def _acronym_case(text: str, offsets: Offsets | None, start: int, stop: int, entry: _Entry) -> bool:
        """Whether the span is the acronym in its own case (any width), plus a lowercase
        plural ``s``."""
        written = text[start:stop] if offsets is None else text[offsets[start] : offsets[stop - 1] + 1]
        form = entry.text
        if written == form:
            return True
        if not written.isascii():
            written = unicodedata.normalize("NFKC", written)
        if not form.isascii():
            form = unicodedata.normalize("NFKC", form)
        return written == form or (written == form + "s" and not form.endswith("s"))

    def scan(self, text: str, include_proposed: bool = False) -> list[dict[str, Any]]:
        """The terms of ``text`` as CONTRACTS.md fixes them (``line`` counts ``\\n``)."""
        spans = self.spans(text, include_proposed)
        if not spans:
            return []
        line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
        out = []
        hows = self._hows
        if len(hows) > 100_000:  # spellings met in a long-running service: keep it bounded
            hows.clear()
        for start, end, entry in spans:
            line = bisect_right(line_starts, start)
            written = text[start:end]
            concept = self._concept(entry.concept_id) or {}
            how = hows.get((written, entry))
            if how is None:
                how = hows[(written, entry)] = self._how(written, entry)
            out.append(
                {
                    "line": line,
                    "column": start - line_starts[line - 1] + 1,
                    "text": written,
                    "id": entry.concept_id,
                    "zh": concept.get("zh"),
                    "en": concept.get("en"),
                    "abbr": concept.get("abbr"),
                    "kind": concept.get("kind"),
                    "status": entry.status,
                    "how": how,
                }
            )
        return out

    def scan_document(self, document: Document, include_proposed: bool = False) -> dict[str, Any]:
        """``{"file": name or None, "terms": [...]}`` for one document (CONTRACTS.md)."""
        return {"file": document.name or None, "terms": self.scan(document.text, include_proposed)}

    def _how(self, written: str, entry: _Entry) -> str:
        if written == entry.text:
            return "exact"
        if entry.acronym:
            return "acronym"
        key = self.folder.key
        if _plain(written) != _plain(entry.text) and (
            key(written) != _plain(written) or key(entry.text) != _plain(entry.text)
        ):
            return "script"  # Simplified or variant characters (folded to meet)
        return "normalized"


def _plain(text: str) -> str:
    """Normalised without script folding."""
    return " ".join(normalize(text).split())


# ---------------------------------------------------------------- the glossary's scanner


def scanner(glossary: Glossary) -> Scanner:
    """The scanner of the glossary as it is now (made once per index revision)."""
    return glossary.index.derived("scan", Scanner.from_index)


# ---------------------------------------------------------------- the start-up cache
#
# A fresh ``glossary scan`` would import numpy and map the search index only to build the
# automaton again: for a SQLite database the scanner of each revision is kept in the start-up
# cache (:mod:`glossary.startup_cache`), so a fresh process imports neither.

CACHE_FORMAT = 1


def open_scanner(url: str | None = None) -> Scanner:
    """The scanner of the configured glossary (or ``url``) as it is now, for a one-shot
    process: from the start-up cache when it is current, else built (and cached)."""
    from glossary.startup_cache import load_or_build

    return load_or_build("scan", CACHE_FORMAT, Scanner, url, _build_scanner)


def _build_scanner(url: str) -> tuple[Scanner, tuple[str, int] | None]:
    from glossary.service import Glossary

    with Glossary(url) as glossary:
        before = glossary.index.state()  # read first: a write meanwhile makes the name older, never newer
        made = scanner(glossary)
        made._concepts_now()  # every summary read while the index is open: the scanner outlives it
        return made, before


def scan_text(glossary: Glossary, text: str, include_proposed: bool = False) -> list[dict[str, Any]]:
    """The glossary's terms in ``text``."""
    return scanner(glossary).scan(text, include_proposed)


def scan_document(glossary: Glossary, document: Document, include_proposed: bool = False) -> dict[str, Any]:
    """``{"file": name or None, "terms": [...]}`` for one document (CONTRACTS.md)."""
    return scanner(glossary).scan_document(document, include_proposed)


def summary_line(results: list[dict[str, Any]]) -> str:
    """``N terms in M files.`` for stderr."""
    total = sum(len(r["terms"]) for r in results)
    files = len(results)
    plural = "s" if files != 1 else ""
    if total == 0:
        return f"No glossary terms in {files} file{plural}."
    return f"{total} term{'s' if total != 1 else ''} in {files} file{plural}."


def human_lines(result: dict[str, Any]) -> list[str]:
    """``file:line:col: text = zh | en (abbr) [status]`` for each term of one input."""
    name = result["file"] or "<stdin>"
    out = []
    for t in result["terms"]:
        official = " | ".join(x for x in (t["zh"], t["en"]) if x)
        if t["abbr"]:
            official += f" ({t['abbr']})"
        status = f" [{t['status']}]" if t["status"] not in ("preferred", "admitted") else ""
        out.append(f"{name}:{t['line']}:{t['column']}: {t['text']} = {official}{status}")
    return out


def read_inputs(paths: Iterable[str | Path], stdin: BinaryIO | None = None) -> list[Document]:
    """Every input read first (``-``: ``stdin``), so that an unreadable one stops the
    command before anything is printed; ``BadInput`` names it."""
    from glossary.reader import SUFFIXES
    from glossary.reader import Document
    from glossary.reader import decode_text
    from glossary.reader import read_document

    documents = []
    for raw in paths:
        if str(raw) == "-":
            data = stdin.read() if stdin is not None else b""
            if not data.strip():
                raise BadInput("standard input: the text is empty")
            text, _ = decode_text(data, "standard input")
            documents.append(Document.from_text("", text.replace("\r\n", "\n").replace("\r", "\n")))
            continue
        path = Path(raw)
        if path.suffix.lower() not in SUFFIXES and not path.is_dir():
            raise BadInput(f"{path}: only .txt, .md and .docx files can be scanned")
        documents.append(read_document(path))
    return documents
