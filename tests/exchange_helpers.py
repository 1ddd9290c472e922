"""Helpers of the exchange tests: empty stores, exports to bytes, round trips, and the
hypothesis strategy that generates random glossaries within the model's rules."""

from __future__ import annotations

import io
import math
from pathlib import Path

from hypothesis import strategies as st

from glossary.exchange import export
from glossary.exchange import import_file
from glossary.exchange.json_dump import write_dump
from glossary.forms import same_concept
from glossary.records import KINDS
from glossary.records import REVIEW_STATUSES
from glossary.records import TERM_STATUSES
from glossary.records import TERM_TYPES
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Definition
from glossary.records import Term
from glossary.store import Store
from glossary.store import create_schema


def empty_store(url: str) -> Store:
    """A store with the schema and nothing in it (not the shipped glossary)."""
    store = Store.connect(url)
    with store.session() as session:
        create_schema(session)
    return store


def export_bytes(store: Store, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    export(store, fmt, out, **options)  # type: ignore[arg-type]
    return out.getvalue()


def write_file(path: Path, data: bytes | str) -> Path:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def load_concepts(store: Store, concepts: list[Concept], tmp: Path) -> None:
    """Fill ``store`` with ``concepts`` exactly, through a JSON dump."""
    path = tmp / "seed.json"
    with open(path, "wb") as out:
        write_dump(((c, None) for c in sorted(concepts, key=lambda c: c.id)), [], out)
    report = import_file(store, path)
    assert report.added == len(concepts), report.actions


def round_trip(
    fmt: str, concepts: list[Concept], tmp: Path, suffix: str | None = None
) -> tuple[bytes, bytes]:
    """Seed a database with ``concepts``, export ``fmt``, import that into an empty database,
    export again: the two exports."""
    tmp.mkdir(parents=True, exist_ok=True)
    first = empty_store(f"sqlite:///{tmp / 'first.sqlite3'}")
    second = empty_store(f"sqlite:///{tmp / 'second.sqlite3'}")
    try:
        load_concepts(first, concepts, tmp)
        exported = export_bytes(first, fmt)
        path = write_file(tmp / f"export.{suffix or fmt}", exported)
        import_file(second, path, on_duplicate="fail")
        return exported, export_bytes(second, fmt)
    finally:
        first.close()
        second.close()


def count(store: Store, table: str) -> int:
    from sqlalchemy import text

    with store.engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


# ---------------------------------------------------------------- random glossaries

_CONTROLS = "".join(chr(c) for c in [*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])
_CHINESE = "數位經濟指導小組隱私強化技術資料治理人工智慧國家發展委員會臺灣行政院"


def texts(*, xml_safe: bool = True, min_size: int = 1, max_size: int = 24) -> st.SearchStrategy[str]:
    """Text the model allows: any Unicode but control characters (tab and newline are fine),
    no surrogates, stripped; ``xml_safe`` also leaves out U+FFFE/U+FFFF, which XML cannot hold."""
    excluded = _CONTROLS + ("\ufffe\uffff" if xml_safe else "")
    odd = st.text(
        st.characters(blacklist_categories=("Cs",), blacklist_characters=excluded), max_size=max_size
    )
    chinese = st.text(st.sampled_from(_CHINESE), min_size=1, max_size=max_size)
    english = st.from_regex(r"[A-Za-z][A-Za-z ,.&'()-]{0,20}", fullmatch=True)
    return st.one_of(chinese, english, odd).map(str.strip).filter(lambda s: len(s) >= min_size)


def optional_text(**kw: object) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), texts(**kw))  # type: ignore[arg-type]


ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,30}", fullmatch=True)
docs = st.from_regex(r"[0-9a-z_數位報告]{1,12}\.(txt|docx|md)", fullmatch=True)
probabilities = st.one_of(
    st.none(), st.floats(min_value=0.0, max_value=1.0).filter(lambda x: math.copysign(1, x) > 0)
)


@st.composite
def citations(draw: st.DrawFn, forms: list[str], xml_safe: bool = True) -> Citation:
    term = draw(
        st.one_of(st.none(), st.sampled_from(forms), texts(xml_safe=xml_safe)) if forms else st.none()
    )
    return Citation(
        doc=draw(docs),
        line=draw(st.integers(1, 10**6)),
        section=draw(st.one_of(st.just(""), texts(xml_safe=xml_safe))),
        quote=draw(st.one_of(st.just(""), texts(xml_safe=xml_safe, max_size=60))),
        term=term,
    )


@st.composite
def concepts(draw: st.DrawFn, *, xml_safe: bool = True, exact: bool = True, csv: bool = False) -> Concept:
    """A concept; ``exact``: with the fields only the JSON dump holds (confidence, version)."""
    langs = st.sampled_from(["zh-Hant", "en", "fr"])
    forms = draw(st.lists(texts(xml_safe=xml_safe), min_size=1, max_size=4, unique=True))
    terms = [
        Term(
            text=form,
            lang=draw(langs),
            type=draw(st.sampled_from(TERM_TYPES)),
            status=draw(st.sampled_from(TERM_STATUSES)),
            note=draw(optional_text(xml_safe=xml_safe)),
            confidence=draw(probabilities) if exact else None,
            letter_agreement=draw(probabilities) if exact else None,
        )
        for form in forms
    ]
    if csv and not any(t.status == "preferred" for t in terms):
        terms[0].status = "preferred"  # a CSV row needs a zh, en or abbr column
    definitions = [
        Definition(
            text=draw(texts(xml_safe=xml_safe, max_size=60)),
            lang=draw(langs),
            citation=draw(st.one_of(st.none(), citations([], xml_safe))),
        )
        for _ in range(draw(st.integers(0, 2)))
    ]
    return Concept(
        id=draw(ids),
        kind=draw(st.sampled_from(KINDS)),
        terms=terms,
        definitions=definitions,
        citations=draw(st.lists(citations(forms, xml_safe), max_size=3)),
        subject=draw(optional_text(xml_safe=xml_safe)),
        issuing_body=draw(optional_text(xml_safe=xml_safe)),
        note=draw(optional_text(xml_safe=xml_safe)),
        review_status=draw(st.sampled_from(REVIEW_STATUSES)),
        version=draw(st.integers(1, 5)) if exact else 1,
    )


def distinct(found: list[Concept]) -> list[Concept]:
    """Drop concepts that the identity rule (or their id) makes duplicates of an earlier one."""
    kept: list[Concept] = []
    for concept in found:
        if not any(c.id == concept.id or same_concept(c, concept) for c in kept):
            kept.append(concept)
    return kept


def glossaries(**kw: bool) -> st.SearchStrategy[list[Concept]]:
    return st.lists(concepts(**kw), min_size=1, max_size=6).map(distinct)
