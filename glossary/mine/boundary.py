"""Where a Chinese term starts: the boundary model for the text before a bracket or a name phrase.

The run of Chinese text left of ``（English）`` usually holds more than the term
(``的資料中心包含不斷電系統``). The run is segmented (:mod:`~glossary.mine.segment`, rjieba
on t2s-folded text, with part-of-speech tags). Tokens are first taken right to left until
one cannot belong to a term (a function word, a predicate verb, a conjunction the English
does not have, a length beyond what the English or the acronym can carry): that bounds the
term. :func:`choose_start` then scores every start within the bound with named features
(``WEIGHTS``): translation coverage of the English content words by the Chinese words
(:mod:`~glossary.mine.translations`, CC-CEDICT; a content word that translates nothing as a
whole may by its characters, :func:`_covers`), untranslated leading words, verbs between
translated words, a describing noun before a name, length, and accessor variety in the
document; the best start and one confidence come out (:class:`Boundary`). A job title at
the right end is cut off, and a place, parent ministry or legal form the English lacks is
trimmed (:func:`place_prefix`). :func:`basic_left_boundary` is the fast fallback that
needs neither segmenter nor dictionary.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from dataclasses import field
from functools import lru_cache
from typing import Any
from typing import Protocol

from glossary.mine import translations
from glossary.mine.acronyms import acronym_letters
from glossary.mine.acronyms import content_words
from glossary.mine.lexicon import EN_ORG_HEADS
from glossary.mine.lexicon import EN_PROGRAM_HEADS
from glossary.mine.lexicon import ZH_PLACE_PREFIXES
from glossary.mine.segment import fold
from glossary.mine.segment import pos_tags
from glossary.mine.segment import segment


def _words(text: str) -> list[str]:
    return text.split()


# Function words and pronouns that cannot start a term (Simplified: the window is folded with t2s).
STOP_WORDS = frozenset(
    _words("""
在 于 於 为 是 系 对 从 到 以 把 被 将 由 向 给 让 使 令 等 即 并 且 而 或者 如 像 其 该 此 这 那 各
每 本 我 你 他 她 它 我们 你们 他们 她们 它们 其中 也 亦 都 还 又 再 就 才 更 最 很 所 可 能 会 要
应 需 须 已 曾 仍 均 皆 乃 则 若 因 因为 所以 但 但是 然而 例如 比如 譬如 诸如 包括 包含 透过 通过
经由 根据 依据 关于 有关 针对 对于 除 除了 自 自从 至 直到 乃至 乃至于 以及 或是 还是 甚至 另有 尚有
还有 亦有 均有 最后 最终 首先 其次 然后 今年 去年 明年 本年 当年 目前 现在 此次 本次 这次 该次 首次
我方 我国 本国 本部 该部 一份 一个 一项 一种 一场 一位 一系列 两个 多项 多个 几个 数个 各项 该项
此项 有 没有 无 称为 名为 叫做 即为 作为 成为 属 属于 位于 来自 着 了 过 所谓 即是 就是 不仅 而且
同时 另外 此外 并且 以便 以免 借由 藉由 凭借 随着 关注 以上 以下 上述 前述 下列 如下 所有 一些 许多
很多 若干 不少 很少 其他 其它 某 某些 这个 这些 那些 此类 该类 这类 相关 讲者 与会者 主持人 演讲者
代表 他们的 并由 暨其 及其
""")
    # a place named by a pronoun (该国 'that country'): the Chinese does not state the place
    + _words("""
该国 各国 两国 他国 贵国 该市 各市 本市 该州 各州 本州 该省 各省 本省 该地 当地 该区 各区
""")
)

# Predicate verbs that commonly stand just before a named thing.
VERB_STOP = frozenset(
    _words("""
出席 参加 参与 加入 举办 召开 成立 设立 推出 推动 推行 采用 使用 利用 运用 建立 进行 交流 分享 介绍
提到 提及 表示 认为 指出 强调 说明 讨论 探讨 提出 发布 发表 签署 加强 增强 提升 提高 导入 引入 引进
部署 落实 完成 达成 实现 遵守 负责 担任 邀请 拜访 参访 访问 前往 抵达 涵盖 具备 拥有 提供 获得 取得
需要 面临 了解 重视 鼓励 呼吁 建议 希望 期待 致力 致力于 专注 聚焦 包含了 称作 所谓的 名叫 叫 看到
证明 代表着 如同 透过 导致 造成 带来 减少 降低 增加 扩大 建构 打造 一起 分别 主动 持续 积极 正在
已经 将会 可以 能够 应该 必须 需 应当 推广 宣传 倡导 发起 签订 制定 订定 修订 启动 启用 建置 解决
处理 应对 因应 面对 缩小 弥合 消除 打击 防止 避免 涉及 举行 开始 继续 介绍了 提到了 强调了 说到 谈到
谈及 举例 例 以及其 设有 下设 属于 隶属 隶属于 办理 增设 设置 筹组 筹设
""")
)

CLASSIFIERS = frozenset(
    _words("""
年 月 日 个 项 份 位 名 次 届 场 家 种 号 条 件 岁 人 万 亿 千 百 多 余 天 周 国 所 篇 本 张 台 座
""")
)
CONJUNCTIONS = frozenset(
    _words("""
与 和 及 暨 以及 跟 同 或 并 兼
""")
)
# One-character suffixes that end the word before them (拘束性, 數位化, 使用者): a term never
# opens on one when it stands alone after Chinese text.
BOUND_SUFFIXES = frozenset("性化者式型率")
WEAK_STOPS = frozenset(
    _words("""
之 的
""")
)

# Job titles that follow a name in speaker lists; they are not part of an org's name.
ZH_TITLES = tuple(
    sorted(
        _words("""
主席 副主席 共同主席 創辦人 共同創辦人 創始人 執行長 總裁 副總裁 執行副總裁 董事長 總經理 經理 主任
副主任 處長 副處長 局長 副局長 司長 副司長 署長 部長 副部長 次長 秘書長 副秘書長 代理秘書長 教授
副教授 研究員 顧問 高級顧問 資深顧問 主管 總監 資深總監 大使 專員 科長 設計師 經濟學家 首席經濟學家
執行董事 理事長 會長 院長 所長 組長 博士 理事 委員 召集人 協理 資深協理 經理人
"""),
        key=len,
        reverse=True,
    )
)


def expected_max_len(en: str | None, abbr: str | None) -> int:
    """The most Chinese characters a translation of ``en`` / an expansion of ``abbr`` plausibly has."""
    if en:
        n = len(content_words(en))
        return max(5, 3 * n + 4)
    if abbr:
        return max(5, 3 * len(acronym_letters(abbr)) + 1)
    return 12


def strip_title(zh: str, en: str | None = None) -> str:
    """``數位中小企業永續發展焦點團體主席`` -> ``數位中小企業永續發展焦點團體``; the title stays
    when the English names it (共同召集人, co-convenors: the term is the title)."""
    for title in ZH_TITLES:
        if zh.endswith(title) and len(zh) - len(title) >= 2:
            if en and translations.english(en).covered(fold(title)):
                return zh
            return zh[: -len(title)]
    return zh


Token = tuple[str, str, str]  # (as written, folded to Simplified, part of speech)
_ONE_CHAR_STOPS = frozenset(w for w in STOP_WORDS if len(w) == 1)


def unglue_particles(tokens: tuple[Token, ...]) -> tuple[Token, ...]:
    """Split a particle (之, 的) the segmenter glued to the next word, or a one-character stop
    word (於, 在, 為…) glued to the word before, when the pair is no word of the dictionary:
    …（FCA）之反漂綠規則 is 之 | 反 | 漂綠 | 規則, not 之反 | …; 已於第83屆… is 已 | 於 | …
    A suffix the segmenter cut off (``BOUND_SUFFIXES``) joins the word before it: 拘束 | 性 is
    拘束性, so that no term opens on 性."""
    out: list[Token] = []
    for orig, folded, pos in tokens:
        if len(folded) >= 2 and folded[0] in WEAK_STOPS and not translations.known(folded):
            out.append((orig[0], folded[0], "u"))
            out.append((orig[1:], folded[1:], pos))
        elif len(folded) == 2 and folded[1] in _ONE_CHAR_STOPS and not translations.known(folded):
            out.append((orig[0], folded[0], pos))  # 已於 -> 已 | 於: the stop word bounds the term
            out.append((orig[1], folded[1], "p"))
        elif (
            folded in BOUND_SUFFIXES
            and out
            and _is_cjk(out[-1][0][-1])
            and out[-1][1] not in STOP_WORDS
            and out[-1][1] not in CONJUNCTIONS
            and out[-1][1] not in WEAK_STOPS
        ):
            prev = out.pop()  # 拘束 | 性 -> 拘束性: the suffix ends the word before it
            out.append((prev[0] + orig, prev[1] + folded, "n"))
        else:
            out.append((orig, folded, pos))
    return tuple(out)


def left_boundary(
    run: str,
    en: str | None = None,
    abbr: str | None = None,
    strong_start: bool = True,
    number_before: bool = False,
    variety: Callable[[str], int] | None = None,
) -> int | None:
    """Index in ``run`` where the term ending at ``run``'s end starts (see :func:`explain_boundary`)."""
    b = explain_boundary(run, en, abbr, strong_start, number_before, variety)
    return b.start if b else None


def explain_boundary(
    run: str,
    en: str | None = None,
    abbr: str | None = None,
    strong_start: bool = True,
    number_before: bool = False,
    variety: Callable[[str], int] | None = None,
) -> Boundary | None:
    """The chosen boundary of the term ending at ``run``'s end, or None if there is none: its
    index in ``run`` where the term ending at ``run``'s end starts, or None if there is none.

    ``strong_start``: the run begins at a line, cell, quote or punctuation boundary (so a
    conjunction or 之 inside a run that is wholly the term can be kept). ``number_before``:
    a number stands just before the run, so a leading classifier (年, 項, 份) is not the term's.
    ``variety``: how many different left contexts a string has in the document (accessor
    variety); None when unknown. The stop words bound how far left the term may reach; the
    boundary model (:func:`choose_start`) then picks the start within that bound.
    """
    tokens = unglue_particles(segment(run))
    if not tokens:
        return None
    # the English's joining words: and, &, a comma, or, with, a slash between words (Team/Center)
    en_joins = len(re.findall(r"\band\b|&|,|\bor\b|\bwith\b|(?<=[a-z])/(?=[a-z])", en, re.I)) if en else 0
    english = translations.english(en) if en else None
    max_len = expected_max_len(en, abbr)
    i = len(tokens) - 1
    if (
        tokens[i][1] in STOP_WORDS or tokens[i][1] in CONJUNCTIONS or tokens[i][1] in WEAK_STOPS
    ) and not _heads_the_name(tokens[i], en, english):
        return None
    starts = []
    pos = 0
    for orig, *_ in tokens:
        starts.append(pos)
        pos += len(orig)
    end = len(run)
    while i > 0:
        orig, f, _ = tokens[i - 1]
        if not orig.strip():
            break
        stop = f in STOP_WORDS or f in VERB_STOP or (len(f) >= 3 and f[-2:] in VERB_STOP)
        if stop and not (
            english
            and (
                _adds_coverage(tokens[i - 1], tokens[i:], english)
                or (
                    (len(f) == 1 or not tokens[i - 1][2].startswith("v"))
                    and i >= 2
                    and tokens[i - 2][2] not in _FUNCTIONAL_POS
                    and _adds_coverage(tokens[i - 2], tokens[i:], english)
                )
            )
        ):
            break
            # 國家自定貢獻 (Nationally Determined Contribution), 最終受益人 (Ultimate …): a stop word,
            # or a verb (資訊分享與分析中心, Information Sharing and Analysis Center), that translates
            # English the rest does not is inside the name; so is the noun before a stop word that
            # is no verb and does so
        if i - 1 == 0 and number_before and (f in CLASSIFIERS or f[:1] in CLASSIFIERS):
            break  # 2024 年亞太經濟合作: the classifier belongs to the number
        if f in CONJUNCTIONS or f in WEAK_STOPS:
            if f in CONJUNCTIONS and _conjunction_belongs(tokens[i:], en_joins):
                pass
            elif (
                (not en or f in WEAK_STOPS)
                and strong_start
                and _rest_is_clean(tokens[: i - 1])
                and end <= max_len
                and (f not in WEAK_STOPS or end <= 10)
            ):
                i = 0
                break
            else:
                break
        if _cjk_len(run[starts[i - 1] :]) > max_len:  # Latin words and digits do not count
            break
        i -= 1
    n_words = len(content_words(en)) if en else 0
    joined = i > 0 and tokens[i - 1][1] in CONJUNCTIONS  # 瑞昱和 | 超微: two names, the English has one
    if (
        n_words >= 3
        and len(run) - starts[i] < n_words
        and strong_start
        and len(run) <= max_len
        and not joined
    ):
        i = 0  # far too short for the English: the whole run is the term (萬物皆有可能)
    if i == 0 and number_before and len(tokens) > 1 and tokens[0][1][:1] in CLASSIFIERS:
        i = 1
    return choose_start(run, tokens, starts, i, en, abbr, variety)


_EN_HEADS = EN_ORG_HEADS | EN_PROGRAM_HEADS
# One-character function words that are nouns when they end a phrase: 會 (an association, a
# meeting; "can" only before a verb), 所 (an institute; "that which" only before a verb).
_NOUN_WHEN_FINAL = frozenset("会所")


def _heads_the_name(tok: Token, en: str | None, english: translations.English | None) -> bool:
    """Whether a stop word ending the run is the name's head noun after all: it translates an
    English word (本部, headquarters), or it is one character and the English ends with the
    head of an organisation's or programme's name (審議 | 會, … Review Committee: 會 is the
    body, not "can")."""
    if english and english.covered(tok[1]) or tok[1] in _NOUN_WHEN_FINAL:
        return True
    words = content_words(en) if en else []
    return len(tok[1]) == 1 and bool(words) and words[-1].lower().strip(",.;:") in _EN_HEADS


@dataclass
class Boundary:
    """A chosen left boundary: ``start`` in the run, the named features that chose it, and the
    confidence they give (0-1)."""

    start: int
    features: dict[str, float] = field(default_factory=dict)
    confidence: float = 0.5


# Weights of the named features (see ``boundary_features``); a start's score is their sum.
WEIGHTS = {
    "coverage": 2.0,  # share of the English content words some Chinese word of the term translates
    "untranslated_lead": -0.8,  # per leading word that translates no English word the rest does not
    "gap": -0.4,  # per verb or pronoun translating nothing between translated words
    "apposition": 1.2,  # the term starts at a transliterated name right after a describing noun
    "branching": 0.5,  # -1 when the rest recurs in the document after one left context only
    "too_long": -0.6,  # how far beyond what the English or the acronym can carry
    "too_short": -1.5,  # fewer characters than the English has content words (or the acronym letters)
}

# Part-of-speech tags (jieba's tag set) of words that are not name parts unless they translate:
# verbs, adverbs, prepositions, conjunctions, pronouns, particles, numerals, measure words, time.
_FUNCTIONAL_POS = frozenset(["v", "vd", "d", "p", "c", "r", "u", "uj", "ul", "m", "q", "t", "f", "ad"])


# Tags of words whose characters are not read one by one for coverage: prepositions,
# conjunctions, pronouns, particles, adverbs, numerals, measure words, time and place words.
_NO_PARTS_POS = frozenset(["p", "c", "r", "u", "uj", "ul", "d", "m", "q", "t", "f"])
_AND = frozenset(["与", "和", "及", "暨", "以及", "并"])
_NAME_POS = frozenset(["nr", "nrt", "nrfg", "ns", "nz", "x", "eng"])


def _translating(tok: tuple[str, str, str], english: translations.English) -> bool | None:
    """True/False whether a token translates a word of ``english``; None when nothing is known
    of it (an unknown word that is not a verb or function word), so that it is neither
    evidence for nor against."""
    orig, folded, flag = tok
    if orig.isascii():
        return bool(english.covered(orig)) or None
    if folded in _AND and english.has_and:
        return None  # 與 or 和 for the English 'and'
    if orig in ZH_PLACE_PREFIXES and _en_names_place(ZH_PLACE_PREFIXES[orig], english.text):
        return True  # 英國 for 'UK'
    if _covers(tok, english):
        return True
    if translations.known(folded) or flag in _FUNCTIONAL_POS:
        return False
    return None


def _covers(tok: Token, english: translations.English) -> frozenset[str]:
    """Stems of the English words ``tok`` translates: as a word, or else, for a content word
    (not a function word, preposition or pronoun), by its characters (法規 | 規, regulation)."""
    orig, folded, flag = tok
    if orig.isascii():
        return english.covered(orig)
    found = english.covered(folded)
    if found or flag in _NO_PARTS_POS or folded in STOP_WORDS:
        return found
    return english.covered_by_parts(folded)


def _adds_coverage(tok: tuple[str, str, str], rest: Any, english: translations.English) -> bool:
    """Whether ``tok`` translates an English word that none of the ``rest`` tokens does."""
    have = frozenset().union(*(_covers(t, english) for t in rest)) if rest else frozenset()
    return bool(_covers(tok, english) - have)


def _transliteration(tok: tuple[str, str, str]) -> bool:
    """An unknown word tagged as a name: likely the sound of an English word (麥肯錫)."""
    return (
        any(_is_cjk(c) for c in tok[0]) and tok[2] in _NAME_POS and not translations.known(tok[1])
    )


def boundary_features(
    run: str,
    tokens: tuple[tuple[str, str, str], ...],
    starts: list[int],
    t: int,
    english: translations.English | None,
    counts: tuple[int, int],
    max_len: int,
    variety: Callable[[str], int] | None,
) -> dict[str, float]:
    """The named features of starting the term at token ``t`` of ``run`` (see ``WEIGHTS``)."""
    zh = run[starts[t] :]
    n_words, n_letters = counts
    f: dict[str, float] = {"coverage": 0.0, "untranslated_lead": 0.0, "gap": 0.0}
    toks = tokens[t:]
    if english:
        info = _token_info(tokens, english)
        per_token = info.covered[t:]
        covered = info.suffix[t]
        uncovered = len(english.stems) - len(covered)
        sounds = sum(info.sounds[t:])
        f["coverage"] = (len(covered) + min(sounds, uncovered)) / len(english.stems)
        unexplained = max(0, uncovered - sounds)  # English words neither translated nor transliterated
        lead = 0
        last_untranslated = -1
        for n, tok in enumerate(toks):
            if (
                info.numbers[t + n]
                or info.sounds[t + n]
                or (tok[1] == "第" and info.numbers[t + n + 1 : t + n + 2] == [True])
            ):
                break
            verdict = info.verdicts[t + n]
            if verdict is None and not unexplained:
                verdict = False  # unknown, but the rest explains every English word: surplus
            if verdict is None or (verdict is False and unexplained and tok[2] not in _SURPLUS_POS):
                continue  # unknown, or a noun that may translate an English word the dictionary misses
            rest = info.suffix[t + n + 1]
            repeated = (
                any(tok[1] == later[1] for later in toks[n + 1 :])
                and n + 1 < len(toks)
                and info.verdicts[t + n + 1] is False
                and toks[n + 1][2] in _FUNCTIONAL_POS
            )  # 定期提交定期…: the word recurs after a verb that ends an earlier phrase
            if verdict and not (per_token[n] <= rest and (tok[2] in _FUNCTIONAL_POS or repeated)):
                break
            lead += 1  # translates nothing, or only what a word to its right already does
            last_untranslated = n
        if lead and last_untranslated >= 0 and english.lead_stem and english.lead_stem not in covered:
            nxt = toks[last_untranslated + 1] if last_untranslated + 1 < len(toks) else None
            if nxt is not None and per_token[last_untranslated + 1]:
                lead -= 1  # the word just before the translated part may be the English's first word
        f["untranslated_lead"] = float(lead)
        gap = 0
        seen_translation = False
        for n, tok in enumerate(toks):
            if per_token[n]:
                seen_translation = True
            elif seen_translation and tok[2] in _GAP_POS and info.verdicts[t + n] is False:
                gap += 1  # 派員參與經濟合作…: a verb after translated words ends an earlier phrase
        f["gap"] = float(gap)
    elif len(toks) > 1 and toks[0][2] in _NO_NAME_START and not translations.known(toks[0][1] + toks[1][1]):
        f["untranslated_lead"] = 1.0  # no English to ask: a preposition, adverb or pronoun opens no name
    f["apposition"] = (
        1.0
        if english
        and t > 0
        and toks[0][2] in ("nr", "nrt", "nrfg")
        and (_transliteration(toks[0]) or english.covered(toks[0][1]))
        and tokens[t - 1][2] in ("n", "nt", "nz")
        and tokens[t - 1][0].endswith(_DESCRIBERS)
        else 0.0
    )  # 顧問公司 | 麥肯錫, 部長 | 王小明: a common noun describing the name that follows it
    f["branching"] = _branching(variety(zh)) if variety and t > 0 and len(zh) >= 2 else 0.0
    cjk = sum(1 for c in zh if "\u4e00" <= c <= "\u9fff")
    f["too_long"] = max(0.0, (cjk - max_len) / max_len)
    f["too_short"] = 1.0 if (n_words >= 2 and cjk < n_words) or (not n_words and cjk < n_letters) else 0.0
    return f


@dataclass
class _TokenInfo:
    covered: list[frozenset[str]]  # English stems each token translates
    suffix: list[frozenset[str]]  # stems the tokens from k on translate (one past the end: empty)
    verdicts: list[bool | None]
    sounds: list[bool]  # transliterations
    numbers: list[bool]


def _token_info(tokens: tuple[tuple[str, str, str], ...], english: translations.English) -> _TokenInfo:
    """Per-token facts for one run and one English, computed once for all starts."""
    return _token_info_of(tokens, english.text)


@lru_cache(maxsize=1024)
def _token_info_of(tokens: tuple[tuple[str, str, str], ...], en: str) -> _TokenInfo:
    english = translations.english(en)
    covered = [_covers(tok, english) for tok in tokens]
    suffix: list[frozenset[str]] = [frozenset()] * (len(tokens) + 1)
    for k in range(len(tokens) - 1, -1, -1):
        suffix[k] = suffix[k + 1] | covered[k]
    return _TokenInfo(
        covered,
        suffix,
        [_translating(tok, english) for tok in tokens],
        [_transliteration(tok) for tok in tokens],
        [_number_token(tok[0]) or _chinese_number_in(tok[0], en) for tok in tokens],
    )


# Words that are surplus when they translate nothing, even if some English word is uncovered:
# function words, verbs, place names (a country the English does not name) and attributives (所屬).
_SURPLUS_POS = _FUNCTIONAL_POS | {"ns", "b"}
_GAP_POS = frozenset(["v", "r"])  # not 之/的 or 關於: they sit inside names
# Nouns that describe a name written after them: job titles and kinds of organisation.
_DESCRIBERS = tuple(ZH_TITLES) + ("公司", "機構", "集團", "組織", "團體", "企業", "銀行")
_NO_NAME_START = frozenset(["c", "r", "u", "uj", "ul"])  # not 基於 (p): prepositions open names too


def _branching(v: int) -> float:
    """From the accessor variety of the rest: recurring after one context only (v == 1) means the
    start cuts a unit (-1). Several contexts are no evidence by themselves: a generic head
    (組織, 委員會) has many."""
    return -1.0 if v == 1 else 0.0


def _is_cjk(c: str) -> bool:
    return "\u3400" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"


def _number_token(tok: str) -> bool:
    return bool(re.fullmatch(r"第?[0-9０-９.]+[屆届條条項项版號号次年]?", tok))


_ZH_DIGITS = dict(zip("〇零一二兩两三四五六七八九", (0, 0, 1, 2, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_ZH_NUMBER = re.compile("第?([〇零一二兩两三四五六七八九十百]+)[項项屆届條条版號号次年個个]?")


def zh_number(numeral: str) -> int | None:
    """The value of a Chinese numeral up to 999 (十二 -> 12, 二十一 -> 21, 一百零五 -> 105)."""
    total, digit = 0, None
    for c in numeral:
        if c in _ZH_DIGITS:
            digit = _ZH_DIGITS[c]
        elif c in "十百":
            total += (1 if digit is None else digit) * (10 if c == "十" else 100)
            digit = None
        else:
            return None
    return total + (digit or 0)


def _chinese_number_in(tok: str, en: str) -> bool:
    """A Chinese numeral (with its measure word) whose value the English writes in digits:
    十二項 for '12 Key Strategies'. Without the English number it is a measure, not the name's."""
    m = _ZH_NUMBER.fullmatch(tok)
    if not m:
        return False
    value = zh_number(m.group(1))
    return value is not None and str(value) in re.findall(r"\d+", en)


def choose_start(
    run: str,
    tokens: tuple[tuple[str, str, str], ...],
    starts: list[int],
    outer: int,
    en: str | None,
    abbr: str | None,
    variety: Callable[[str], int] | None = None,
) -> Boundary:
    """Score every token start from ``outer`` (the farthest the stop words allow) rightwards
    with the named features together and keep the best; ties go to the longer term. When the
    English is no literal translation (the whole run covers under a fifth of it: a French name,
    a brand), translation features say nothing and the outer start stands."""
    english = translations.english(en) if en else None
    n_words = len(content_words(en)) if en else 0
    n_letters = len(acronym_letters(abbr)) if abbr else 0
    max_len = expected_max_len(en, abbr)
    counts = (n_words, n_letters)
    best: Boundary | None = None
    for t in range(outer, len(tokens)):
        if t > outer and sum(1 for c in run[starts[t] :] if "\u4e00" <= c <= "\u9fff") < 2:
            break
        if (tokens[t][1] in WEAK_STOPS or tokens[t][1] in _AND) and t + 1 < len(tokens):
            continue  # a term does not open on 的, 之 or a conjunction
        f = boundary_features(run, tokens, starts, t, english, counts, max_len, variety)
        if t == outer and f["coverage"] < 0.2:
            english = None  # not a literal translation: judge by stops, length and recurrence only
            f = boundary_features(run, tokens, starts, t, english, counts, max_len, variety)
        score = sum(WEIGHTS[k] * v for k, v in f.items())
        if best is None or score > best.features["score"] + 1e-9:
            f["score"] = score
            best = Boundary(starts[t], f)
    assert best is not None
    best.confidence = _confidence(best.features)
    return best


def _confidence(f: dict[str, float]) -> float:
    """One explainable 0-1 figure from the chosen start's features."""
    c = 0.5 + 0.4 * f["coverage"] - 0.15 * (f["untranslated_lead"] + f["gap"]) - 0.2 * f["too_long"]
    c += -0.2 * f["too_short"] + 0.1 * f["branching"]
    return round(max(0.0, min(1.0, c)), 2)


# One-character words that end a term on their left in the basic mode (Traditional characters).
_BASIC_END_STOPS = frozenset("的之在於于與和及暨為是由將對從以把被向給讓使或並且而等")
_BASIC_STOPS = frozenset(  # one-character function words that rarely end or start a term's word
    "的之在於于與和及暨為是由將對從以把被向給讓使等並且而或如該此這那每我也都還又再就才很已曾仍均皆乃若但了著過"
)


class Vocabulary(Protocol):
    """What a caller knows of Chinese terms, for the basic mode (``glossary check`` passes its
    glossary): whether a string is a known term, and how long the known Chinese name of a pair's
    English or acronym is."""

    def knows_chinese(self, text: str) -> bool: ...

    def chinese_length(self, en: str | None, abbr: str | None) -> int | None: ...


def basic_left_boundary(
    run: str,
    en: str | None = None,
    abbr: str | None = None,
    strong_start: bool = True,
    number_before: bool = False,
    variety: Callable[[str], int] | None = None,
    known: Vocabulary | None = None,
) -> int | None:
    """The left boundary without segmentation or dictionary (fast, for ``find_pairs`` in its
    basic mode and ``glossary check``). With a vocabulary ``known``, the longest suffix of the
    run it knows is the term; else a term whose English or acronym it knows is read at least as
    long as the known name (a short cut would hide a different name). Then the term starts after
    the last one-character stop word left of its final character (與/和/及 kept while the English
    has "and"), at most as long as the English or the acronym can carry. Same arguments as
    :func:`left_boundary`; ``variety`` is not used."""
    if not run or run[-1] in _BASIC_END_STOPS:
        return None
    expect = 0
    if known is not None:
        for i in range(len(run) - 1):
            if known.knows_chinese(run[i:]):
                return i
        expect = known.chinese_length(en, abbr) or 0
    max_len = max(expected_max_len(en, abbr), expect)
    joins = len(re.findall(r"\band\b|&", en, re.I)) if en else 0
    i = max(1, len(run) - max(1, expect))  # the final character is the term's, whatever it is (委員會)
    while i > 0 and len(run) - i < max_len:
        c = run[i - 1]
        if c in _BASIC_STOPS:
            if c in "與和及暨" and joins > 0:
                joins -= 1
            else:
                break
        i -= 1
    if i == 0 and number_before and run[0] in CLASSIFIERS_TRAD:
        i = 1
    return i if len(run) - i >= 2 else None


CLASSIFIERS_TRAD = frozenset("年月日個項份位名次屆場家種號條件歲人天週")


_CONJ_CHARS = re.compile("以及|[与和及暨或并兼跟同]")


def _conjunction_belongs(after: Any, en_joins: int) -> bool:
    """Whether a conjunction left of the term so far (``after``: its tokens) is inside the term:
    only while the English has more joining words ("and", "&", ",", "or", "with") than the
    Chinese so far has conjunctions (合辦與「經濟合作與發展組織」 stops at the first 與)."""
    return en_joins > len(_CONJ_CHARS.findall("".join(t[1] for t in after)))


def _rest_is_clean(tokens: Any) -> bool:
    return bool(tokens) and all(
        t[1].strip()
        and t[1] not in STOP_WORDS
        and t[1] not in VERB_STOP
        and t[1] not in WEAK_STOPS
        and t[1] not in CONJUNCTIONS
        for t in tokens
    )


def leading_verb(zh: str) -> int:
    """Length of a leading verb-like token (jieba POS v/vn) of ``zh``, else 0."""
    tags = pos_tags(zh)
    if len(tags) >= 2 and tags[0][1] in ("v", "vn", "vd") and len(tags[0][0]) >= 2:
        return len(tags[0][0])
    return 0


_PLACES_LONGEST_FIRST = sorted(ZH_PLACE_PREFIXES, key=len, reverse=True)


def _en_names_place(stems: tuple[str, ...], en: str) -> bool:
    low = "".join(c for c in unicodedata.normalize("NFKD", en.lower()) if not unicodedata.combining(c))
    return any(re.search(r"(?<![a-z])" + re.escape(s), low) for s in stems)


def place_prefix(zh: str, en: str | None, abbr: str | None) -> int:
    """Length of a leading place or regional-body qualifier (美國, 秘魯, 歐盟) that the English
    does not carry, else 0: 秘魯經濟暨財政部 (Ministry of Economy and Finance) -> 2."""
    if not en:
        return 0  # an acronym alone cannot tell (美國聯邦貿易委員會 (FTC) is often cited whole)
    for place in _PLACES_LONGEST_FIRST:
        if not zh.startswith(place):
            continue
        rest = zh[len(place) :]
        if len(rest) < 3 or not all("\u4e00" <= c <= "\u9fff" for c in rest[:2]):
            return 0
        if _en_names_place(ZH_PLACE_PREFIXES[place], en) or not rest_opens_the_english(rest, en):
            return 0
        return len(place) + _parent_body(rest, en)
    if zh.startswith(("國家", "政府")) and not zh.startswith("政府間"):
        n = _parent_body(zh, en)  # (美國)國家環境保護局 (Environmental Protection Agency)
        return n if n and rest_opens_the_english(zh[n:], en) else 0
    return _ministry_prefix(zh, en)


# A ministry (…部) or a legal form (財團法人) standing before the name of a body under it.
_MINISTRY = re.compile(
    "^(?:財團法人|社團法人|行政法人|[\u4e00-\u9fff]{1,4}?部(?!門|分|長|會)|[\u4e00-\u9fff]{1,3}?院(?!長|會|區|士))"
)
_BODY_END = re.compile("(?:署|局|司|處|所|中心|院|室|會|隊|館|會報)$")


def _ministry_prefix(zh: str, en: str) -> int:
    """Length of a parent ministry, Yuan or academy (…院) or a legal form before a body's name
    that the English does not carry: 經濟部 | 產業發展署 (Industrial Development Administration)
    -> 3; kept when the English names the ministry (… , Ministry of Economic Affairs) or the
    parent translates an English word (立法院 | 法制局, Legislative Research Bureau)."""
    m = _MINISTRY.match(zh)
    if not m:
        return 0
    rest = zh[m.end() :]
    if (
        len(rest) < 3
        or not (_BODY_END.search(rest) or rest.endswith(ZH_TITLES))
        or not all("\u4e00" <= c <= "\u9fff" for c in rest[:2])
    ):
        return 0
    low = en.lower()
    if m.group(0).endswith("院"):  # a Yuan or an academy over the body: kept when the English has it
        covered = translations.english(en).covered(fold(m.group(0)))
        return 0 if covered or re.search(r"\b(?:yuan|academia)\b", low) else m.end()
    if m.group(0).endswith("法人"):
        return 0 if re.search(r"\b(?:foundation|incorporated|juridical)\b", low) else m.end()
    if re.search(r"\bministry\b|\bmo[a-z]{1,3}\b", low):
        return 0
    if re.search(r"\bdepartment\b", low) and not rest.endswith(("司", "處")):
        return 0
    return m.end()


# A parent body after a place (政府, 國家, 商務部) and the English words that show it is kept.
_PARENT = re.compile("^(?:政府|國家|[\u4e00-\u9fff]{1,3}部)")
_PARENT_EN = {
    "政府": r"\bgovernment",
    "國家": r"\b(?:national|state|federal)",
    "部": r"\b(?:ministry|department)",
}


def clause_subject(clause: str, en: str | None, abbr: str | None) -> int | None:
    """Length of the name opening ``clause`` when a predicate follows it (臺灣資料中心 | 成立於…):
    the words up to the first verb or function word, kept only when they translate at least
    half of the English (or, without English, are as long as the acronym's letters)."""
    tokens = unglue_particles(segment(clause))
    end = 0
    for orig, folded, flag in tokens:
        if not all(_is_cjk(c) for c in orig):
            break
        if folded in STOP_WORDS or folded in VERB_STOP or flag in _FUNCTIONAL_POS and flag != "m":
            break
        end += len(orig)
    if end < 2 or end == len(clause) or _cjk_len(clause[:end]) > expected_max_len(en, abbr):
        return None
    if en:
        return end if translated_share(clause[:end], en) >= 0.5 else None
    return end if abbr and end >= len(acronym_letters(abbr)) else None


def translated_share(zh: str, en: str) -> float:
    """Share of the English content words that some word of ``zh`` translates (0-1): the
    evidence that the two name the same thing (a person's name translates nothing)."""
    english = translations.english(en)
    if not english:
        return 0.0
    have = frozenset().union(*(english.covered(tok[1]) for tok in segment(zh)))
    return len(have) / len(english.stems)


def rest_opens_the_english(rest: str, en: str) -> bool:
    """Whether what remains after a prefix still translates the English's leading word: if
    not, the prefix stands for it (國家 | 文化記憶庫, Taiwan Cultural Memory Bank: the name
    opens with the word the rest lacks), and it stays."""
    opening = re.match(r"[A-Za-z0-9][A-Za-z0-9.\-]*", rest)
    if opening and en.lower().startswith(opening.group(0).lower()):
        return True  # 5G專網 for '5G private network': the English's first word, as written
    english = translations.english(en)
    lead = english.words[0] if english.words else ""
    if not lead:
        return True
    if any(translations.stem(lead) in english.covered(tok[1]) for tok in segment(rest)):
        return True
    # a looser match than coverage's: the same first four letters (social, society)
    return any(g[:4] == lead[:4] for tok in segment(rest) for g in translations.full_glosses(tok[1]))


def _parent_body(rest: str, en: str) -> int:
    """Length of a parent body heading ``rest`` (the name after a dropped place) that the
    English lacks: 美國 | 商務部國際貿易管理局 (International Trade Administration) -> 3."""
    m = _PARENT.match(rest)
    if not m or len(rest) - m.end() < 4:
        return 0
    word = m.group(0)
    key = word if word in _PARENT_EN else "部"
    return 0 if re.search(_PARENT_EN[key], en, re.I) else m.end()


def _cjk_len(s: str) -> int:
    return sum(1 for c in s if "\u4e00" <= c <= "\u9fff")
