"""Issue 15: an entry that the identity rule makes TWO stored concepts (its Chinese form is A's,
its acronym and English form B's) is never attached to the first silently. The dry run says
``conflict: matches A (by Chinese …) and B (by … + …)`` under every policy; the real import
skips it saying so (skip), or stops, nothing written (merge, fail), unless --continue leaves it
out (merge). Through the real command and the API, SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from glossary.store import Store
from tests.exchange_helpers import count

SEED = "中文,英文,縮寫\n區塊鏈試驗,Distributed Ledger Trial,\n,Blockchain Trial,BCT\n"
PARTNER = "中文,英文,縮寫\n量子試驗站,Quantum Trial Station,\n區塊鏈試驗,Blockchain Trial,BCT\n"


@pytest.fixture
def seeded(cli, store: Store, tmp_path: Path):  # type: ignore[no-untyped-def]
    """(A's id, B's id, the partner file): A holds the Chinese form, B the acronym and English."""
    seed = tmp_path / "seed.csv"
    seed.write_text(SEED, encoding="utf-8")
    assert cli("import", str(seed)).status == 0
    by_en = {c.en: c.id for c in store.all_concepts()}
    partner = tmp_path / "partner.csv"
    partner.write_text(PARTNER, encoding="utf-8")
    return by_en["Distributed Ledger Trial"], by_en["Blockchain Trial"], partner


def forms(store: Store, concept_id: str) -> list[tuple[str, str, str]]:
    concept = store.get_concept(concept_id)
    assert concept is not None
    return sorted((t.text, t.type, t.status) for t in concept.terms)


def conflict(a: str, b: str) -> str:
    return f"conflict: matches {a} (by Chinese 區塊鏈試驗) and {b} (by BCT + Blockchain Trial)"


@pytest.mark.parametrize("policy", ["skip", "merge", "fail"])
def test_the_dry_run_names_both_concepts_and_why_under_every_policy(  # type: ignore[no-untyped-def]
    cli, store: Store, seeded, policy: str
) -> None:
    a, b, partner = seeded
    revision = store.revision()

    ran = cli("import", str(partner), "--dry-run", "--on-duplicate", policy)

    assert ran.status == 0, ran.err
    lines = [line.split("\t") for line in ran.out.splitlines()]
    assert [line[0] for line in lines] == ["new", conflict(a, b)]
    assert lines[1][1] == f"{partner}: row 3"
    entries = [
        json.loads(line)
        for line in cli(
            "import", str(partner), "--dry-run", "--json", "--on-duplicate", policy
        ).out.splitlines()
    ]
    assert (entries[1]["verdict"], entries[1]["line"]) == ("conflict", conflict(a, b))
    assert store.revision() == revision


def test_skip_skips_it_saying_so_on_stderr(cli, store: Store, seeded) -> None:  # type: ignore[no-untyped-def]
    a, b, partner = seeded
    before = forms(store, a), forms(store, b)

    ran = cli("import", str(partner))

    assert ran.status == 0, ran.err
    assert f"Skipped: {partner}: row 3: {conflict(a, b)}" in ran.err.splitlines()
    assert "row 3" not in ran.out
    assert (forms(store, a), forms(store, b)) == before
    assert "Quantum Trial Station" in {c.en for c in store.all_concepts()}


@pytest.mark.parametrize("policy", ["merge", "fail"])
def test_merge_and_fail_stop_the_import_naming_the_entry_and_both_concepts(  # type: ignore[no-untyped-def]
    cli, store: Store, seeded, policy: str
) -> None:
    a, b, partner = seeded
    before, revision = count(store, "terms"), store.revision()

    ran = cli("import", str(partner), "--on-duplicate", policy)

    assert ran.status == 2, ran.err
    assert ran.err.count("Error: ") == 1 and "Traceback" not in ran.err
    assert f"Error: {partner}: row 3: {conflict(a, b)}" in ran.err, ran.err
    assert (count(store, "terms"), store.revision()) == (before, revision)


def test_merge_with_continue_leaves_it_out_and_imports_the_rest(cli, store: Store, seeded) -> None:  # type: ignore[no-untyped-def]
    a, b, partner = seeded
    before, revision = (forms(store, a), forms(store, b)), store.revision()

    ran = cli("import", str(partner), "--on-duplicate", "merge", "--continue")

    assert ran.status == 1, ran.err
    refused = [line for line in ran.err.splitlines() if line.startswith("Refused: ")]
    assert refused == [f"Refused: {partner}: row 3: {conflict(a, b)}: left out"]
    assert (forms(store, a), forms(store, b)) == before
    assert "Quantum Trial Station" in {c.en for c in store.all_concepts()}
    assert store.revision() == revision + 1


def test_the_api_refuses_it_with_a_400_or_lists_it_with_continue(store: Store, seeded) -> None:  # type: ignore[no-untyped-def]
    from tests.api_helpers import assert_problem
    from tests.api_helpers import bearer
    from tests.api_helpers import close_app
    from tests.api_helpers import make_app

    a, b, partner = seeded
    app = make_app(store.url)
    try:
        client, auth = app.test_client(), bearer(app, "importer")

        def upload(query: str):  # type: ignore[no-untyped-def]
            data = {"file": (io.BytesIO(partner.read_bytes()), "partner.csv")}
            return client.post(f"/api/v1/import?on_duplicate=merge{query}", data=data, headers=auth)

        revision = store.revision()
        problem = assert_problem(upload(""), 400, "partner.csv: row 3: " + conflict(a, b))
        assert str(partner) not in problem["detail"] and store.revision() == revision
        response = upload("&continue=true")
        assert response.status_code == 200, response.get_data(as_text=True)
        report = response.get_json()
        assert report["refused"] == [f"partner.csv: row 3: {conflict(a, b)}: left out"]
        assert report["added"] == 1 and store.revision() == revision + 1
    finally:
        close_app(app)
