"""The miner: runs every pattern over a set of documents and builds one record per occurrence.

All documents are cleaned first so that a rule can consult the whole document set
(how often a shorter form of a term occurs elsewhere, whether two English words
occur together elsewhere). ``mine_paths`` reads files, reports each bad one through
``on_error`` and mines the others.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from glossary.errors import BadInput
from glossary.mine.apposition import Evidence
from glossary.mine.apposition import apposition_candidates
from glossary.mine.definitions import sentence_definition
from glossary.mine.footnotes import bare_marker_before
from glossary.mine.footnotes import footnote_bodies
from glossary.mine.footnotes import heads_body
from glossary.mine.footnotes import marker_after
from glossary.mine.footnotes import marker_before
from glossary.mine.kinds import classify
from glossary.mine.kinds import person_name
from glossary.mine.mined import MinedRecord
from glossary.mine.pagebreak import footnote_continuations
from glossary.mine.pagebreak import join_candidates
from glossary.mine.pairs import Corpus
from glossary.mine.pairs import pair_candidates
from glossary.mine.pairs import variety_in
from glossary.mine.patterns import Candidate
from glossary.mine.sections import section_paths
from glossary.mine.text import Flat
from glossary.mine.text import unfurnished
from glossary.progress import NO_PROGRESS
from glossary.progress import Progress
from glossary.quotes import quote_around
from glossary.reader import Document
from glossary.reader import iter_documents
from glossary.reader import read_document


def mine_documents(docs: Iterable[Document]) -> list[MinedRecord]:
    """Mine bilingual pairs from documents; one record per occurrence, in document order."""
    docs = list(docs)
    flats = [Flat(doc.lines) for doc in docs]
    corpus = Corpus(flats)
    per_doc = [_candidates(flat, corpus) for flat in flats]
    _apply_known_forms(per_doc)
    evidence = Evidence.of(c for cands in per_doc for c in cands)
    for flat, cands in zip(flats, per_doc, strict=True):
        cands += apposition_candidates(flat, evidence)
    records: list[MinedRecord] = []
    for doc, flat, candidates in zip(docs, flats, per_doc, strict=True):
        records.extend(_records(doc, flat, candidates))
    return records


def _candidates(flat: Flat, corpus: Corpus) -> list[Candidate]:
    candidates = pair_candidates(flat, corpus.count, variety_in(flat.text))
    joined = join_candidates(flat, corpus.count, _quote)
    if joined:  # a pair cut by a page break replaces the half the line-based rules found
        ends = {c.end for c in joined}
        candidates = [c for c in candidates if c.end not in ends] + joined
    return _short_forms(_without_subsumed(candidates))


def _short_forms(candidates: list[Candidate]) -> list[Candidate]:
    """English in a bracket that the document gives elsewhere as the same Chinese name's short
    form (人工智慧法（…，下稱AI Act） … 《人工智慧法》（AI Act）) is that short form again."""
    short = {(c.zh, c.abbr.lower()) for c in candidates if c.zh and c.abbr and c.en}
    for c in candidates:
        if c.en and not c.abbr and (c.zh, c.en.lower()) in short:
            c.en, c.abbr = "", c.en
    return candidates


def _without_subsumed(candidates: list[Candidate]) -> list[Candidate]:
    """Leave out a pair without Chinese that a fuller pair over the same text holds: a table row's
    Chinese, English and acronym make (…, Development Steering Group, DSG) from its bracket alone
    redundant (and a cut English)."""
    full = [c for c in candidates if c.zh and c.en and c.abbr]
    return [
        c
        for c in candidates
        if c.zh
        or not c.en
        or not any(
            d.abbr.lower() == c.abbr.lower()
            and c.en.lower() in d.en.lower()
            and d.start <= c.start < d.end
            for d in full
        )
    ]


def _apply_known_forms(per_doc: list[list[Candidate]]) -> None:
    """Evidence from the term's other occurrences: when the Chinese run before ``（OECD）`` ends
    with a form that another pair gives for OECD (經濟合作暨發展組織) and that is longer than the
    cut the rules made (發展組織), take that form."""
    known: dict[str, set[str]] = {}
    for cands in per_doc:
        for c in cands:
            if c.zh and " " not in c.zh and c.confidence >= 0.75:
                for k in (c.abbr.lower(), c.en.lower()):
                    if k:
                        known.setdefault(k, set()).add(c.zh)
    for cands in per_doc:
        for c in cands:
            if not c.run:
                continue
            forms = known.get(c.abbr.lower(), set()) | known.get(c.en.lower(), set())
            best = c.zh
            for z in forms:
                if len(z) > len(best) and c.run.endswith(z) and z.endswith(c.zh):
                    best = z
            if best != c.zh:
                c.start = c.run_start + len(c.run) - len(best)
                c.zh = best


def _records(doc: Document, flat: Flat, candidates: list[Candidate]) -> list[MinedRecord]:
    sections = section_paths(flat)
    notes = footnote_continuations(flat, footnote_bodies(flat))
    seen: set[tuple[int, str, str, str]] = set()
    out: list[MinedRecord] = []
    for cand in sorted(candidates, key=lambda c: (c.start, -c.confidence)):
        line = flat.line_of(cand.start)
        key = (line, cand.zh, cand.en.lower(), cand.abbr.lower())
        if key in seen:
            continue
        seen.add(key)
        definition, definition_line = _definition(flat, cand, notes, line)
        kind = classify(cand.zh, cand.en, cand.abbr)
        out.append(
            MinedRecord(
                doc=doc.name,
                line=line,
                zh=person_name(cand.zh, cand.en) if kind == "person" else cand.zh,
                en=cand.en,
                abbr=cand.abbr,
                kind=kind,
                definition=definition or "",
                definition_line=definition_line,
                section=sections[line - 1] if line - 1 < len(sections) else "",
                quote=cand.quote or _quote(flat.text, cand.start, cand.end),
                confidence=cand.confidence,
                letter_agreement=cand.agreement,
                pattern=cand.pattern,
            )
        )
    out.sort(key=lambda r: r.line)
    return out


def _definition(flat: Flat, cand: Candidate, notes: dict[str, tuple[int, str]], line: int) -> Any:
    """A footnote body goes only to the term carrying its marker (or, in the body itself, to
    a pair that opens it); other pairs inside a body keep only a 「X 是…」 sentence of their own."""
    number = None
    if cand.mark_at is not None:
        number = (
            marker_before(flat, cand.mark_at)
            or marker_after(flat, cand.end)
            or bare_marker_before(flat, cand.mark_at, notes)
        )
    if number and number in notes:
        body_line, body = notes[number]
        if body_line != line:
            return body[:300], body_line
    own = flat.clean[line - 1].footnote
    if own and own in notes and notes[own][0] == line and heads_body(flat, cand.start):
        return notes[own][1][:300], line
    if number is None and not own:
        for body_line, body in notes.values():  # a body below that opens on the pair: SAF係指…
            if body_line > line and _opens_on(body, cand):
                return body[:300], body_line
    sentence = sentence_definition(flat.text, cand.start, cand.end)
    if sentence:
        return sentence, line
    return None, None


_COPULA = ("係指", "是指", "意指", "指", "係", "為", "是")


def _opens_on(body: str, cand: Candidate) -> bool:
    """Whether a footnote body opens with the pair's Chinese or acronym and a copula (SAF係指…,
    長期理想目標是指…): it defines that pair, marker or not."""
    return any(
        form and body.startswith(form) and body[len(form) :].lstrip().startswith(_COPULA)
        for form in (cand.zh, cand.abbr)
    )


def _quote(text: str, start: int, end: int) -> str:
    """The clause around the pair, at most ~120 characters, without markup."""
    return unfurnished(quote_around(text, start, end))


ErrorCallback = Callable[[str, BadInput], None]


def mine_paths(
    paths: Iterable[str | Path], on_error: ErrorCallback | None = None, progress: Progress = NO_PROGRESS
) -> tuple[list[MinedRecord], list[tuple[str, str]]]:
    """Read and mine files and directories.

    Returns (records, failures) where failures lists (path, message) for every file that
    could not be read; ``on_error(path, exc)`` is called for each as it happens. Two inputs
    with the same base name raise BadInput (the ``doc`` column would be ambiguous).
    ``progress`` is told of every file read.
    """
    files = list(iter_documents(paths))
    docs: list[Document] = []
    failures: list[tuple[str, str]] = []
    progress.start(len(files), "files", "reading")
    for f in files:
        try:
            docs.append(read_document(f))
        except BadInput as exc:
            failures.append((str(f), str(exc)))
            if on_error:
                on_error(str(f), exc)
        progress.advance()
    progress.start(None, "documents", "mining")
    return mine_documents(docs), failures
