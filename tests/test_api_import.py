"""POST /api/v1/import: an uploaded TBX, CSV, XLSX or JSON file imported by the library `glossary import`
uses, with a token; bad files are 400 naming file/row/field, 413 too large, 415 not importable,
and on any error nothing changes."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from glossary import catalog
from glossary import tokens
from glossary.exchange import import_file
from glossary.store import Store
from glossary.terms_csv import COLUMNS
from tests.api_helpers import assert_problem
from tests.api_helpers import bearer
from tests.api_helpers import close_app
from tests.api_helpers import make_app
from tests.api_helpers import store_of
from tests.exchange_helpers import count
from tests.exchange_helpers import export_bytes
from tests.exchange_helpers import write_file

HEADER = ",".join(COLUMNS)
TABLES = ("concepts", "terms", "definitions", "citations", "sources", "change_log")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def row(concept_id: str, zh: str, en: str = "", abbr: str = "", kind: str = "term") -> str:
    return f"{concept_id},{kind},{zh},{en},,{abbr},,,,approved,,,"


def csv_bytes(*rows: str) -> bytes:
    return ("\n".join([HEADER, *rows]) + "\n").encode()


NEW = csv_bytes(
    row("quantum-test", "量子測試", "Quantum Test", "QTX"), row("moon-base", "月球基地", "Moon Base")
)


def snapshot(store: Store) -> dict[str, object]:
    return {**{table: count(store, table) for table in TABLES}, "revision": store.revision()}


@pytest.fixture
def auth(app: Flask) -> dict[str, str]:
    return bearer(app, "importer")


def upload(client: FlaskClient, data: bytes, name: str, auth: dict[str, str], query: str = ""):  # type: ignore[no-untyped-def]
    return client.post(f"/api/v1/import{query}", data={"file": (io.BytesIO(data), name)}, headers=auth)


def test_an_uploaded_csv_is_added_and_searchable(
    client: FlaskClient, app: Flask, auth: dict[str, str]
) -> None:
    assert client.get("/api/v1/search?q=QTX").get_json()["total"] == 0  # cached under the old revision
    response = upload(client, NEW, "new terms.csv", auth)
    assert response.status_code == 200, response.get_data(as_text=True)
    report = response.get_json()
    assert (report["file"], report["format"], report["added"], report["skipped"]) == (
        "new terms.csv",
        "csv",
        2,
        0,
    )
    assert [a["id"] for a in report["actions"]] == ["quantum-test", "moon-base"]
    concept = client.get("/api/v1/concepts/quantum-test").get_json()
    assert (concept["zh"], concept["en"], concept["abbr"]) == ("量子測試", "Quantum Test", "QTX")
    assert [r["id"] for r in client.get("/api/v1/search?q=QTX").get_json()["results"]] == ["quantum-test"]
    entry = catalog.history(store_of(app))[0]  # one change-log entry for the whole import
    assert (entry["who"], entry["action"], entry["concept_id"]) == ("importer", "import", None)
    detail = json.loads(entry["detail"])
    assert (detail["file"], detail["format"], detail["added"]) == ("new terms.csv", "csv", 2)  # no temp path


def test_the_report_is_the_one_the_library_gives_the_command(
    client: FlaskClient, app: Flask, auth: dict[str, str], tmp_path: Path
) -> None:
    data = csv_bytes(
        row("digital-economy-steering-group", "數位經濟指導小組", "Digital Economy Steering Group", "DESG"),
        row("other-desg", "另一個小組", "digital economy steering-group", "DESG"),  # same acronym + English
        row("fresh-one", "全新概念", "Fresh Concept"),
    )
    path = write_file(tmp_path / "mixed.csv", data)
    expected = import_file(
        store_of(app), path, dry_run=True, on_duplicate="merge", name="mixed.csv"
    ).to_dict()
    response = upload(client, data, "mixed.csv", auth, "?dry_run=true&on_duplicate=merge")
    assert response.status_code == 200
    assert response.get_json() == expected
    assert (expected["added"], expected["merged"] + expected["skipped"]) == (1, 2)


def test_a_dry_run_reports_and_changes_nothing(client: FlaskClient, app: Flask, auth: dict[str, str]) -> None:
    before = snapshot(store_of(app))
    report = upload(client, NEW, "new.csv", auth, "?dry_run=1").get_json()
    assert (report["dry_run"], report["added"]) == (True, 2)
    assert snapshot(store_of(app)) == before
    assert client.get("/api/v1/concepts/quantum-test").status_code == 404


@pytest.mark.parametrize(
    ("body", "headers", "query", "fmt"),
    [
        ("tbx", {"Content-Type": "application/x-tbx+xml"}, "", "tbx"),
        ("tbx3", {"Content-Type": "application/octet-stream"}, "?format=tbx3", "tbx"),
        ("json", {"Content-Type": "application/json"}, "", "json"),
        ("xlsx", {"Content-Type": XLSX}, "", "xlsx"),
        ("csv", {"Content-Type": "application/octet-stream"}, "?filename=terms.csv", "csv"),
    ],
)
def test_a_raw_body_takes_its_format_from_the_parameter_the_name_or_the_type(
    client: FlaskClient,
    app: Flask,
    auth: dict[str, str],
    body: str,
    headers: dict[str, str],
    query: str,
    fmt: str,
) -> None:
    """Re-importing the glossary's own export: every concept is recognised and skipped."""
    data = export_bytes(store_of(app), body)
    before = snapshot(store_of(app))
    response = client.post(f"/api/v1/import{query}", data=data, headers={**auth, **headers})
    assert response.status_code == 200, response.get_data(as_text=True)
    report = response.get_json()
    assert report["format"] == fmt
    assert (report["added"], report["skipped"]) == (0, before["concepts"])
    assert snapshot(store_of(app)) == before


def test_on_duplicate_merge_adds_forms_and_fail_imports_nothing(
    client: FlaskClient, app: Flask, auth: dict[str, str]
) -> None:
    data = csv_bytes(
        row("brand-new", "嶄新詞", "Brand New Word"),
        row("desg-again", "數位經濟指導小組", "Digital Economy Steering Board"),
    )
    before = snapshot(store_of(app))
    response = upload(client, data, "dup.csv", auth, "?on_duplicate=fail")
    body = assert_problem(response, 400, "dup.csv: row 3")
    assert "digital-economy-steering-group" in body["detail"] and body["errors"]["file"]
    assert snapshot(store_of(app)) == before
    report = upload(client, data, "dup.csv", auth, "?on_duplicate=merge").get_json()
    assert (report["added"], report["merged"]) == (1, 1)
    merged = client.get("/api/v1/concepts/digital-economy-steering-group").get_json()
    assert "Digital Economy Steering Board" in {t["text"] for t in merged["terms"]}


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            NEW + row("bad-kind", "壞類別", kind="thing").encode() + b"\n",
            "bad.csv",
            "bad.csv: row 4: field 'kind'",
        ),
        (b"id,kind,zh,en\na,term,\xe7\x94\xb2,A\n", "cols.csv", "cols.csv: missing column 'abbr'"),
        (NEW + b"x-y,term,\xff\xfe,,,,,,,approved,,,\n", "utf.csv", "utf.csv: line 4"),
        (
            b'<?xml version="1.0"?><martif type="TBX-Basic"><text><body><termEntry',
            "cut.tbx",
            "cut.tbx: line 1",
        ),
        (b'<?xml version="1.0"?><glossary/>', "root.tbx", "root element is <glossary>"),
        (b"PK\x03\x04 not really a zip", "book.xlsx", "book.xlsx"),
        (b'{"format": "glossary-dump"', "dump.json", "dump.json"),
    ],
    ids=[
        "bad-field",
        "missing-column",
        "invalid-utf8",
        "truncated-xml",
        "wrong-root",
        "not-a-workbook",
        "bad-json",
    ],
)
def test_a_bad_file_is_400_naming_the_place_and_changes_nothing(
    client: FlaskClient, app: Flask, auth: dict[str, str], data: bytes, name: str, message: str
) -> None:
    before = snapshot(store_of(app))
    body = assert_problem(upload(client, data, name, auth), 400, message)
    assert "/tmp" not in body["detail"] and "upload." not in body["detail"]  # the client's name, not ours
    assert snapshot(store_of(app)) == before


def test_entity_declarations_are_refused(client: FlaskClient, app: Flask, auth: dict[str, str]) -> None:
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY s SYSTEM "file:///etc/passwd">]>'
        b'<martif type="TBX-Basic"><text><body><termEntry id="a"><langSet xml:lang="en">'
        b"<tig><term>&s;</term></tig></langSet></termEntry></body></text></martif>"
    )
    before = snapshot(store_of(app))
    assert_problem(upload(client, xxe, "evil.tbx", auth), 400, "refused")
    assert snapshot(store_of(app)) == before


def test_an_upload_over_the_configured_size_is_413() -> None:
    app = make_app(MAX_UPLOAD_MB=0.001)  # 1,048 bytes
    try:
        client = app.test_client()
        auth = bearer(app)
        before = snapshot(store_of(app))
        big = csv_bytes(*(row(f"c-{i}", f"概念{i}") for i in range(60)))
        assert len(big) > 1100
        assert_problem(upload(client, big, "big.csv", auth), 413, "GLOSSARY_MAX_UPLOAD_MB")
        raw = client.post("/api/v1/import", data=big, headers={**auth, "Content-Type": "text/csv"})
        assert_problem(raw, 413, "larger than")
        assert snapshot(store_of(app)) == before
        assert upload(client, csv_bytes(row("small-one", "小概念")), "s.csv", auth).status_code == 200
    finally:
        close_app(app)


@pytest.mark.parametrize(
    ("kwargs", "status", "message"),
    [
        (
            {"data": {"file": (io.BytesIO(b"x"), "draft.docx")}},
            415,
            "draft.docx: .docx files cannot be imported",
        ),
        ({"data": b"%PDF", "headers": {"Content-Type": "application/pdf"}}, 415, "not application/pdf"),
        ({"data": b"a,b", "headers": {"Content-Type": "application/octet-stream"}}, 400, "format"),
        ({"data": {"other": "x"}, "content_type": "multipart/form-data"}, 400, "form field 'file'"),
        ({"data": b"", "headers": {"Content-Type": "text/csv"}}, 400, "empty"),
    ],
    ids=["docx-upload", "pdf-body", "format-unknown", "no-file-field", "empty-body"],
)
def test_what_cannot_be_imported_is_refused(
    client: FlaskClient, auth: dict[str, str], kwargs: dict[str, object], status: int, message: str
) -> None:
    headers = {**auth, **kwargs.pop("headers", {})}  # type: ignore[dict-item]
    assert_problem(client.post("/api/v1/import", headers=headers, **kwargs), status, message)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?on_duplicate=replace", "on_duplicate"),
        ("?format=docx", "format"),
        ("?encoding=latin-1", "encoding"),
    ],
)
def test_bad_parameters_are_400_naming_them(
    client: FlaskClient, auth: dict[str, str], query: str, field: str
) -> None:
    body = assert_problem(upload(client, NEW, "new.csv", auth, query), 400)
    assert field in body["errors"]


def test_a_token_is_required_and_a_revoked_one_refused(client: FlaskClient, app: Flask) -> None:
    headers = bearer(app, "leaver")
    tokens.revoke(store_of(app), "leaver")
    before = snapshot(store_of(app))
    assert_problem(upload(client, NEW, "new.csv", {}), 401)
    assert_problem(upload(client, NEW, "new.csv", headers), 403)
    assert snapshot(store_of(app)) == before


def test_big5_csv_is_named_and_reads_with_the_encoding_parameter(
    client: FlaskClient, auth: dict[str, str]
) -> None:
    data = "\n".join([HEADER, row("big-five", "繁體字測試", "Big Five Test")]).encode("big5") + b"\n"
    assert_problem(upload(client, data, "excel.csv", auth), 400, "Big5")
    report = upload(client, data, "excel.csv", auth, "?encoding=big5").get_json()
    assert report["added"] == 1
    assert client.get("/api/v1/concepts/big-five").get_json()["zh"] == "繁體字測試"
