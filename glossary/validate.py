"""Field-level validation shared by every way data enters the glossary.

Text may hold any Unicode except control characters other than tab and newline;
enumerated fields must take one of their documented values. Errors name the field
(and, through ``where``, the file and row) so the user can find the problem.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from glossary.errors import BadInput
from glossary.errors import quoted

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SURROGATE = re.compile("[\ud800-\udfff]")  # Unicode category Cs
# Either of the above: one scan of a clean cell instead of two (this runs for every cell of
# an import; a million-row CSV has some fifteen million).
_UNWANTED = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")


def check_text(value: str, field: str, where: str = "", *, required: bool = False) -> str:
    """Return ``value`` stripped, or raise BadInput naming ``where`` and ``field``."""
    prefix = f"{where}: " if where else ""
    if not isinstance(value, str):
        raise BadInput(f"{prefix}field '{field}' must be text, got {type(value).__name__}")
    if not value:  # an empty cell, the commonest of all
        if required:
            raise BadInput(f"{prefix}field '{field}' is empty")
        return value
    if _UNWANTED.search(value):  # a regex, not a loop over characters: this runs for every CSV cell
        match = _CONTROL.search(value)
        if match:
            name = unicodedata.name(match.group(), f"U+{ord(match.group()):04X}")
            raise BadInput(f"{prefix}field '{field}' contains a control character ({name})")
        raise BadInput(f"{prefix}field '{field}' contains an unpaired surrogate")
    value = value.strip()
    if required and not value:
        raise BadInput(f"{prefix}field '{field}' is empty")
    return value


def check_choice(value: str, field: str, choices: Iterable[str], where: str = "") -> str:
    choices = tuple(choices)
    if value not in choices:
        prefix = f"{where}: " if where else ""
        raise BadInput(f"{prefix}field '{field}' is {quoted(value)}; expected one of {', '.join(choices)}")
    return value
