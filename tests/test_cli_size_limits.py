"""The command line has the API's cost limits as options (Reliability II §1): ``check`` and
``scan`` take ``--max-chars`` / ``--max-lines`` with generous defaults, ``check`` a
``--time-limit``; an input over a limit is refused before any work, exit 2, naming the option."""

from __future__ import annotations

from pathlib import Path

import pytest

import glossary.check.checker
from glossary.budget import CLI_MAX_CHARS
from glossary.budget import CLI_MAX_LINES
from tests.cli_helpers import run


@pytest.fixture
def draft(tmp_path: Path) -> Path:
    path = tmp_path / "draft.txt"
    path.write_text("數位經濟指導小組（DESG）開會。\n" * 30, encoding="utf-8")  # 30 lines, 510 characters
    return path


@pytest.mark.parametrize("command", ["check", "scan"])
def test_an_input_over_the_character_limit_is_refused_naming_the_option(
    command: str, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ran = run(capsys, command, str(draft), "--max-chars", "100")
    assert ran.status == 2
    assert ran.out == ""
    assert ran.err.strip() == (
        f"Error: {draft.name}: the text has 510 characters; this command reads at most 100 (--max-chars)"
    )


@pytest.mark.parametrize("command", ["check", "scan"])
def test_an_input_over_the_line_limit_is_refused_naming_the_option(
    command: str, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ran = run(capsys, command, str(draft), "--max-lines", "10")
    assert ran.status == 2
    assert "has 30 lines; this command reads at most 10 (--max-lines)" in ran.err


@pytest.mark.parametrize("command", ["check", "scan"])
def test_within_the_limits_the_command_runs(
    command: str, draft: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ran = run(capsys, command, str(draft), "--max-chars", "510", "--max-lines", "30", "--json")
    assert ran.status in (0, 1)
    assert '"file":"draft.txt"' in ran.out


def test_the_defaults_are_generous_and_shown_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert CLI_MAX_CHARS >= 10_000_000 and CLI_MAX_LINES >= 1_000_000
    ran = run(capsys, "check", "--help")
    assert f"{CLI_MAX_CHARS}" in " ".join(ran.out.split())
    assert "--time-limit" in ran.out


def test_a_check_past_its_time_limit_stops_with_exit_2(
    draft: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    real = glossary.check.checker.find_definitions

    def slow(*args: object, **kwargs: object) -> object:
        time.sleep(0.3)  # longer than the limit: the next step sees the deadline
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(glossary.check.checker, "find_definitions", slow)
    ran = run(capsys, "check", str(draft), "--time-limit", "0.1")
    assert ran.status == 2
    assert "ran past its time limit" in ran.err
    assert ran.out == ""
