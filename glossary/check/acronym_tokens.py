"""The acronyms of a draft's text, and the allow-list of acronyms that need no definition.

Which token is an acronym is ``glossary.forms.is_acronym_token`` (2–10 characters, at least
two capitals, mostly capitals; Roman numerals are words). Tokens inside URLs, e-mail
addresses or file names are skipped. A chemical formula (NO2, CH4) or a token before a
model or standard number (GPT-4o, SP 800-53) is no use of an acronym unless the glossary or
the allow-list knows it (:func:`is_formula`, :func:`before_number`, applied by the
checker). In an all-capitals line (a heading such as MAISON ZERO DECHET) a capitalised
token is a word unless the caller knows it as an acronym.

The allow-list is ``data/acronym_allow.txt`` (one acronym per line, ``#`` comments),
plus what ``--allow`` adds.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from collections.abc import Iterable
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from glossary.check.compare import acronym_key
from glossary.errors import BadInput
from glossary.forms import is_acronym_token
from glossary.settings import shipped_data_file

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:&[A-Za-z0-9]+)*")
_URLISH = re.compile(
    r"(?:https?://|www\.)\S+|\S+@\S+\.\S+|\S+\.(?:pdf|docx?|xlsx?|pptx?|html?|png|jpe?g|csv|txt)\b", re.I
)
_SHORT_RUN = 256  # a URL or a file name is shorter; a run of Chinese text without spaces is not
_RUN = re.compile(r"\S+")
_URL_START = re.compile(r"https?://|www\.", re.I)
_FILE_SUFFIX = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|html?|png|jpe?g|csv|txt)\b", re.I)
ALLOW_FILE = "acronym_allow.txt"
_ELEMENT_TEXT = """H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se
Br Kr Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pt Au Hg Pb Bi Rn Ra U Pu"""
_ELEMENTS = set(_ELEMENT_TEXT.split())
_FORMULA_PART = re.compile(r"([A-Z][a-z]?)(\d{0,2})")
# a model or standard number after the token: GPT-4o, SP 800-53, ISO 27001 (not a year: DESG 2024)
_NUMBER_AFTER = re.compile(r"-\d|\s(?!(?:19|20)\d\d\b)\d{3,}\b")


def is_formula(token: str) -> bool:
    """NO2, CH4, N2O, SF6: element symbols with counts (at least one digit)."""
    if not any(c.isdigit() for c in token) or token[0].isdigit():
        return False
    parts = _FORMULA_PART.findall(token)
    return "".join(a + n for a, n in parts) == token and all(a in _ELEMENTS for a, _ in parts)


@dataclass
class Token:
    text: str
    start: int  # offset in the line
    end: int


def _hidden_spans(line: str) -> list[tuple[int, int]]:
    """The URLs, e-mail addresses and file names of a line, in order, without overlaps.

    Linear in the line's length: ``_URLISH`` is quadratic in the length of a run without
    spaces (Chinese text has none), so it reads only runs up to ``_SHORT_RUN`` characters;
    a longer run is read from its anchors (a scheme, an ``@``, a file suffix)."""
    spans: list[tuple[int, int]] = []
    for run in _RUN.finditer(line):
        text, base = run.group(), run.start()
        if len(text) <= _SHORT_RUN:  # the plain expression, quadratic only in the run's length
            spans.extend((base + m.start(), base + m.end()) for m in _URLISH.finditer(text))
            continue
        found: list[tuple[int, int]] = []
        url = _URL_START.search(text)
        if url and url.end() < len(text):  # from the scheme to the end of the run
            found.append((url.start(), len(text)))
        at = text.find("@", 1)
        if at > 0 and "." in text[at + 2 : len(text) - 1]:  # name@host.domain: the whole run
            found.append((0, len(text)))
        last = None
        for ext in _FILE_SUFFIX.finditer(text, 1):
            last = ext
        if last is not None:  # a file name: from the run's start to its last suffix
            found.append((0, last.end()))
        if found:
            spans.append((base + min(a for a, _ in found), base + max(b for _, b in found)))
    return spans


def acronym_tokens(line: str, keep: Callable[[str], bool] = is_acronym_token) -> Iterator[Token]:
    """Every acronym (by ``keep``) of a cleaned line, URLs and file names skipped."""
    hidden = _hidden_spans(line)
    starts = [a for a, _ in hidden]
    for m in _TOKEN.finditer(line):
        at = bisect.bisect_right(starts, m.start()) - 1
        if at >= 0 and m.start() < hidden[at][1]:
            continue
        before = line[m.start() - 1] if m.start() else ""
        after = line[m.end()] if m.end() < len(line) else ""
        if (
            (before and before in "_/\\@#")
            or (after and after in "_@")
            or (before == "." and m.start() > 1 and line[m.start() - 2].isalnum())
        ):
            continue
        if after == "." and m.end() + 1 < len(line) and line[m.end() + 1].isalnum():
            continue  # a domain or a version number
        if keep(m.group(0)):
            yield Token(m.group(0), m.start(), m.end())


def before_number(line: str, end: int) -> bool:
    """A model or standard number follows the token (GPT-4o, SP 800-53); a year does not count."""
    return bool(_NUMBER_AFTER.match(line, end))


def caps_words(line: str, vocabulary: set[str]) -> set[int]:
    """Starts of all-capitals tokens that are English words written in capitals: the token is a
    word the document or the glossary also writes in lower case (AGENDA, LUNCH), or it stands in a
    run of capitals tokens with such a word (POLICY DIALOGS) or in a run of three (MAISON ZERO DECHET)."""
    runs: list[list[re.Match[str]]] = []
    for m in re.finditer(r"[A-Z][A-Z0-9&]*", line):
        if runs and re.fullmatch(r"[ \-]+", line[runs[-1][-1].end() : m.start()]):
            runs[-1].append(m)
        else:
            runs.append([m])
    out: set[int] = set()
    for run in runs:
        is_word = [_in_vocabulary(m.group(0).lower(), vocabulary) and len(m.group(0)) >= 3 for m in run]
        for m, word in zip(run, is_word, strict=True):
            if word or len(run) >= 3 or (len(run) >= 2 and any(is_word)):
                out.add(m.start())
    return out


def _in_vocabulary(word: str, vocabulary: set[str]) -> bool:
    return word in vocabulary or word + "s" in vocabulary or (word.endswith("s") and word[:-1] in vocabulary)


def vocabulary(lines: Iterable[str]) -> set[str]:
    """Lower-cased words written in lower case or Title case."""
    words: set[str] = set()
    for line in lines:
        words.update(w.lower() for w in re.findall(r"\b[A-Za-z][a-z]{2,}\b", line))
    return words


def is_caps_line(line: str) -> bool:
    """A heading written in capitals: at least three Latin words, nearly all in capitals."""
    words = re.findall(r"[A-Za-z][A-Za-z'’\-]+", line)
    if len(words) < 3:
        return False
    caps = sum(1 for w in words if w.isupper())
    cjk = len(re.findall(r"[\u4e00-\u9fff]", line))
    return caps >= 3 and caps >= 0.8 * len(words) and cjk <= 0.3 * sum(map(len, words))


class AllowList:
    """Acronyms that need no definition (compared by acronym key: case and plural -s ignored)."""

    def __init__(self, items: Iterable[str] = ()):
        self.keys = {acronym_key(i) for i in items if i.strip()}

    def __contains__(self, token: str) -> bool:
        key = acronym_key(token)
        base = key.rstrip("0123456789")
        return key in self.keys or (len(base) >= 2 and base != key and base in self.keys)  # COP28

    def extend(self, items: Iterable[str]) -> None:
        self.keys |= {acronym_key(i) for i in items if i.strip()}


def read_allow_file(path: Path) -> list[str]:
    """One acronym per line (commas also separate); '#' starts a comment."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise BadInput(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot be read as UTF-8 text ({exc})") from None
    items: list[str] = []
    for n, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0]
        for item in re.split(r"[,\s]+", line):
            if not item:
                continue
            if not re.fullmatch(r"[A-Za-z0-9&.\-]{1,12}", item):
                raise BadInput(f"{path}, line {n}: {item!r} is not an acronym")
            items.append(item)
    return items


def default_allow_list() -> AllowList:
    """The shipped allow-list (data/acronym_allow.txt); empty when it is not installed."""
    path = shipped_data_file(ALLOW_FILE)
    return AllowList(read_allow_file(path) if path.is_file() else [])


def parse_allow_option(value: str) -> list[str]:
    """``--allow``: an existing file of acronyms, or a comma-separated list."""
    if Path(value).is_file():
        return read_allow_file(Path(value))
    items = [v.strip() for v in value.split(",") if v.strip()]
    for item in items:
        if not re.fullmatch(r"[A-Za-z0-9&.\-]{1,12}", item):
            raise BadInput(f"--allow: {item!r} is neither an acronym nor an existing file")
    if not items:
        raise BadInput("--allow: give acronyms separated by commas, or a file")
    return items
