"""The README's promises: its command reference matches the commands, its commands exist."""

from __future__ import annotations

from pathlib import Path

from aicc.cli.reference import render

README = Path(__file__).resolve().parent.parent / "README.md"


def test_command_reference_is_current() -> None:
    text = README.read_text()
    assert render() in text, "the README's command reference is stale: run `make docs`"


def test_readme_starts_with_the_two_commands() -> None:
    head = README.read_text().split("\n## ", 1)[0]
    assert "make demo" in head and "make test" in head
