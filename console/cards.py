"""Result cards of ``glossary find`` for the terminal: plain text, styled only on a terminal.

One card per result: the pair on the first line, then definition, variants and where the
reports state it.  Cards read well at any width and when piped.  Built with the standard
library and click's styling (which click strips when the output is not a terminal), so
the find path does not import rich.
"""

from __future__ import annotations

from typing import Any

import click


def _s(text: str, **style: Any) -> str:
    return click.style(text, **style)


def result_cards(results: list[dict[str, Any]], title: str | None = None) -> str:
    """The cards of ``results`` (result objects of CONTRACTS.md), ending with a newline."""
    lines: list[str] = []
    if title:
        lines.append(_s(f"== {title}", bold=True))
    weak = weak_best(results)
    if weak:
        lines.append(_s(weak, fg="yellow"))
    for n, result in enumerate(results, 1):
        head = _s(f"{n}. ", dim=True) + _s(result.get("zh") or "—", bold=True) + "  |  "
        head += _s(result.get("en") or "—", bold=True)
        if result.get("abbr"):
            head += _s(f"  |  {result['abbr']}", bold=True, fg="cyan")
        proposed = result.get("review_status") == "proposed"
        review = _s("  (待審 proposed: not yet reviewed)", fg="yellow") if proposed else ""
        lines.append(head + _s(f"  [{result.get('kind')}]", dim=True) + "  " + match_label(result) + review)
        definition = (result.get("definition") or {}).get("text")
        if definition:
            short = definition if len(definition) <= 160 else definition[:159] + "…"
            lines.append(f"   定義 Definition: {short}")
        variants = [_variant(v) for v in result.get("variants") or []]
        if variants:
            lines.append(_s(f"   其他寫法 Variants: {'; '.join(variants)}", dim=True))
        citations = result.get("citations") or []
        for citation in citations[:2]:
            where = f"{citation['doc']}:{citation['line']}"
            if citation.get("section"):
                where += f"  {citation['section']}"
            lines.append(_s(f"   出處 Source: {where}", fg="green"))
            if citation.get("quote"):
                lines.append(_s(f"      「{citation['quote']}」", dim=True))
        if len(citations) > 2:
            lines.append(_s(f"   (+{len(citations) - 2} more: glossary show {result['id']})", dim=True))
    return "\n".join(lines) + "\n"


QUALITY_LABELS = {"exact": "完全相符 exact", "close": "相近 close", "weak": "僅供參考 weak"}
QUALITY_COLOURS = {"exact": "green", "close": "cyan", "weak": "yellow"}


def match_label(result: dict[str, Any]) -> str:
    """``(exact: DESG, acronym)``: the result's quality, the form that matched and how."""
    quality = result.get("quality") or "weak"
    matched = result.get("matched") or {}
    label = QUALITY_LABELS.get(quality, quality)
    text = f"({label}: {matched.get('text')}, {matched.get('how')})" if matched else f"({label})"
    return _s(text, fg=QUALITY_COLOURS.get(quality), dim=quality == "weak")


def weak_best(results: list[dict[str, Any]]) -> str | None:
    """The line that says a weak best match is one: "no exact match; closest: …"."""
    if not results or results[0].get("quality") != "weak":
        return None
    best = results[0]
    name = " / ".join(x for x in (best.get("zh"), best.get("en"), best.get("abbr")) if x)
    return f"無完全相符 No exact match; closest: {name} (score {best.get('score')})"


def notices(results: list[dict[str, Any]]) -> list[str]:
    """The notices of the results (deprecated forms that matched)."""
    return [r["notice"] for r in results if r.get("notice")]


def _variant(variant: dict) -> str:
    """A variant's text, with its status when it is not in good use (an error, an old name)."""
    status = variant.get("status")
    if status == "deprecated":
        return f"{variant['text']} (誤用 deprecated)"
    if status == "superseded":
        return f"{variant['text']} (舊稱 superseded)"
    if status == "proposed":
        return f"{variant['text']} (待審 proposed)"
    return str(variant["text"])
