"""data/terms.csv: the format, its validation, and loading it all-or-nothing."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from glossary import settings
from glossary.errors import BadInput
from glossary.service import open_store
from glossary.store import Store
from glossary.terms_csv import COLUMNS
from glossary.terms_csv import read_concepts
from glossary.terms_csv import write_concepts

HEADER = ",".join(COLUMNS)
GOOD = "desg,org,數位經濟指導小組,Digital Economy Steering Group,,DESG,,,,approved,,,"
GOOD2 = "pets,term,隱私強化技術,Privacy Enhancing Technologies,,PETs,privacy,,,approved,,,"


def write(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def test_the_shipped_glossary_parses_and_round_trips() -> None:
    path = settings.shipped_terms_path()
    concepts = read_concepts(path)
    out = io.StringIO()
    write_concepts(concepts, out)
    assert out.getvalue() == path.read_text(encoding="utf-8")


def test_preferred_forms_and_variants_come_from_the_row(tmp_path: Path) -> None:
    row = (
        "cbpr,program,跨境隱私規則體系,Cross-Border Privacy Rules,,CBPR,privacy,,,approved,"
        '"[{""text"":""Cross-Broder Privacy Rules"",""lang"":""en"",""type"":""variant"",'
        '""status"":""deprecated"",""note"":""typo""}]",,'
    )
    (concept,) = read_concepts(write(tmp_path / "t.csv", row))
    assert (concept.zh, concept.en, concept.abbr) == (
        "跨境隱私規則體系",
        "Cross-Border Privacy Rules",
        "CBPR",
    )
    (variant,) = concept.variants
    assert (variant.text, variant.status, variant.note) == (
        "Cross-Broder Privacy Rules",
        "deprecated",
        "typo",
    )


@pytest.mark.parametrize(
    ("rows", "header", "message"),
    [
        ((GOOD,), HEADER.replace(",abbr", ""), "missing column 'abbr'"),
        ((GOOD, ",org,中文,English,,,,,,approved,,,"), HEADER, "row 3: field 'id' is empty"),
        ((GOOD, GOOD), HEADER, "row 3: column 'id': duplicate id 'desg'"),
        (("x,org,,,,,,,,approved,,,",), HEADER, "row 2: columns 'zh', 'en' and 'abbr' are all empty"),
        (("x,planet,中文,,,,,,,approved,,,",), HEADER, "row 2: field 'kind' is 'planet'"),
        (("x,org,中文,,,,,,,approved,[not json,,",), HEADER, "row 2: column 'variants': invalid JSON"),
        (("x,org,中\x07文,,,,,,,approved,,,",), HEADER, "row 2: field 'zh' contains a control character"),
        (
            ('x,org,中文,,,,,,,approved,,,"[{""doc"":""a.txt"",""line"":0}]"',),
            HEADER,
            "'line' must be a positive",
        ),
        (
            ('x,org,中文,,,,,,,approved,"[{""text"":""y"",""lang"":""klingon-xx""}]",,',),
            HEADER,
            "unknown language tag",
        ),
        (("Bad Id,org,中文,,,,,,,approved,,,",), HEADER, "is not a valid id"),
        ((), "", "the file is empty"),
    ],
)
def test_bad_rows_are_reported_with_file_row_and_field(
    tmp_path: Path, rows: tuple[str, ...], header: str, message: str
) -> None:
    path = tmp_path / "terms.csv"
    if header:
        write(path, *rows, header=header)
    else:
        path.write_text("", encoding="utf-8")
    with pytest.raises(BadInput) as info:
        read_concepts(path)
    assert str(path) in str(info.value)
    assert message in str(info.value)


def test_invalid_utf8_names_the_line_and_recognises_big5(tmp_path: Path) -> None:
    path = tmp_path / "terms.csv"
    path.write_bytes((HEADER + "\n" + GOOD + "\n").encode("cp950"))
    with pytest.raises(BadInput, match=r"line 2: invalid UTF-8.*Big5"):
        read_concepts(path)


def test_a_bad_glossary_leaves_no_half_loaded_database(
    tmp_path: Path, isolated_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLOSSARY_TERMS", str(write(tmp_path / "terms.csv", GOOD, GOOD2, GOOD)))
    with pytest.raises(BadInput, match="duplicate id"):
        open_store()
    assert not (isolated_home / "glossary.sqlite3").exists()
    assert not list(isolated_home.glob("*.building"))


def test_a_bad_glossary_leaves_postgresql_empty(
    tmp_path: Path, pg_database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GLOSSARY_TERMS", str(write(tmp_path / "terms.csv", GOOD, GOOD2, GOOD)))
    with pytest.raises(BadInput, match="duplicate id"):
        open_store(pg_database)
    with Store.connect(pg_database) as store:
        assert store.schema_revision() is None  # nothing created: the whole first fill rolled back


def test_glossary_terms_points_at_another_csv(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GLOSSARY_TERMS", str(write(tmp_path / "terms.csv", GOOD, GOOD2)))
    with open_store() as store:
        assert sorted(c.id for c in store.all_concepts()) == ["desg", "pets"]
