"""Word segmentation of a Chinese window with ``rjieba`` (the jieba-rs binding).

The window is folded Traditional -> Simplified with OpenCC first, character for character so
that lengths agree, because the segmenter's dictionary leans to Simplified Chinese; the tokens
are mapped back onto the original characters. ``rjieba`` is imported on first use only, so
that a caller that never segments (``find_pairs(boundary=False)``, ``glossary check``) never
pays for it. Results are cached per window.
"""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def _t2s():
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
def segment(text: str) -> tuple[tuple[str, str], ...]:
    """Tokens of ``text`` as (original, folded) pairs; the originals concatenate to ``text``."""
    import rjieba

    folded = fold(text)
    out = []
    pos = 0
    for tok in rjieba.cut(folded, hmm=False):
        out.append((text[pos : pos + len(tok)], tok))
        pos += len(tok)
    return tuple(out)


@lru_cache(maxsize=65536)
def pos_tags(text: str) -> tuple[tuple[str, str], ...]:
    """(folded word, part-of-speech tag) pairs of ``text``."""
    import rjieba

    return tuple(rjieba.tag(fold(text)))
