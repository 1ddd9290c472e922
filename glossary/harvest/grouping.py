"""From mined records (one per occurrence) to proposed concepts (one per concept).

Grouping follows the identity rule of ``glossary.forms``: records that share a
Chinese form, or an acronym *and* an English form, are one concept (transitively).
Within one mining run the rule is completed where it cannot fire because a form is
missing: groups that share an acronym join when their Chinese forms (if several) share most
of their characters and their English forms (if several) nest (「數位經濟指導小組（DESG）」,
"Digital Economy Steering Group (DESG)" and "APEC Digital Economy Steering Group (DESG)";
two unrelated names with one acronym may be two different bodies), and groups that share an
English form join when at most one has a Chinese form and at most one has an acronym.

Each concept gets: the most frequent form of each role as preferred (ties: the first
met), the other forms as admitted variants, every occurrence as a citation (doc, line,
section, quote and the form stated on that line), every definition with its citation,
the majority kind, the best confidence and letter agreement per term, and the review
status ``proposed``. Ids are left empty: the caller mints or assigns them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field

from glossary.forms import identity_key
from glossary.harvest.lines import ReportLines
from glossary.harvest.lines import normalise
from glossary.mine.mined import MinedRecord
from glossary.mine.text import has_cjk
from glossary.quotes import quote_around
from glossary.records import EN
from glossary.records import ZH
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Definition
from glossary.records import Term

# How far below a pair's first line a citation may move to find a line stating one of its forms
# (a pair broken across lines starts on one line and states its English on the next).
_FOLLOW_LINES = 3


@dataclass
class Occurrence:
    """A mined record plus the forms it had before any curation correction (for citations)."""

    record: MinedRecord
    original: tuple[str, str, str] = ("", "", "")
    order: int = 0

    def __post_init__(self) -> None:
        if self.original == ("", "", ""):
            self.original = (self.record.zh, self.record.en, self.record.abbr)


@dataclass
class _Group:
    items: list[Occurrence] = field(default_factory=list)

    def keys(self, role: str) -> set[str]:
        return {identity_key(getattr(o.record, role)) for o in self.items if getattr(o.record, role)} - {""}


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        self.parent[max(ra, rb)] = min(ra, rb)
        return True


def records_to_concepts(
    records: Iterable[MinedRecord | Occurrence], lines: ReportLines | None = None
) -> list[Concept]:
    """Group occurrences into proposed concepts, in order of first occurrence.

    ``lines`` (the reports' text) lets citations be checked against their line and
    definition citations get their own section; without it the mined fields are trusted.
    """
    occurrences = [r if isinstance(r, Occurrence) else Occurrence(r) for r in records]
    occurrences = [o for o in occurrences if o.record.zh or o.record.en or o.record.abbr]
    for i, occ in enumerate(occurrences):
        occ.order = i
    groups = _group(occurrences)
    concepts = [_concept(g, lines) for g in groups]
    return [c for c in concepts if c.terms]


def _group(occurrences: list[Occurrence]) -> list[_Group]:
    uf = _UnionFind(len(occurrences))
    first: dict[tuple[str, ...], int] = {}
    for i, occ in enumerate(occurrences):
        r = occ.record
        keys: list[tuple[str, ...]] = []
        if r.zh and identity_key(r.zh):
            keys.append(("zh", identity_key(r.zh)))
        if r.abbr and r.en and identity_key(r.abbr) and identity_key(r.en):
            keys.append(("abbr+en", identity_key(r.abbr), identity_key(r.en)))
        for key in keys:
            if key in first:
                uf.union(first[key], i)
            else:
                first[key] = i
    changed = True
    while changed:
        changed = _join_by_shared_form(
            occurrences, uf, "abbr", lambda gs: _chinese_alike(gs) and _english_nests(gs)
        )
        changed |= _join_by_shared_form(
            occurrences, uf, "en", lambda gs: _at_most_one(gs, "zh") and _at_most_one(gs, "abbr")
        )
    by_root: dict[int, _Group] = {}
    for i, occ in enumerate(occurrences):
        by_root.setdefault(uf.find(i), _Group()).items.append(occ)
    return [by_root[root] for root in sorted(by_root)]


def _at_most_one(groups: list[_Group], role: str) -> bool:
    return sum(1 for g in groups if g.keys(role)) <= 1


def _chinese_alike(groups: list[_Group]) -> bool:
    """At most one group has Chinese, or each pair of groups has Chinese forms sharing most of
    their characters (數位經濟夥伴協定 and 數位經濟夥伴關係協定; not two unrelated names)."""
    with_zh = [g.keys("zh") for g in groups if g.keys("zh")]
    return all(
        any(_char_overlap(a, b) >= 0.6 for a in first for b in second)
        for i, first in enumerate(with_zh)
        for second in with_zh[i + 1 :]
    )


def _char_overlap(a: str, b: str) -> float:
    small, large = sorted((set(a), set(b)), key=len)
    return len(small & large) / len(small) if small else 0.0


def _english_nests(groups: list[_Group]) -> bool:
    """At most one group has English, or each one's English contains or is contained in the others'
    ("APEC Digital Economy Steering Group" and "Digital Economy Steering Group")."""
    with_en = [g.keys("en") for g in groups if g.keys("en")]
    return all(
        any(a in b or b in a for a in first for b in second)
        for i, first in enumerate(with_en)
        for second in with_en[i + 1 :]
    )


def _join_by_shared_form(occurrences: list[Occurrence], uf: _UnionFind, role: str, allowed) -> bool:  # type: ignore[no-untyped-def]
    """Join, pair by pair, the groups that share a form of ``role`` when ``allowed([a, b])``."""
    members: dict[int, _Group] = {}
    for i, occ in enumerate(occurrences):
        members.setdefault(uf.find(i), _Group()).items.append(occ)
    by_key: dict[str, list[int]] = {}
    for root, group in members.items():
        for key in sorted(group.keys(role)):
            by_key.setdefault(key, []).append(root)
    changed = False
    for roots in by_key.values():
        current = sorted({uf.find(r) for r in roots})
        for i, first in enumerate(current):
            for second in current[i + 1 :]:
                a, b = uf.find(first), uf.find(second)
                if a == b or not allowed([members[a], members[b]]):
                    continue
                uf.union(a, b)
                root = uf.find(a)
                joined = _Group(members.pop(a).items + members.pop(b).items)
                members[root] = joined
                changed = True
    return changed


# ---------------------------------------------------------------- one concept


def _ranked_forms(items: list[Occurrence], role: str) -> list[tuple[str, list[Occurrence]]]:
    """Distinct forms of a role (by identity key), most frequent first, each with its occurrences."""
    by_key: dict[str, list[Occurrence]] = {}
    for occ in items:
        text = getattr(occ.record, role)
        if text and identity_key(text):
            by_key.setdefault(identity_key(text), []).append(occ)
    ranked = sorted(by_key.values(), key=lambda occs: (-len(occs), occs[0].order))
    out = []
    for occs in ranked:
        spellings = Counter(getattr(o.record, role) for o in occs)
        text = max(spellings, key=lambda s: (spellings[s], -_first_order(occs, role, s)))
        out.append((text, occs))
    return out


def _first_order(occs: list[Occurrence], role: str, text: str) -> int:
    return min(o.order for o in occs if getattr(o.record, role) == text)


def _concept(group: _Group, lines: ReportLines | None) -> Concept:
    items = sorted(group.items, key=lambda o: o.order)
    terms: list[Term] = []
    for role in ("zh", "en", "abbr"):
        for rank, (text, occs) in enumerate(_ranked_forms(items, role)):
            lang = ZH if role == "zh" or (role != "abbr" and has_cjk(text)) else EN
            agreement = [o.record.letter_agreement for o in occs if o.record.letter_agreement is not None]
            terms.append(
                Term(
                    text=text.strip(),
                    lang=lang,
                    type="acronym" if role == "abbr" else ("fullForm" if rank == 0 else "variant"),
                    status="preferred" if rank == 0 else "admitted",
                    confidence=round(max(o.record.confidence for o in occs), 3),
                    letter_agreement=round(max(agreement), 3) if agreement and role != "zh" else None,
                )
            )
    kinds = Counter(o.record.kind for o in items)
    kind = max(kinds, key=lambda k: (kinds[k], -min(o.order for o in items if o.record.kind == k)))
    return Concept(
        id="",
        kind=kind,
        terms=terms,
        definitions=_definitions(items, lines),
        citations=_citations(items, lines),
        review_status="proposed",
    )


def _citations(items: list[Occurrence], lines: ReportLines | None) -> list[Citation]:
    out: list[Citation] = []
    seen: set[tuple[str, int, str]] = set()
    for occ in items:
        cited = cite_occurrence(occ, lines)
        if cited is None:
            continue
        key = (cited.doc, cited.line, cited.term or "")
        if key not in seen:
            seen.add(key)
            out.append(cited)
    out.sort(key=lambda c: (c.doc, c.line, c.term or ""))
    return out


def cite_occurrence(occ: Occurrence, lines: ReportLines | None) -> Citation | None:
    """The citation of one occurrence: the form of the pair that its line states.

    Without ``lines`` the first mined form is cited as is. With them, the first form
    (zh, en, abbr; then the forms as mined before a correction) found on the record's
    line, else on one of the next few lines; None when no line states any form.
    """
    r = occ.record
    forms = [f for f in (r.zh, r.en, r.abbr, *occ.original) if f]
    if lines is None or not lines.has_doc(r.doc):
        return Citation(
            doc=r.doc, line=r.line, section=r.section.strip(), quote=r.quote.strip(), term=forms[0]
        )
    for line in range(r.line, min(r.line + _FOLLOW_LINES, lines.line_count(r.doc)) + 1):
        for form in forms:
            if lines.states(r.doc, line, form):
                same = line == r.line
                return Citation(
                    doc=r.doc,
                    line=line,
                    section=(r.section if same else lines.section(r.doc, line)).strip(),
                    quote=(r.quote if same and r.quote else lines.clause(r.doc, line, form)).strip(),
                    term=form,
                )
    return None


def _definitions(items: list[Occurrence], lines: ReportLines | None) -> list[Definition]:
    out: list[Definition] = []
    seen: set[str] = set()
    forms = {f for o in items for f in (o.record.zh, o.record.en, o.record.abbr) if f}
    for occ in items:
        r = occ.record
        text = r.definition.strip()
        if not text or normalise(text) in seen:
            continue
        seen.add(normalise(text))
        citation = None
        if r.definition_line:
            line = r.definition_line
            term = None
            section = r.section
            quote = quote_around(text, 0, 0)
            if lines is not None and lines.has_doc(r.doc):
                section = lines.section(r.doc, line)
                term = next(
                    (f for f in sorted(forms, key=lambda f: (-len(f), f)) if lines.states(r.doc, line, f)),
                    None,
                )
                quote = lines.clause(r.doc, line, term or "")
            citation = Citation(doc=r.doc, line=line, section=section.strip(), quote=quote.strip(), term=term)
        out.append(Definition(text=text, lang=ZH if has_cjk(text) else EN, citation=citation))
    return out
