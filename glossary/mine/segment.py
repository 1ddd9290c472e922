"""Word segmentation of a Chinese window with ``rjieba`` (the jieba-rs binding).

The window is folded Traditional -> Simplified with OpenCC first, character for character so
that lengths agree, because the segmenter's dictionary leans to Simplified Chinese; the tokens
are mapped back onto the original characters. ``rjieba`` is imported on first use only, so
that a caller that never segments (``find_pairs(boundary=False)``, ``glossary check``) never
pays for it. Results are cached per window.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _t2s() -> Any:
    import opencc

    return opencc.OpenCC("t2s.json")


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Traditional -> Simplified, keeping the length (character by character if need be)."""
    out = _t2s().convert(text)
    if len(out) != len(text):
        conv = _t2s().convert
        out = "".join(c if len(c2 := conv(c)) != 1 else c2 for c in text)
    return out


@lru_cache(maxsize=65536)
def segment(text: str) -> tuple[tuple[str, str, str], ...]:
    """Tokens of ``text`` as (original, folded, part-of-speech tag) triples; the originals
    concatenate to ``text``."""
    import rjieba

    folded = fold(text)
    out = []
    pos = 0
    for tok, flag in rjieba.tag(folded):
        pieces = _unglue(tok)
        for n, piece in enumerate(pieces):
            tag = ("c" if piece in "和与及暨跟" else "p") if len(pieces) > 1 and n == 0 else flag
            out.append((text[pos : pos + len(piece)], piece, tag))
            pos += len(piece)
    return tuple(out)


@lru_cache(maxsize=65536)
def pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    """(folded word, part-of-speech tag) pairs of ``text``."""
    return tuple((folded, flag) for _, folded, flag in segment(text))


# One-character function words (Simplified) the model may glue to an unknown word after them.
_GLUED = "和与及暨跟系是在于为由对从向将把被给让使即并"


def _known(word: str) -> bool:
    from glossary.mine.translations import known

    return known(word)


def _unglue(tok: str) -> list[str]:
    """A conjunction or function word the statistical model glued to the unknown word after
    it (和超微 -> 和 | 超微, 係安永 -> 係 | 安永) is a token of its own."""
    if len(tok) >= 2 and tok[0] in _GLUED and not _known(tok):
        return [tok[0], tok[1:]]
    return [tok]
