"""The one identity rule (same Chinese form, or same acronym and English form), compared on normalised
keys wherever it is used: the write door (the API's 409), the importer, and the stored ``terms.match_key``."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy import text

from glossary import concepts
from glossary.concepts.transaction import Transaction
from glossary.errors import Conflict
from glossary.exchange import import_file
from glossary.forms import identity_key
from glossary.models import TermRow
from glossary.records import Concept
from glossary.records import Term
from glossary.store import SCHEMA_REVISION
from glossary.store import Store
from glossary.terms_csv import COLUMNS
from tests.exchange_helpers import write_file

DESG = "digital-economy-steering-group"


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Digital Economy Steering Group", "DIGITAL ECONOMY STEERING GROUP"),  # case
        ("DESG", "ＤＥＳＧ"),  # full width
        ("Data Privacy Sub-group", "data privacy subgroup"),  # spacing and hyphen
        ("Sub–group", "sub-group"),  # en dash
        ("數位經濟 指導小組", "數位經濟指導小組"),  # a space inside Chinese
        ("「數位」經濟", "數位經濟"),  # corner brackets
    ],
)
def test_forms_differing_in_case_width_spacing_or_dashes_share_a_key(a: str, b: str) -> None:
    assert identity_key(a) == identity_key(b)


def test_different_forms_keep_different_keys() -> None:
    assert identity_key("Digital Economy") != identity_key("Digital Economics")
    assert identity_key("數位經濟") != identity_key(
        "数位经济"
    )  # script is not folded: 數 vs 数 are distinct forms


@pytest.mark.parametrize(
    "terms",
    [
        [Term("DIGITAL ECONOMY STEERING-GROUP", "en"), Term("ＤＥＳＧ", "en", "acronym")],
        [Term("數位經濟 指導小組", "zh-Hant"), Term("Something Else Entirely", "en")],
    ],
    ids=["acronym+english", "chinese"],
)
def test_find_duplicates_finds_normalised_forms_in_the_database(store: Store, terms: list[Term]) -> None:
    with store.session() as session:
        tx = Transaction(session, "test")
        assert tx.duplicates(Concept(id="x", terms=terms)) == [DESG]
        assert tx.duplicates(Concept(id="x", terms=terms), exclude=[DESG]) == []


def test_the_acronym_alone_is_not_the_same_concept(store: Store) -> None:
    with store.session() as session:
        terms = [Term("ｄｅｓｇ", "en", "acronym"), Term("Design Engineering Study Group", "en")]
        assert Transaction(session, "test").duplicates(Concept(id="x", terms=terms)) == []


def test_curation_refuses_a_normalised_duplicate(store: Store) -> None:
    before = store.revision()
    with pytest.raises(Conflict, match=DESG):
        concepts.create_concept(store, {"en": "digital economy  steering group", "abbr": "ＤＥＳＧ"}, who="t")
    assert store.revision() == before


def test_the_importer_skips_a_normalised_duplicate(store: Store, tmp_path: Path) -> None:
    path = write_file(
        tmp_path / "dup.csv",
        ",".join(COLUMNS) + "\n" + "other,org,,DIGITAL ECONOMY STEERING-GROUP,,desg,,,,approved,,,\n",
    )
    report = import_file(store, path)
    assert (report.added, report.skipped) == (0, 1)
    assert report.actions[0].stored_id == DESG


def test_every_written_term_carries_its_key(store: Store) -> None:
    concepts.create_concept(store, {"zh": "量子　測試", "en": "Quantum-Test"}, who="t")
    with store.session() as session:
        rows = session.execute(select(TermRow.text, TermRow.match_key)).all()
    assert rows and all(key == identity_key(form) for form, key in rows)
    assert ("Quantum-Test", "quantumtest") in rows


def test_the_migration_fills_the_keys_of_an_older_database(tmp_path: Path) -> None:
    from alembic import command

    from glossary.migrate import alembic_config
    from glossary.migrate import upgrade

    store = Store.connect(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    try:
        config = alembic_config()
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, "0001")
            conn.execute(
                text(
                    "INSERT INTO concepts (id, kind, review_status, version, created_at, updated_at) "
                    "VALUES ('old', 'term', 'approved', 1, '2024-01-01', '2024-01-01')"
                )
            )
            conn.execute(
                text(
                    "INSERT INTO terms (concept_id, position, lang, text, type, status) "
                    "VALUES ('old', 0, 'en', 'Old  Form-Name', 'fullForm', 'preferred')"
                )
            )
        assert upgrade(store) == ("0001", SCHEMA_REVISION)
        with store.engine.connect() as conn:
            assert conn.execute(text("SELECT match_key FROM terms")).scalar() == "oldformname"
    finally:
        store.close()


def test_the_identity_keys_migration_backfills_and_names_concepts_that_already_share_a_form(
    db_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    """An older database with two concepts that a race made share a Chinese form: the upgrade
    gives the claim to the first and names the pair to merge; every other claim is filled."""
    import logging

    from alembic import command
    from alembic.script import ScriptDirectory

    from glossary.forms import claims
    from glossary.migrate import alembic_config
    from glossary.migrate import upgrade

    config = alembic_config()
    before = ScriptDirectory.from_config(config).get_revision("0005").down_revision
    store = Store.connect(db_url)
    logger = logging.getLogger("glossary.migrations")
    logger.addHandler(caplog.handler)
    try:
        with store.engine.begin() as conn:
            config.attributes["connection"] = conn
            command.upgrade(config, str(before))
            for cid, forms in {
                "race-a": [("zh-Hant", "重複名稱", "fullForm"), ("en", "Race Alpha", "fullForm")],
                "race-b": [("zh-Hant", "重複 名稱", "fullForm"), ("en", "Race Beta", "fullForm")],
                "pair-c": [("en", "Pair Gamma", "fullForm"), ("en", "PG", "acronym")],
            }.items():
                conn.execute(
                    text(
                        "INSERT INTO concepts (id, kind, review_status, version, created_at, updated_at) "
                        "VALUES (:id, 'term', 'approved', 1, '2024-01-01', '2024-01-01')"
                    ),
                    {"id": cid},
                )
                for n, (lang, form, type_) in enumerate(forms):
                    conn.execute(
                        text(
                            "INSERT INTO terms (concept_id, position, lang, text, type, status, match_key) "
                            "VALUES (:c, :n, :lang, :text, :type, 'preferred', :key)"
                        ),
                        {
                            "c": cid,
                            "n": n,
                            "lang": lang,
                            "text": form,
                            "type": type_,
                            "key": identity_key(form),
                        },
                    )
        upgrade(store)
        with store.engine.connect() as conn:
            held = dict(conn.execute(text("SELECT key, concept_id FROM identity_keys")).all())
    finally:
        logger.removeHandler(caplog.handler)
        store.close()
    assert held == {
        next(iter(claims(["重複名稱"], [], []))): "race-a",
        next(iter(claims([], ["pairgamma"], ["pg"]))): "pair-c",
    }
    assert "race-b and race-a: Chinese form '重複名稱'" in caplog.text
    assert "glossary concept merge" in caplog.text
