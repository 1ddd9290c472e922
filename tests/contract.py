"""What ../shared/CONTRACTS.md fixes, written once for the tests that check it."""

from __future__ import annotations

# The keys of a `glossary find --json` result object, in the contract's order.
RESULT_FIELDS = (
    "id",
    "zh",
    "en",
    "abbr",
    "kind",
    "score",
    "matched",
    "notice",
    "review_status",
    "quality",
    "variants",
    "definition",
    "citations",
)
RESULT_KEYS = set(RESULT_FIELDS)
