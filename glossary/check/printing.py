"""Printing findings: compiler-style lines for people, JSON Lines for programs (CONTRACTS.md)."""

from __future__ import annotations

import json
from typing import Any


def human_lines(result: dict[str, Any]) -> list[str]:
    """``file:line:col: type: message (suggestion)`` for each finding of one file."""
    name = result["file"] or "<stdin>"  # no file: standard input
    out = []
    for f in result["findings"]:
        line = f"{name}:{f['line']}:{f['column']}: {f['type']}: {f['message']}"
        if f["suggestion"] is not None:
            line += f" (suggestion: {f['suggestion']['text']})"
        out.append(line)
    return out


def json_line(result: dict[str, Any]) -> str:
    """One compact JSON object, Chinese unescaped."""
    return json.dumps(result, ensure_ascii=False, separators=(",", ":"))


def summary(results: list[dict[str, Any]]) -> str:
    total = sum(len(r["findings"]) for r in results)
    files = len(results)
    if total == 0:
        return f"No findings in {files} file{'s' if files != 1 else ''}."
    return f"{total} finding{'s' if total != 1 else ''} in {files} file{'s' if files != 1 else ''}."
