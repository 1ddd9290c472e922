"""Reliability I §1 and §3: the identity rule holds under concurrency, with real processes.

- 4 parallel ``POST /api/v1/concepts`` of the same concept against a real server
  (``glossary serve``, another process): one 201, the others 409, one concept stored;
- two ``glossary import`` processes at once, of the same concepts (under other ids, or the
  same file twice; ``--on-duplicate`` skip, fail or merge): no form held by two concepts,
  none held twice by one, no traceback;
- in one process, two transactions of the write door racing: the loser gets ``LostRace``;
- an import killed with ``kill -9`` leaves no helper process behind.

Each runs on SQLite and on PostgreSQL (``db_url``) and takes a few seconds.
"""

from __future__ import annotations

import csv
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from glossary import tokens
from glossary.concepts import build_concept
from glossary.concepts import transaction
from glossary.errors import LostRace
from glossary.forms import identity_key
from glossary.records import ZH
from glossary.records import Concept
from glossary.service import open_store
from glossary.store import Store
from glossary.terms_csv import COLUMNS

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 5  # rounds of 4 parallel requests, per half of the identity rule
PARALLEL = 4
IMPORTED = 3000  # concepts per file in the import races
MERGED = 300  # per file when the second import merges: each merge is a read and a rewrite (~13 ms)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def env_for(db_url: str, home: Path) -> dict[str, str]:
    return {
        **os.environ,
        "GLOSSARY_HOME": str(home),
        "GLOSSARY_DATABASE_URL": db_url,
        "PYTHONPATH": str(ROOT),
    }


def chinese_holders(store: Store) -> Counter[str]:
    """How many concepts hold each Chinese form (by identity key)."""
    holders: Counter[str] = Counter()
    for concept in store.all_concepts():
        for key in {identity_key(t.text) for t in concept.terms if t.lang == ZH}:
            holders[key] += 1
    return holders


def pair_holders(store: Store) -> Counter[tuple[str, str]]:
    """How many concepts hold each acronym + English pair (by identity key)."""
    holders: Counter[tuple[str, str]] = Counter()
    for concept in store.all_concepts():
        abbr = {identity_key(t.text) for t in concept.terms if t.type == "acronym"}
        en = {identity_key(t.text) for t in concept.terms if t.type != "acronym" and t.lang == "en"}
        for pair in {(a, e) for a in abbr for e in en}:
            holders[pair] += 1
    return holders


def repeats_a_chinese_form(concept: Concept) -> bool:
    """The concept holds one Chinese form (by identity key) twice, as a careless merge would leave it."""
    keys = [identity_key(t.text) for t in concept.terms if t.lang == ZH]
    return len(keys) != len(set(keys))


# ---------------------------------------------------------------- 4 parallel POSTs, a real server


@pytest.fixture
def server(db_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """``glossary serve`` in its own process on ``db_url``; yields (base URL, a token)."""
    home = tmp_path / "server-home"
    with open_store(db_url) as store:
        secret = tokens.create(store, "racer")
    port = free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--port", str(port), "--threads", "8", "--quiet"],
        cwd=ROOT,
        env=env_for(db_url, home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/v1/health", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield base, secret
    finally:
        process.terminate()
        _, err = process.communicate(timeout=20)
    assert b"Traceback" not in err, err.decode(errors="replace")[-2000:]


def post_at_once(base: str, secret: str, bodies: list[dict[str, object]]) -> list[tuple[int, str]]:
    """POST each body from its own connection, all released at the same moment."""
    port = int(base.rsplit(":", 1)[1])
    connections = [http.client.HTTPConnection("127.0.0.1", port, timeout=60) for _ in bodies]
    for connection in connections:
        connection.connect()
    barrier = threading.Barrier(len(bodies))
    answers: list[tuple[int, str]] = [(0, "")] * len(bodies)

    def send(i: int) -> None:
        payload = json.dumps(bodies[i], ensure_ascii=False).encode()
        headers = {"Authorization": f"Bearer {secret}", "Content-Type": "application/json"}
        barrier.wait()
        connections[i].request("POST", "/api/v1/concepts", body=payload, headers=headers)
        response = connections[i].getresponse()
        answers[i] = (response.status, response.read().decode())

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)
    for connection in connections:
        connection.close()
    return answers


@pytest.mark.parametrize("half", ["chinese", "acronym-and-english"])
def test_parallel_posts_of_one_concept_store_it_once(
    server: tuple[str, str], db_url: str, half: str, capsys: pytest.CaptureFixture[str]
) -> None:
    base, secret = server
    started = time.perf_counter()
    statuses: Counter[int] = Counter()
    for n in range(ROUNDS):
        if half == "chinese":  # the same Chinese form, each with another English name (another id)
            bodies = [
                {"zh": f"競態測試委員會{n}", "en": f"Race Test Committee {n} {i}"} for i in range(PARALLEL)
            ]
        else:  # the same acronym and English form, each with another Chinese name and id
            bodies = [
                {
                    "id": f"rcb-{n}-{i}",
                    "zh": f"競態{n}號{i}",
                    "en": f"Race Condition Board {n}",
                    "abbr": f"RCB{n}",
                }
                for i in range(PARALLEL)
            ]
        answers = post_at_once(base, secret, bodies)
        round_statuses = Counter(status for status, _ in answers)
        statuses.update(round_statuses)
        assert round_statuses == {201: 1, 409: PARALLEL - 1}, answers
        for status, body in answers:
            if status == 409:
                problem = json.loads(body)
                assert problem["status"] == 409 and len(problem["detail"]) < 400, problem
    seconds = time.perf_counter() - started
    with open_store(db_url) as store:
        if half == "chinese":
            held = chinese_holders(store)
            assert all(held[identity_key(f"競態測試委員會{n}")] == 1 for n in range(ROUNDS)), held
        else:
            held_pairs = pair_holders(store)
            for n in range(ROUNDS):
                assert held_pairs[(identity_key(f"RCB{n}"), identity_key(f"Race Condition Board {n}"))] == 1
    with capsys.disabled():  # the figures for the closing note
        print(
            f"\n[race] {db_url.split(':')[0]} {half}: {sum(statuses.values())} POSTs, "
            f"{dict(statuses)}, {seconds:.2f} s"
        )


# ---------------------------------------------------------------- two imports at once


def write_import(path: Path, id_prefix: str, n: int = IMPORTED) -> Path:
    """A glossary CSV of ``n`` concepts whose forms depend on the row only (ids on ``id_prefix``)."""
    with open(path, "w", encoding="utf-8", newline="") as out:
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        for i in range(n):
            name = chr(0x4E00 + i % 400) + chr(0x4E00 + 400 + i // 400)
            writer.writerow(
                {
                    "id": f"{id_prefix}-{i:05d}",
                    "kind": "term",
                    "zh": f"並行{name}工作組",
                    "en": f"Parallel Working Group {i}",
                    "abbr": f"PWG{i}",
                    "review_status": "approved",
                }
            )
    return path


def import_at_once(
    db_url: str, home: Path, files: list[Path], *options: str
) -> list[subprocess.CompletedProcess[str]]:
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "cli", "import", str(path), *options],
            cwd=ROOT,
            env=env_for(db_url, home),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in files
    ]
    done = []
    for proc in procs:
        _, err = proc.communicate(timeout=300)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, "", err))
    return done


@pytest.mark.parametrize(
    ("second", "on_duplicate"),
    [("other-ids", "skip"), ("same-file", "skip"), ("other-ids", "fail"), ("other-ids", "merge")],
)
def test_two_imports_at_once_store_each_concept_once(
    db_url: str, tmp_path: Path, second: str, on_duplicate: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(db_url) as store:
        before = sum(1 for _ in store.all_concepts())
    n = MERGED if on_duplicate == "merge" else IMPORTED
    first = write_import(tmp_path / "partner-a.csv", "pa", n)
    other = first if second == "same-file" else write_import(tmp_path / "partner-b.csv", "pb", n)
    started = time.perf_counter()
    done = import_at_once(db_url, tmp_path / "home", [first, other], "--on-duplicate", on_duplicate)
    seconds = time.perf_counter() - started
    for run in done:
        assert "Traceback" not in run.stderr, run.stderr[-3000:]
        refused = (
            "already in the glossary" if on_duplicate == "fail" else "another import changed the glossary"
        )
        assert run.returncode == 0 or (run.returncode == 2 and refused in run.stderr), run.stderr[-3000:]
    assert any(run.returncode == 0 for run in done)
    with open_store(db_url) as store:
        total = sum(1 for _ in store.all_concepts())
        held = chinese_holders(store)
        pairs = pair_holders(store)
        imported = [c for c in store.all_concepts() if c.id.startswith(("pa-", "pb-"))]
        twice = [c.id for c in imported if repeats_a_chinese_form(c)]
    assert total == before + n
    assert twice == [], f"{len(twice)} concepts hold a Chinese form twice, e.g. {twice[:3]}"
    shared = [key for key, count in held.items() if count > 1]
    assert shared == [], f"{len(shared)} Chinese forms held by two concepts"
    assert [pair for pair, count in pairs.items() if count > 1] == []
    retried = sum("importing" in run.stderr and "again" in run.stderr for run in done)
    with capsys.disabled():
        print(
            f"\n[race] {db_url.split(':')[0]} two imports ({second}, {on_duplicate}): exits "
            f"{[run.returncode for run in done]}, retried {retried}, {seconds:.2f} s"
        )


# ---------------------------------------------------------------- the door itself


def test_the_loser_of_a_race_in_the_write_door_gets_lost_race(store: Store) -> None:
    """Two transactions each check the rule (nothing found) before either commits: the
    identity claims let exactly one of them write."""
    checked = threading.Barrier(2)
    outcomes: list[str] = []

    def write(english: str) -> None:
        concept = build_concept({"zh": "門內競態小組", "en": english})
        try:
            with transaction(store, english) as tx:
                assert tx.duplicates(concept) == []
                checked.wait(10)  # both have checked: neither sees the other
                tx.add(concept)
            outcomes.append("written")
        except LostRace as exc:
            assert "nothing was written" in str(exc)
            outcomes.append("lost")

    threads = [threading.Thread(target=write, args=(name,)) for name in ("Door Race A", "Door Race B")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert sorted(outcomes) == ["lost", "written"]
    assert chinese_holders(store)[identity_key("門內競態小組")] == 1


def test_the_identity_claims_follow_edits_merges_and_deletes(store: Store) -> None:
    """A form an edit drops is free for another concept; a merged concept's claims pass to the
    kept one; a deleted concept's claims are free again."""
    from glossary.concepts import create_concept
    from glossary.concepts import delete_concept
    from glossary.concepts import edit_concept
    from glossary.concepts import merge_concepts
    from glossary.errors import Conflict

    def holders(*ids: str) -> set[str]:
        with store.engine.connect() as conn:
            query = text("SELECT concept_id FROM identity_keys WHERE concept_id IN (:a, :b)")
            return set(conn.execute(query, {"a": ids[0], "b": ids[-1]}).scalars())

    a = create_concept(store, {"zh": "甲乙丙測試", "en": "Claim Test Alpha"}, who="t")
    b = create_concept(store, {"zh": "丁戊己測試", "en": "Claim Test Beta"}, who="t")
    assert holders(a.id, b.id) == {a.id, b.id}
    edit_concept(store, a.id, {"zh": "甲乙丙新名"}, who="t")  # renames the preferred form
    d = create_concept(store, {"zh": "甲乙丙測試", "en": "Claim Test Delta"}, who="t")
    merge_concepts(store, a.id, b.id, who="t")
    assert holders(a.id, b.id) == {a.id}
    with pytest.raises(Conflict, match="duplicates concept"):
        create_concept(store, {"zh": "丁戊己測試", "en": "Claim Test Epsilon"}, who="t")
    delete_concept(store, a.id, who="t")
    assert holders(a.id) == set()
    e = create_concept(store, {"zh": "丁戊己測試", "en": "Claim Test Epsilon"}, who="t")
    assert {d.id, e.id} <= {c.id for c in store.all_concepts()}


# ---------------------------------------------------------------- kill -9


def children_of(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        found.update(int(x) for x in task.read_text().split())
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"  # a zombie has ended; only its exit status waits to be collected


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_helpers_end_when_an_import_is_killed(db_url: str, tmp_path: Path) -> None:
    path = write_import(tmp_path / "large.csv", "kill", n=40_000)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cli", "import", str(path), "--workers", "2"],
        cwd=ROOT,
        env=env_for(db_url, tmp_path / "home"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    helpers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while len(helpers) < 3 and time.monotonic() < deadline:  # the resource tracker and 2 workers
            assert proc.poll() is None, "the import ended before it could be killed"
            helpers = children_of(proc.pid)
            time.sleep(0.05)
        assert len(helpers) >= 3, helpers
        os.kill(proc.pid, signal.SIGKILL)  # only the process this test started
        proc.wait(10)
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in helpers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert [pid for pid in helpers if alive(pid)] == []
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        for pid in helpers:  # the test's own, if any was left
            if alive(pid):
                os.kill(pid, signal.SIGKILL)
    with open_store(db_url) as store:  # and nothing was half-written
        assert not any(c.id.startswith("kill-") for c in store.all_concepts())
