"""POST /api/v1/check: pasted text, a text/plain body or an uploaded .txt/.md/.docx -> check findings.

The input handling is tested with a stand-in checker that reports every line it is
given; the real findings are ``glossary check``'s, tested where that module lives.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient

import api.check
from tests.api_helpers import assert_problem
from tests.api_helpers import close_app
from tests.api_helpers import make_app


def echo_checker(store: Any, document: Any, options: Any = None) -> dict[str, Any]:
    """One finding per non-empty line, so a test can see exactly which lines arrived."""
    findings = [
        {
            "line": n,
            "column": 1,
            "acronym": None,
            "text": line,
            "type": "undefined",
            "message": "seen",
            "suggestion": None,
        }
        for n, line in enumerate(document.lines, 1)
        if line
    ]
    return {"file": document.name, "findings": findings}


@pytest.fixture
def app() -> Iterator[Flask]:
    made = make_app(MAX_UPLOAD_MB=0.05)
    yield made
    close_app(made)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


@pytest.fixture
def echo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(api.check, "check_document", echo_checker)


def docx_bytes(*paragraphs: str) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.usefixtures("echo")
def test_pasted_json_text_is_checked_with_file_null(client: FlaskClient) -> None:
    response = client.post("/api/v1/check", json={"text": "第一行 DESG\r\n\n第三行"})
    assert response.status_code == 200
    body = response.get_json()
    assert body["file"] is None
    assert [(f["line"], f["text"]) for f in body["findings"]] == [(1, "第一行 DESG"), (3, "第三行")]


@pytest.mark.usefixtures("echo")
def test_a_text_plain_body_is_checked(client: FlaskClient) -> None:
    response = client.post(
        "/api/v1/check", data="PETs 隱私".encode(), content_type="text/plain; charset=utf-8"
    )
    assert response.get_json()["findings"][0]["text"] == "PETs 隱私"


@pytest.mark.usefixtures("echo")
@pytest.mark.parametrize(
    ("name", "data", "lines"),
    [
        ("draft.txt", "甲\n乙".encode(), ["甲", "乙"]),
        ("draft.md", "# 標題\nDESG".encode(), ["# 標題", "DESG"]),
        ("draft.txt", "繁體中文的文字".encode("cp950"), ["繁體中文的文字"]),
        ("draft.docx", docx_bytes("第一段 DESG", "第二段"), ["第一段 DESG", "第二段"]),
    ],
    ids=["txt", "md", "big5", "docx"],
)
def test_an_uploaded_document_is_read_by_the_shared_reader(
    client: FlaskClient, name: str, data: bytes, lines: list[str]
) -> None:
    response = client.post("/api/v1/check", data={"file": (io.BytesIO(data), name)})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["file"] == name
    assert [f["text"] for f in body["findings"]] == lines


@pytest.mark.usefixtures("echo")
@pytest.mark.parametrize(
    ("kwargs", "status", "detail"),
    [
        ({"json": {"text": ""}}, 400, "the text is empty"),
        ({"json": {"text": 5}}, 400, "the text is empty"),
        ({"json": {"body": "x"}}, 400, '{"text": "..."}'),
        ({"json": ["x"]}, 400, '{"text": "..."}'),
        ({"data": b"   ", "content_type": "text/plain"}, 400, "the text is empty"),
        ({"data": {"other": (io.BytesIO(b"x"), "a.txt")}}, 400, "form field 'file'"),
        ({"data": {"file": (io.BytesIO(b""), "a.txt")}}, 400, "a.txt: the file is empty"),
        ({"data": {"file": (io.BytesIO(b"\x00\x01\x02\xff" * 50), "a.txt")}}, 400, "a.txt"),
        ({"data": {"file": (io.BytesIO(b"not a zip"), "a.docx")}}, 400, "a.docx"),
        ({"data": {"file": (io.BytesIO(b"%PDF"), "a.pdf")}}, 415, "only .txt, .md and .docx"),
        ({"data": b"<p>x</p>", "content_type": "text/html"}, 415, "not text/html"),
        ({"json": {"text": "長" * 20000}}, 413, "larger than the 0.05 MB"),
        ({"data": {"file": (io.BytesIO(b"x" * 60000), "big.txt")}}, 413, "larger than"),
    ],
)
def test_bad_check_input(client: FlaskClient, kwargs: dict, status: int, detail: str) -> None:
    assert_problem(client.post("/api/v1/check", **kwargs), status, detail)


