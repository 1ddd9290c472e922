"""What a pasted query is made of: the parts of a pair, acronyms and their singular.

A translator's query is often whatever they selected in a report: ``數位經濟指導小組（DESG）``,
``PETs 隱私強化技術``, ``Privacy Enhancing Technologies (PETs)``, ``DPPs``.  This module only
reads the query's text; ``glossary.search.index`` looks the parts up and weighs them.

* ``pair_splits``: the ways a query can be read as a pair, each a tuple of ``Part``:
  a bracket (full- or half-width) splits the text before it from what it holds, and what it
  holds splits at its last comma when the last piece is an acronym (``中文（English, ABBR）``);
  without brackets, an acronym at the start or end of the query, beside a Chinese or an
  English term, is the other part (``中文 ABBR``, ``ABBR 中文``, ``English ABBR``).
* ``is_acronym``: a token written like an acronym (two or more capitals, or a capital and a
  digit: ``DESG``, ``IoT``, ``TWh``, ``B4NZ``, ``W3C``, ``SMEs``).
* ``singular``: the singular of a plural acronym (``DPPs`` -> ``DPP``).
* ``query_type``: ``acronym``, ``zh`` or ``en``, the type of form the query is written as
  (the first tie-break of ``rank``).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_BRACKET = re.compile(r"[(\[]\s*([^()\[\]]+?)\s*[)\]]")
_INNER_SEP = re.compile(r"\s*[,;、]\s*")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9&.\-]*[A-Za-z0-9]|[A-Za-z]")
_GLUED = re.compile(
    r"^([A-Za-z][A-Za-z0-9&\-]*[A-Za-z0-9])(?=[\u3400-\u9fff])"
    r"|(?<=[\u3400-\u9fff])([A-Za-z][A-Za-z0-9&\-]*[A-Za-z0-9])$"
)
MAX_ACRONYM = 12


@dataclass(frozen=True)
class Part:
    """One part of a pasted pair: its text (width-folded, case kept) and whether it is
    written as an acronym (``abbr``) or is the term (``term``)."""

    text: str
    role: str


def fold(query: str) -> str:
    """Width and compatibility forms folded (``（``, ``，`` -> ``(``, ``,``), case kept."""
    return " ".join(unicodedata.normalize("NFKC", query).split())


def is_acronym(token: str) -> bool:
    """Written like an acronym: Latin letters and digits (dots and hyphens inside allowed),
    at most 12, with two capitals or a capital and a digit."""
    bare = token.replace(".", "").replace("-", "").replace("&", "")
    if not (2 <= len(bare) <= MAX_ACRONYM and bare.isascii() and bare.isalnum()):
        return False
    upper = sum(c.isupper() for c in bare)
    digits = sum(c.isdigit() for c in bare)
    return upper >= 2 or (upper >= 1 and digits >= 1)


def singular(token: str) -> str | None:
    """``DPPs`` -> ``DPP``; ``None`` when ``token`` is not a plural acronym.  A lower-case
    query (``dpps``) counts too: its singular is only ever compared with acronym forms."""
    if len(token) < 3 or not token.isascii() or not token.isalnum() or token[-1] != "s":
        return None
    stem = token[:-1]
    if token.islower() or is_acronym(stem) or stem.isupper():
        return stem
    return None


def has_han(text: str) -> bool:
    return bool(_HAN.search(text))


def _role(text: str) -> str:
    return "abbr" if is_acronym(text) else "term"


def _inner(inside: str) -> list[str]:
    """What a bracket holds: ``English, ABBR`` gives both; anything else is one part."""
    pieces = _INNER_SEP.split(inside)
    if len(pieces) >= 2 and is_acronym(pieces[-1]):
        head = ", ".join(p for p in pieces[:-1] if p)
        return [head, pieces[-1]] if head else [pieces[-1]]
    return [inside]


def _term_like(text: str) -> bool:
    """The other side of a bare acronym: Chinese, or English words not all written as
    acronyms (``ORGANISATION FOR ECONOMIC …`` typed in capitals is not a pair)."""
    if has_han(text):
        return True
    words = _TOKEN.findall(text)
    return bool(words) and not all(w.isupper() or is_acronym(w) for w in words)


def pair_splits(query: str) -> list[tuple[tuple[Part, ...], bool]]:
    """The readings of ``query`` as a pair: (parts, bracketed).  ``bracketed`` says the
    query defines the acronym (``中文（ABBR）``), so parts that contradict each other are
    worth a notice; side-by-side readings are only tried."""
    text = fold(query)
    out: list[tuple[tuple[Part, ...], bool]] = []
    match = _BRACKET.search(text)
    if match:
        before = text[: match.start()].strip(" ,:;")
        after = text[match.end() :].strip(" ,:;")
        inner = _inner(match.group(1))
        outside = before or after
        if outside:
            texts = [outside, *inner]
            out.append((tuple(Part(t, _role(t)) for t in texts), True))
        return out
    words = text.split(" ")
    if len(words) >= 2:
        last, first = words[-1], words[0]
        if is_acronym(last) and _term_like(" ".join(words[:-1])):
            out.append(((Part(" ".join(words[:-1]), "term"), Part(last, "abbr")), False))
        if is_acronym(first) and _term_like(" ".join(words[1:])):
            out.append(((Part(first, "abbr"), Part(" ".join(words[1:]), "term")), False))
    if not out:
        glued = _GLUED.search(text)
        if glued:
            abbr = glued.group(1) or glued.group(2)
            rest = (text[: glued.start()] + text[glued.end() :]).strip()
            if is_acronym(abbr) and rest:
                out.append(((Part(rest, "term"), Part(abbr, "abbr")), False))
    return out


def query_type(query: str, script: str) -> str | None:
    """The type of form the query is written as: ``acronym`` (one Latin token of at most
    12 letters and digits, any case), ``zh`` (Chinese) or ``en``; ``None`` when mixed."""
    if script == "zh":
        return "zh"
    if script != "en":
        return None
    text = fold(query)
    bare = text.replace(".", "").replace("-", "").replace("&", "")
    one_token = " " not in text and bare.isascii() and bare.isalnum() and 2 <= len(bare) <= MAX_ACRONYM + 1
    if one_token and (is_acronym(text) or singular(text) or len(bare) <= 6):
        return "acronym"
    return "en"
