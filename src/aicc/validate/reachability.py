"""Reachability: can the project's code get to the vulnerable code of a dependency?

``analyse_reachability(conn, findings, inventories)`` returns one `Reachability` per finding,
aligned with ``findings``. Go is analysed at symbol level, Python at import level.

Rules:

Source tree
  The source tree analysed is the directory holding the inventory file the component came from:
  go.mod's (or go.sum's) directory for Go; the directory of requirements.txt, poetry.lock,
  uv.lock, Pipfile.lock, pdm.lock or pylock.toml for Python (a requirements file in a directory
  named ``requirements`` stands for that directory's parent). An SBOM or OS package database
  has no source tree: its findings are UNKNOWN at level ``none`` at once, with nothing read.
  Other ecosystems are UNKNOWN at level ``none``. Each tree is walked once per call, skipping
  ``.git``, ``node_modules``, ``testdata``, hidden directories and virtual environments, and at
  most ``max_files`` files (20,000) are read for it; past the cap the answer is UNKNOWN.

Go (symbol level)
  Every non-test ``.go`` file of the module is parsed with tree-sitter-go (nested modules and
  ``vendor/`` aside), recording its imports (path, alias, dot and blank imports), every
  package-qualified reference ``pkg.Name`` (and method expression ``pkg.T.M``) and every
  selector ``x.M``. Imports are followed, package by package, into the module's ``vendor/``
  tree, else the module cache (``$GOMODCACHE``, ``$GOPATH/pkg/mod`` or ``~/go/pkg/mod``, at
  the exact ``module@version`` the inventory requires), and into ``$GOROOT/src`` for the
  standard library, so that every package the module builds with is read. The affected
  packages and symbols are those of the finding's OSV records (``ecosystem_specific.imports``);
  unexported symbols cannot be named from outside their package and are not looked for.
  - A function ``F`` of package P is referenced by ``a.F`` in a file that imports P as ``a``;
    a method ``T.M`` by ``a.T.M``, or by ``x.M`` in a file importing P (the receiver's type is
    not checked, so this may be another type's M).
  - A package listed without symbols (or a record that names no package: the whole module)
    is reached when it is imported.
  - REACHABLE when the module's own code references an affected symbol; the locations are
    given as ``file:line``.
  - NOT_REACHABLE only when every package the module builds with was read and none references
    an affected symbol: no dependency module missing, the standard library read from GOROOT
    when P is in it (its packages call each other) or when a method of P is affected and P
    is imported (the standard library may call it through an interface), no file that could
    not be parsed, and no cap reached.
  - UNKNOWN otherwise, saying why: a dependency references the symbol; P is dot-imported
    (unqualified calls are not resolved) or imported for its side effects; a method ``.M`` of
    an affected ``T.M`` is called anywhere while P is imported; P is the runtime (linked into
    every program) or a ``cmd/`` package (the toolchain); or something was not read, e.g.
    "not called from this module's own code; 3 dependency modules were not available to
    analyse (run `go mod vendor`)".

Python (import level)
  Every ``.py`` file of the tree is read with ``ast`` (nothing is executed) for ``import x.y``,
  ``from x import y`` (anywhere, also inside functions), ``importlib.import_module("x")`` and
  ``__import__("x")`` with a constant string, and strings that name a module such as
  ``"corsheaders.middleware.CorsMiddleware"`` (settings that load code by name). A
  distribution's modules come from the installed environment (``.venv``, ``venv``, another
  virtualenv directly under the root, or ``lib/python3*/site-packages`` under the root: its
  ``RECORD``, else ``top_level.txt``), else from a table of well-known names (PyYAML ->
  yaml, Pillow -> PIL, ...) or the PEP 503 name with ``-`` as ``_``.
  - REACHABLE when the own code imports one of its modules (import level: it does not prove
    that the vulnerable function is called).
  - NOT_REACHABLE only when an environment was found, the distribution is installed in it at
    the inventory's version with its modules listed, every other distribution of the
    inventory is installed at its version, the own code neither imports nor names its modules,
    no other installed ``.py`` file, entry point or ``.pth`` start-up line imports them, and
    it installs no entry points or scripts (which run it without an import, as gunicorn runs).
  - UNKNOWN otherwise, with what is missing, e.g. "not imported by the project's own code;
    its dependents were not analysed (no virtual environment found)".
  Compiled extension modules are not looked into for the imports they make.

A file that cannot be parsed is skipped; it turns a NOT_REACHABLE into UNKNOWN (naming it)
when it might matter (Go: any file read; Python: a file that mentions the module's name).
Source never makes this raise.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection

from aicc.core.components import Component, Inventory
from aicc.core.findings import Finding
from aicc.core.reachability import UNKNOWN, Reachability
from aicc.validate.reachability_files import MAX_FILES
from aicc.validate.reachability_go import affected_imports, judge_go
from aicc.validate.reachability_gosrc import GoEnvironment, GoProgram, load_program
from aicc.validate.reachability_python import (
    PythonTree,
    judge_python,
    modules_of,
    open_tree,
    scan_tree,
)

__all__ = ["MAX_FILES", "NO_SOURCE", "SOURCE_TREE_FORMATS", "GoEnvironment",
           "analyse_reachability"]

# Inventory formats whose directory holds the source code, and the ecosystem analysed there.
SOURCE_TREE_FORMATS = {
    "go.mod": "Go", "go.sum": "Go",
    "requirements.txt": "PyPI", "poetry.lock": "PyPI", "uv.lock": "PyPI",
    "Pipfile.lock": "PyPI", "pdm.lock": "PyPI", "pylock.toml": "PyPI",
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


def _analyse_go(conn: Connection, findings: Sequence[Finding], inventories: list[Inventory],
                env: GoEnvironment, max_files: int) -> list[Reachability]:
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
            programs[tree.path] = load_program(tree.path, tree.display, inventory.components,
                                               env, max_files)
        answers.append(judge_go(programs[tree.path], affected))
    return answers


def _analyse_python(findings: Sequence[Finding], inventories: list[Inventory],
                    max_files: int) -> list[Reachability]:
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
        answers.append(failed or judge_python(trees[tree.path], finding.component,
                                              inventory.components))
    return answers


def analyse_reachability(conn: Connection, findings: Sequence[Finding],
                         inventories: Sequence[Inventory], *,
                         go_env: GoEnvironment | None = None,
                         max_files: int = MAX_FILES) -> list[Reachability]:
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
            answers[index] = Reachability(UNKNOWN, "none",
                                          f"no reachability analysis for {ecosystem} packages")
        else:
            groups[ecosystem].append(index)
    go, python = groups["Go"], groups["PyPI"]
    if go:
        found = _analyse_go(conn, [findings[i] for i in go], [owner[findings[i].component]
                            for i in go], go_env or GoEnvironment.from_environ(), max_files)
        for index, answer in zip(go, found, strict=True):
            answers[index] = answer
    if python:
        found = _analyse_python([findings[i] for i in python],
                                [owner[findings[i].component] for i in python], max_files)
        for index, answer in zip(python, found, strict=True):
            answers[index] = answer
    return [a if a is not None else NO_SOURCE for a in answers]
