"""One set of field limits and ranges on every way in (Reliability I §2): the API's limits hold
for import too, on SQLite and PostgreSQL; integers out of range are a clear 400 / exit 2."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from flask import Flask

from api.db import get_store
from glossary.concepts.fields import _check_each_field
from glossary.concepts.fields import checked_keys
from glossary.errors import BadInput
from glossary.exchange import import_file
from glossary.exchange.json_dump import write_dump
from glossary.exchange.tbx import write_tbx
from glossary.exchange.xlsx import write_xlsx
from glossary.forms import identity_key
from glossary.records import EN
from glossary.records import ZH
from glossary.records import Citation
from glossary.records import Concept
from glossary.records import Term
from glossary.service import open_store
from glossary.store import Store
from glossary.terms_csv import COLUMNS
from tests.api_helpers import assert_problem
from tests.api_helpers import bearer
from tests.api_helpers import close_app
from tests.api_helpers import make_app
from tests.cli_helpers import run
from tests.exchange_helpers import count as table_count
from tests.exchange_helpers import write_file

HEADER = ",".join(COLUMNS)


def csv_row(concept_id: str, zh: str, *, note: str = "", citations: str = "") -> str:
    cell = '"' + citations.replace('"', '""') + '"' if citations else ""
    return f"{concept_id},term,{zh},,,,,,{note},approved,,,{cell}"


def count(store: Store) -> int:
    return sum(1 for _ in store.all_concepts())


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (
            csv_row("long-note", "長備註", note="註" * 100_000),
            r"row 2: note: is 100,000 characters long; the limit is 4,000",
        ),
        (
            csv_row("long-term", "長" * 5000),
            r"row 2: terms\[0\]\.text: is 5,000 characters long; the limit is 300",
        ),
        (
            csv_row("big-line", "大行號", citations=json.dumps([{"doc": "r.txt", "line": 10**20}])),
            r"citations\[0\]\.line: must be a whole number from 1 to 2,147,483,647",
        ),
        (
            csv_row("big-line-2", "大行號二", citations=json.dumps([{"doc": "r.txt", "line": 3 * 10**9}])),
            r"citations\[0\]\.line: must be a whole number from 1 to 2,147,483,647",
        ),
    ],
)
def test_import_obeys_the_api_limits_on_both_databases(
    store: Store, tmp_path: Path, row: str, message: str
) -> None:
    before = count(store)
    path = write_file(tmp_path / "partner.csv", HEADER + "\n" + row + "\n")
    with pytest.raises(BadInput, match=message) as caught:
        import_file(store, path)
    assert len(str(caught.value)) < 400  # the value is not echoed whole
    assert count(store) == before  # nothing half-written


def test_the_import_command_says_so_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLOSSARY_HOME", str(tmp_path / "home"))
    path = write_file(
        tmp_path / "partner.csv", HEADER + "\n" + csv_row("n", "長備註", note="註" * 100_000) + "\n"
    )
    ran = run(capsys, "import", str(path))
    assert ran.status == 2
    assert "note: is 100,000 characters long; the limit is 4,000" in ran.err
    assert "Traceback" not in ran.err and len(ran.err) < 1000


@pytest.fixture
def app(db_url: str) -> Flask:  # type: ignore[misc]
    made = make_app(db_url)
    yield made
    close_app(made)


@pytest.mark.parametrize("line", [10**20, 3 * 10**9, 0, True])
def test_post_concepts_refuses_a_line_out_of_range(app: Flask, line: object) -> None:
    body = {"zh": "範圍測試", "en": "Range Test", "citations": [{"doc": "r.txt", "line": line}]}
    response = app.test_client().post("/api/v1/concepts", json=body, headers=bearer(app, "alice"))
    assert_problem(response, 400, "line")


def test_a_10000_character_id_is_not_echoed_whole(app: Flask) -> None:
    body = {"id": "a" * 10_000, "zh": "長編號"}
    response = app.test_client().post("/api/v1/concepts", json=body, headers=bearer(app, "alice"))
    detail = assert_problem(response, 400)["detail"]
    assert len(detail) < 300, detail


# ---------------------------------------------------------------- every format, the real command

FDFA = "\ufdfa"  # ARABIC LIGATURE SALLALLAHOU ALAYHE WASALLAM: NFKC makes it 18 characters


def zh_term(text: str) -> Term:
    return Term(text=text, lang=ZH, type="fullForm", status="preferred")


def bad_concept(case: str) -> Concept:
    """A record breaking one limit, written by the format writers (which do not check limits)."""
    if case == "term":
        return Concept(id="long-term", terms=[zh_term("長" * 5000)])
    if case == "normalised-term":  # 21 characters, 315 once normalised
        return Concept(id="wide-term", terms=[zh_term("長"), Term(text=FDFA * 21, lang=EN)])
    if case == "note":
        return Concept(id="long-note", terms=[zh_term("長備註")], note="註" * 5000)
    if case.startswith("line"):
        line = 10**20 if case == "line-1e20" else 3 * 10**9
        return Concept(id="big-line", terms=[zh_term("大行號")], citations=[Citation(doc="r.txt", line=line)])
    version = 10**20 if case == "version-1e20" else 3 * 10**9
    return Concept(id="big-version", terms=[zh_term("大版本")], version=version)


EXPECTED = {
    "term": r"terms\[0\]\.text: is 5,000 characters long; the limit is 300",
    "normalised-term": r"terms\[1\]\.text: is 315 characters long once normalised \(NFKC\); the limit is 300",
    "note": r"note: is 5,000 characters long; the limit is 4,000",
    "line-1e20": r"citations\[0\]\.line: must be a whole number from 1 to 2,147,483,647, got 10{20}\b",
    "line-3e9": r"citations\[0\]\.line: must be a whole number from 1 to 2,147,483,647, got 3000000000\b",
    "version-1e20": r"version: must be a whole number from 1 to 2,147,483,647, got 10{20}\b",
    "version-3e9": r"version: must be a whole number from 1 to 2,147,483,647, got 3000000000\b",
}
# Where each format says the record is (entry or row), after the file name.
WHERE = {
    "tbx": r"line \d+: termEntry 1 \(id '[a-z-]+'\): ",
    "xlsx": r"sheet '詞彙 Glossary' row 2: ",
    "json": r"concepts\[0\] \(id '[a-z-]+'\): ",
}


def cases_of(fmt: str) -> list[str]:
    """TBX and XLSX carry no version: only the JSON dump can hold one out of range."""
    return [case for case in EXPECTED if fmt == "json" or not case.startswith("version")]


def write_bad(path: Path, fmt: str, concept: Concept) -> Path:
    with open(path, "wb") as out:
        if fmt == "tbx":
            write_tbx([concept], out)
        elif fmt == "xlsx":
            write_xlsx([concept], out)
        else:
            write_dump([(concept, None)], [], out)
    return path


def snapshot(db_url: str) -> tuple[int, int, int]:
    """(concepts, terms, revision): what a refused import must leave as it was."""
    with open_store(db_url) as store:
        return count(store), table_count(store, "terms"), store.revision()


@pytest.mark.parametrize("fmt", ["tbx", "xlsx", "json"])
def test_the_import_command_refuses_a_value_out_of_limits_in_every_format(
    db_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    fmt: str,
) -> None:
    monkeypatch.setenv("GLOSSARY_DATABASE_URL", db_url)
    before = snapshot(db_url)  # one filled database for every case: filling it is the slow part
    for case in cases_of(fmt):
        path = write_bad(tmp_path / f"{case}.{fmt}", fmt, bad_concept(case))
        ran = run(capsys, "import", str(path))
        assert ran.status == 2, (case, ran.err)
        error = ran.err.strip().splitlines()[-1]
        expected = rf"Error: {re.escape(str(path))}: {WHERE[fmt]}{EXPECTED[case]}.*"
        assert re.fullmatch(expected, error), (case, error)
        assert "Traceback" not in ran.err, case
        assert not re.search(r"(.)\1{80}", ran.err), f"{case}: the value is echoed whole"
        assert len(error) < 400, case
        assert snapshot(db_url) == before, case  # nothing half-written


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ({"zh": "長" * 301}, "zh: is 301 characters long; the limit is 300"),
        ({"zh": "長備註", "note": "註" * 4001}, "note: is 4,001 characters long; the limit is 4,000"),
        (
            {"zh": "長", "terms": [{"text": FDFA * 21, "lang": "en", "type": "variant"}]},
            "is 315 characters long once normalised (NFKC); the limit is 300",
        ),
    ],
)
def test_post_concepts_refuses_a_long_term_or_note(app: Flask, body: dict[str, object], message: str) -> None:
    with app.app_context():
        before = count(get_store())
    response = app.test_client().post("/api/v1/concepts", json=body, headers=bearer(app, "alice"))
    problem = assert_problem(response, 400, message)
    assert len(problem["detail"]) < 300 and not re.search(r"(.)\1{80}", json.dumps(problem))
    with app.app_context():
        assert count(get_store()) == before


# ---------------------------------------------------------------- the bulk door's quick test

_BASE_CITATION = ("r.txt", 3, "§1", "a quote", "語")
_BASE_FLAT = (
    "c1",
    "term",
    "digital",
    None,
    None,
    "approved",
    1,
    (
        ("數位經濟", ZH, "fullForm", "preferred", None, None, None),
        ("Digital Economy", EN, "fullForm", "preferred", None, None, None),
    ),
    (("定義", ZH, _BASE_CITATION, "approved"),),
    (_BASE_CITATION,),
)


def _with(index: int, value: object) -> tuple[object, ...]:
    flat = list(_BASE_FLAT)
    flat[index] = value
    return tuple(flat)


def _term(text: object, note: object = None) -> tuple[object, ...]:
    return ((text, EN, "fullForm", "preferred", note, None, None),)


def _cited(**changes: object) -> tuple[object, ...]:
    fields = dict(zip(("doc", "line", "section", "quote", "term"), _BASE_CITATION, strict=True))
    fields.update(changes)
    return tuple(fields.values())


_FLATS = [
    _BASE_FLAT,
    _with(2, "s" * 64),
    _with(2, "s" * 65),
    _with(2, ""),
    _with(3, "b" * 300),
    _with(3, "b" * 301),
    _with(4, "n" * 4000),
    _with(4, "n" * 4001),
    _with(6, None),
    _with(6, 0),
    _with(6, 2**31 - 1),
    _with(6, 2**31),
    _with(6, True),
    _with(6, "1"),
    _with(7, _term("a" * 300)),
    _with(7, _term("a" * 301)),
    _with(7, _term("")),
    _with(7, _term(None)),
    _with(7, _term(7)),
    _with(7, _term("ok", note="n" * 4001)),
    _with(7, _term("\ufdfa" * 17)),  # 17 characters, 306 once normalised (NFKC)
    _with(7, _term("\ufdfa" * 16)),
    _with(7, _term("ＡＢＣ" * 100)),  # full width: the same length once normalised
    _with(8, (("d" * 4000, ZH, None, "approved"),)),
    _with(8, (("d" * 4001, ZH, None, "approved"),)),
    _with(8, (("", ZH, None, "approved"),)),
    _with(8, (("定義", ZH, _cited(line=0), "approved"),)),
    _with(9, (_cited(doc=""),)),
    _with(9, (_cited(doc="d" * 301),)),
    _with(9, (_cited(line=None),)),
    _with(9, (_cited(line=False),)),
    _with(9, (_cited(line=2**31),)),
    _with(9, (_cited(line=1.5),)),
    _with(9, (_cited(section="s" * 301),)),
    _with(9, (_cited(quote="q" * 4001),)),
    _with(9, (_cited(term="t" * 301),)),
    _with(9, (_cited(term=None, section=None, quote=None),)),
]


@pytest.mark.parametrize("flat", _FLATS, ids=range(len(_FLATS)))
def test_the_bulk_doors_quick_check_agrees_with_the_field_by_field_one(flat: tuple[object, ...]) -> None:
    """``checked_keys`` (the bulk import's quick test) passes exactly what the field-by-field
    check passes, refuses the rest with the same error, and gives each term's identity key."""
    try:
        _check_each_field(flat)
        expected: Exception | None = None
    except Exception as exc:  # noqa: BLE001 - whatever it is, the quick path must do the same
        expected = exc
    if expected is None:
        assert checked_keys(flat) == [identity_key(t[0]) for t in flat[7]]  # type: ignore[attr-defined,index]
    else:
        with pytest.raises(type(expected)) as caught:
            checked_keys(flat)
        assert str(caught.value) == str(expected)
