"""Candidate pair extraction: every way a report states a bilingual pair.

Patterns, each a pure function over a cleaned document (:class:`~glossary.mine.text.Flat`):

* brackets: 中文（English）, 中文(English, ABBR), 中文（English，以下簡稱 ABBR）, 中文（ABBR）,
  中文（ABBR，全名為 English）, 「中文」(English), ABBR（English）, English(中文), and the
  English-only "Long Name (ABBR)" (Schwartz–Hearst, with a fallback for acronyms of
  another language when the long form is an organisation's name);
* dashes: "Long Name - ABBR" in English text;
* side by side: a heading, table-of-contents line or table cell holding a Chinese
  title and its English title;
* cards: a block of English lines followed by a block of Chinese lines of the same
  count (speaker cards, bilingual logos);
* logos: an acronym alone on a line above the name it abbreviates.

The Chinese left boundary is delegated to :mod:`glossary.mine.boundary`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from glossary.mine.acronyms import FUNCTION_WORDS
from glossary.mine.acronyms import acronym_letters
from glossary.mine.acronyms import find_long_form
from glossary.mine.acronyms import is_acronym
from glossary.mine.acronyms import letter_agreement
from glossary.mine.boundary import leading_verb
from glossary.mine.boundary import left_boundary
from glossary.mine.boundary import place_prefix
from glossary.mine.boundary import strip_title
from glossary.mine.kinds import classify_en
from glossary.mine.kinds import classify_zh
from glossary.mine.lexicon import COUNTRIES
from glossary.mine.lexicon import EN_ORG_HEADS
from glossary.mine.lexicon import EN_PROGRAM_HEADS
from glossary.mine.lexicon import EN_TITLE_WORDS
from glossary.mine.lexicon import REGION_QUALIFIERS
from glossary.mine.text import BOLD
from glossary.mine.text import Flat
from glossary.mine.text import has_cjk
from glossary.mine.text import is_cjk
from glossary.mine.text import is_latin
from glossary.mine.text import plain

OPEN = "(（"
CLOSE = ")）"
QUOTE_PAIRS = {"」": "「", "』": "『", "》": "《", "”": "“", "〉": "〈", '"': '"'}
OPEN_QUOTES = "「『《“〈"
MARKERS = re.compile(
    r"(以下簡稱|以下稱|下稱|簡稱|以下称|下称|简称|全名為|全名为|全稱為|全稱"
    r"|英文全名為|英文全稱為|英文名稱為|又稱|或稱)\s*[:：]?\s*"
)
NOT_EN = re.compile(r"^(e\.g|i\.e|ex|esp|cf|see|etc|tbc|tbd|n/a|note|http|www|p\.)\b", re.I)

Count = Callable[[str], int]


@dataclass
class Candidate:
    zh: str
    en: str
    abbr: str
    start: int  # offset in the flat text where the pair starts
    end: int  # offset just after the pair
    pattern: str
    confidence: float
    agreement: float | None = None
    mark_at: int | None = None  # offset right after the term, where a footnote marker may sit
    run: str = ""  # the Chinese run the term was cut from (for evidence from other occurrences)
    run_start: int = 0
    quote: str = ""  # the citation clause, when it cannot be cut from the flat text (a page break)


# ---------------------------------------------------------------- bracket contents


@dataclass
class Inner:
    en: str = ""
    abbr: str = ""
    zh: str = ""


def _is_english(s: str) -> bool:
    s = s.strip()
    if not s or has_cjk(s) or NOT_EN.match(s) or "://" in s:
        return False
    letters = sum(1 for c in s if is_latin(c))
    if letters < 2 or letters < 0.6 * len(s.replace(" ", "")):
        return False
    words = s.split()
    if len(words) > 25:
        return False
    return not (len(words) == 1 and any(c.isdigit() for c in s))


_ARTICLE = re.compile(r"^(?:The|the)\s+(?=[A-Z0-9][\w\-'’]*\s+\S)")
_LOWER_ARTICLE = re.compile(r"^the\s+(?=[A-Z0-9])")
_FULL_STOP = re.compile(r"(?<=[a-z]{4})\.$")


def trim_english(en: str, title: bool = False) -> str:
    """A name without a leading article or a sentence's full stop: 'The National Foreign Trade
    Council' -> 'National Foreign Trade Council', '… in APEC Economies.' -> '… in APEC Economies'
    ('Co.' and 'U.S.' keep their points). A quoted title (``title``) keeps a capital 'The'."""
    en = _FULL_STOP.sub("", en.strip())
    return _LOWER_ARTICLE.sub("", en) if title else _ARTICLE.sub("", en)


def parse_inner(inner: str) -> Inner | None:
    """Split a bracket's content into English, acronym and Chinese parts."""
    inner = plain(inner.replace("\n", " "))
    if not has_cjk(inner):
        inner = trim_english(inner.strip(" ，,;；"), title=True)
    s = inner
    s = s.strip(" ，,;；")
    if not s or any(c in s for c in "()（）[]"):
        return None
    if has_cjk(s):
        m = MARKERS.search(s)
        if m:
            before = s[: m.start()].strip(" ，,、;；")
            after = s[m.end() :].strip(" ，,、;；。")
            if is_acronym(after) and _is_english(before):
                return Inner(en=trim_english(before, title=True), abbr=after)
            if is_acronym(before) and _is_english(after):
                return Inner(en=trim_english(after, title=True), abbr=before)
            if is_acronym(after) and not before:
                return Inner(abbr=after)
            return None
        if all(is_cjk(c) or c in "、·・ " for c in s) and len(s) <= 20:
            return Inner(zh=s)
        return None
    if is_acronym(s):
        return Inner(abbr=s)
    parts = re.split(r"\s*[,，;；]\s*", s)
    if len(parts) >= 2 and is_acronym(parts[-1]) and _is_english(", ".join(parts[:-1])):
        return Inner(en=", ".join(parts[:-1]).strip(), abbr=parts[-1])
    if _is_english(s):
        return Inner(en=s)
    return None


_TITLE_OF = re.compile(
    r"^(?:(?:Chair|Head|Director|Deputy Director|Secretary|Chairman|President|Member)\s+of\s+(?:the\s+)?)"
    r"(?=[A-Z])"
)


def strip_en_title(en: str) -> str:
    """'Bankers for Net Zero, UK, Co-founder' -> 'Bankers for Net Zero, UK'; 'Head of X' -> 'X'."""
    parts = [p.strip() for p in en.split(",")]
    while len(parts) > 1 and (
        parts[-1].lower() in EN_TITLE_WORDS
        or all(w.lower() in EN_TITLE_WORDS or w.lower() in FUNCTION_WORDS for w in parts[-1].split())
    ):
        parts.pop()
    out = ", ".join(parts)
    m = _TITLE_OF.match(out)
    if m:
        out = out[m.end() :]
    return out


# ---------------------------------------------------------------- the brackets


def _bracket_spans(text: str):
    for m in re.finditer(r"[(（]", text):
        i = m.start()
        depth = 0
        newlines = 0
        j = i
        limit = min(len(text), i + 400)
        while j < limit:
            c = text[j]
            if c in OPEN:
                depth += 1
            elif c in CLOSE:
                depth -= 1
                if depth == 0:
                    yield i, j
                    break
            elif c == "\n":
                newlines += 1
                if newlines > 3:
                    break
            j += 1


def _skip_left(text: str, k: int) -> int:
    """Index of the first meaningful char left of ``k`` (spaces and bold markers skipped);
    crosses one line break when the bracket starts its line."""
    while k >= 0 and text[k] in " \u3000" + BOLD:
        k -= 1
    if k >= 0 and text[k] == "\n":
        k -= 1
        while k >= 0 and text[k] in " \u3000\t" + BOLD:
            k -= 1
        if k >= 0 and text[k] == "\n":
            k -= 1  # one blank line
            while k >= 0 and text[k] in " \u3000\t" + BOLD:
                k -= 1
    return k


def _after(text: str, j: int) -> int:
    k = j + 1
    while k < len(text) and text[k] in " \u3000" + BOLD:
        k += 1
    return k


def _enclosing_quote(text: str, i: int, j: int) -> int | None:
    """If the bracket [i, j] sits inside a quote that closes right after it, the quote's start."""
    k = _after(text, j)
    if k >= len(text) or text[k] not in QUOTE_PAIRS:
        return None
    opener = QUOTE_PAIRS[text[k]]
    p = i - 1
    while p >= 0 and i - p <= 80:
        c = text[p]
        if c == opener:
            return p
        if c in "。！？\t" or (c in QUOTE_PAIRS and c != '"'):
            return None
        if c == "\n" and (p == 0 or text[p - 1] == "\n"):
            return None
        p -= 1
    return None


_PREFIX = re.compile(r"(?:^|(?<=[\s\u4e00-\u9fff（(「]))([A-Za-z][A-Za-z0-9&\-]{1,9})\s?$")


def _chinese_run(text: str, k: int) -> tuple[int, str | None, bool]:
    """Start of the run of Chinese ending at ``k`` (inclusive), an acronym standing just before it,
    and whether the run starts at a strong boundary."""
    j = k
    while j >= 0 and is_cjk(text[j]) and k - j < 40:
        j -= 1
    p = j
    while p >= 0 and text[p] in " \u3000":
        p -= 1
    strong = k - j < 40 and (p < 0 or not (text[p].isalnum() and text[p].isascii()))
    start = j + 1
    prefix = None
    m = _PREFIX.search(text[max(0, j - 15) : j + 1])
    if m and is_acronym(m.group(1)):
        prefix = m.group(1)
        strong = k - j < 40  # 'APEC 經濟委員會': an acronym in front is a boundary too
    return start, prefix, strong


def bracket_candidates(flat: Flat, count: Count) -> list[Candidate]:
    text = flat.text
    out: list[Candidate] = []
    for i, j in _bracket_spans(text):
        inner = parse_inner(text[i + 1 : j])
        if inner is None:
            continue
        k = _skip_left(text, i - 1)
        if k < 0:
            continue
        c = text[k]
        if inner.zh:
            cand = _english_chinese(text, i, j, k, inner)
        elif (
            is_cjk(c)
            or c in QUOTE_PAIRS
            or (c.isdigit() and k > 0 and is_cjk(text[k - 1]))
            or _enclosing_quote(text, i, j) is not None
        ):
            cand = _chinese_english(flat, i, j, k, inner, count)
        elif is_latin(c) or c.isdigit() or c in ".)’'":
            cand = _english_left(flat, i, j, k, inner, count)
        else:
            cand = None
        if cand:
            out.append(cand)
    return out


def _chinese_english(flat: Flat, i: int, j: int, k: int, inner: Inner, count: Count) -> Candidate | None:
    text = flat.text
    en = strip_en_title(inner.en) if inner.en else ""
    abbr = inner.abbr
    q = _enclosing_quote(text, i, j)
    zh = ""
    start = None
    run_info = ("", 0)
    confidence = 0.8
    pattern = "zh(en)" if en else "zh(abbr)"
    if q is not None:
        zh = plain(text[q + 1 : i])
        start = q + 1
        pattern = "「zh(en)」"
        confidence = 0.9
    elif text[k] in QUOTE_PAIRS:
        opener = QUOTE_PAIRS[text[k]]
        p = text.rfind(opener, max(0, k - 80), k)
        if p >= 0 and "\n\n" not in text[p:k] and "。" not in text[p:k]:
            zh = plain(text[p + 1 : k])
            start = p + 1
            pattern = "「zh」(en)"
            confidence = 0.9
    else:
        if text[k].isdigit():  # a bare footnote digit after the term
            while k >= 0 and text[k].isdigit():
                k -= 1
        if not is_cjk(text[k]):
            return None
        en = trim_english(en)  # not a quoted title: 'The' is not part of a name
        run_start, prefix, strong = _chinese_run(text, k)
        run = text[run_start : k + 1]
        before = text[max(0, run_start - 2) : run_start].strip()
        number_before = bool(before) and before[-1].isdigit()
        b = left_boundary(run, en or None, abbr or None, strong, number_before)
        if b is None:
            return None
        zh = run[b:]
        zh_start = run_start + b
        # a leading verb that the document elsewhere does without: 交流隱私強化技術 -> 隱私強化技術
        v = leading_verb(zh)
        if v and len(zh) - v >= 4 and count(zh[v:]) > count(zh):
            zh = zh[v:]
            zh_start += v
        # a place or regional body the English lacks: 秘魯經濟暨財政部 (Ministry of Economy and Finance)
        pp = place_prefix(zh, en, abbr)
        if pp:
            zh = zh[pp:]
            zh_start += pp
        start = zh_start
        run_info = (run, run_start)
        if b == 0 and prefix and en:
            lf = find_long_form(prefix, en)
            if lf and letter_agreement(prefix, en) >= 0.75:
                zh = f"{prefix} {zh}"
                start = text.rfind(prefix, 0, run_start)
            shared = _latin_words_the_english_has(text, run_start, en)
            if shared and len(shared[0]) > len(zh) - len(run):
                zh = f"{shared[0]} {run}"
                start = shared[1]
    zh = strip_title(plain(zh).strip(" ，,、：:-—_"))
    if not zh or sum(1 for ch in zh if is_cjk(ch)) < 2 or len(zh) > 60:
        return None
    if en and _en_refers_elsewhere(en):
        return None
    agreement = letter_agreement(abbr, en) if abbr and en else None
    if abbr and en and agreement is not None and agreement < 0.5:
        confidence -= 0.2
    return Candidate(
        zh=zh,
        en=en,
        abbr=abbr,
        start=start if start is not None else i,
        end=j + 1,
        pattern=pattern,
        confidence=round(confidence, 2),
        agreement=agreement,
        mark_at=i,
        run=run_info[0],
        run_start=run_info[1],
    )


def _latin_words_the_english_has(text: str, run_start: int, en: str) -> tuple[str, int] | None:
    """The Latin words (two or three) just before a Chinese run that the English has too, in
    the same order: 'OECD AI 原則 (OECD AI Principles)' -> ('OECD AI', offset)."""
    m = re.search(
        r"(?:^|(?<=[^\x00-\x7f]))\s*((?:[A-Za-z][A-Za-z0-9&\-]*\s){2,3})$",
        text[max(0, run_start - 40) : run_start],
    )
    if not m:
        return None
    words = m.group(1).split()
    if not re.search(r"(?<![\w-])" + re.escape(" ".join(words)) + r"(?![\w-])", en):
        return None
    return " ".join(words), max(0, run_start - 40) + m.start(1)


def _en_refers_elsewhere(en: str) -> bool:
    """'PACT project': an acronym plus a generic word names another concept, not a translation."""
    ws = en.split()
    return 1 <= len(ws) <= 3 and is_acronym(ws[0]) and all(w.islower() for w in ws[1:]) and len(ws) > 1


def _english_chinese(text: str, i: int, j: int, k: int, inner: Inner) -> Candidate | None:
    """English(中文) and ABBR(中文)."""
    line_start = text.rfind("\n", 0, i) + 1
    left = plain(text[line_start:i])
    m = re.search(r"([A-Za-z][A-Za-z0-9&\-]{1,9})\s*$", left)
    if not m:
        return None
    zh = inner.zh
    if is_acronym(m.group(1)):
        tok = m.group(1)
        if tok.upper() in REGION_QUALIFIERS or tok[-1].isdigit() or len(zh) > 12:
            return None
        return Candidate(
            zh=zh,
            en="",
            abbr=tok,
            start=text.rfind(tok, 0, i),
            end=j + 1,
            pattern="abbr(zh)",
            confidence=0.6,
            mark_at=j + 1,
        )
    m2 = re.search(r"((?:[A-Z][\w\-']*\s+(?:(?:of|for|and|the|on|in|de)\s+)*){1,7}[A-Z][\w\-']*)\s*$", left)
    if not m2:
        return None
    en = m2.group(1)
    if len(en.split()) < 2 or _person_like(en):
        return None
    return Candidate(
        zh=zh,
        en=en,
        abbr="",
        start=text.rfind(en, 0, i),
        end=j + 1,
        pattern="en(zh)",
        confidence=0.6,
        mark_at=j + 1,
    )


# ---------------------------------------------------------------- English-only


_WINDOW_STOP = re.compile(
    r"[\t()\[\]:;。；：|]|\n\s*\n|[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]|(?<=[a-z]{3})\. |\s[-–—]\s"
)


def _window(text: str, i: int) -> tuple[str, int]:
    lo = max(0, i - 300)
    seg = text[lo:i]
    last = None
    for m in _WINDOW_STOP.finditer(seg):
        last = m
    if last:
        return seg[last.end() :], lo + last.end()
    return seg, lo


def _english_left(flat: Flat, i: int, j: int, k: int, inner: Inner, count: Count) -> Candidate | None:
    text = flat.text
    win, win_start = _window(text, i)
    win_plain = win.replace(BOLD, " ").replace("\n", " ")
    tokens = win_plain.split()
    if not tokens:
        return None
    last = tokens[-1]
    if inner.en and not inner.abbr:
        # ABBR（English）: GGKP（Green Growth Knowledge Platform）
        if not is_acronym(last) or last.upper() in REGION_QUALIFIERS and not find_long_form(last, inner.en):
            return None
        en = strip_en_title(inner.en)
        agreement = letter_agreement(last, en)
        lf = find_long_form(last, en)
        if lf != en.strip() or agreement < 0.75 or re.search(r"\b(tbc|tbd)\b", en, re.I):
            return None
        return Candidate(
            zh="",
            en=en,
            abbr=last,
            start=text.rfind(last, 0, i),
            end=j + 1,
            pattern="abbr(en)",
            confidence=0.8 if agreement >= 0.75 else 0.5,
            agreement=agreement,
            mark_at=j + 1,
        )
    if not inner.abbr or inner.en:
        return None
    abbr = inner.abbr
    if is_acronym(last) and not any(c.islower() for c in last[1:]) and len(tokens) == 1:
        return None
    n = len(acronym_letters(abbr))
    limit = min(n + 5, 2 * n)
    tail_tokens = tokens[-limit:]
    tail = " ".join(tail_tokens)
    lf = find_long_form(abbr, tail)
    pattern = "en(abbr)"
    confidence = 0.85
    if lf:
        lf = lf.strip(" ,.;:-–—")
        lf_words = lf.split()
        if lf_words and lf_words[0].lower() in FUNCTION_WORDS:
            return None
        agreement = letter_agreement(abbr, lf)
        if agreement < 0.5 or (len(lf_words) < 2 and "-" not in lf):
            return None
        before = tokens[: len(tokens) - len(lf_words)]
        lf = _extend_left(lf, before, count)
    else:
        lf = _org_fallback(abbr, win_plain, win_start, text)
        if not lf:
            return None
        agreement = letter_agreement(abbr, lf)
        pattern = "org(abbr)"
        confidence = 0.6
    lf = strip_en_title(lf)
    start = text.rfind(lf.split()[0], win_start, i)
    return Candidate(
        zh="",
        en=lf,
        abbr=abbr,
        start=start if start >= 0 else i,
        end=j + 1,
        pattern=pattern,
        confidence=confidence,
        agreement=agreement,
        mark_at=j + 1,
    )


def _extend_left(lf: str, before: list[str], count: Count) -> str:
    """Take in a qualifier the acronym skips: 'APEC DIGITAL ECONOMY STEERING GROUP (DESG)',
    'ASEAN Digital Economy Framework Agreement (DEFA)', '... Climate Change, Energy ... (CET)'."""
    for _ in range(2):
        if not before:
            break
        w = before[-1].strip(",")
        if w != before[-1] or not w[:1].isupper() or w.lower() in FUNCTION_WORDS | EN_TITLE_WORDS:
            break
        first = lf.split()[0].strip(",")
        bigram = f"{w} {first}"
        if w.upper() in REGION_QUALIFIERS or (not is_acronym(w) and count(bigram) >= 2):
            lf = f"{w} {lf}"
            before = before[:-1]
        else:
            break
    return lf


_TITLE_WORD = re.compile(r"^[A-Z\u00c0-\u00de][\w\-'’\u00c0-\u024f]*$")


def _org_fallback(abbr: str, win: str, win_start: int, text: str) -> str | None:
    """An acronym of another language after an organisation's English name
    ('Plain Hydrology Institute (IHLLA)'): the Title-Case phrase, person's name in front dropped."""
    if not abbr.isupper() or len(acronym_letters(abbr)) < 3:
        return None
    seg = re.split(r"[,，]", win)[-1]
    toks = seg.split()
    phrase: list[str] = []
    for t in reversed(toks):
        if _TITLE_WORD.match(t) or (t.lower() in ("of", "for", "and", "the", "on", "in", "de") and phrase):
            phrase.insert(0, t)
        else:
            break
    while phrase and phrase[0].lower() in FUNCTION_WORDS:
        phrase.pop(0)
    if len(phrase) < 2 or not any(w.lower() in EN_ORG_HEADS for w in phrase):
        return None
    at_segment_start = len(phrase) == len(toks)
    if at_segment_start and len(phrase) >= 4:
        first_two = phrase[:2]
        if (
            all(
                w.lower() not in EN_ORG_HEADS
                and w.lower() not in FUNCTION_WORDS
                and w.upper() not in REGION_QUALIFIERS
                for w in first_two
            )
            and phrase[2][:1].isupper()
        ):
            phrase = phrase[2:]
    return " ".join(phrase)


# ---------------------------------------------------------------- dash form


_DASH = re.compile(r"((?:[A-Za-z][\w\-']*\s+){1,9}?[A-Za-z][\w\-']*)\s+[-–—]\s+([A-Z][A-Za-z0-9]{1,9})\b")


_DASH_HINT = re.compile(r"\s[-–—]\s+[A-Z][A-Za-z0-9]{1,9}\b")


def dash_candidates(flat: Flat) -> list[Candidate]:
    out = []
    for n, line in enumerate(flat.clean):
        if _DASH_HINT.search(line.text):
            out.extend(_dash_line(line.text, flat.starts[n]))
    return out


def _dash_line(text: str, offset: int) -> list[Candidate]:
    out = []
    for m in _DASH.finditer(text):
        abbr = m.group(2)
        if not is_acronym(abbr):
            continue
        lf = find_long_form(abbr, m.group(1))
        if not lf or len(lf.split()) < 2 or letter_agreement(abbr, lf) < 1.0:
            other = _other_language_name(abbr, m.group(1))
            if other:
                start = offset + m.start(1) + m.group(1).rfind(other)
                out.append(
                    Candidate(
                        zh="",
                        en=other,
                        abbr=abbr,
                        start=start,
                        end=offset + m.end(),
                        pattern="en-abbr",
                        confidence=0.5,
                        agreement=letter_agreement(abbr, other),
                    )
                )
            continue
        if lf.split()[0].lower() in FUNCTION_WORDS:
            continue
        start = offset + m.start(1) + m.group(1).rfind(lf)
        out.append(
            Candidate(
                zh="",
                en=lf,
                abbr=abbr,
                start=start,
                end=offset + m.end(),
                pattern="en-abbr",
                confidence=0.7,
                agreement=1.0,
            )
        )
    return out


def _other_language_name(abbr: str, phrase: str) -> str | None:
    """'Secretary of the Ministry of Government and Digital Transformation – SGTD': an
    organisation's English name with the acronym of its own language, whose word order differs.
    Kept when every letter of the acronym is the initial of a different content word of the
    name, the name has no more than one content word besides, and it names a body."""
    letters = abbr.upper()
    if not abbr.isupper() or not abbr.isalpha() or len(letters) < 3:
        return None
    words = phrase.split()
    while words and words[0].lower() in FUNCTION_WORDS:
        words.pop(0)
    content = [w for w in words if w.lower() not in FUNCTION_WORDS]
    if not content or any(not w[:1].isupper() for w in content):
        return None
    if not len(letters) <= len(content) <= len(letters) + 1:
        return None
    if not any(w.lower() in EN_ORG_HEADS for w in content):
        return None
    initials = [w[0].upper() for w in content]
    for ch in letters:
        if ch not in initials:
            return None
        initials.remove(ch)
    return " ".join(words)


# ---------------------------------------------------------------- line-based patterns


_ENUM = re.compile(
    r"^\s*(?:[-•●○→]\s*)?(?:[（(]?[一二三四五六七八九十壹貳參肆伍陸柒捌玖拾\d]{1,3}[)）、.．]\s*)+"
)
_LEADER = re.compile(r"\s*(?:\.{2,}|…{1,})\s*\d*\s*$")
_SESSION = re.compile(
    r"^(?:Session|Part|Day|Module|Panel|Track|Roundtable|Chapter)\s*\d+\s*[:：.\-]\s*", re.I
)


_NOT_NAME = FUNCTION_WORDS | EN_ORG_HEADS | EN_PROGRAM_HEADS | EN_TITLE_WORDS


def _person_like(en: str) -> bool:
    ws = en.replace(",", " ").split()
    if not 2 <= len(ws) <= 4:
        return False
    lw = [w.lower() for w in ws]
    if any(w in _NOT_NAME for w in lw):
        return False
    return all(w[:1].isupper() for w in ws)


_SCRIPT_SEGMENT = re.compile(
    r"[\u4e00-\u9fff][\u4e00-\u9fff、，：:·\s]*|[A-Za-z\u00c0-\u024f][^\u4e00-\u9fff]*"
)


def _scripts(s: str) -> list[tuple[str, str]]:
    """Split a line into maximal Chinese and Latin segments: [('zh', ...), ('en', ...)]."""
    out: list[tuple[str, str]] = []
    for m in _SCRIPT_SEGMENT.finditer(s):
        seg = m.group(0).strip(" ，、:：-–—_")
        if not seg:
            continue
        kind = "zh" if is_cjk(seg[0]) else "en"
        out.append((kind, seg))
    return out


def _is_title_en(en: str) -> bool:
    ws = en.split()
    if len(ws) < 2 or len(ws) > 20 or "://" in en or "@" in en:
        return False
    if re.search(r"[.!?]$", en) and not en.endswith("."):
        return False
    return sum(1 for w in ws if w[:1].isupper()) >= 1 and not re.search(r"\d{3,}", en)


def side_by_side_candidates(flat: Flat) -> list[Candidate]:
    out = []
    for n, cl in enumerate(flat.clean, start=1):
        raw = flat.plain_lines[n - 1]
        if not raw or len(raw) > 160 or raw.startswith("圖"):
            continue
        s = _LEADER.sub("", raw)
        is_toc = s != raw
        s = re.sub(r"^[-•●○→]\s*", "", s)
        s = _ENUM.sub("", s)
        s = _SESSION.sub("", s)
        if not s or "(" in s or "（" in s or re.search(r"[\u4e00-\u9fff]\s*[:：]", s):
            continue
        if not (cl.heading_level or is_toc or len(s) <= 90):
            continue
        segs = _scripts(s)
        if len(segs) == 3 and segs[2][0] == "zh" and len(segs[2][1]) <= 2:
            segs = segs[:2]
        if len(segs) != 2 or segs[0][0] == segs[1][0]:
            continue
        zh = next(seg for kind, seg in segs if kind == "zh")
        en = next(seg for kind, seg in segs if kind == "en").strip(" .:")
        zh = zh.strip()
        if re.search(r"[，。：:]", zh) or len(zh) < 2 or strip_title(zh) != zh:
            continue
        if re.fullmatch(r"[A-Za-z]+\s*\d+", en):
            continue
        if not _is_title_en(en) or _person_like(en) or is_acronym(en.split()[0]) and len(en.split()) <= 2:
            continue
        if any(w.lower() in EN_TITLE_WORDS for w in en.split()[:1]):
            continue
        offset = flat.starts[n - 1]
        out.append(
            Candidate(
                zh=zh,
                en=en,
                abbr="",
                start=offset,
                end=offset + len(cl.text),
                pattern="side-by-side",
                confidence=0.6,
            )
        )
    return out


def _line_kind(s: str) -> str | None:
    if not s:
        return None
    if has_cjk(s):
        if all(is_cjk(c) or c in "、，·" for c in s):
            return "zh"
        return None
    if re.fullmatch(r"[A-Za-z\u00c0-\u024f][\w\s,&'’\-().\u00c0-\u024f]*", s):
        return "en"
    return None


def card_candidates(flat: Flat) -> list[Candidate]:
    """Blocks of English lines then Chinese lines (or the reverse), aligned line by line."""
    out = []
    lines = flat.plain_lines
    n = len(lines)
    i = 0
    while i < n:
        if not lines[i]:
            i += 1
            continue
        j = i
        while j < n and lines[j]:
            j += 1
        block = list(range(i, j))
        i = j
        kinds = [_line_kind(lines[b]) for b in block]
        if None in kinds or "zh" not in kinds or "en" not in kinds:
            continue
        first = kinds[0]
        switch = kinds.index("zh" if first == "en" else "en")
        if any(k != first for k in kinds[:switch]) or any(k == first for k in kinds[switch:]):
            continue
        en_idx = [b for b, k in zip(block, kinds, strict=True) if k == "en"]
        zh_idx = [b for b, k in zip(block, kinds, strict=True) if k == "zh"]
        en_units = _join_en(en_idx, lines)
        zh_units = _join_zh(zh_idx, lines)
        if len(en_units) > len(zh_units) and first == "en" and _person_like(en_units[0][1]):
            en_units = en_units[1:]
        if len(en_units) != len(zh_units) or not en_units:
            continue
        pairs = []
        ok = True
        for (en_line, en), (zh_line, zh) in zip(en_units, zh_units, strict=True):
            en = re.sub(r",\s*[A-Z][A-Za-z]{1,9}$", "", en).strip()  # 'Programme Manager, ENEA'
            en = re.sub(r"\s*\([A-Za-z]{2,10}\)$", "", en)
            ke, kz = classify_en(en), classify_zh(zh)
            if (ke and kz and ke != kz and {ke, kz} != {"org", "program"}) or (ke == "org" and kz is None):
                ok = False
                break
            if _person_like(en) or is_acronym(en):
                ok = False
                break
            pairs.append((min(en_line, zh_line), en, zh))
        if not ok:
            continue
        for line_no, en, zh in pairs:
            offset = flat.starts[line_no]
            out.append(
                Candidate(
                    zh=zh,
                    en=en,
                    abbr="",
                    start=offset,
                    end=offset + len(lines[line_no]),
                    pattern="card",
                    confidence=0.5,
                )
            )
    return out


def _join_en(idx: list[int], lines: list[str]) -> list[tuple[int, str]]:
    units: list[tuple[int, str]] = []
    closed = False
    for b in idx:
        s = lines[b].strip()
        if s.lower().strip(" ,") in COUNTRIES or all(w.lower().strip(",") in COUNTRIES for w in s.split()):
            closed = True
            continue
        open_end = units and re.search(r"(\band|\bof|\bfor|\bthe|,|&)$", units[-1][1])
        if units and not closed and (open_end or s[:1].islower()):
            units[-1] = (units[-1][0], f"{units[-1][1]} {s}")
        else:
            units.append((b, s))
        closed = False
    return [(b, re.sub(r"\s+(and|of|for|the|&)$", "", s).strip(" ,")) for b, s in units]


def _join_zh(idx: list[int], lines: list[str]) -> list[tuple[int, str]]:
    units: list[tuple[int, str]] = []
    for b in idx:
        s = lines[b].strip()
        if units and units[-1][1].endswith(("、", "，")):
            units[-1] = (units[-1][0], units[-1][1] + s)
        else:
            units.append((b, s))
    return units


def logo_candidates(flat: Flat) -> list[Candidate]:
    """An acronym alone on a line with the name it abbreviates on the next non-empty line."""
    out = []
    lines = flat.plain_lines
    for n, s in enumerate(lines):
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9]{1,7}", s or ""):
            continue
        m = n + 1
        while m < len(lines) and m <= n + 2 and not lines[m]:
            m += 1
        if m >= len(lines) or m > n + 2:
            continue
        name = lines[m].strip()
        if not re.fullmatch(r"[A-Z][A-Za-z\s\-&']+", name) or len(name.split()) < 2:
            continue
        lf = find_long_form(s, name)
        if lf != name or letter_agreement(s, name) < 0.75:
            continue
        offset = flat.starts[n]
        out.append(
            Candidate(
                zh="",
                en=name,
                abbr=s,
                start=offset,
                end=flat.starts[m] + len(name),
                pattern="logo",
                confidence=0.5,
                agreement=letter_agreement(s, name),
            )
        )
    return out
