"""Rich tables of ``glossary show`` and ``glossary stats``; data output stays JSON in cli.py.

Imported lazily by the commands that print tables, so ``--json`` runs never load rich.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from glossary.records import Concept


def console(stderr: bool = False) -> Console:
    """A console that wraps at the terminal's width, and not at all when piped."""
    return Console(stderr=stderr, highlight=False, soft_wrap=True)


def _citation_text(citation: dict[str, Any]) -> str:
    where = f"{citation['doc']}:{citation['line']}"
    if citation.get("section"):
        where += f" ({citation['section']})"
    quote = citation.get("quote") or ""
    return f"{where}\n「{quote}」" if quote else where


def concept_tables(concept: Concept, history: list[dict[str, Any]]) -> list[Table]:
    head = Table(title=f"{concept.id}", show_header=False, show_lines=False)
    head.add_column("field", style="bold")
    head.add_column("value", overflow="fold")
    for label, value in (
        ("中文 Chinese", concept.zh),
        ("English", concept.en),
        ("縮寫 Acronym", concept.abbr),
        ("類別 Kind", concept.kind),
        ("領域 Subject", concept.subject),
        ("發布機關 Issuing body", concept.issuing_body),
        ("備註 Note", concept.note),
        ("審核 Review", concept.review_status),
        ("版本 Version", str(concept.version)),
    ):
        if value:
            head.add_row(label, value)
    tables = [head]
    terms = Table(title="詞彙 Terms", show_lines=False)
    for name in ("text", "lang", "type", "status", "note"):
        terms.add_column(name, overflow="fold")
    for term in concept.terms:
        terms.add_row(term.text, term.lang, term.type, term.status, term.note or "")
    tables.append(terms)
    if concept.definitions:
        defs = Table(title="定義 Definitions", show_lines=True)
        defs.add_column("definition", overflow="fold")
        defs.add_column("source", overflow="fold")
        for d in concept.definitions:
            defs.add_row(d.text, _citation_text(d.citation.to_dict()) if d.citation else "")
        tables.append(defs)
    if concept.citations:
        cites = Table(title="出處 Citations", show_lines=True)
        cites.add_column("term", overflow="fold")
        cites.add_column("where", overflow="fold")
        for c in concept.citations:
            cites.add_row(c.term or "", _citation_text(c.to_dict()))
        tables.append(cites)
    if history:
        log = Table(title="變更紀錄 Change log")
        for name in ("when", "who", "what", "detail"):
            log.add_column(name, overflow="fold")
        for entry in history:
            log.add_row(entry["at"], entry["who"], entry["action"], entry.get("detail") or "")
        tables.append(log)
    return tables


def kind_by_report_table(
    title: str, by_source_and_kind: dict[str, dict[str, int]], by_kind: dict[str, int]
) -> Table:
    """One row per report, one column per kind (and all kinds), then the glossary's totals."""
    kinds = sorted(by_kind)
    table = Table(title=title)
    table.add_column("報告 Report", overflow="fold")
    for kind in [*kinds, "all"]:
        table.add_column(kind, justify="right")
    for report, counts in by_source_and_kind.items():
        table.add_row(report, *(str(counts.get(k, 0)) for k in kinds), str(sum(counts.values())))
    table.add_section()
    table.add_row("詞彙表 Glossary", *(str(by_kind[k]) for k in kinds), str(sum(by_kind.values())))
    return table


def counts_table(title: str, counts: dict[str, int]) -> Table:
    table = Table(title=title)
    table.add_column("", overflow="fold")
    table.add_column("concepts", justify="right")
    for key, value in counts.items():
        table.add_row(key, str(value))
    return table
