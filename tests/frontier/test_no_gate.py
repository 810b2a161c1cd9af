"""No gate: the program never licenses, approves or blocks a release, and nothing can say so.

The proof has four parts: no identifier or state-like string in the program's code names such
a state or action; the program's tables have no such column and hold no such value; no
`aicc frontier` command or option offers one; and after the release date the record says the
model is out while evaluation goes on.
"""

from __future__ import annotations

import ast
import re
from datetime import date
from pathlib import Path
from typing import Any, cast

import pytest
import typer
from sqlalchemy import Engine, String, Text, select
from typer.testing import CliRunner

from aicc.cli.main import app
from aicc.frontier import audit, partners, records
from aicc.frontier.access import Action, GrantState, Role, Scope, require
from aicc.frontier.window import WindowState
from aicc.store import frontier_tables
from aicc.store.tables import metadata
from tests.frontier.program_helpers import (
    ADMIN,
    AFTER,
    DEVELOPER,
    DURING,
    EVALUATOR,
    PARTNER,
    cipher,
    grant,
    seed,
)

SRC = Path(__file__).resolve().parents[2] / "src" / "aicc"
SOURCES = [
    *sorted((SRC / "frontier").rglob("*.py")),
    *sorted((SRC / "cli" / "frontier").glob("*.py")),
    SRC / "store" / "frontier_tables.py",
]
# The stems of a gate's vocabulary, in English and American spelling.
GATE_WORD = re.compile(
    r"^(approv|deny|deni|licen[cs]|block|reject|veto|clearance|permit)", re.IGNORECASE
)
# Identifiers that use such a word for something else, each with the reason.
ALLOWED_IDENTIFIERS = {
    "AccessDenied": "access to the program's own records, not a release",
}
STATE_LIKE = re.compile(r"[A-Za-z_][\w.:-]*")  # one token: an enum value, state, action, name


def words(text: str) -> list[str]:
    """The words of an identifier or literal: snake_case, camelCase, dotted and dashed."""
    spaced = re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", text)
    return [w for w in re.split(r"[^A-Za-z0-9]+", spaced) if w]


def gate_words(text: str) -> list[str]:
    """The words of ``text`` that belong to a gate's vocabulary."""
    return [w for w in words(text) if GATE_WORD.match(w)]


def docstring_nodes(tree: ast.AST) -> set[int]:
    """ids of the string constants that are docstrings (prose, allowed to say "never")."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def identifiers_and_states(source: Path) -> list[tuple[int, str]]:
    """Every identifier, and every state-like string literal that is not a docstring."""
    tree = ast.parse(source.read_text(encoding="utf-8"))
    docs = docstring_nodes(tree)
    found: list[tuple[int, str]] = []
    for node in ast.walk(tree):
        line = getattr(node, "lineno", 0)
        if isinstance(node, ast.Name):
            found.append((line, node.id))
        elif isinstance(node, ast.Attribute):
            found.append((line, node.attr))
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found.append((line, node.name))
        elif isinstance(node, ast.arg | ast.keyword) and node.arg:
            found.append((line, node.arg))
        elif isinstance(node, ast.alias):
            found.append((line, node.asname or node.name))
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and id(node) not in docs
            and STATE_LIKE.fullmatch(node.value)
        ):
            found.append((line, node.value))
    return found


def test_the_scan_recognises_a_gate() -> None:
    assert gate_words("release_approved") == ["approved"]
    assert gate_words("markBlocked") == ["Blocked"]
    assert gate_words("licence.grant") == ["licence"]
    assert gate_words("LICENSED") == ["LICENSED"]
    assert gate_words("denied") == ["denied"] and gate_words("rejected") == ["rejected"]
    assert gate_words("released") == [] and gate_words("revoked") == []


def test_the_scan_covers_the_program(tmp_path: Path) -> None:
    assert SRC / "frontier" / "records.py" in SOURCES and len(SOURCES) >= 8
    sample = tmp_path / "gate.py"
    sample.write_text(
        '"""The program never approves."""\nSTATE = "approved"\n'
        'def block_release(): ...\nMESSAGE = "a sentence that says denied"\n'
    )
    found = [name for _, name in identifiers_and_states(sample) if gate_words(name)]
    assert found == ["block_release", "approved"]  # not the docstring, not prose


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: str(p.relative_to(SRC)))
def test_no_identifier_or_state_names_a_gate(source: Path) -> None:
    offending = [
        f"{source.name}:{line}: {name}"
        for line, name in identifiers_and_states(source)
        if gate_words(name) and name not in ALLOWED_IDENTIFIERS
    ]
    assert offending == []


def test_no_program_table_has_a_gate_column() -> None:
    assert frontier_tables.frontier_submissions is not None  # the tables are registered
    program = [t for name, t in metadata.tables.items() if name.startswith("frontier_")]
    assert len(program) >= 9
    for table in program:
        assert gate_words(table.name) == []
        for column in table.columns:
            assert gate_words(column.name) == [], f"{table.name}.{column.name}"
    # a submission's standing is computed from dates, never stored as a state
    assert "state" not in metadata.tables["frontier_submissions"].columns


def test_no_enum_of_the_program_has_a_gate_value() -> None:
    values = [*Action, *GrantState, *WindowState, *Role]
    assert [v for v in values if gate_words(v.value)] == []


# Typer vendors its own Click, so the command tree is walked by its attributes.
def _commands(group: Any, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    found = [path]
    for name, command in group.commands.items():
        if hasattr(command, "commands"):
            found += _commands(command, (*path, name))
        else:
            found.append((*path, name))
    return found


def _texts(command: Any) -> list[str]:
    texts = [command.name or "", command.help or "", command.short_help or ""]
    for param in command.params:
        texts += [param.name or "", *param.opts, getattr(param, "help", None) or ""]
        texts += [str(c) for c in getattr(getattr(param, "type", None), "choices", None) or ()]
    return texts


def _sentences_with_gate_words(text: str) -> list[str]:
    flat = re.sub(r"[\s│╭╮╰╯─]+", " ", text)
    return [
        s for s in re.split(r"(?<=[.;:!?])\s+", flat) if gate_words(s) and "never" not in s.lower()
    ]


def test_no_frontier_command_or_option_offers_a_gate() -> None:
    frontier = cast(Any, typer.main.get_command(app)).commands["frontier"]
    paths = _commands(frontier)
    assert ("submit",) in paths and ("audit", "verify") in paths and ("partners", "file") in paths
    runner = CliRunner()
    for path in paths:
        command = frontier
        for name in path:
            command = command.commands[name]
        offending = [t for t in _texts(command) if _sentences_with_gate_words(t)]
        assert offending == [], path
        result = runner.invoke(app, ["frontier", *path, "--help"])
        assert result.exit_code == 0, path
        assert _sentences_with_gate_words(result.output) == [], path


def test_after_the_release_the_record_says_so_and_evaluation_continues(engine: Engine) -> None:
    key = cipher()
    with engine.begin() as conn:
        ref = seed(conn)
        grant(conn, ref, scope=Scope(model=True, suites=("builtin",)), as_of=DURING)
        partners.extend(
            conn,
            actor=DEVELOPER,
            ref=ref,
            partner=PARTNER.name,
            until=date(2026, 7, 1),
            as_of=DURING,
        )
        status = records.submission_status(conn, actor=EVALUATOR, ref=ref, as_of=AFTER)
        submission, grants = records.checked(
            conn,
            actor=EVALUATOR,
            ref=ref,
            action=Action.evaluation_run,
            as_of=AFTER,
            item="builtin",
        )
        require(PARTNER, Action.evaluation_run, submission, grants, AFTER, item="builtin")
        partners.file_finding(
            conn,
            actor=PARTNER,
            ref=ref,
            title="after release",
            body="still testing",
            cipher=key,
            as_of=AFTER,
        )
        records.move_release(
            conn,
            actor=DEVELOPER,
            ref=ref,
            release_date=date(2026, 6, 5),
            reason="the actual release",
            as_of=AFTER,
        )
        values = [row.action for row in conn.execute(select(frontier_tables.frontier_audit))]
        states = list(conn.execute(select(frontier_tables.frontier_grants.c.state)).scalars())
        short_texts = [
            value
            for table in metadata.tables.values()
            if table.name.startswith("frontier_")
            for column in table.columns
            if isinstance(column.type, String | Text)
            for value in conn.execute(select(column)).scalars()
            if isinstance(value, str) and STATE_LIKE.fullmatch(value)
        ]
        assert audit.verify(conn).ok
    view = status.as_dict()
    assert view["state"] == "closed" and view["released"] is True
    assert view["evaluation_allowed"] is True
    assert view["note"] == (
        "released on 2026-06-01; evaluation may continue; the program never blocks a release"
    )
    assert [gate_words(v) for v in values + states + short_texts if gate_words(v)] == []
    assert ADMIN.role is Role.admin
