"""Issue 15: ``import --continue`` in every format that can meet an entry the glossary refuses
(TBX, our CSV, XLSX and JSON dump: an unknown language tag), through the real command on
SQLite and PostgreSQL. Without it: exit 2, one ``Error:`` naming the file and entry, nothing
written. With it: the rest comes in, in one transaction, exit 1, each refused entry on stderr.

(A plain partner CSV/XLSX has no language tags to meet: its header names fixed fields, and an
unknown header name is kept as a note; its entries can still be refused by the importer, see
test_intake_ambiguous.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from glossary.exchange.csv_format import write_csv
from glossary.exchange.json_dump import write_dump
from glossary.exchange.tbx import write_tbx
from glossary.exchange.xlsx import write_xlsx
from glossary.records import Concept
from glossary.records import Term
from glossary.store import Store
from tests.exchange_helpers import count

GOOD = Concept(
    id="entangled-trial",
    kind="term",
    terms=[Term("量子糾纏試驗", "zh-Hant"), Term("Quantum Entanglement Trial", "en")],
)
# An English-side form in a tag the glossary does not know ("qq-QQ": not BCP-47 as it reads tags).
BAD = Concept(
    id="moon-garden",
    kind="term",
    terms=[Term("月球花園", "zh-Hant"), Term("Moon Garden", "qq-QQ")],
)
AFTER = Concept(
    id="sun-garden",
    kind="term",
    terms=[Term("太陽花園試驗", "zh-Hant"), Term("Sun Garden Trial", "en")],
)
WRITERS = {
    "tbx": lambda concepts, out: write_tbx(concepts, out),
    "csv": lambda concepts, out: write_csv(concepts, out),
    "xlsx": lambda concepts, out: write_xlsx(concepts, out),
    "json": lambda concepts, out: write_dump(((c, None) for c in concepts), [], out),
}
# How each format names the refused entry.
NAMED = {
    "tbx": "termEntry 2 (id 'moon-garden')",
    "csv": "row 3",
    "xlsx": "row 3",
    "json": "concepts[1] (id 'moon-garden')",
}


def partner_file(tmp_path: Path, fmt: str) -> Path:
    path = tmp_path / f"partner.{fmt}"
    with open(path, "wb") as out:
        WRITERS[fmt]([GOOD, BAD, AFTER], out)
    return path


def ens(store: Store) -> set[str]:
    return {c.en for c in store.all_concepts()}


@pytest.mark.parametrize("fmt", ["tbx", "csv", "xlsx", "json"])
def test_without_continue_the_refused_entry_stops_the_import_and_nothing_is_written(  # type: ignore[no-untyped-def]
    cli, store: Store, tmp_path: Path, fmt: str
) -> None:
    path = partner_file(tmp_path, fmt)
    before, revision = count(store, "concepts"), store.revision()

    ran = cli("import", str(path))

    assert ran.status == 2, ran.err
    assert ran.err.count("Error: ") == 1 and "Traceback" not in ran.err
    assert f"partner.{fmt}" in ran.err and NAMED[fmt] in ran.err and "'qq-QQ'" in ran.err, ran.err
    assert (count(store, "concepts"), store.revision()) == (before, revision)


@pytest.mark.parametrize("fmt", ["tbx", "csv", "xlsx", "json"])
def test_with_continue_the_rest_comes_in_in_one_transaction_and_exits_1(  # type: ignore[no-untyped-def]
    cli, store: Store, tmp_path: Path, fmt: str
) -> None:
    path = partner_file(tmp_path, fmt)
    before, revision = count(store, "concepts"), store.revision()

    ran = cli("import", str(path), "--continue")

    assert ran.status == 1, ran.err
    refused = [line for line in ran.err.splitlines() if line.startswith("Refused: ")]
    assert len(refused) == 1, ran.err
    assert f"partner.{fmt}" in refused[0] and NAMED[fmt] in refused[0] and "'qq-QQ'" in refused[0]
    assert "Added 2, merged 0, skipped 0 concepts" in ran.err and "refused 1" in ran.err
    assert {"Quantum Entanglement Trial", "Sun Garden Trial"} <= ens(store)
    assert "Moon Garden" not in ens(store)
    assert count(store, "concepts") == before + 2
    assert store.revision() == revision + 1  # one transaction


def test_continue_with_helper_processes_refuses_the_same_row(  # type: ignore[no-untyped-def]
    cli, store: Store, tmp_path: Path
) -> None:
    """A large CSV is validated in helper processes (``--workers``): the row is refused there alike."""
    path = partner_file(tmp_path, "csv")

    stopped = cli("import", str(path), "--workers", "1")
    assert stopped.status == 2 and "row 3" in stopped.err and "'qq-QQ'" in stopped.err, stopped.err

    ran = cli("import", str(path), "--workers", "1", "--continue")
    assert ran.status == 1, ran.err
    assert [line for line in ran.err.splitlines() if line.startswith("Refused: ")] == [
        f"Refused: {path}: row 3: column 'en_lang': unknown language tag 'qq-QQ' "
        "(use zh-Hant, zh-TW, zh-Hans, zh-CN, en, en-US, fr, …)"
    ]
    assert {"Quantum Entanglement Trial", "Sun Garden Trial"} <= ens(store)


# ---------------------------------------------------------------- the API: POST /import?continue=true


@pytest.fixture
def api(store: Store):  # type: ignore[no-untyped-def]
    """The API on the filled store of each backend, and a curator's token."""
    from tests.api_helpers import bearer
    from tests.api_helpers import close_app
    from tests.api_helpers import make_app

    app = make_app(store.url)
    try:
        yield app.test_client(), bearer(app, "importer")
    finally:
        close_app(app)


def _upload(client, auth, path: Path, query: str = ""):  # type: ignore[no-untyped-def]
    import io

    data = {"file": (io.BytesIO(path.read_bytes()), path.name)}
    return client.post(f"/api/v1/import{query}", data=data, headers=auth)


@pytest.mark.parametrize("fmt", ["tbx", "csv", "xlsx", "json"])
def test_the_api_refuses_the_entry_with_a_400_naming_it_and_writes_nothing(  # type: ignore[no-untyped-def]
    api, store: Store, tmp_path: Path, fmt: str
) -> None:
    from tests.api_helpers import assert_problem

    client, auth = api
    path = partner_file(tmp_path, fmt)
    before, revision = count(store, "concepts"), store.revision()

    response = _upload(client, auth, path)

    assert_problem(response, 400)
    detail = response.get_json()["detail"]
    assert f"partner.{fmt}" in detail and NAMED[fmt] in detail and "'qq-QQ'" in detail, detail
    assert str(tmp_path) not in detail  # the upload's name, not the temporary file's
    assert (count(store, "concepts"), store.revision()) == (before, revision)


@pytest.mark.parametrize("fmt", ["tbx", "csv", "xlsx", "json"])
def test_the_api_with_continue_imports_the_rest_and_lists_the_refused_entry(  # type: ignore[no-untyped-def]
    api, store: Store, tmp_path: Path, fmt: str
) -> None:
    client, auth = api
    path = partner_file(tmp_path, fmt)
    before, revision = count(store, "concepts"), store.revision()

    response = _upload(client, auth, path, "?continue=true")

    assert response.status_code == 200, response.get_data(as_text=True)
    report = response.get_json()
    assert report["added"] == 2 and len(report["refused"]) == 1, report
    assert report["refused"][0].startswith(f"partner.{fmt}: ") and NAMED[fmt] in report["refused"][0]
    assert "'qq-QQ'" in report["refused"][0]
    assert "Moon Garden" not in ens(store) and "Sun Garden Trial" in ens(store)
    assert (count(store, "concepts"), store.revision()) == (before + 2, revision + 1)


def test_the_openapi_document_has_the_continue_parameter(api) -> None:  # type: ignore[no-untyped-def]
    client, _ = api
    spec = client.get("/api/v1/openapi.json").get_json()
    parameters = spec["paths"]["/api/v1/import"]["post"]["parameters"]
    (found,) = [p for p in parameters if p["name"] == "continue"]
    assert (found["in"], found["schema"]["type"], found["schema"]["default"]) == ("query", "boolean", False)
