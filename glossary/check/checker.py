"""Checking one document: read its definitions and acronyms, apply the rules, place the findings.

:func:`check_lines` is the pure core (lines + glossary index -> findings);
:func:`check_document` is the entry point the CLI and ``POST /api/v1/check`` call.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from dataclasses import field
from typing import Any

from glossary.budget import Budget
from glossary.check.acronym_tokens import AllowList
from glossary.check.acronym_tokens import Token
from glossary.check.acronym_tokens import acronym_tokens
from glossary.check.acronym_tokens import before_number
from glossary.check.acronym_tokens import caps_words
from glossary.check.acronym_tokens import default_allow_list
from glossary.check.acronym_tokens import is_caps_line
from glossary.check.acronym_tokens import is_formula
from glossary.check.acronym_tokens import vocabulary
from glossary.check.compare import acronym_key
from glossary.check.defined_acronyms import find_definitions
from glossary.check.defined_acronyms import loose_definitions
from glossary.check.findings import DOCUMENT_TYPES
from glossary.check.findings import GLOSSARY_TYPES
from glossary.check.findings import Finding
from glossary.check.findings import one_per_span
from glossary.check.knowledge import Knowledge
from glossary.check.knowledge import active_concepts
from glossary.check.knowledge import knowledge_for
from glossary.check.rules import deprecated_findings
from glossary.check.rules import document_findings
from glossary.check.rules import glossary_findings
from glossary.check.spans import Spans
from glossary.forms import is_acronym_token
from glossary.forms import is_chinese
from glossary.mine.text import BOLD
from glossary.mine.text import Flat
from glossary.reader import Document


@dataclass
class Options:
    """Which checks run and which acronyms need no definition."""

    glossary: bool = True
    document: bool = True
    allow: AllowList = field(default_factory=default_allow_list)
    budget: Budget = field(default_factory=Budget)  # deadline and stop signal (no limit by default)

    def on_time(self) -> None:
        """``TimeLimitExceeded`` past the deadline, ``JobStopped`` once stopped (between steps)."""
        self.budget.check()


def check_lines(lines: list[str], knowledge: Knowledge, options: Options | None = None) -> list[Finding]:
    """The findings of a document given as lines, in reading order, one per span."""
    options = options or Options()
    flat = Flat(lines)
    definitions = find_definitions(flat, knowledge)
    options.on_time()
    loose = loose_definitions(flat)
    _beside_glossary_names(flat, knowledge, loose)
    options.on_time()
    defined = {d.key for d in definitions} | set(loose)
    tokens = _tokens(flat, knowledge, options.allow, defined)
    options.on_time()
    findings: list[Finding] = []
    if options.glossary:
        findings += glossary_findings(definitions, knowledge)
        findings += deprecated_findings(flat, tokens, knowledge)
        options.on_time()
    if options.document:
        findings += document_findings(flat, definitions, loose, tokens, knowledge, options.allow)
        options.on_time()
    findings = [f for f in _group(findings, definitions) if _wanted(f, options)]
    spans = Spans(flat)
    for finding in findings:
        finding.line, finding.column, finding.text = spans.locate(finding.start, finding.end)
    return one_per_span(findings)


def _caps_heading(text: str) -> bool:
    """'### 12. CONCLUSION': a heading whose Latin words are all capitals."""
    words = re.findall(r"[A-Za-z]{2,}", text)
    return bool(words) and all(w.isupper() for w in words) and any(len(w) >= 5 for w in words)


def _beside_glossary_names(flat: Flat, k: Knowledge, loose: dict[str, list[tuple[int, int]]]) -> None:
    """'WSG網頁永續性指南', '聯合國 UN': an acronym right beside the glossary's Chinese name for it."""
    for n, cl in enumerate(flat.clean):
        text = cl.text
        for tok in acronym_tokens(text):
            for concept in active_concepts(k.acronym(tok.text)).values():
                names = [t.text.replace(" ", "") for t in concept.terms if is_chinese(t.lang)]
                after = text[tok.end :].lstrip()[:40].replace(" ", "")
                before = text[: tok.start].rstrip()[-40:].replace(" ", "")
                if any(name and (after.startswith(name) or before.endswith(name)) for name in names):
                    a = flat.starts[n] + tok.start
                    loose.setdefault(acronym_key(tok.text), []).append((a, a + len(tok.text)))


def _wanted(finding: Finding, options: Options) -> bool:
    return (options.glossary and finding.type in GLOSSARY_TYPES) or (
        options.document and finding.type in DOCUMENT_TYPES
    )


def _group(findings: list[Finding], definitions: list) -> list[Finding]:
    """A finding inside a definition belongs to that definition (one finding per definition)."""
    for finding in findings:
        if finding.group is None:
            for d in definitions:
                if d.start <= finding.start and finding.end <= d.end:
                    finding.group = d.span
                    break
    return findings


def _tokens(flat: Flat, k: Knowledge, allow: AllowList, defined: set[str]) -> list[tuple[int, Token]]:
    """(line offset, token) for every acronym of the document; words in capitals only when known."""
    words = vocabulary(flat.plain_lines) | k.vocabulary()
    out: list[tuple[int, Token]] = []
    for n, cl in enumerate(flat.clean):
        text = cl.text.replace(BOLD, " ")
        caps = is_caps_line(text) or (cl.heading_level > 0 and _caps_heading(text))
        in_caps = caps_words(text, words)
        for tok in acronym_tokens(
            text,
            keep=lambda t: is_acronym_token(t) or (t.lower() != t and (bool(k.acronym(t)) or t in allow)),
        ):
            known = bool(k.acronym(tok.text)) or tok.text in allow or acronym_key(tok.text) in defined
            if tok.text.isupper() and (caps or tok.start in in_caps) and not known:
                continue
            if not known and (before_number(text, tok.end) or is_formula(tok.text)):
                continue  # a model or standard number (GPT-4o, SP 800-53), a formula (NO2, CH4)
            out.append((flat.starts[n], tok))
    return out


def check_document(store: Any, document: Document, options: Options | None = None) -> dict[str, Any]:
    """``{"file", "findings"}`` for one document (CONTRACTS.md ``glossary check --json``)."""
    return check_with(knowledge_for(store), document, options)


def check_with(knowledge: Knowledge, document: Document, options: Options | None = None) -> dict[str, Any]:
    """:func:`check_document` against a glossary's indexes already at hand (the CLI's start-up cache)."""
    findings = check_lines(document.lines, knowledge, options)
    return {"file": document.name or None, "findings": [f.to_dict() for f in findings]}
