"""Curation writes (glossary.curate), on SQLite and PostgreSQL: each one validated, checked against
the identity rule and the expected version, counted in the revision and recorded in the change log."""

from __future__ import annotations

import json
import threading

import pytest

from glossary import catalog
from glossary import concepts
from glossary.errors import BadInput
from glossary.errors import Conflict
from glossary.errors import NotFound
from glossary.errors import PreconditionFailed
from glossary.store import Store

DESG = "digital-economy-steering-group"


def new(store: Store, **fields: object):  # type: ignore[no-untyped-def]
    data = {"zh": "數位信任", "en": "Digital Trust", "abbr": "DT", "definitions": ["可信賴的數位環境。"]}
    return concepts.create_concept(store, {**data, **fields}, who="alice")


def last_change(store: Store, concept_id: str) -> dict:
    entry = catalog.history(store, concept_id, limit=1)[0]
    return {**entry, "detail": json.loads(entry["detail"]) if entry["detail"] else None}


# ---------------------------------------------------------------- create


def test_create_mints_an_id_and_stores_every_field(store: Store) -> None:
    before = store.revision()
    created = new(store, kind="program", subject="digital")
    assert created.id == "digital-trust" and created.version == 1
    stored = store.get_concept("digital-trust")
    assert (stored.zh, stored.en, stored.abbr, stored.kind) == ("數位信任", "Digital Trust", "DT", "program")
    assert stored.definitions[0].text == "可信賴的數位環境。" and stored.definitions[0].lang == "zh-Hant"
    assert store.revision() == before + 1
    change = last_change(store, "digital-trust")
    assert (change["who"], change["action"]) == ("alice", "create")


def test_create_keeps_a_given_id_and_cites_a_known_report(store: Store) -> None:
    citation = {"doc": "003_8e85de5ac7b80fbc.txt", "line": 5, "quote": "…"}
    created = new(store, id="my-id", citations=[citation])
    assert created.id == "my-id"
    assert store.get_concept("my-id").citations[0].doc == "003_8e85de5ac7b80fbc.txt"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"zh": "數位經濟指導小組", "en": None, "abbr": None},
            "duplicates concept 'digital-economy-steering-group'",
        ),
        ({"zh": "別的名字", "en": "Digital Economy Steering Group", "abbr": "DESG"}, "duplicates"),
        ({"id": DESG}, "already exists"),
    ],
    ids=["same-chinese", "same-acronym-and-english", "id-taken"],
)
def test_create_refuses_a_duplicate_by_the_identity_rule(store: Store, fields: dict, message: str) -> None:
    before = store.revision()
    with pytest.raises(Conflict, match=message):
        new(store, **fields)
    assert store.revision() == before


def test_the_same_acronym_with_another_english_form_is_not_a_duplicate(store: Store) -> None:
    assert new(store, zh="另一個", en="Data Exchange Study Group", abbr="DESG").abbr == "DESG"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"zh": None, "en": None, "abbr": None, "definitions": []},
            "terms: a concept needs at least one term",
        ),
        ({"kind": "animal"}, "kind: is 'animal'; expected one of"),
        ({"en": "Bad\x07Bell"}, "en: contains a control character"),
        ({"en": "x" * 301}, "en: is 301 characters long; the limit is 300"),
        ({"id": "Not An Id"}, "id: 'Not An Id' is not a valid id"),
        ({"terms": [{"text": "TX", "lang": "klingon-tag"}]}, "terms[0].lang: unknown language tag"),
        ({"terms": [{"text": "TX", "colour": "red"}]}, "terms[0].colour: unknown field"),
        ({"citations": [{"doc": "nowhere.txt", "line": 1}]}, "citations[0].doc: no report 'nowhere.txt'"),
        ({"citations": [{"doc": "003_8e85de5ac7b80fbc.txt", "line": 0}]}, "citations[0].line: must be"),
        ({"review_status": "maybe"}, "review_status: is 'maybe'"),
    ],
)
def test_create_names_the_bad_field(store: Store, fields: dict, message: str) -> None:
    with pytest.raises(BadInput) as info:
        new(store, **fields)
    assert message in str(info.value)
    assert isinstance(info.value, concepts.InvalidField)


# ---------------------------------------------------------------- edit


def test_edit_changes_fields_bumps_the_version_and_logs_the_difference(store: Store) -> None:
    new(store)
    edited = concepts.edit_concept(
        store,
        "digital-trust",
        {"en": "Digital Trust Framework", "subject": "ict"},
        who="bob",
        expected_version=1,
    )
    assert edited.version == 2 and edited.en == "Digital Trust Framework" and edited.subject == "ict"
    assert store.get_concept("digital-trust").en == "Digital Trust Framework"
    change = last_change(store, "digital-trust")
    assert change["who"] == "bob" and change["action"] == "edit"
    assert change["detail"]["subject"] == {"from": None, "to": "ict"}
    assert change["detail"]["terms"]["added"] == ["Digital Trust Framework (en, fullForm, preferred)"]


def test_edit_with_a_stale_version_fails_and_changes_nothing(store: Store) -> None:
    new(store)
    concepts.edit_concept(store, "digital-trust", {"note": "first"}, who="a", expected_version=1)
    before = store.revision()
    with pytest.raises(PreconditionFailed, match="at version 2, not 1"):
        concepts.edit_concept(store, "digital-trust", {"note": "second"}, who="b", expected_version=1)
    assert store.get_concept("digital-trust").note == "first"
    assert store.revision() == before


def test_edit_replacing_terms_cannot_create_a_duplicate(store: Store) -> None:
    new(store)
    with pytest.raises(Conflict, match=DESG):
        concepts.edit_concept(store, "digital-trust", {"zh": "數位經濟指導小組"}, who="a")
    assert store.get_concept("digital-trust").zh == "數位信任"


def test_edit_a_missing_concept_is_not_found(store: Store) -> None:
    with pytest.raises(NotFound, match="no concept with id 'nope'"):
        concepts.edit_concept(store, "nope", {"note": "x"}, who="a")


def test_edit_with_nothing_to_change_is_bad_input(store: Store) -> None:
    with pytest.raises(BadInput, match="nothing to change"):
        concepts.edit_concept(store, DESG, {}, who="a")


def test_edit_keeps_citations(store: Store) -> None:
    before = store.get_concept(DESG)
    concepts.edit_concept(store, DESG, {"note": "checked"}, who="a")
    after = store.get_concept(DESG)
    assert after.citations == before.citations and after.definitions == before.definitions


def test_concurrent_edits_with_the_same_version_let_exactly_one_win(store: Store) -> None:
    new(store)
    outcomes: list[str] = []
    barrier = threading.Barrier(4)

    def edit(n: int) -> None:
        barrier.wait()
        try:
            concepts.edit_concept(
                store, "digital-trust", {"note": f"writer {n}"}, who=f"w{n}", expected_version=1
            )
            outcomes.append("ok")
        except PreconditionFailed:
            outcomes.append("stale")

    threads = [threading.Thread(target=edit, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ok", "stale", "stale", "stale"]
    assert store.get_concept("digital-trust").version == 2


# ---------------------------------------------------------------- terms


def test_adding_a_term_without_status_makes_it_admitted_beside_the_preferred_form(store: Store) -> None:
    new(store)
    concept = concepts.add_term(store, "digital-trust", {"text": "Digital Trustworthiness"}, who="a")
    added = concept.terms[-1]
    assert (added.text, added.lang, added.status) == ("Digital Trustworthiness", "en", "admitted")
    assert concept.en == "Digital Trust"


def test_adding_a_preferred_term_demotes_the_previous_one(store: Store) -> None:
    new(store)
    concept = concepts.add_term(store, "digital-trust", {"text": "數位互信", "status": "preferred"}, who="a")
    assert concept.zh == "數位互信"
    assert [t.status for t in concept.terms if t.text == "數位信任"] == ["admitted"]


def test_adding_a_term_the_concept_has_is_refused(store: Store) -> None:
    new(store)
    with pytest.raises(BadInput, match="already has the term 'Digital Trust'"):
        concepts.add_term(store, "digital-trust", {"text": "digital  trust", "lang": "en"}, who="a")


def test_editing_a_term_by_position(store: Store) -> None:
    new(store)
    concept = concepts.edit_term(store, "digital-trust", 1, {"text": "Digital Trust (DT)"}, who="a")
    assert concept.terms[1].text == "Digital Trust (DT)" and concept.en == "Digital Trust (DT)"


def test_editing_a_term_that_does_not_exist(store: Store) -> None:
    new(store)
    with pytest.raises(NotFound, match="has no term 9"):
        concepts.edit_term(store, "digital-trust", 9, {"text": "x"}, who="a")


def test_deprecating_the_preferred_acronym_promotes_an_admitted_one_and_keeps_the_note(store: Store) -> None:
    new(store)
    concepts.add_term(store, "digital-trust", {"text": "DTr", "type": "acronym"}, who="a")
    concept = concepts.deprecate_term(store, "digital-trust", "DT", note="use DTr", who="a")
    deprecated = next(t for t in concept.terms if t.text == "DT")
    assert (deprecated.status, deprecated.note) == ("deprecated", "use DTr")
    assert concept.abbr == "DTr"
    assert last_change(store, "digital-trust")["action"] == "deprecate-term"


def test_deprecating_an_unknown_term_lists_the_concepts_terms(store: Store) -> None:
    new(store)
    with pytest.raises(NotFound, match="its terms: '數位信任', 'Digital Trust', 'DT'"):
        concepts.deprecate_term(store, "digital-trust", "XYZ", who="a")


# ---------------------------------------------------------------- merge and delete


def test_merge_moves_terms_definitions_and_citations_then_deletes_the_other(store: Store) -> None:
    new(store)
    concepts.create_concept(
        store,
        {
            "zh": "數位信賴",
            "en": "Digital Trust",
            "definitions": ["另一個定義。"],
            "citations": [{"doc": "003_8e85de5ac7b80fbc.txt", "line": 9, "quote": "數位信賴"}],
        },
        who="a",
    )
    merged = concepts.merge_concepts(store, "digital-trust", "digital-trust-2", who="carol")
    assert merged.zh == "數位信任"
    assert [(t.text, t.status) for t in merged.terms if t.text == "數位信賴"] == [("數位信賴", "admitted")]
    assert [t.text for t in merged.terms].count("Digital Trust") == 1
    assert [d.text for d in merged.definitions] == ["可信賴的數位環境。", "另一個定義。"]
    assert [c.line for c in merged.citations] == [9]
    with pytest.raises(NotFound):
        store.get_concept("digital-trust-2")
    assert last_change(store, "digital-trust")["detail"]["merged"] == "digital-trust-2"
    assert last_change(store, "digital-trust-2")["detail"]["merged_into"] == "digital-trust"


def test_merge_with_itself_or_a_missing_concept(store: Store) -> None:
    with pytest.raises(BadInput, match="into itself"):
        concepts.merge_concepts(store, DESG, DESG, who="a")
    with pytest.raises(NotFound, match="'nope'"):
        concepts.merge_concepts(store, DESG, "nope", who="a")


def test_merge_checks_the_versions_of_both(store: Store) -> None:
    new(store)
    new(store, zh="數位信賴", en="Trust, Digital", abbr=None)
    with pytest.raises(PreconditionFailed, match="'trust-digital' is at version 1, not 7"):
        concepts.merge_concepts(store, "digital-trust", "trust-digital", who="a", other_version=7)


def test_delete_removes_the_concept_and_logs_what_it_was(store: Store) -> None:
    before = store.revision()
    concepts.delete_concept(store, DESG, who="dave", expected_version=1)
    with pytest.raises(NotFound):
        store.get_concept(DESG)
    assert store.revision() == before + 1
    change = last_change(store, DESG)
    assert (
        change["action"] == "delete"
        and "數位經濟指導小組 (zh-Hant, fullForm, preferred)" in change["detail"]["terms"]
    )


def test_delete_with_a_stale_version_keeps_the_concept(store: Store) -> None:
    with pytest.raises(PreconditionFailed):
        concepts.delete_concept(store, DESG, who="dave", expected_version=5)
    assert store.get_concept(DESG).id == DESG
