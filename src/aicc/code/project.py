"""Scanning a project: every module's summaries first (so taint crosses modules), then the
findings of each."""

from __future__ import annotations

import ast
import warnings
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from aicc.code.facts import ModuleFacts, module_facts
from aicc.code.module import ModuleAnalysis
from aicc.code.parse import parse_module
from aicc.code.rules import RuleSet
from aicc.code.summaries import Index
from aicc.code.suppress import suppress
from aicc.core.code_findings import CodeFinding, CodeScan
from aicc.core.collector import no_cycle_collection
from aicc.core.files import read_regular, walk_files
from aicc.core.problems import Problem, at_line

#: Rounds of summaries before the findings: two follow calls two levels deep across modules.
ROUNDS = 2
#: Parsed modules are kept between rounds while their sources total less than this.
KEEP_TREES_BYTES = 16 * 1024 * 1024

_SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".venv", "venv", "__pycache__", "node_modules", ".tox", ".mypy_cache"}
)


@dataclass(frozen=True)
class SourceFile:
    """A file to scan, with the module names code elsewhere may import it by."""

    path: Path
    names: tuple[str, ...]
    package: str | None


class _Loaded(NamedTuple):
    text: str | Problem
    tree: ast.Module | Problem
    facts: ModuleFacts | None


def python_files(paths: Iterable[Path], problems: list[Problem] | None = None) -> Iterator[Path]:
    """The ``.py`` files named, or found under the folders named, in a stable order; a folder
    that cannot be read is added to ``problems``."""
    for path, _root in _files_with_roots(paths, [] if problems is None else problems):
        yield path


def _files_with_roots(
    paths: Iterable[Path], problems: list[Problem]
) -> Iterator[tuple[Path, Path | None]]:
    for path in paths:
        if not path.is_dir():
            yield path, None
            continue
        found = walk_files(
            path, stage="code", problems=problems, skip_dir=lambda d: d.name in _SKIPPED_DIRS
        )
        for file in sorted(f for f in found if f.name.endswith(".py")):
            yield file, path


def module_names(path: Path, root: Path | None) -> SourceFile:
    """``a/b/c.py`` scanned under ``a`` is ``b.c``; where folders hold ``__init__.py`` the
    package path counts too (``pkg/sub/m.py`` is ``pkg.sub.m``)."""
    names: list[str] = []
    is_init = path.stem == "__init__"
    if root is not None:
        parts = list(path.relative_to(root).with_suffix("").parts)
        if is_init:
            parts = parts[:-1]
        if parts:
            names.append(".".join(parts))
    packages: list[str] = []
    folder = path.parent
    while (folder / "__init__.py").is_file() and folder != folder.parent:
        packages.insert(0, folder.name)
        folder = folder.parent
    full = ".".join([*packages, *([] if is_init else [path.stem])])
    if full and full not in names:
        names.append(full)
    if not names:
        names.append(path.stem)
    primary = names[0]
    package = (
        primary
        if is_init
        else (primary.rpartition(".")[0] if "." in primary else ("" if root is not None else None))
    )
    return SourceFile(path, tuple(names), package)


def _parse(text: str, file: str) -> ast.Module | Problem:
    """The module's tree, whichever Python from 3.8 to 3.14 it was written for (see
    ``parse.py``), or why it cannot be read."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # the scanned code's own SyntaxWarnings are not ours
            return parse_module(text, file)
    except SyntaxError as exc:
        return Problem("code", file, at_line(exc.lineno), exc.msg)
    except (ValueError, RecursionError, MemoryError) as exc:
        return Problem("code", file, None, str(exc) or type(exc).__name__)


def _module(
    tree: ast.Module,
    source: SourceFile,
    text: str,
    rules: RuleSet,
    index: Index,
    facts: ModuleFacts | None = None,
) -> ModuleAnalysis:
    return ModuleAnalysis(
        tree,
        str(source.path),
        text.splitlines(),
        rules,
        names=source.names,
        package=source.package,
        index=index,
        facts=facts,
    )


def _read(path: Path) -> str | Problem:
    try:
        data = read_regular(path)
    except OSError as exc:
        return Problem("code", str(path), None, f"cannot read: {exc.strerror or exc}")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Problem("code", str(path), None, f"not UTF-8 text (byte {exc.start}): {exc.reason}")


def analyse_source(text: str, file: str, rules: RuleSet) -> CodeScan:
    """Scan one module's source text; a module that does not parse is an error, not a raise."""
    tree = _parse(text, file)
    if isinstance(tree, Problem):
        return CodeScan(files=1, errors=(tree,), unread=1)
    source = SourceFile(Path(file), (Path(file).stem,), None)
    index = Index()
    try:
        facts = module_facts(tree, None)
        for _ in range(ROUNDS):
            index = _module(tree, source, text, rules, index, facts).summarise()
        found = _module(tree, source, text, rules, index, facts).findings()
    except RecursionError:
        too_deep = Problem("code", file, None, "too deeply nested")
        return CodeScan(files=1, errors=(too_deep,), unread=1)
    findings, warnings = suppress(found, text, file)
    return CodeScan(tuple(findings), files=1, warnings=tuple(warnings))


def scan_paths(
    paths: Iterable[Path], rules: RuleSet, *, progress: Callable[[int, int], None] | None = None
) -> CodeScan:
    """Scan every Python file under ``paths``, following calls between them.

    ``progress(done, total)`` is told of each file read, in every round (summaries, then
    findings), so ``total`` is the number of files times the rounds.
    """
    # a scan keeps millions of objects alive and makes no cycles worth collecting: on the
    # bench's first 1,000 files the collector took 30% of the scan's CPU
    with no_cycle_collection():
        return _scan_paths(paths, rules, progress)


def _scan_paths(
    paths: Iterable[Path], rules: RuleSet, progress: Callable[[int, int], None] | None
) -> CodeScan:
    unreadable: list[Problem] = []
    sources = [module_names(path, root) for path, root in _files_with_roots(paths, unreadable)]
    kept: dict[Path, _Loaded] = {}
    kept_bytes = 0

    def load(source: SourceFile) -> _Loaded:
        nonlocal kept_bytes
        if source.path in kept:
            return kept[source.path]
        text = _read(source.path)
        tree = text if isinstance(text, Problem) else _parse(text, str(source.path))
        facts = module_facts(tree, source.package) if isinstance(tree, ast.Module) else None
        loaded = _Loaded(text, tree, facts)
        if isinstance(text, str) and kept_bytes + len(text) <= KEEP_TREES_BYTES:
            kept_bytes += len(text)
            kept[source.path] = loaded
        return loaded

    total, visited = len(sources) * (ROUNDS + 1), 0

    def tick() -> None:
        nonlocal visited
        visited += 1
        if progress is not None:
            progress(visited, total)

    index = Index()
    for _ in range(ROUNDS):
        found = Index()
        for source in sources:
            tick()
            text, tree, facts = load(source)
            if isinstance(text, str) and isinstance(tree, ast.Module):
                try:
                    found.update(_module(tree, source, text, rules, index, facts).summarise())
                except RecursionError:
                    continue
        index = found
    findings: list[CodeFinding] = []
    errors: list[Problem] = []
    warnings: list[Problem] = []
    for source in sources:
        tick()
        text, tree, facts = load(source)
        if isinstance(text, Problem):
            errors.append(text)
        elif isinstance(tree, Problem):
            errors.append(tree)
        else:
            try:
                hits = _module(tree, source, text, rules, index, facts).findings()
            except RecursionError:
                errors.append(Problem("code", str(source.path), None, "too deeply nested"))
                continue
            marked, problems = suppress(hits, text, str(source.path))
            findings += marked
            warnings += problems
    return CodeScan(
        tuple(findings),
        len(sources),
        tuple(unreadable + errors),
        unread=len(errors),
        warnings=tuple(warnings),
    )
