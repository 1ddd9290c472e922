"""Docs that cannot drift: README documents every setting and every command."""

from __future__ import annotations

from pathlib import Path

from cli import cli
from glossary.settings import SETTINGS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_setting_is_in_the_readme_table() -> None:
    for setting in SETTINGS:
        assert f"| `{setting.name}` | {setting.help} |" in README, setting.name


def test_every_command_is_mentioned_in_the_readme() -> None:
    for name in cli.commands:
        assert f"glossary {name}" in README, f"'glossary {name}' is not documented in README.md"


def test_every_help_text_ends_with_an_example() -> None:
    import click

    def walk(command: click.Command, path: str) -> list[tuple[str, click.Command]]:
        found = [(path, command)]
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                found += walk(sub, f"{path} {name}")
        return found

    for path, command in walk(cli, "glossary"):
        if isinstance(command, click.Group):
            continue
        assert "Example:" in (command.help or ""), f"'{path} --help' has no example"
