"""Following writes without a rebuild: ``revision_changes``, ``LiveIndex`` overlays, saved indexes.

An index patched with ``SearchIndex.patched``/``update`` must answer like an index rebuilt
from the same concepts, and a live index must follow writes made through another store or
process (SQLite and PostgreSQL) with an overlay, not a full build.
"""

from __future__ import annotations

import dataclasses
import random
import time

import pytest
from sqlalchemy import select

from glossary import concepts
from glossary import search as lookup
from glossary import settings
from glossary.concepts.history import bump_revision
from glossary.errors import ConfigError
from glossary.models import RevisionChange
from glossary.records import Concept
from glossary.records import Term
from glossary.search import SearchIndex
from glossary.search.live import index_dir
from glossary.service import Glossary
from glossary.service import open_store
from glossary.store import Store
from glossary.terms_csv import read_concepts


def _typo(rng: random.Random, text: str) -> str:
    if len(text) < 4:
        return text.lower()
    i = rng.randrange(1, len(text) - 1)
    return (
        text[:i] + text[i + 1 :] if rng.random() < 0.5 else text[:i] + text[i + 1] + text[i] + text[i + 2 :]
    )


def _edited(rng: random.Random, concept: Concept, donor: Concept) -> Concept:
    """``concept`` with forms taken from ``donor`` (new words, acronyms, Chinese)."""
    terms = [dataclasses.replace(t) for t in donor.terms]
    if rng.random() < 0.5 and concept.terms:
        terms.append(dataclasses.replace(concept.terms[0], status="admitted"))
    return dataclasses.replace(concept, terms=terms)


def test_an_updated_index_answers_like_a_rebuilt_one() -> None:
    """Random edits, adds and deletes on the shipped glossary: the patched index gives the
    same answers as an index rebuilt from the final concepts: every result scoring 80 or
    more, in the same order, with the same score, form and notice."""
    rng = random.Random(7)
    shipped = sorted(read_concepts(settings.shipped_terms_path()), key=lambda c: c.id)
    half = len(shipped) // 2
    base_concepts, donors = shipped[:half], shipped[half:]
    base = SearchIndex.build(base_concepts)
    final = {c.id: c for c in base_concepts}
    ids = [c.id for c in base_concepts]
    rng.shuffle(ids)
    edited, deleted = ids[:25], ids[25:35]
    for n, cid in enumerate(edited):
        final[cid] = _edited(rng, final[cid], donors[n])
    gone = {cid: final.pop(cid) for cid in deleted}
    for donor in donors[25:40]:
        final["new-" + donor.id] = dataclasses.replace(donor, id="new-" + donor.id)
    changed = set(edited) | set(deleted) | {cid for cid in final if cid.startswith("new-")}

    updated = base.patched(changed, lambda wanted: {i: final[i] for i in wanted if i in final})
    rebuilt = SearchIndex.build([final[cid] for cid in sorted(final)])
    assert base.overlay_size() == 0 and updated.overlay_size() == len(changed)

    queries = []
    for cid in sorted(changed):
        for term in (final.get(cid) or gone[cid]).terms:
            queries += [
                term.text,
                term.text.lower(),
                _typo(rng, term.text),
                term.text[: max(2, len(term.text) // 2)],
            ]
    queries += [t.text for c in base_concepts[:40] for t in c.terms]

    def key(hits: list) -> list[tuple]:
        return [(h.concept_id, h.score, h.how, h.matched_text, h.notice) for h in hits]

    compared = 0
    for query in queries:
        got, want = key(updated.search(query)), key(rebuilt.search(query))
        # every strong answer (score 80+: exact, normalized, acronym, prefix, token, one
        # edit) is the same; weak fuzzy candidates come from IDF-ranked pools, whose
        # statistics are the base index's until the next full build
        assert [h for h in got if h[1] >= 80] == [h for h in want if h[1] >= 80], query
        compared += bool(want)
    assert compared > 100
    for cid in deleted:
        assert all(h.concept_id != cid for q in (t.text for t in gone[cid].terms) for h in updated.search(q))
        assert updated.payload(cid) is None
    assert {h.concept_id for h in updated.suggest(final[edited[0]].terms[0].text[:3])} == {
        h.concept_id for h in rebuilt.suggest(final[edited[0]].terms[0].text[:3])
    }


def test_each_write_records_the_concepts_it_touched(store: Store) -> None:
    before = store.revision()
    made = concepts.create_concept(
        store, {"zh": "量子信任框架", "en": "Quantum Trust Frame", "abbr": "QZXJ"}, who="t"
    )
    other = concepts.create_concept(store, {"en": "Quantum Trust Frameworks"}, who="t")
    concepts.merge_concepts(store, made.id, other.id, who="t")
    concepts.delete_concept(store, made.id, who="t")
    with store.session() as session:
        rows = session.execute(
            select(RevisionChange.revision, RevisionChange.concept_id)
            .where(RevisionChange.revision > before)
            .order_by(RevisionChange.revision, RevisionChange.concept_id)
        ).all()
    assert [tuple(r) for r in rows] == [
        (before + 1, made.id),
        (before + 2, other.id),
        *sorted([(before + 3, made.id), (before + 3, other.id)]),
        (before + 4, made.id),
    ]


def test_another_stores_writes_are_followed_without_a_rebuild(db_url: str) -> None:
    writer = open_store(db_url)
    reader = Glossary(db_url)
    try:
        assert lookup.find(reader, "QZXJ") == []
        assert reader.index.builds == 1
        made = concepts.create_concept(
            writer, {"zh": "量子信任框架", "en": "Quantum Trust Frame", "abbr": "QZXJ"}, who="t"
        )
        [hit] = lookup.find(reader, "qzxj")
        assert (hit["id"], hit["en"], hit["matched"]["how"]) == (made.id, "Quantum Trust Frame", "acronym")
        assert lookup.find(reader, "量子信任框架")[0]["id"] == made.id

        concepts.edit_concept(writer, made.id, {"en": "Quantum Trust Fabric"}, who="t")
        first = lookup.find(reader, "Quantum Trust Fabric")[0]
        assert (first["id"], first["en"], first["matched"]["how"]) == (
            made.id,
            "Quantum Trust Fabric",
            "exact",
        )

        desg = lookup.find(reader, "DESG")[0]
        concepts.merge_concepts(writer, made.id, desg["id"], who="t")
        merged = lookup.find(reader, "Digital Economy Steering Group")
        assert merged[0]["id"] == made.id
        assert all(r["id"] != desg["id"] for r in lookup.find(reader, "DESG"))

        concepts.delete_concept(writer, made.id, who="t")
        assert all(r["id"] != made.id for r in lookup.find(reader, "QZXJ"))
        assert all(r["id"] != made.id for r in lookup.find(reader, "Digital Economy Steering Group"))
        assert lookup.find(reader, "PETs")[0]["abbr"] == "PETs"  # the rest still answers
        assert reader.index.builds == 1, "a write was followed by a full rebuild"
        assert reader.index.updates == 4
    finally:
        reader.close()
        writer.close()


def test_a_fresh_searcher_maps_the_saved_index_and_replays_what_changed(db_url: str) -> None:
    with open_store(db_url) as writer:
        with Glossary(db_url) as first:
            lookup.find(first, "DESG")
        made = concepts.create_concept(writer, {"en": "Quantum Trust Frame", "abbr": "QZXJ"}, who="t")
        with Glossary(db_url) as fresh:
            assert lookup.find(fresh, "QZXJ")[0]["id"] == made.id
            assert (fresh.index.builds, fresh.index.loads, fresh.index.updates) == (0, 1, 1)


def test_a_bulk_write_is_indexed_off_the_request_path_while_the_previous_revision_answers(
    db_url: str,
) -> None:
    with open_store(db_url) as writer, Glossary(db_url) as reader:
        lookup.find(reader, "DESG")
        made = concepts.create_concept(writer, {"en": "Quantum Trust Frame", "abbr": "QZXJ"}, who="t")
        assert lookup.find(reader, "QZXJ")[0]["id"] == made.id  # one concept: visible at once
        with writer.session() as session:
            bump_revision(session)  # "anything may have changed": a bulk revision
        before = reader.index.current()
        assert before.meta["revision"] < writer.revision()  # the previous revision answers meanwhile
        assert lookup.find(reader, "DESG")[0]["abbr"] == "DESG"
        assert reader.index.wait(60)
        after = reader.index.current()
        assert after is not before and after.meta["revision"] == writer.revision()
        assert lookup.find(reader, "QZXJ")[0]["id"] == made.id
        assert reader.index.builds == 2


def test_without_a_background_a_bulk_write_is_rebuilt_at_once(db_url: str) -> None:
    with open_store(db_url) as writer, Glossary(db_url) as reader:
        reader.index.background = False
        lookup.find(reader, "DESG")
        made = concepts.create_concept(writer, {"en": "Quantum Trust Frame", "abbr": "QZXJ"}, who="t")
        with writer.session() as session:
            bump_revision(session)
        assert lookup.find(reader, "QZXJ")[0]["id"] == made.id
        assert reader.index.builds == 2 and reader.index.current().meta["revision"] == writer.revision()


def test_a_large_overlay_is_saved_for_the_other_processes(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("glossary.search.live.SAVE_AFTER", 2)
    with open_store(db_url) as writer, Glossary(db_url) as reader:
        reader.index.background = False
        lookup.find(reader, "DESG")
        one = concepts.create_concept(writer, {"en": "Quantum Trust Frame", "abbr": "QZXJ"}, who="t")
        lookup.find(reader, "QZXJ")
        assert reader.index.saves == 0
        two = concepts.create_concept(writer, {"en": "Quantum Trust Fabric", "abbr": "QZXF"}, who="t")
        assert lookup.find(reader, "QZXF")[0]["id"] == two.id
        assert reader.index.saves == 1 and reader.index.builds == 1
        revision = writer.revision()
        assert [p.name for p in index_dir().glob("*.idx")] == [reader.index._path(reader.index.state()).name]
        assert f"-r{revision}-" in reader.index._path(reader.index.state()).name
        assert not list(index_dir().glob("*.saving"))
        with Glossary(db_url) as fresh:
            assert lookup.find(fresh, "QZXJ")[0]["id"] == one.id
            assert (fresh.index.builds, fresh.index.loads, fresh.index.updates) == (0, 1, 0)
        lookup.find(reader, "QZXJ")  # the reader moves on to the saved index, its overlay gone
        assert reader.index.current().overlay_size() == 0


def test_concepts_outside_the_index_are_not_invented() -> None:
    base = SearchIndex.build(
        [Concept(id="a", terms=[Term("Key Focus Area", "en"), Term("KFA", "en", type="acronym")])]
    )
    updated = base.patched(["ghost"], lambda wanted: {})
    assert updated.search("KFA")[0].concept_id == "a"
    assert updated.payload("ghost") is None


def test_a_server_that_maps_its_index_has_what_patching_a_write_in_needs(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The start-up preparation of a server loads pinyin's and OpenCC's tables even when it
    only maps a saved index, so that following the first write costs what the next one does
    (they took 1-4 s at the first write otherwise)."""
    import os
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'g.sqlite3'}"
    with Glossary(url) as built:
        built.index.prepare()  # the saved index, as another worker or an earlier start left it
    program = (
        "import sys\n"
        "from glossary.service import Glossary\n"
        f"g = Glossary({url!r})\n"
        "g.index.prepare_in_background().join(60)\n"
        "print(g.index.builds, g.index.loads, 'pypinyin' in sys.modules, 'opencc' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, check=True, env=dict(os.environ)
    ).stdout.split()
    assert out == ["0", "1", "True", "True"]


def test_a_server_reads_the_revision_every_recheck_s_and_at_once_after_its_own_writes(db_url: str) -> None:
    """``recheck_s`` (a server's ``GLOSSARY_REVISION_CHECK_MS``): another process's write
    shows once that long has passed; a write of this process shows at the next lookup."""
    from glossary import writes

    writer = open_store(db_url)
    reader = Glossary(db_url)
    reader.index.recheck_s = 3600.0
    try:
        assert lookup.find(reader, "QZXJ") == []
        made = concepts.create_concept(writer, {"en": "Quantum Trust Frame", "abbr": "QZXJ"}, who="t")
        assert lookup.find(reader, "QZXJ")[0]["id"] == made.id  # written in this process: at once

        before = reader.index.current()
        written = writes.count()
        concepts.edit_concept(writer, made.id, {"en": "Quantum Trust Fabric"}, who="t")
        when, _ = reader.index._checked
        reader.index._checked = (when, writes.count())  # as if another process had written it
        assert writes.count() == written + 1
        assert reader.index.current() is before  # not read again within recheck_s
        reader.index.recheck_s = 0.05
        time.sleep(0.06)
        assert lookup.find(reader, "Quantum Trust Fabric")[0]["id"] == made.id
        assert reader.index.builds == 1
    finally:
        reader.close()
        writer.close()


def test_the_app_reads_the_revision_at_most_every_revision_check_ms() -> None:
    from tests.api_helpers import close_app
    from tests.api_helpers import make_app

    app = make_app(REVISION_CHECK_MS=25)
    try:
        assert app.extensions["glossary"].index.recheck_s == 0.025
    finally:
        close_app(app)
    with pytest.raises(ConfigError, match="GLOSSARY_REVISION_CHECK_MS must be a whole number"):
        make_app(REVISION_CHECK_MS="soon")
