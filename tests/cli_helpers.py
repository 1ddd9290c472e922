"""Running the ``glossary`` command in-process for tests: exit status, stdout and stderr."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from cli import main


@dataclass
class Ran:
    status: int
    out: str
    err: str


def run(capsys: pytest.CaptureFixture[str], *args: str) -> Ran:
    capsys.readouterr()
    with pytest.raises(SystemExit) as info:
        main(list(args))
    captured = capsys.readouterr()
    code = info.value.code
    return Ran(code if isinstance(code, int) else (0 if code is None else 1), captured.out, captured.err)
