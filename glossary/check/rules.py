"""The finding rules: a draft's definitions and acronyms against the glossary and against itself.

Glossary rules (:func:`glossary_findings`, :func:`deprecated_findings`) give
``deprecated_form``, ``mismatched_pair``, ``wrong_acronym``, ``misspelled_expansion``,
``wrong_expansion`` and ``letters_mismatch``; document rules (:func:`document_findings`)
give ``defined_inconsistently``, ``used_before_definition`` and ``undefined``. Every rule
errs on the side of silence: forms that differ only in case, width, hyphens, spelling
variety, number or a country/parent-body prefix are the same form.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from glossary.check.acronym_tokens import AllowList
from glossary.check.acronym_tokens import Token
from glossary.check.compare import MISSPELLED
from glossary.check.compare import acronym_key
from glossary.check.compare import en_key
from glossary.check.compare import expansion_difference
from glossary.check.compare import same_expansion
from glossary.check.compare import strip_qualifiers
from glossary.check.compare import word_overlap
from glossary.check.defined_acronyms import Definition
from glossary.check.defined_acronyms import Part
from glossary.check.findings import Finding
from glossary.check.findings import Suggestion
from glossary.check.knowledge import Knowledge
from glossary.check.knowledge import acronyms_of
from glossary.check.knowledge import active_concepts
from glossary.check.knowledge import en_forms
from glossary.check.knowledge import preferred
from glossary.check.knowledge import zh_core
from glossary.check.knowledge import zh_norm
from glossary.forms import is_chinese
from glossary.mine.acronyms import find_long_form
from glossary.mine.acronyms import letter_agreement
from glossary.mine.text import Flat
from glossary.notices import form_notice
from glossary.records import Concept
from glossary.records import Term

# ---------------------------------------------------------------- helpers


def _citation(concept: Concept) -> dict | None:
    for definition in concept.definitions:
        if definition.citation is not None:
            return definition.citation.to_dict()
    return concept.citations[0].to_dict() if concept.citations else None


def suggest(concept: Concept, text: str) -> Suggestion:
    return Suggestion(text=text, concept_id=concept.id, citation=_citation(concept))


def name_of(concept: Concept) -> str:
    """'數位經濟指導小組 (Digital Economy Steering Group, DESG)' for messages."""
    zh, en, abbr = preferred(concept, "zh"), preferred(concept, "en"), preferred(concept, "acronym")
    inner = ", ".join(t.text for t in (en, abbr) if t is not None)
    if zh is not None:
        return f"{zh.text} ({inner})" if inner else zh.text
    return inner or concept.id


def full_definition(concept: Concept, chinese: bool) -> str | None:
    zh, en, abbr = preferred(concept, "zh"), preferred(concept, "en"), preferred(concept, "acronym")
    if abbr is None:
        return None
    if chinese and zh is not None:
        inner = f"{en.text}, {abbr.text}" if en is not None else abbr.text
        return f"{zh.text}（{inner}）"
    if en is not None:
        return f"{en.text} ({abbr.text})"
    return None


def letters_fit(abbr: str, expansion: str) -> bool:
    """Can the acronym's letters come from the expansion (Schwartz–Hearst)? Digits: assume so."""
    if any(c.isdigit() for c in abbr):
        return True
    return find_long_form(abbr, expansion) is not None and letter_agreement(abbr, expansion) >= 0.5


def _narrower(abbr: str, concepts: Iterable[Concept]) -> bool:
    """XAI beside a name the glossary gives AI: a narrower concept built on it, not an error."""
    key = acronym_key(abbr)
    for concept in concepts:
        for term in acronyms_of(concept):
            other = acronym_key(term.text)
            if other != key and (key.endswith(other) or key.startswith(other) or other in key):
                return True
    return False


def _chinese_concepts(k: Knowledge, d: Definition) -> dict[str, Concept]:
    if d.zh is None:
        return {}
    found = active_concepts(k.chinese(d.zh.text))
    if not found and d.run and zh_norm(d.run).endswith(zh_norm(d.zh.text)):
        # the miner's left boundary may have cut too short: try the longer tails of the run
        run = zh_norm(d.run)
        for i in range(len(run) - len(zh_norm(d.zh.text)) - 1, -1, -1):
            tail = run[i:]
            if len(tail) > 24:
                break
            hits = active_concepts(k.by_zh.get(tail, []))
            if hits:
                found = hits
    return found


# ---------------------------------------------------------------- glossary rules


def glossary_findings(definitions: list[Definition], k: Knowledge) -> list[Finding]:
    out: list[Finding] = []
    for d in definitions:
        out.extend(_judge(d, k))
    return out


def _judge(d: Definition, k: Knowledge) -> list[Finding]:
    out: list[Finding] = []
    a = d.abbr.text
    a_forms = k.acronym(a)
    by_acronym = active_concepts(a_forms)
    by_zh = _chinese_concepts(k, d)
    by_en = active_concepts(k.english(d.en.text)) if d.en else {}
    named = {**by_zh, **by_en}

    def add(kind: str, part, message: str, suggestion: Suggestion | None) -> None:  # type: ignore[no-untyped-def]
        out.append(Finding(kind, part.start, part.end, a, message, suggestion, group=d.span))

    # deprecated acronym in a definition
    for form in a_forms:
        if form.active or (by_acronym and form.concept.id not in named):
            continue
        better = preferred(form.concept, "acronym")
        note = _why(form.concept, form.term)
        add(
            "deprecated_form",
            d.abbr,
            f"{a} is a deprecated form; use {better.text if better else name_of(form.concept)}{note}",
            suggest(form.concept, better.text) if better else None,
        )
        break
    for part, lookup in ((d.zh, k.chinese), (d.en, k.english)):
        if part is None:
            continue
        forms = lookup(part.text)
        if forms and not any(f.active for f in forms):
            concept = forms[0].concept
            better = _replacement(concept, "zh" if part is d.zh else "en")
            if better is not None:
                add(
                    "deprecated_form",
                    part,
                    f"{part.text} is a deprecated form; use {better.text}{_why(concept, forms[0].term)}",
                    suggest(concept, better.text),
                )

    if _narrower(a, named.values()):
        return out

    # a Chinese name paired with another concept's acronym
    if by_zh and by_acronym and not (by_zh.keys() & by_acronym.keys()):
        concept = next(iter(by_zh.values()))
        own = preferred(concept, "acronym")
        other = next(iter(by_acronym.values()))
        zh_text = d.zh.text if d.zh is not None else ""  # by_zh is only filled from d.zh
        message = f"{a} is the acronym of {name_of(other)}, not of {zh_text}"
        other_zh = preferred(other, "zh")
        suggestion: Suggestion | None
        if own:
            suggestion = suggest(concept, own.text)
        else:
            suggestion = suggest(other, other_zh.text) if other_zh else None
        add("mismatched_pair", d.abbr, message, suggestion)

    # a known name given another acronym
    if named and not (named.keys() & by_acronym.keys()):
        with_acronym = [c for c in named.values() if acronyms_of(c)]
        if with_acronym:
            concept = with_acronym[0]
            own = preferred(concept, "acronym")
            if d.zh is not None and concept.id in by_zh:
                name = d.zh.text
            else:
                name = d.en.text if d.en is not None else ""
            if own is not None:  # with_acronym: every concept here has one
                add(
                    "wrong_acronym",
                    d.abbr,
                    f"the glossary's acronym for {name} is {own.text}, not {a}",
                    suggest(concept, own.text),
                )

    # a known acronym with an expansion the glossary does not have
    if d.en is not None and by_acronym and not (by_en.keys() & by_acronym.keys()) and not by_en:
        out.extend(_expansion(d, k, by_acronym, by_zh))

    # an unknown pair whose letters do not fit
    knows_one = any(acronyms_of(c) for c in named.values())  # then wrong_acronym speaks
    unknown = not by_acronym and not knows_one and not a_forms
    if d.en is not None and unknown and not letters_fit(a, d.en.text):
        add("letters_mismatch", d.abbr, f"the letters of {a} do not come from {d.en.text}", None)
    return out


def _expansion(
    d: Definition, k: Knowledge, by_acronym: dict[str, Concept], by_zh: dict[str, Concept]
) -> list[Finding]:
    assert d.en is not None  # the caller asks only for a definition with an English part
    en = d.en
    written = en.text
    candidates = [(c, t) for c in by_acronym.values() for t in en_forms(c)]
    if not candidates or any(same_expansion(written, t.text) for _, t in candidates):
        return []
    confirmed = bool(by_zh.keys() & by_acronym.keys())
    a = d.abbr.text
    for concept, term in candidates:
        if expansion_difference(written, term.text) == MISSPELLED:
            return [
                Finding(
                    "misspelled_expansion",
                    en.start,
                    en.end,
                    a,
                    f"{written} looks like a misspelling of {term.text} ({a})",
                    suggest(concept, term.text),
                    group=d.span,
                )
            ]
    concept, term = max(candidates, key=lambda ct: word_overlap(written, ct[1].text))
    overlap = word_overlap(written, term.text)
    if not (confirmed or overlap >= 0.5 or not letters_fit(a, written)):
        return []  # another concept that happens to share the acronym
    best = preferred(concept, "en") or term
    return [
        Finding(
            "wrong_expansion",
            en.start,
            en.end,
            a,
            f"the glossary expands {a} as {best.text}, not {written}",
            suggest(concept, best.text),
            group=d.span,
        )
    ]


def deprecated_findings(flat: Flat, tokens: list[tuple[int, Token]], k: Knowledge) -> list[Finding]:
    """Deprecated acronyms used bare, and deprecated Chinese/English names anywhere in the text."""
    out: list[Finding] = []
    for base, tok in tokens:
        forms = k.acronym(tok.text)
        if forms and not any(f.active for f in forms):
            concept = forms[0].concept
            better = preferred(concept, "acronym")
            if better is not None:
                note = _why(concept, forms[0].term)
                out.append(
                    Finding(
                        "deprecated_form",
                        base + tok.start,
                        base + tok.end,
                        tok.text,
                        f"{tok.text} is a deprecated form of {better.text}{note}",
                        suggest(concept, better.text),
                    )
                )
    active_texts = [
        (f.term.text, f.term.lang)
        for fs in (k.by_zh, k.by_en)
        for group in fs.values()
        for f in group
        if f.active
    ]
    for form in k.deprecated:
        term = form.term
        if term.type in ("acronym", "abbreviation"):
            continue
        zh = is_chinese(term.lang)
        text = term.text.strip()
        if (zh and len(zh_norm(text)) < 3) or (not zh and len(text.split()) < 2):
            continue
        lookup = k.chinese if zh else k.english
        if any(f.active for f in lookup(text)):
            continue  # also an active form of some concept
        better = _replacement(form.concept, "zh" if zh else "en")
        if better is None:
            continue
        pattern = _form_pattern(text, zh)
        longer = [
            t
            for t, lang in active_texts
            if is_chinese(lang) == zh and len(t) > len(text) and _norm_in(text, t, zh)
        ]
        for n, cl in enumerate(flat.clean):
            for m in pattern.finditer(cl.text):
                if any(_covers(cl.text, other, m.start(), m.end(), zh) for other in longer):
                    continue
                base = flat.starts[n]
                out.append(
                    Finding(
                        "deprecated_form",
                        base + m.start(),
                        base + m.end(),
                        None,
                        f"{m.group(0)} is a deprecated form; use {better.text}{_why(form.concept, term)}",
                        suggest(form.concept, better.text),
                    )
                )
    return out


def _why(concept: Concept, term: Term) -> str:
    """`` (where the reports write it)`` for a deprecated form's message; the term's note is the
    curator's and is not shown to users."""
    notice = form_notice(term.text, term.status, concept.citations)
    return f" ({notice})" if notice else ""


def _replacement(concept: Concept, kind: str):  # type: ignore[no-untyped-def]
    """The form to use instead of a deprecated one: same kind first, else any active name."""
    for k in (kind, "en" if kind == "zh" else "zh", "acronym"):
        better = preferred(concept, k)
        if better is not None:
            return better
    return None


def _form_pattern(text: str, zh: bool) -> re.Pattern[str]:
    parts = [re.escape(p) for p in text.split()]
    if zh:
        return re.compile(r"\s*".join(re.escape(c) for c in "".join(text.split())))
    return re.compile(r"(?<![A-Za-z0-9])" + r"[\s\-]+".join(parts) + r"(?![A-Za-z0-9])", re.I)


def _norm_in(short: str, long: str, zh: bool) -> bool:
    return zh_norm(short) in zh_norm(long) if zh else short.casefold() in long.casefold()


def _covers(line: str, other: str, start: int, end: int, zh: bool) -> bool:
    return any(m.start() <= start and end <= m.end() for m in _form_pattern(other, zh).finditer(line))


# ---------------------------------------------------------------- document rules


def _zh_differs(a: str, b: str) -> bool:
    na, nb = zh_norm(a), zh_norm(b)
    return not (na == nb or zh_core(a) == zh_core(b) or na.endswith(nb) or nb.endswith(na))


def _same_concept(k: Knowledge, a: Definition, b: Definition) -> bool:
    """Both definitions name the same glossary concept (so the glossary admits both forms)."""

    def concepts(d: Definition) -> set[str]:
        found = set(active_concepts(k.acronym(d.abbr.text)))
        names = set()
        if d.zh is not None:
            names |= set(active_concepts(k.chinese(d.zh.text)))
        if d.en is not None:
            names |= set(active_concepts(k.english(d.en.text)))
        return names or found

    return bool(concepts(a) & concepts(b))


def document_findings(
    flat: Flat,
    definitions: list[Definition],
    loose: dict[str, list[tuple[int, int]]],
    tokens: list[tuple[int, Token]],
    k: Knowledge,
    allow: AllowList,
) -> list[Finding]:
    out: list[Finding] = []
    first: dict[str, Definition] = {}
    by_name: dict[str, Definition] = {}
    for d in definitions:
        earlier = first.get(d.key)
        if earlier is None:
            first[d.key] = d
        else:
            out.extend(_inconsistent(d, earlier, k))
        for name in _names(d):
            other = by_name.get(name)
            if other is None:
                by_name[name] = d
            elif other.key != d.key and not _both_admitted(k, d.abbr.text, other.abbr.text):
                written = (
                    d.zh.text if d.zh is not None and name.startswith("zh:") else d.en.text if d.en else ""
                )
                out.append(
                    Finding(
                        "defined_inconsistently",
                        d.abbr.start,
                        d.abbr.end,
                        d.abbr.text,
                        f"{written} is given the acronym {d.abbr.text} here but {other.abbr.text} "
                        f"on line {other.line}",
                        Suggestion(other.abbr.text),
                        group=d.span,
                    )
                )

    defined_at: dict[str, int] = {}
    defining: set[tuple[int, int]] = set()
    for d in definitions:
        defined_at.setdefault(d.key, d.abbr.start)
        defining.add((d.abbr.start, d.abbr.end))
    for key, spans in loose.items():
        for span in spans:
            defining.add(span)
            defined_at[key] = min(defined_at.get(key, span[0]), span[0])
    reported: set[str] = set()
    for base, tok in tokens:
        start, end = base + tok.start, base + tok.end
        key = acronym_key(tok.text)
        if (start, end) in defining or key in reported or _toc_line(flat, start):
            continue
        at = defined_at.get(key)
        if at is None and key.rstrip("0123456789") != key:
            at = defined_at.get(key.rstrip("0123456789"))  # SOM1, SOM2 after 資深官員會議（SOM）
        if at is None:
            numbered = [
                v for kk, v in defined_at.items() if kk.rstrip("0123456789") == key.rstrip("0123456789")
            ]
            at = min(numbered) if numbered else None  # SOM1 after 資深官員會議（SOM3）
        if at is not None:
            if tok.text in allow:
                continue
            line, def_line = flat.line_of(start), flat.line_of(at)
            if line < def_line:
                reported.add(key)
                out.append(
                    Finding(
                        "used_before_definition",
                        start,
                        end,
                        tok.text,
                        f"{tok.text} is used before its definition on line {def_line}",
                        _definition_suggestion(definitions, key),
                    )
                )
            continue
        if tok.text in allow:
            continue
        reported.add(key)
        chinese = bool(re.search(r"[\u4e00-\u9fff]", flat.clean[flat.line_of(start) - 1].text))
        suggestion = None
        for concept in active_concepts(k.acronym(tok.text)).values():
            text = full_definition(concept, chinese)
            if text:
                suggestion = suggest(concept, text)
                break
        message = f"{tok.text} is used but never defined"
        if suggestion is not None:
            message += f"; the glossary has {suggestion.text}"
        out.append(Finding("undefined", start, end, tok.text, message, suggestion))
    return out


_TOC = re.compile(r"(?:\.{4,}|…{2,}|\s\.{2,})\s*\d+\s*$")


def _toc_line(flat: Flat, offset: int) -> bool:
    """A table-of-contents line (leader dots and a page number): names are not defined there."""
    line = flat.plain_lines[flat.line_of(offset) - 1]
    return bool(_TOC.search(line, max(0, len(line) - 200)))  # the end is enough: linear, not quadratic


def _definition_suggestion(definitions: list[Definition], key: str) -> Suggestion | None:
    for d in definitions:
        if d.key == key:
            parts = [p.text for p in (d.zh, d.en) if p is not None]
            return Suggestion(f"{' '.join(parts)} ({d.abbr.text})" if parts else d.abbr.text)
    return None


def _names(d: Definition) -> list[str]:
    names = []
    if d.zh is not None and len(zh_norm(d.zh.text)) >= 3:
        names.append("zh:" + zh_core(d.zh.text))
    if d.en is not None and len(d.en.text.split()) >= 2:
        names.append("en:" + strip_qualifiers(en_key(d.en.text)))
    return names


def _both_admitted(k: Knowledge, a: str, b: str) -> bool:
    """Two acronyms the glossary gives the same concept."""
    return bool(active_concepts(k.acronym(a)).keys() & active_concepts(k.acronym(b)).keys())


def _spelled_out(text: str, k: Knowledge) -> str:
    """'Global Partnership on AI' -> 'Global Partnership on Artificial Intelligence' (known acronyms)."""

    def expand(m: re.Match[str]) -> str:
        for concept in active_concepts(k.acronym(m.group(0))).values():
            en = preferred(concept, "en")
            if en is not None:
                return en.text
        return m.group(0)

    return re.sub(r"\b[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*\b", expand, text)


def _inconsistent(d: Definition, earlier: Definition, k: Knowledge) -> list[Finding]:
    """The later of two definitions of one acronym that disagree (both forms admitted: quiet)."""
    if d.en is not None and earlier.en is not None and _typo_corrected(k, d, earlier):
        return []  # the earlier one is a misspelling of the glossary's form (reported there)
    en_differs = (
        d.en is not None
        and earlier.en is not None
        and not same_expansion(d.en.text, earlier.en.text)
        and not same_expansion(_spelled_out(d.en.text, k), _spelled_out(earlier.en.text, k))
    )
    if en_differs and not (
        _same_concept(k, d, earlier) and k.english(d.en.text) and k.english(earlier.en.text)  # type: ignore[union-attr]
    ):
        return [_inconsistency(d, d.en, earlier.en, earlier.line)]  # type: ignore[arg-type]
    zh, before = _zh_name(k, d), _zh_name(k, earlier)
    if zh is None or before is None or d.zh is None or earlier.zh is None:
        return []
    if _zh_differs(zh, before) and not (k.chinese(zh) and k.chinese(before) and _same_concept(k, d, earlier)):
        return [_inconsistency(d, d.zh, earlier.zh, earlier.line)]
    return []


def _zh_name(k: Knowledge, d: Definition) -> str | None:
    """The definition's Chinese name, lengthened to the glossary name its run ends with when the
    miner's left boundary cut it short (以自然為本的解決方案, not 解決方案)."""
    if d.zh is None:
        return None
    zh, run = zh_norm(d.zh.text), zh_norm(d.run)
    if not run.endswith(zh):
        return d.zh.text
    longest = d.zh.text
    for i in range(len(run) - len(zh) - 1, max(-1, len(run) - 25), -1):
        if any(f.active for f in k.by_zh.get(run[i:], [])):
            longest = run[i:]
    return longest


def _typo_corrected(k: Knowledge, d: Definition, earlier: Definition) -> bool:
    """The later definition is the glossary's form and the earlier one a misspelling of it."""
    later = set(active_concepts(k.english(d.en.text))) & set(active_concepts(k.acronym(d.abbr.text)))  # type: ignore[union-attr]
    return bool(later) and expansion_difference(earlier.en.text, d.en.text) == MISSPELLED  # type: ignore[union-attr]


def _inconsistency(d: Definition, part: Part, before: Part, line: int) -> Finding:
    return Finding(
        "defined_inconsistently",
        part.start,
        part.end,
        d.abbr.text,
        f"{d.abbr.text} is defined as {part.text} here but as {before.text} on line {line}",
        Suggestion(before.text),
        group=d.span,
    )
