"""One set of field limits and ranges on every way in (Reliability I §2): the API's limits hold
for import too, on SQLite and PostgreSQL; integers out of range are a clear 400 / exit 2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from flask import Flask

from glossary.errors import BadInput
from glossary.exchange import import_file
from glossary.store import Store
from glossary.terms_csv import COLUMNS
from tests.api_helpers import assert_problem
from tests.api_helpers import bearer
from tests.api_helpers import close_app
from tests.api_helpers import make_app
from tests.cli_helpers import run
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
