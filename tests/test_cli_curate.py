"""``glossary token …``, ``glossary concept …`` and ``glossary serve`` as a curator runs them."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from glossary import catalog
from glossary import tokens
from glossary.errors import NotFound
from glossary.service import open_store
from glossary.store import Store
from tests.cli_helpers import run

ROOT = Path(__file__).resolve().parents[1]
DESG = "digital-economy-steering-group"


def opened() -> Store:
    return open_store()


def test_token_create_prints_a_secret_that_verifies(capsys: pytest.CaptureFixture[str]) -> None:
    ran = run(capsys, "token", "create", "alice")
    assert ran.status == 0
    secret = ran.out.strip()
    assert "shown again" in ran.err and secret not in ran.err
    with opened() as store:
        assert tokens.verify(store, secret) == "alice"


def test_token_revoke_and_list(capsys: pytest.CaptureFixture[str]) -> None:
    secret = run(capsys, "token", "create", "alice").out.strip()
    assert run(capsys, "token", "revoke", "alice").status == 0
    with opened() as store, pytest.raises(tokens.TokenRevoked):
        tokens.verify(store, secret)
    listed = json.loads(run(capsys, "token", "list", "--json").out)
    assert listed[0]["name"] == "alice" and listed[0]["revoked_at"]
    assert secret not in run(capsys, "token", "list").out
    with opened() as store:
        logged = [(e["action"], e["detail"]) for e in catalog.history(store)[:2]]
    created = ("token-create", '{"role": "curator", "token": "alice"}')
    assert logged == [("token-revoke", '{"token": "alice"}'), created]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("token", "revoke", "bob"), "Error: no token named 'bob'"),
        (("token", "create", "two words"), "Error: token name 'two words' is not usable"),
    ],
)
def test_token_errors_exit_2(capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str) -> None:
    ran = run(capsys, *args)
    assert (ran.status, ran.err.splitlines()[0].startswith(message)) == (2, True), ran.err


def test_concept_add_prints_the_id_and_stores_the_concept(capsys: pytest.CaptureFixture[str]) -> None:
    ran = run(
        capsys, "concept", "add", "--zh", "數位信任", "--en", "Digital Trust", "--abbr", "DT",
        "--kind", "program", "--definition", "可信賴的數位環境。", "--who", "alice",
    )  # fmt: skip
    assert ran.status == 0 and ran.out.strip() == "digital-trust"
    with opened() as store:
        concept = store.get_concept("digital-trust")
        assert (concept.zh, concept.en, concept.abbr, concept.kind) == (
            "數位信任",
            "Digital Trust",
            "DT",
            "program",
        )
        assert concept.definitions[0].text == "可信賴的數位環境。"
        assert catalog.history(store, "digital-trust")[0]["who"] == "alice"


def test_concept_add_json_prints_the_concept(capsys: pytest.CaptureFixture[str]) -> None:
    ran = run(capsys, "concept", "add", "--zh", "數位信任", "--json")
    assert json.loads(ran.out)["zh"] == "數位信任"


def test_concept_edit_deprecate_merge_delete(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "concept", "add", "--zh", "數位信任", "--en", "Digital Trust")
    edited = run(
        capsys, "concept", "edit", "digital-trust", "--en", "Digital Trust Framework", "--add-term", "DTF"
    )
    assert edited.status == 0 and "version 2" in edited.err
    deprecated = run(capsys, "concept", "deprecate", "digital-trust", "DTF", "--note", "unofficial")
    assert deprecated.status == 0
    run(capsys, "concept", "add", "--zh", "數位互信")
    other = run(capsys, "concept", "add", "--zh", "數位互信任").out.strip()
    merged = run(capsys, "concept", "merge", "digital-trust", other)
    assert merged.status == 0
    with opened() as store:
        concept = store.get_concept("digital-trust")
        assert concept.en == "Digital Trust Framework"
        assert [(t.status, t.note) for t in concept.terms if t.text == "DTF"] == [
            ("deprecated", "unofficial")
        ]
        assert "數位互信任" in [t.text for t in concept.terms]
        with pytest.raises(NotFound):
            store.get_concept(other)
    assert run(capsys, "concept", "delete", "digital-trust").status == 0
    with opened() as store, pytest.raises(NotFound):
        store.get_concept("digital-trust")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("concept", "add", "--zh", "數位經濟指導小組"), f"duplicates concept '{DESG}'"),
        (("concept", "add", "--kind", "org"), "a concept needs at least one term"),
        (("concept", "edit", DESG, "--note", "x", "--version", "7"), "is at version 1, not 7"),
        (("concept", "edit", DESG), "nothing to change"),
        (("concept", "edit", "nope", "--note", "x"), "no concept with id 'nope'"),
        (("concept", "deprecate", DESG, "XYZ"), "has no term 'XYZ'"),
        (("concept", "merge", DESG, DESG), "into itself"),
        (("concept", "delete", "nope"), "no concept with id 'nope'"),
    ],
)
def test_concept_errors_are_one_line_exit_2(
    capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str
) -> None:
    ran = run(capsys, *args)
    assert ran.status == 2
    assert ran.err.startswith("Error: ") and message in ran.err, ran.err


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_on_a_busy_port_says_so_before_serving(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        ran = run(capsys, "serve", "--port", str(port))
    assert ran.status == 2
    assert ran.err.startswith(f"Error: cannot listen on 127.0.0.1:{port}: ")
    assert "try --port" in ran.err and "Serving" not in ran.err


def test_add_term_takes_a_type_or_infers_an_acronym(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "concept", "add", "--zh", "數位信任", "--en", "Digital Trust")
    ran = run(
        capsys, "concept", "edit", "digital-trust", "--add-term", "DTF", "--add-term", "數位信賴:variant",
        "--add-term", "Trust:shortForm", "--add-term", "Note: trust",
    )  # fmt: skip
    assert ran.status == 0, ran.err
    with opened() as store:
        concept = store.get_concept("digital-trust")
    forms = {t.text: (t.lang, t.type, t.status) for t in concept.terms}
    assert forms["DTF"] == ("en", "acronym", "preferred")  # the concept had no acronym yet
    assert concept.abbr == "DTF"
    assert forms["數位信賴"] == ("zh-Hant", "variant", "admitted")
    assert forms["Trust"] == ("en", "shortForm", "admitted")
    assert forms["Note: trust"] == ("en", "fullForm", "admitted")  # not a type: part of the text


def test_a_replaced_preferred_form_is_kept_as_superseded(capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "concept", "add", "--zh", "數位信任", "--en", "Digital Trust", "--abbr", "DT")
    ran = run(capsys, "concept", "edit", "digital-trust", "--en", "Digital Trust Framework", "--abbr", "DTF")
    assert ran.status == 0, ran.err
    with opened() as store:
        concept = store.get_concept("digital-trust")
    assert (concept.en, concept.abbr) == ("Digital Trust Framework", "DTF")
    statuses = {t.text: t.status for t in concept.terms}
    assert statuses["Digital Trust"] == "superseded" and statuses["DT"] == "superseded"
    # setting a superseded form again promotes it back, without a duplicate
    run(capsys, "concept", "edit", "digital-trust", "--en", "Digital Trust")
    with opened() as store:
        terms = store.get_concept("digital-trust").terms
    assert [(t.text, t.status) for t in terms if t.lang == "en" and t.type == "fullForm"] == [
        ("Digital Trust", "preferred"),
        ("Digital Trust Framework", "superseded"),
    ]


@pytest.mark.parametrize("quiet", [False, True], ids=["access-log", "quiet"])
def test_serve_answers_on_the_given_port(isolated_home: Path, quiet: bool) -> None:
    port = free_port()
    env = {**os.environ, "GLOSSARY_HOME": str(isolated_home), "PYTHONPATH": str(ROOT)}
    server = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--port", str(port), "--threads", "2", *(["--quiet"] * quiet)],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=2) as answer:
                    assert json.load(answer)["status"] == "ok"
                    assert answer.headers["Server"] == "glossary"  # waitress, not Flask's debug server
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
    finally:
        server.terminate()
        _, err = server.communicate(timeout=10)
    text = err.decode()
    assert f"http://127.0.0.1:{port}/" in text
    # one Common Log Format line per request on stderr, none with --quiet
    line = r'^127\.0\.0\.1 - - \[[^]]+\] "GET /api/v1/health HTTP/1\.1" (\d{3}) \d+$'
    logged = re.findall(line, text, re.M)
    if quiet:
        assert logged == [] and '"GET ' not in text
    else:
        assert logged and logged[-1] == "200" and set(logged) <= {"200", "503"}
