#!/usr/bin/env python3
"""Lookup benchmark: the search index against rapidfuzz brute force and PostgreSQL pg_trgm.

    python benchmarks/bench_search.py              # 1,000,000 concepts, 1000 queries
    python benchmarks/bench_search.py --n 20000    # quick run

A deterministic synthetic glossary (seeded): Chinese terms of 3-12 characters made of real
words (jieba's word list, converted to Taiwan Traditional with OpenCC s2twp), English of
1-6 words (Zipf-distributed vocabulary of common policy words plus generated ones, with
function words), acronyms for ~30% of the concepts from the initials (so they collide
as real ones do).  Chinese and English forms are unique, as in a curated glossary.

Query kinds (one target concept each): ``abbr_lower``, ``en_case``, ``en_typo`` (one edit
in one word), ``en_partial`` (a word dropped), ``zh_exact``, ``zh_simplified`` (OpenCC t2s),
``zh_drop`` (a character missing), ``zh_wrong`` (a character replaced), ``zh_partial``
(a 4-character piece), ``pinyin`` (toneless, syllables spaced, from pypinyin).
A query is a hit@1 when the first result is its target concept, or another concept whose
matched form is the target's form itself (an acronym shared by several concepts).

Steps, each timed: the index is built from the generator in a child process (build time,
peak RSS), saved, then loaded in a fresh child process (load time) that runs the queries
(latency per query, peak RSS).  Brute force (``process.extract`` with ``fuzz.ratio`` over the
same normalised keys) and pg_trgm (GIN index, ``%`` operator, ``similarity`` order) run on a
subset of the queries (``--peer-queries``), since each takes 0.1-1 s per query at 1 M.
pg_trgm is skipped, with the reason printed, when PostgreSQL (127.0.0.1:5432, database
``test``, user postgres) is unreachable or lacks a UTF-8 LC_CTYPE.

The last line is ``n=… p50_ms=… p99_ms=… build_s=… rss_mb=… hit1=… brute_p99_ms=… pgtrgm_p99_ms=…``
(``rss_mb`` the larger peak of the build and the query process).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

KINDS = [
    "abbr_lower",
    "en_case",
    "en_typo",
    "en_partial",
    "zh_exact",
    "zh_simplified",
    "zh_drop",
    "zh_wrong",
    "zh_partial",
    "pinyin",
]

COMMON_WORDS = [
    "international",
    "digital",
    "economic",
    "development",
    "sustainable",
    "council",
    "forum",
    "agency",
    "ministry",
    "national",
    "global",
    "regional",
    "policy",
    "trade",
    "data",
    "privacy",
    "security",
    "network",
    "technology",
    "innovation",
    "research",
    "energy",
    "climate",
    "environment",
    "environmental",
    "green",
    "growth",
    "finance",
    "financial",
    "market",
    "investment",
    "industry",
    "industrial",
    "services",
    "service",
    "public",
    "private",
    "partnership",
    "cooperation",
    "cooperative",
    "committee",
    "commission",
    "organization",
    "organisation",
    "institute",
    "center",
    "centre",
    "program",
    "programme",
    "project",
    "plan",
    "action",
    "strategy",
    "framework",
    "agreement",
    "convention",
    "protocol",
    "standard",
    "standards",
    "system",
    "systems",
    "management",
    "governance",
    "transformation",
    "infrastructure",
    "health",
    "education",
    "labour",
    "labor",
    "employment",
    "social",
    "science",
    "business",
    "enterprise",
    "enterprises",
    "small",
    "medium",
    "micro",
    "government",
    "federal",
    "state",
    "council",
    "board",
    "office",
    "bureau",
    "department",
    "division",
    "group",
    "working",
    "steering",
    "task",
    "force",
    "panel",
    "alliance",
    "coalition",
    "association",
    "federation",
    "union",
    "community",
    "initiative",
    "platform",
    "resource",
    "resources",
    "natural",
    "water",
    "ocean",
    "marine",
    "transport",
    "transportation",
    "mobility",
    "urban",
    "smart",
    "city",
    "cities",
    "rural",
    "agriculture",
    "food",
    "safety",
    "risk",
    "assessment",
    "enforcement",
    "protection",
    "rights",
    "law",
    "legal",
    "regulation",
    "regulatory",
    "compliance",
    "review",
    "report",
    "index",
    "knowledge",
    "skills",
    "capacity",
    "building",
    "identity",
    "electronic",
    "online",
    "internet",
    "cyber",
    "artificial",
    "intelligence",
    "machine",
    "learning",
    "cloud",
    "computing",
    "circular",
    "carbon",
    "emission",
    "emissions",
    "renewable",
    "power",
    "electricity",
    "supply",
    "chain",
    "logistics",
    "customs",
    "export",
    "import",
    "tariff",
    "competition",
    "consumer",
    "consumption",
    "production",
    "manufacturing",
    "quality",
    "certification",
    "digital",
    "payment",
    "payments",
    "bank",
    "banking",
    "insurance",
    "tax",
    "fiscal",
    "monetary",
    "statistics",
    "information",
    "communication",
    "media",
    "science",
    "space",
    "aerospace",
    "aviation",
    "maritime",
    "port",
    "ports",
    "trust",
    "transparency",
    "integrity",
    "inclusion",
    "inclusive",
    "women",
    "youth",
    "aging",
    "disability",
]
FUNCTION_WORDS = ["of", "for", "and", "on", "the", "in"]
# jieba part-of-speech tags of words that make up terms: nouns, verbal nouns, place and
# organisation names, adjectives, verbs, abbreviations (no pronouns, numerals, particles)
CONTENT_TAGS = {"n", "nz", "vn", "ns", "nt", "an", "j", "v", "a"}


def _zipf_weights(n: int, s: float = 1.0) -> list[float]:
    return [1.0 / (r + 1) ** s for r in range(n)]


def _pseudo_words(rng: random.Random, n: int) -> list[str]:
    onsets = [
        "b",
        "c",
        "d",
        "f",
        "g",
        "h",
        "k",
        "l",
        "m",
        "n",
        "p",
        "r",
        "s",
        "t",
        "v",
        "w",
        "z",
        "br",
        "cr",
        "dr",
        "gr",
        "pr",
        "st",
        "tr",
        "ch",
        "sh",
        "th",
        "pl",
        "cl",
        "fl",
        "sp",
    ]
    vowels = ["a", "e", "i", "o", "u", "ai", "ea", "io", "ou", "ei"]
    codas = ["", "n", "r", "l", "s", "m", "t", "nd", "rt", "st"]
    suffixes = ["", "", "", "tion", "al", "ment", "ity", "ive", "ic", "ics", "er", "ism", "ence", "ia", "on"]
    out, seen = [], set(COMMON_WORDS)
    while len(out) < n:
        syl = rng.choice([1, 2, 2, 3])
        w = "".join(rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(syl))
        w += rng.choice(suffixes)
        if 3 <= len(w) <= 14 and w not in seen:
            seen.add(w)
            out.append(w)
    return out


def _chinese_words() -> list[str]:
    """Frequent 2-4 character words of jieba's list, in Taiwan Traditional characters."""
    import importlib.util

    import opencc

    spec = importlib.util.find_spec("jieba")
    words: list[tuple[int, str]] = []
    if spec and spec.origin:
        path = Path(spec.origin).parent / "dict.txt"
        with open(path, encoding="utf-8") as f:
            for line in f:
                parts = line.split()
                if (
                    len(parts) >= 3
                    and parts[2] in CONTENT_TAGS
                    and 2 <= len(parts[0]) <= 4
                    and all("\u4e00" <= c <= "\u9fff" for c in parts[0])
                ):
                    words.append((int(parts[1]), parts[0]))
    if not words:  # pragma: no cover - jieba is a dependency; keep the benchmark runnable anyway
        rng = random.Random(7)
        pool = [chr(c) for c in range(0x4E00, 0x4E00 + 3000)]
        words = [(1, "".join(rng.choice(pool) for _ in range(rng.choice([2, 2, 3])))) for _ in range(30000)]
    words.sort(key=lambda x: -x[0])
    top = [w for _, w in words[:30000]]
    conv = opencc.OpenCC("s2twp.json").convert("\n".join(top)).split("\n")
    seen, out = set(), []
    for w in conv:
        if w not in seen and len(w) >= 2:
            seen.add(w)
            out.append(w)
    return out


def generate(n: int, seed: int = 20240601):
    """Yield (zh, en, abbr or None, kind) for n concepts, deterministically."""
    rng = random.Random(seed)
    zh_words = _chinese_words()
    zh_cum = list(itertools.accumulate(_zipf_weights(len(zh_words), 0.8)))
    en_vocab = COMMON_WORDS + _pseudo_words(rng, 40000)
    en_cum = list(
        itertools.accumulate(
            w * (3 if i < len(COMMON_WORDS) else 1) for i, w in enumerate(_zipf_weights(len(en_vocab), 0.9))
        )
    )
    kinds = ["term"] * 5 + ["org"] * 3 + ["program", "law", "place", "other"]
    seen_zh: set[str] = set()
    seen_en: set[str] = set()
    zh_batch: list[str] = []
    en_batch: list[list[str]] = []
    made = 0
    while made < n:
        if not zh_batch:
            zh_batch = rng.choices(zh_words, cum_weights=zh_cum, k=4096)
        if not en_batch:
            flat = rng.choices(en_vocab, cum_weights=en_cum, k=8 * 512)
            en_batch = [list(dict.fromkeys(flat[j : j + 8])) for j in range(0, len(flat), 8)]
        # Chinese: words until the target length (3-12 characters)
        target = rng.randint(3, 12)
        zh = ""
        while len(zh) < target - 1 and zh_batch:
            zh += zh_batch.pop()
        if not 3 <= len(zh) <= 12 or zh in seen_zh:
            continue
        # English: 1-6 words, often with a function word
        size = rng.choices([1, 2, 3, 4, 5, 6], [8, 25, 27, 20, 12, 8])[0]
        words = en_batch.pop()[:size]  # distinct words: a term rarely repeats one
        if size >= 3 and rng.random() < 0.45:
            words.insert(rng.randint(1, size - 1), rng.choice(FUNCTION_WORDS))
        en = " ".join(w if w in FUNCTION_WORDS else w.capitalize() for w in words)
        if en in seen_en:
            continue
        seen_zh.add(zh)
        seen_en.add(en)
        abbr = None
        if rng.random() < 0.30:
            initials = "".join(w[0] for w in words if w not in FUNCTION_WORDS).upper()
            abbr = initials if len(initials) >= 2 else words[0][:3].upper()
        yield zh, en, abbr, rng.choice(kinds)
        made += 1


def concepts_from(data):
    """``Concept`` objects made one at a time, as a database cursor would yield them."""
    from glossary.records import Citation
    from glossary.records import Concept
    from glossary.records import Term

    for i, (zh, en, abbr, kind) in enumerate(data):
        terms = [Term(zh, "zh-Hant"), Term(en, "en")]
        if abbr:
            terms.append(Term(abbr, "en", type="acronym"))
        yield Concept(
            id=f"c{i:07d}",
            kind=kind,
            terms=terms,
            citations=[Citation(doc=f"{i % 400:03d}_report.txt", line=1 + i % 997)],
        )


def _rss_mb() -> tuple[float, float]:
    """(current, peak) resident set size of this process in MB."""
    cur = peak = 0.0
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                cur = int(line.split()[1]) / 1024
            elif line.startswith("VmHWM:"):
                peak = int(line.split()[1]) / 1024
    return cur, peak


# --- queries ---------------------------------------------------------------------------


def _typo(rng: random.Random, word: str) -> str:
    i = rng.randrange(len(word))
    op = rng.choice(["sub", "del", "ins", "swap"])
    letters = "abcdefghijklmnopqrstuvwxyz"
    if op == "sub":
        return word[:i] + rng.choice(letters.replace(word[i].lower(), "")) + word[i + 1 :]
    if op == "del":
        return word[:i] + word[i + 1 :]
    if op == "ins":
        return word[:i] + rng.choice(letters) + word[i:]
    i = min(i, len(word) - 2)
    return (
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if word[i] != word[i + 1]
        else word[:i] + word[i + 1 :]
    )


def make_queries(data: list[tuple], count: int, seed: int = 99) -> list[dict]:
    """``count`` queries spread over the kinds: {kind, query, target, form}."""
    import opencc
    from pypinyin import lazy_pinyin

    from glossary.normalize import normalize

    rng = random.Random(seed)
    t2s = opencc.OpenCC("t2s.json")
    han = sorted({c for zh, *_ in data[:20000] for c in zh})
    per_kind = -(-count // len(KINDS))
    # A derived query that is itself a form of another concept names that concept: not used.
    forms = {normalize(x) for zh, en, abbr, _ in data for x in (zh, en, abbr) if x}
    out: list[dict] = []
    for kind in KINDS:
        made = 0
        while made < per_kind:
            i = rng.randrange(len(data))
            zh, en, abbr, _ = data[i]
            words = en.split()
            q = form = None
            if kind == "abbr_lower" and abbr:
                q, form = abbr.lower(), abbr
            elif kind == "en_case":
                q, form = (en.upper() if rng.random() < 0.5 else en.lower()), en
            elif kind == "en_typo":
                long = [j for j, w in enumerate(words) if len(w) >= 4]
                if long:
                    j = rng.choice(long)
                    q, form = " ".join(words[:j] + [_typo(rng, words[j])] + words[j + 1 :]), en
            elif kind == "en_partial" and len(words) >= 3:
                j = rng.randrange(len(words))
                q, form = " ".join(words[:j] + words[j + 1 :]), en
            elif kind == "zh_exact":
                q, form = zh, zh
            elif kind == "zh_simplified":
                s = t2s.convert(zh)
                if s != zh:
                    q, form = s, zh
            elif kind == "zh_drop" and len(zh) >= 4:
                j = rng.randrange(len(zh))
                q, form = zh[:j] + zh[j + 1 :], zh
            elif kind == "zh_wrong":
                j = rng.randrange(len(zh))
                q, form = zh[:j] + rng.choice([c for c in han[:3000] if c != zh[j]]) + zh[j + 1 :], zh
            elif kind == "zh_partial" and len(zh) >= 6:
                j = rng.randrange(len(zh) - 3)
                q, form = zh[j : j + 4], zh
            elif kind == "pinyin" and 4 <= len(zh) <= 8:
                q, form = " ".join(lazy_pinyin(zh)), zh
            if q and kind not in ("abbr_lower", "en_case", "zh_exact") and normalize(q) in forms:
                continue
            if q:
                out.append({"kind": kind, "query": q, "target": i, "form": form})
                made += 1
    rng.shuffle(out)
    return out[:count]


def is_hit(query: dict, concept: int | None, matched: str | None) -> bool:
    from glossary.normalize import normalize

    if concept is None:
        return False
    return concept == query["target"] or (
        matched is not None and normalize(matched) == normalize(query["form"])
    )


def percentiles(values: list[float]) -> tuple[float, float, float]:
    if not values:
        return float("nan"), float("nan"), float("nan")
    s = sorted(values)

    def pct(p: float) -> float:
        return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]

    return pct(50), pct(95), pct(99)


# --- child processes -----------------------------------------------------------------


class _Rows:
    """The generated rows kept compactly (one string per column), iterated lazily."""

    def __init__(self, rows) -> None:
        cols: list[list[str]] = [[], [], [], []]
        for row in rows:
            for col, value in zip(cols, row, strict=True):
                col.append(value or "")
        self.cols = ["".join(v + "\n" for v in c) for c in cols]

    @staticmethod
    def _lines(text: str):
        start = 0
        while (end := text.find("\n", start)) >= 0:
            yield text[start:end]
            start = end + 1

    def __iter__(self):
        for zh, en, abbr, kind in zip(*map(self._lines, self.cols), strict=True):
            yield zh, en, abbr or None, kind


def child_build(n: int, path: str) -> None:
    from glossary.search import SearchIndex

    rows = _Rows(generate(n))  # not timed: the glossary's rows, as a database would hold them
    base_mb, _ = _rss_mb()
    t0, c0 = time.perf_counter(), time.process_time()
    SearchIndex.build(concepts_from(rows), path=Path(path), meta={"bench": n})
    build_s, build_cpu_s = time.perf_counter() - t0, time.process_time() - c0
    cur, peak = _rss_mb()
    print(
        json.dumps(
            {
                "build_s": build_s,
                "build_cpu_s": build_cpu_s,
                "rss_mb": cur,
                "peak_mb": peak,
                "data_mb": base_mb,
                "file_mb": os.path.getsize(path) / 2**20,
            }
        )
    )


def child_query(path: str, queries_path: str) -> None:
    t0 = time.perf_counter()
    from glossary.search import SearchIndex

    index = SearchIndex.load(Path(path))
    load_s = time.perf_counter() - t0
    queries = json.loads(Path(queries_path).read_text(encoding="utf-8"))
    for q in queries[:20]:  # warm the page cache and lazy imports, as a long-lived worker is
        index.search(q["query"])
    results = []
    for q in queries:
        t, c = time.perf_counter(), time.thread_time()
        hits = index.search(q["query"], limit=10)
        ms, cpu_ms = (time.perf_counter() - t) * 1000, (time.thread_time() - c) * 1000
        top = hits[0] if hits else None
        results.append(
            {
                "ms": ms,
                "cpu_ms": cpu_ms,
                "concept": int(top.concept_id[1:]) if top else None,
                "matched": top.matched_text if top else None,
            }
        )
    cur, peak = _rss_mb()
    print(json.dumps({"load_s": load_s, "rss_mb": cur, "peak_mb": peak, "results": results}))


def run_child(args: list[str]) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, *args], capture_output=True, text=True, env=_one_core_env()
    )
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"child {args[0]} failed")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _one_core_env() -> dict[str, str]:
    env = dict(os.environ)
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
        env[var] = "1"
    return env


# --- peers ------------------------------------------------------------------------------


def peer_keys(data: list[tuple]) -> tuple[list[str], list[int]]:
    """The same normalised, script-folded keys the index uses, with their concept."""
    from glossary.normalize import fold_script
    from glossary.normalize import normalize

    keys, owners = [], []
    for i, (zh, en, abbr, _) in enumerate(data):
        for text, is_zh in ((zh, True), (en, False), (abbr, False)):
            if text:
                norm = normalize(text)
                keys.append(fold_script(norm).replace(" ", "") if is_zh else norm)
                owners.append(i)
    return keys, owners


def peer_query(q: str) -> str:
    from glossary.normalize import detect_script
    from glossary.normalize import fold_script
    from glossary.normalize import normalize

    norm = normalize(q)
    return fold_script(norm).replace(" ", "") if detect_script(norm) != "en" else norm


def bench_brute(keys, owners, queries) -> tuple[list[float], list[bool]]:
    from rapidfuzz import fuzz
    from rapidfuzz import process

    times, hits = [], []
    for q in queries:
        t = time.perf_counter()
        res = process.extract(peer_query(q["query"]), keys, scorer=fuzz.ratio, limit=10)
        times.append((time.perf_counter() - t) * 1000)
        top = res[0] if res else None
        hits.append(is_hit(q, owners[top[2]] if top else None, top[0] if top else None))
    return times, hits


def bench_pgtrgm(keys, owners, queries) -> tuple[list[float], list[bool], float] | str:
    """(latencies, hits, load+index seconds) or the reason it was skipped."""
    try:
        import psycopg
    except ImportError:
        return "psycopg is not installed"
    try:
        conn = psycopg.connect(
            "host=127.0.0.1 port=5432 dbname=test user=postgres", autocommit=True, connect_timeout=5
        )
    except Exception as exc:
        return f"PostgreSQL unavailable ({str(exc).strip().splitlines()[0]})"
    table = f"bench_search_trgm_{os.getpid()}"
    try:
        ctype = conn.execute("SHOW lc_ctype").fetchone()[0]
        if "utf" not in ctype.lower().replace("-", ""):
            return f"database LC_CTYPE is {ctype}, not UTF-8: pg_trgm would see no Chinese trigrams"
        try:
            conn.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        except Exception as exc:
            return f"pg_trgm unavailable ({str(exc).strip().splitlines()[0]})"
        t0 = time.perf_counter()
        conn.execute(f"CREATE UNLOGGED TABLE {table} (owner int, key text)")
        with conn.cursor() as cur, cur.copy(f"COPY {table} (owner, key) FROM STDIN") as copy:
            for owner, key in zip(owners, keys, strict=True):
                copy.write_row((owner, key))
        conn.execute(f"CREATE INDEX ON {table} USING gin (key gin_trgm_ops)")
        conn.execute(f"ANALYZE {table}")
        setup_s = time.perf_counter() - t0
        conn.execute("SET statement_timeout = '20s'")
        times, hits = [], []
        for q in queries:
            key = peer_query(q["query"])
            t = time.perf_counter()
            try:
                rows = conn.execute(
                    f"SELECT owner, key FROM {table} WHERE key %% %s "
                    "ORDER BY similarity(key, %s) DESC LIMIT 10",
                    (key, key),
                ).fetchall()
            except Exception:
                rows = []
            times.append((time.perf_counter() - t) * 1000)
            top = rows[0] if rows else None
            hits.append(is_hit(q, top[0] if top else None, top[1] if top else None))
        return times, hits, setup_s
    finally:
        try:
            conn.execute(f"DROP TABLE IF EXISTS {table}")
        finally:
            conn.close()


# --- main --------------------------------------------------------------------------------


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="number of concepts (default 1,000,000)")
    ap.add_argument("--queries", type=int, default=1000, help="queries for the index (default 1000)")
    ap.add_argument(
        "--peer-queries",
        type=int,
        default=200,
        help="queries (a subset) for brute force and pg_trgm (default 200; 0 skips them)",
    )
    ap.add_argument("--no-pgtrgm", action="store_true", help="skip PostgreSQL pg_trgm")
    ap.add_argument("--index", help="where to write the index file (default: a temporary directory)")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        if args.child[0] == "build":
            child_build(int(args.child[1]), args.child[2])
        else:
            child_query(args.child[1], args.child[2])
        return

    log = sys.stderr
    with tempfile.TemporaryDirectory() as tmp:
        path = args.index or os.path.join(tmp, "index.bin")
        qpath = os.path.join(tmp, "queries.json")
        t0 = time.perf_counter()
        data = list(generate(args.n))
        print(
            f"generated {args.n:,} concepts in {time.perf_counter() - t0:.1f} s "
            f"({sum(1 for d in data if d[2]):,} with acronyms, "
            f"{len({d[2] for d in data if d[2]}):,} distinct acronyms)",
            file=log,
        )
        queries = make_queries(data, args.queries)
        Path(qpath).write_text(json.dumps(queries, ensure_ascii=False), encoding="utf-8")

        build = run_child(["--child", "build", str(args.n), path])
        print(
            f"index: build {build['build_s']:.1f} s wall, {build['build_cpu_s']:.1f} s CPU "
            f"(written to its file as it is built), file {build['file_mb']:.0f} MB, "
            f"build peak RSS {build['peak_mb']:.0f} MB "
            f"(of which {build['data_mb']:.0f} MB the generated rows "
            "and interpreter before the build)",
            file=log,
        )
        served = run_child(["--child", "query", path, qpath])
        print(
            f"index: load {served['load_s'] * 1000:.1f} ms (fresh process, imports included), "
            f"RSS after {len(queries)} queries {served['rss_mb']:.0f} MB (peak {served['peak_mb']:.0f} MB)",
            file=log,
        )

        by_kind: dict[str, list[tuple[float, bool]]] = defaultdict(list)
        all_ms, all_hit = [], []
        for q, r in zip(queries, served["results"], strict=True):
            hit = is_hit(q, r["concept"], r["matched"])
            by_kind[q["kind"]].append((r["ms"], hit))
            all_ms.append(r["ms"])
            all_hit.append(hit)
        print(
            f"\n{'kind':14s} {'n':>5s} {'p50_ms':>8s} {'p95_ms':>8s} {'p99_ms':>8s} {'hit@1':>6s}", file=log
        )
        for kind in KINDS:
            rows = by_kind.get(kind, [])
            p50, p95, p99 = percentiles([m for m, _ in rows])
            h = sum(x for _, x in rows) / max(len(rows), 1)
            print(f"{kind:14s} {len(rows):5d} {p50:8.2f} {p95:8.2f} {p99:8.2f} {h:6.3f}", file=log)
        p50, p95, p99 = percentiles(all_ms)
        hit1 = sum(all_hit) / len(all_hit)
        print(f"{'index':14s} {len(all_ms):5d} {p50:8.2f} {p95:8.2f} {p99:8.2f} {hit1:6.3f}", file=log)
        c50, c95, c99 = percentiles([r["cpu_ms"] for r in served["results"]])
        print(
            f"index CPU time per query (excludes time the process was not scheduled): "
            f"p50 {c50:.2f} ms, p95 {c95:.2f} ms, p99 {c99:.2f} ms; load average "
            f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores",
            file=log,
        )

        brute_p99 = pg_p99 = float("nan")
        sub = queries[: args.peer_queries]
        sub_ms = [r["ms"] for r in served["results"][: len(sub)]]
        sub_hit = sum(all_hit[: len(sub)]) / max(len(sub), 1)
        if sub:
            keys, owners = peer_keys(data)
            del data
            times, hits = bench_brute(keys, owners, sub)
            b50, b95, brute_p99 = percentiles(times)
            i50, _, i99 = percentiles(sub_ms)
            print(
                f"\nbrute force (process.extract, fuzz.ratio) on {len(sub)} queries: "
                f"p50 {b50:.1f} ms, p95 {b95:.1f} ms, "
                f"p99 {brute_p99:.1f} ms, hit@1 {sum(hits) / len(hits):.3f} (index on the same queries: "
                f"hit@1 {sub_hit:.3f}; p99 ratio brute/index {brute_p99 / i99:.0f}x)",
                file=log,
            )
            if args.no_pgtrgm:
                print("pg_trgm: skipped (--no-pgtrgm)", file=log)
            else:
                res = bench_pgtrgm(keys, owners, sub)
                if isinstance(res, str):
                    print(f"pg_trgm: skipped: {res}", file=log)
                else:
                    times, hits, setup_s = res
                    g50, g95, pg_p99 = percentiles(times)
                    print(
                        f"pg_trgm (GIN, % and similarity) on {len(sub)} queries: setup {setup_s:.0f} s, "
                        f"p50 {g50:.1f} ms, p95 {g95:.1f} ms, p99 {pg_p99:.1f} ms, "
                        f"hit@1 {sum(hits) / len(hits):.3f} "
                        f"(p99 ratio pg_trgm/index {pg_p99 / i99:.0f}x)",
                        file=log,
                    )
        rss = max(build["peak_mb"], served["peak_mb"])
        print(f"index load_ms={served['load_s'] * 1000:.1f}", file=log)
        print(
            f"n={args.n} p50_ms={p50:.2f} p99_ms={p99:.2f} build_s={build['build_s']:.1f} rss_mb={rss:.0f} "
            f"hit1={hit1:.3f} brute_p99_ms={brute_p99:.1f} pgtrgm_p99_ms={pg_p99:.1f}"
        )


if __name__ == "__main__":
    main()
