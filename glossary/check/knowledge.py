"""What the glossary knows, indexed for checking: acronyms, English and Chinese names, deprecated forms.

Built once per store revision from ``Store.all_concepts()``. A Chinese name in a draft
matches a glossary name when they are equal after NFKC and space removal, or equal once a
country or parent-body prefix is set aside (美國國家標準暨技術研究院 = 國家標準暨技術研究院,
APEC 企業諮詢委員會 = 企業諮詢委員會). English names match by :func:`~glossary.check.compare.en_key`.
Only reviewed knowledge gives verdicts: proposed concepts and proposed forms are left out.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field

from glossary.check.compare import acronym_key
from glossary.check.compare import en_key
from glossary.check.compare import strip_qualifiers
from glossary.forms import ZH_PLACE_PREFIXES
from glossary.forms import is_acronym
from glossary.forms import is_chinese
from glossary.records import Concept
from glossary.records import Term

INACTIVE = ("deprecated", "superseded")

_ASCII_PREFIX = re.compile(r"^[A-Za-z][A-Za-z0-9&\-]{1,9}\s*")


def zh_norm(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


def zh_core(text: str) -> str:
    """The name without leading place or parent-body prefixes."""
    s = zh_norm(text)
    for _ in range(3):
        m = _ASCII_PREFIX.match(s)
        if m and len(s) - m.end() >= 2:
            s = s[m.end() :]
            continue
        for prefix in ZH_PLACE_PREFIXES:
            if s.startswith(prefix) and len(s) - len(prefix) >= 2:
                s = s[len(prefix) :]
                break
        else:
            break
    return s


@dataclass
class Form:
    concept: Concept
    term: Term

    @property
    def active(self) -> bool:
        return self.term.status not in INACTIVE


@dataclass
class Knowledge:
    """Indexes over the glossary's concepts."""

    concepts: list[Concept] = field(default_factory=list)
    by_acronym: dict[str, list[Form]] = field(default_factory=dict)
    by_en: dict[str, list[Form]] = field(default_factory=dict)
    by_zh: dict[str, list[Form]] = field(default_factory=dict)
    deprecated: list[Form] = field(default_factory=list)

    @classmethod
    def build(cls, concepts: Iterable[Concept]) -> Knowledge:
        k = cls()
        for concept in concepts:
            if concept.review_status == "proposed":
                continue  # unreviewed: no verdict rests on it
            k.concepts.append(concept)
            for term in concept.terms:
                if term.status == "proposed":
                    continue
                form = Form(concept, term)
                if not form.active:
                    k.deprecated.append(form)
                if term.type == "acronym" or (term.type == "abbreviation" and is_acronym(term.text)):
                    k.by_acronym.setdefault(acronym_key(term.text), []).append(form)
                elif is_chinese(term.lang):
                    for key in {zh_norm(term.text), zh_core(term.text)}:
                        k.by_zh.setdefault(key, []).append(form)
                else:
                    for key in {en_key(term.text), strip_qualifiers(en_key(term.text))}:
                        k.by_en.setdefault(key, []).append(form)
        return k

    # -- lookups: each returns the matching forms (active and inactive)

    def acronym(self, token: str) -> list[Form]:
        return self.by_acronym.get(acronym_key(token), [])

    def english(self, text: str) -> list[Form]:
        key = en_key(text)
        return self.by_en.get(key) or self.by_en.get(strip_qualifiers(key), [])

    def chinese(self, text: str) -> list[Form]:
        return self.by_zh.get(zh_norm(text)) or self.by_zh.get(zh_core(text), [])

    def knows_chinese(self, text: str) -> bool:
        """Whether ``text`` is a Chinese form of the glossary (or one without its place prefix)."""
        return zh_norm(text) in self.by_zh

    def chinese_length(self, en: str | None, abbr: str | None) -> int | None:
        """Characters of the longest active Chinese name of the concepts with this acronym (or
        else this English name), or None when the glossary knows neither."""
        forms = (self.acronym(abbr) if abbr else []) or (self.english(en) if en else [])
        lengths = [
            len(zh_norm(t.text))
            for f in forms
            if f.active
            for t in f.concept.terms
            if is_chinese(t.lang) and t.status not in INACTIVE
        ]
        return max(lengths) if lengths else None

    def vocabulary(self) -> set[str]:
        """Lower-cased words of the glossary's English names."""
        if not hasattr(self, "_vocabulary"):
            self._vocabulary = {w.lower() for key in self.by_en for w in key.split() if len(w) >= 3}
        return self._vocabulary


def active_concepts(forms: Iterable[Form]) -> dict[str, Concept]:
    return {f.concept.id: f.concept for f in forms if f.active}


def acronyms_of(concept: Concept, active: bool = True) -> list[Term]:
    return [
        t
        for t in concept.terms
        if (t.type == "acronym" or (t.type == "abbreviation" and is_acronym(t.text)))
        and (not active or t.status not in INACTIVE)
    ]


def en_forms(concept: Concept) -> list[Term]:
    return [
        t
        for t in concept.terms
        if not is_chinese(t.lang) and t.type not in ("acronym", "abbreviation") and t.status not in INACTIVE
    ]


def preferred(concept: Concept, kind: str) -> Term | None:
    """The preferred (else first active) term of a kind: 'zh', 'en' or 'acronym'."""
    if kind == "acronym":
        terms = acronyms_of(concept)
    elif kind == "zh":
        terms = [t for t in concept.terms if is_chinese(t.lang) and t.status not in INACTIVE]
    else:
        terms = en_forms(concept)
    for t in terms:
        if t.status == "preferred":
            return t
    return terms[0] if terms else None


KNOWLEDGE_FORMAT = 1  # of the pickled Knowledge in the start-up cache


def open_knowledge(url: str | None = None) -> Knowledge:
    """The indexes of the configured glossary (or ``url``) for a one-shot ``glossary check``:
    from the start-up cache when current (no SQLAlchemy), else read from the database."""
    from glossary.startup_cache import load_or_build

    return load_or_build("check", KNOWLEDGE_FORMAT, Knowledge, url, _read_knowledge)


def _read_knowledge(url: str) -> tuple[Knowledge, tuple[str, int] | None]:
    from glossary.location import sqlite_file
    from glossary.service import open_store  # lazy: only when the start-up cache cannot answer
    from glossary.startup_cache import sqlite_state

    with open_store(url) as store:
        file = sqlite_file(url)
        before = sqlite_state(file) if file is not None else None  # read first: older, never newer
        return Knowledge.build(store.all_concepts()), before


_CACHE: dict[tuple[str, int], Knowledge] = {}
_LOCK = threading.Lock()


def knowledge_for(store) -> Knowledge:  # type: ignore[no-untyped-def]
    """The index of a store's glossary, cached per database and revision."""
    key = (store.url, store.revision())
    with _LOCK:
        found = _CACHE.get(key)
    if found is None:
        found = Knowledge.build(store.all_concepts())
        with _LOCK:
            _CACHE.clear()
            _CACHE[key] = found
    return found
