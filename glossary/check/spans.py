"""From offsets in the miner's cleaned text back to lines and columns as written.

The miner cleans each line (markup, footnote markers, bold markers) before matching;
a finding must point at the line as the writer sees it. Lines the cleaning did not
change map one to one; the others are aligned character by character (difflib).
"""

from __future__ import annotations

from difflib import SequenceMatcher

from glossary.mine.text import Flat


class Spans:
    def __init__(self, flat: Flat):
        self.flat = flat
        self._maps: dict[int, list[int]] = {}

    def _map(self, line: int) -> list[int] | None:
        clean = self.flat.clean[line - 1].text
        raw = self.flat.raw[line - 1]
        if clean == raw:
            return None
        if line not in self._maps:
            table = [-1] * (len(clean) + 1)
            matcher = SequenceMatcher(None, clean, raw, autojunk=False)
            for a, b, size in matcher.get_matching_blocks():
                for i in range(size):
                    table[a + i] = b + i
            last = 0
            for i in range(len(clean) + 1):
                if table[i] < 0:
                    table[i] = last if i < len(clean) else len(raw)
                else:
                    last = table[i] + 1
            self._maps[line] = table
        return self._maps[line]

    def locate(self, start: int, end: int) -> tuple[int, int, str]:
        """(line, 1-based column, text as written) of a span of the flat text (cut at the line's end)."""
        line = self.flat.line_of(start)
        offset = start - self.flat.starts[line - 1]
        clean = self.flat.clean[line - 1].text
        stop = min(end - self.flat.starts[line - 1], len(clean))
        raw = self.flat.raw[line - 1]
        table = self._map(line)
        if table is None:
            a, b = offset, stop
        else:
            a = table[offset]
            b = table[stop - 1] + 1 if stop > offset else a
        text = raw[a:b].strip()
        lead = len(raw[a:b]) - len(raw[a:b].lstrip())
        return line, a + lead + 1, text
