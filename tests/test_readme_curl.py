"""The README's curl sequence for concept add/edit/merge/delete runs as written, against a real
``glossary serve`` on a fresh database (curl and the installed ``glossary`` script, in bash)."""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
README_BASE = "http://127.0.0.1:8000"


def readme_sequence() -> str:
    """The commands between the README's curl-sequence markers, as a reader would paste them."""
    found = re.search(r"<!-- curl-sequence -->\n```\n(.*?)```\n<!-- /curl-sequence -->", README, re.S)
    assert found, "README.md has no <!-- curl-sequence --> block"
    return found.group(1)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return int(answer.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_the_readme_curl_sequence_runs_as_written(tmp_path: Path, isolated_home: Path) -> None:
    script = readme_sequence()
    assert README_BASE in script and "digital-trust-2" not in script
    bin_dir = Path(sys.executable).parent
    if shutil.which("curl") is None or not (bin_dir / "glossary").exists():
        pytest.skip("needs curl and the installed 'glossary' script beside this Python")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    curl_home = tmp_path / "curl"
    curl_home.mkdir()
    # every curl of the sequence fails the script on an HTTP error (curl alone exits 0 on a 4xx),
    # and ends its answer with a newline, one answer per line
    curlrc = 'fail-with-body\nsilent\nshow-error\nwrite-out = "\\n"\n'
    (curl_home / ".curlrc").write_text(curlrc, encoding="utf-8")
    env = {
        **os.environ,
        "GLOSSARY_HOME": str(isolated_home),
        "PYTHONPATH": str(ROOT),
        "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        "CURL_HOME": str(curl_home),
        "HOME": str(curl_home),
    }
    with (tmp_path / "serve.log").open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--port", str(port), "--threads", "2", "--quiet"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
        )
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                if status_of(f"{base}/api/v1/health") == 200:
                    break
            except OSError:
                pass
            assert server.poll() is None, (tmp_path / "serve.log").read_text()
            assert time.monotonic() < deadline, "the server never became ready"
            time.sleep(0.2)
        ran = subprocess.run(
            ["bash", "-euo", "pipefail", "-c", script.replace(README_BASE, base)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert ran.returncode == 0, ran.stdout + ran.stderr
        answers = [json.loads(line) for line in ran.stdout.splitlines() if line.strip()]
        assert len(answers) == 6  # every call but the DELETE (204) answers with the concept
        merged = answers[-1]  # DELETE answers 204, nothing: the last body is the merge's
        assert merged["id"] == "digital-trust"
        forms = {(t["text"], t["status"]) for t in merged["terms"]}
        assert forms >= {("數位互信", "admitted"), ("DT", "deprecated")}
        assert merged["note"] == "checked with the ministry"
        assert status_of(f"{base}/api/v1/concepts/digital-trust") == 404  # deleted
        assert status_of(f"{base}/api/v1/concepts/digital-mutual-trust") == 404  # merged away
    finally:
        server.terminate()
        server.wait(30)
