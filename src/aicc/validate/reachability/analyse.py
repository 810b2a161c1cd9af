"""Reachability per finding: each finding's source tree found from its inventory, and the
Go or Python analysis run once per tree (the rules are in the package's docstring)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from aicc.core.components import Component, Inventory
from aicc.core.findings import Finding
from aicc.core.reachability import UNKNOWN, Reachability
from aicc.validate.reachability.files import MAX_FILES
from aicc.validate.reachability.go import affected_imports, judge_go
from aicc.validate.reachability.go_source import GoEnvironment, GoProgram, load_program
from aicc.validate.reachability.python import (
    PythonTree,
    judge_python,
    modules_of,
    open_tree,
    scan_tree,
)

# Inventory formats whose directory holds the source code, and the ecosystem analysed there.
SOURCE_TREE_FORMATS = {
    "go.mod": "Go",
    "go.sum": "Go",
    "requirements.txt": "PyPI",
    "poetry.lock": "PyPI",
    "uv.lock": "PyPI",
    "Pipfile.lock": "PyPI",
    "pdm.lock": "PyPI",
    "pylock.toml": "PyPI",
}
NO_SOURCE = Reachability(UNKNOWN, "none", "no source code was scanned with this inventory")


@dataclass(frozen=True, slots=True)
class _Tree:
    """Where an inventory's source code lies: ``path`` to read, ``display`` to show."""

    path: Path
    display: str


def _tree(inventory: Inventory) -> _Tree:
    folder = Path(inventory.source).parent
    if SOURCE_TREE_FORMATS[inventory.format] == "PyPI" and folder.name == "requirements":
        folder = folder.parent
    return _Tree(folder.resolve(), str(folder))


def _unreadable(tree: _Tree, level: str) -> Reachability | None:
    if tree.path.is_dir():
        return None
    return Reachability(UNKNOWN, level, f"the source directory {tree.display} cannot be read")


def _analyse_go(
    conn: Connection,
    findings: Sequence[Finding],
    inventories: list[Inventory],
    env: GoEnvironment,
    max_files: int,
) -> list[Reachability]:
    entries = affected_imports(conn, findings)
    programs: dict[Path, GoProgram] = {}
    answers = []
    for inventory, affected in zip(inventories, entries, strict=True):
        tree = _tree(inventory)
        failed = _unreadable(tree, "symbol")
        if failed is not None:
            answers.append(failed)
            continue
        if tree.path not in programs:
            programs[tree.path] = load_program(
                tree.path, tree.display, inventory.components, env, max_files
            )
        answers.append(judge_go(programs[tree.path], affected))
    return answers


def _analyse_python(
    findings: Sequence[Finding], inventories: list[Inventory], max_files: int
) -> list[Reachability]:
    trees: dict[Path, PythonTree] = {}
    tops: dict[Path, set[str]] = {}
    for finding, inventory in zip(findings, inventories, strict=True):
        tree = _tree(inventory)
        if _unreadable(tree, "import") is None and tree.path not in trees:
            trees[tree.path] = open_tree(tree.path, tree.display)
        if tree.path in trees:
            modules, _dist = modules_of(trees[tree.path], finding.component.name)
            tops.setdefault(tree.path, set()).update(m.split(".", 1)[0] for m in modules)
    for path, python in trees.items():
        scan_tree(python, tops[path], max_files)
    answers = []
    for finding, inventory in zip(findings, inventories, strict=True):
        tree = _tree(inventory)
        failed = _unreadable(tree, "import")
        answers.append(
            failed or judge_python(trees[tree.path], finding.component, inventory.components)
        )
    return answers


def analyse_reachability(
    conn: Connection,
    findings: Sequence[Finding],
    inventories: Sequence[Inventory],
    *,
    go_env: GoEnvironment | None = None,
    max_files: int = MAX_FILES,
) -> list[Reachability]:
    """Whether each finding's vulnerable code is reachable, aligned with ``findings``.

    ``go_env`` says where Go dependency and standard library source lies (by default from the
    environment: `GoEnvironment.from_environ`); ``max_files`` caps the files read per tree.
    """
    owner: dict[Component, Inventory] = {}
    for inventory in inventories:
        if inventory.format in SOURCE_TREE_FORMATS:
            for component in inventory.components:
                owner.setdefault(component, inventory)
    answers: list[Reachability | None] = [None] * len(findings)
    groups: dict[str, list[int]] = {"Go": [], "PyPI": []}
    for index, finding in enumerate(findings):
        found_in = owner.get(finding.component)
        ecosystem = finding.component.ecosystem
        if found_in is None:
            answers[index] = NO_SOURCE
        elif ecosystem != SOURCE_TREE_FORMATS[found_in.format]:
            answers[index] = Reachability(
                UNKNOWN, "none", f"no reachability analysis for {ecosystem} packages"
            )
        else:
            groups[ecosystem].append(index)
    go, python = groups["Go"], groups["PyPI"]
    if go:
        found = _analyse_go(
            conn,
            [findings[i] for i in go],
            [owner[findings[i].component] for i in go],
            go_env or GoEnvironment.from_environ(),
            max_files,
        )
        for index, answer in zip(go, found, strict=True):
            answers[index] = answer
    if python:
        found = _analyse_python(
            [findings[i] for i in python], [owner[findings[i].component] for i in python], max_files
        )
        for index, answer in zip(python, found, strict=True):
            answers[index] = answer
    return [a if a is not None else NO_SOURCE for a in answers]
