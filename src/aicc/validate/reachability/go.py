"""Go reachability at symbol level: is an affected symbol referenced by code the module builds?

The affected packages and symbols come from the OSV records' ``ecosystem_specific.imports``
(the Go vulnerability database publishes them); the references from `go_source`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from sqlalchemy import Connection, select

from aicc.core.findings import Finding
from aicc.core.reachability import NOT_REACHABLE, REACHABLE, UNKNOWN, Reachability
from aicc.store import tables as t
from aicc.store.batching import in_chunks
from aicc.validate.reachability.files import read_bytes
from aicc.validate.reachability.go_parse import GoDecl, GoFile, GoImport, declarations
from aicc.validate.reachability.go_source import (
    STDLIB,
    GoPackage,
    GoProgram,
    guessed_names,
)

LEVEL = "symbol"


@dataclass(frozen=True, slots=True)
class AffectedImport:
    """One affected package and its symbols; ``module`` is True when only the module is known."""

    path: str
    symbols: tuple[str, ...] = ()
    module: bool = False


def affected_imports(conn: Connection, findings: Sequence[Finding]) -> list[list[AffectedImport]]:
    """The affected packages of each Go finding's component, aligned with ``findings``.

    One query per 500 advisory ids for all findings together. When none of a finding's records
    names packages, the whole module is affected.
    """
    ids = {i for f in findings for i in (*f.advisories, *f.aliases)}
    rows: dict[tuple[str, str], list[dict[str, Any]]] = {}
    ap = t.affected_packages
    for chunk in in_chunks(ids):
        query = select(ap.c.advisory_id, ap.c.name, ap.c.ecosystem_specific).where(
            ap.c.ecosystem_base == "Go", ap.c.advisory_id.in_(chunk)
        )
        for advisory_id, name, specific in conn.execute(query):
            imports = specific.get("imports") if isinstance(specific, dict) else None
            if isinstance(imports, list):
                rows.setdefault((advisory_id, name), []).extend(
                    i for i in imports if isinstance(i, dict)
                )
    result: list[list[AffectedImport]] = []
    for finding in findings:
        found: dict[tuple[str, tuple[str, ...]], AffectedImport] = {}
        for advisory_id in (*finding.advisories, *finding.aliases):
            for item in rows.get((advisory_id, finding.component.name), []):
                path, symbols = item.get("path"), item.get("symbols") or []
                if isinstance(path, str) and isinstance(symbols, list):
                    entry = AffectedImport(path, tuple(sorted({str(s) for s in symbols})))
                    found[(entry.path, entry.symbols)] = entry
        result.append(list(found.values()) or [AffectedImport(finding.component.name, module=True)])
    return result


def _exported(name: str) -> bool:
    return name[:1].isupper()


def _is_std(path: str) -> bool:
    return "." not in path.split("/")[0]


@dataclass
class _Search:
    """What was found for one affected package across everything read."""

    entry: AffectedImport
    functions: frozenset[str]  # pkg.F and pkg.T.M references that reach it
    methods: frozenset[str]  # method names M of affected T.M, called on any value
    own: set[str] = field(default_factory=set)  # locations in the module's own code
    found: set[str] = field(default_factory=set)  # the symbols the own code references
    own_methods: set[str] = field(default_factory=set)
    dependents: dict[str, set[str]] = field(default_factory=dict)  # origin -> locations
    maybe_methods: set[str] = field(default_factory=set)
    dots: set[str] = field(default_factory=set)
    blanks: set[str] = field(default_factory=set)
    importers: set[str] = field(default_factory=set)  # import paths of importing packages
    unlisted: set[str] = field(default_factory=set)  # the package's own unlisted entry points

    @property
    def whole(self) -> bool:
        return not self.functions and not self.methods

    def matches(self, path: str) -> bool:
        target = self.entry.path
        return path == target or (self.entry.module and path.startswith(target + "/"))

    def looked_for(self) -> tuple[str, ...]:
        if self.whole:
            return (self.entry.path,)
        return tuple(
            f"{self.entry.path}.{s}" for s in self.entry.symbols if _exported(s.rsplit(".", 1)[-1])
        )


def _search(entry: AffectedImport) -> _Search:
    functions, methods = set(), set()
    for symbol in entry.symbols:
        head, _, method = symbol.partition(".")
        if method:
            if _exported(method):
                methods.add(method)
                if _exported(head):
                    functions.add(symbol)  # pkg.T.M, a method expression
        elif _exported(head):
            functions.add(head)
    return _Search(entry, frozenset(functions), frozenset(methods))


def _local_names(spec: GoImport, program: GoProgram) -> set[str]:
    if spec.kind == "named" and spec.alias:
        return {spec.alias}
    package = program.packages.get(spec.path)
    name = package.name if package is not None else None
    return {name} if name else guessed_names(spec.path)


def _note(search: _Search, package: GoPackage, place: str, symbol: str) -> None:
    if package.own:
        search.own.add(place)
        search.found.add(symbol)
    else:
        search.dependents.setdefault(package.origin, set()).add(place)


def _scan_file(search: _Search, program: GoProgram, package: GoPackage, file: GoFile) -> bool:
    """Record what ``file`` does with the affected package; whether it imports it."""
    specs = [s for s in file.imports if search.matches(s.path)]
    for spec in specs:
        place = program.where(file, spec.line)
        if spec.kind == "dot":
            search.dots.add(place)
        elif spec.kind == "blank":
            search.blanks.add(place)
        if search.whole:
            _note(search, package, place, "imported")
            continue
        for name in _local_names(spec, program) if spec.kind in ("named", "default") else ():
            for symbol, lines in file.qualified.get(name, {}).items():
                if symbol in search.functions:
                    for line in lines:
                        _note(search, package, program.where(file, line), symbol)
    if specs and package.own:
        for method in search.methods:
            places = {program.where(file, n) for n in file.selectors.get(method, [])}
            search.own_methods |= places
            if places:
                search.found |= {s for s in search.entry.symbols if s.endswith(f".{method}")}
    return bool(specs)


def _entry_point(decl: GoDecl) -> bool:
    """Code other packages can start: exported functions and methods, initialisers."""
    return decl.key in ("var", "init") or _exported(decl.key.rsplit(".", 1)[-1])


def _package_declarations(program: GoProgram, package: GoPackage) -> list[tuple[GoDecl, str]]:
    """Every top-level declaration of ``package`` with its place, read once per program."""
    if package.import_path not in program.declarations:
        found: list[tuple[GoDecl, str]] = []
        for file in package.files:
            data = read_bytes(file.path) or b""
            found += [(d, program.where(file, d.line)) for d in declarations(data)]
        program.declarations[package.import_path] = found
    return program.declarations[package.import_path]


def _unlisted_entries(search: _Search, program: GoProgram, package: GoPackage) -> set[str]:
    """The affected package's own entry points, not listed in the advisory, whose bodies reach
    an affected symbol through the package's functions (``var DefaultTransport =
    &Transport{Proxy: ProxyFromEnvironment}`` makes the variable one)."""
    affected = set(search.entry.symbols)
    decls = _package_declarations(program, package)
    by_name: dict[str, list[GoDecl]] = {}
    for decl, _ in decls:  # a function by its name, a method by the name after the dot
        if decl.key not in ("var", "init"):
            by_name.setdefault(decl.key.rsplit(".", 1)[-1], []).append(decl)

    def callees(decl: GoDecl) -> list[GoDecl]:
        functions = [d for n in decl.names for d in by_name.get(n, []) if "." not in d.key]
        methods = [d for n in decl.methods for d in by_name.get(n, []) if "." in d.key]
        return functions + methods

    found = set()
    for root, place in decls:
        if root.key in affected or not _entry_point(root):
            continue
        stack, seen = [root], {root.key}
        while stack:
            reached = callees(stack.pop())
            if any(c.key in affected for c in reached):
                name = "a package-level variable" if root.key == "var" else root.key
                found.add(f"{name} ({place})")
                break
            fresh = [c for c in reached if c.key not in seen]
            seen.update(c.key for c in fresh)
            stack += fresh
    return found


def _search_program(search: _Search, program: GoProgram) -> None:
    for package in program.packages.values():
        if search.matches(package.import_path):
            continue  # the affected package's own code: trust the database's symbol list
        for file in package.files:
            if _scan_file(search, program, package, file):
                search.importers.add(package.import_path)
    affected = program.packages.get(search.entry.path)
    if affected is not None and search.importers and not search.whole:
        search.unlisted = _unlisted_entries(search, program, affected)
    if not search.methods or not search.importers:
        return
    for package in program.packages.values():
        if search.matches(package.import_path):
            continue
        for file in package.files:
            for method in search.methods:
                search.maybe_methods |= {
                    program.where(file, n) for n in file.selectors.get(method, [])
                }


def _few(places: Iterable[str], limit: int = 3) -> str:
    ordered = sorted(places)
    more = f" and {len(ordered) - limit} more" if len(ordered) > limit else ""
    return ", ".join(ordered[:limit]) + more


def _gaps(search: _Search, program: GoProgram) -> list[str]:
    """Why the analysis cannot vouch that nothing reaches the affected package."""
    path, gaps = search.entry.path, []
    stdlib_matters = _is_std(path) or bool(search.methods and search.importers)
    if program.missing_modules:
        count = len(program.missing_modules)
        hint = "run `go mod vendor`" if not program.vendored else "vendor/ is incomplete"
        gaps.append(
            f"{count} dependency module{'s were' if count > 1 else ' was'} not available "
            f"to analyse ({hint})"
        )
    if program.missing_stdlib and stdlib_matters:
        gaps.append(
            f"{len(program.missing_stdlib)} standard library packages were not found under GOROOT"
            if program.has_goroot
            else "the Go standard library's own source was not analysed (set GOROOT)"
        )
    if program.capped:
        gaps.append("the file cap was reached before all packages were read")
    if program.damaged:
        gaps.append(f"some files could not be parsed ({_few(program.damaged)})")
    return gaps


def _concerns(search: _Search) -> list[str]:
    """Signs in the code read that the affected package may be reached."""
    path, concerns = search.entry.path, []
    for origin, places in sorted(search.dependents.items()):
        what = "imported" if search.whole else "referenced"
        concerns.append(f"{what} by dependency code in {origin} ({_few(places)})")
    if search.dots:
        concerns.append(f"dot-imported at {_few(search.dots)}: unqualified calls are not resolved")
    if search.blanks and not search.whole:
        concerns.append(f"imported for its side effects at {_few(search.blanks)}")
    if search.unlisted:
        verb = "reaches" if len(search.unlisted) == 1 else "reach"
        concerns.append(
            f"inside the package, {_few(search.unlisted)} also {verb} an affected "
            f"symbol (not listed in the advisory)"
        )
    if search.maybe_methods:
        names = ", ".join(sorted(search.methods))
        concerns.append(
            f"method {names} is called at {_few(search.maybe_methods)} on values "
            f"whose type was not checked"
        )
    if path == "runtime" or path.startswith("runtime/internal"):
        concerns.append("the runtime is linked into every Go program")
    if path.startswith("cmd/"):
        concerns.append(
            "it is part of the Go toolchain: it matters when building, not in the built program"
        )
    return concerns


def _judge_one(search: _Search, program: GoProgram) -> Reachability:
    path, symbols = search.entry.path, search.looked_for()
    if search.own or search.own_methods:
        places = tuple(sorted(search.own | search.own_methods))
        what = "imported" if search.whole else ", ".join(sorted(search.found)) + " referenced"
        note = (
            " (a method name: the receiver's type was not checked)"
            if search.own_methods and not search.own
            else ""
        )
        return Reachability(
            REACHABLE,
            LEVEL,
            f"{path}: {what} in this module's own code at {_few(places)}{note}",
            places,
            symbols,
        )
    reasons = _concerns(search) + _gaps(search, program)
    where = (
        "not imported by this module's own code"
        if search.whole
        else "not called from this module's own code"
    )
    if reasons:
        return Reachability(UNKNOWN, LEVEL, f"{path}: {where}; " + "; ".join(reasons), (), symbols)
    modules = len(program.dependency_modules)
    if search.importers:
        detail = (
            f"{path}: imported, but no affected symbol is referenced by this module or "
            f"the {modules} dependency modules it builds with"
        )
    else:
        detail = (
            f"{path}: not imported by this module or the {modules} dependency modules "
            f"it builds with"
        )
    return Reachability(NOT_REACHABLE, LEVEL, detail, (), symbols)


def _as_imported(entry: AffectedImport, program: GoProgram) -> AffectedImport:
    """``entry`` under the path code imports it by, when go.mod replaces its module."""
    for module, imported in program.replaced.items():
        if entry.path == module or entry.path.startswith(module + "/"):
            return replace(entry, path=imported + entry.path[len(module) :])
    return entry


def judge_go(program: GoProgram, entries: Sequence[AffectedImport]) -> Reachability:
    """The answer for one finding: reachable if any affected package is, not reachable only if
    none can be."""
    if not any(package.own for package in program.packages.values()):
        return Reachability(
            UNKNOWN,
            LEVEL,
            f"no Go source files were found in "
            f"{program.display}, so the module's own code was not analysed",
        )
    answers = []
    for entry in [_as_imported(e, program) for e in entries]:
        search = _search(entry)
        if entry.module and entry.path == STDLIB:
            answers.append(
                Reachability(
                    UNKNOWN, LEVEL, "the advisory names no standard library package", (), ()
                )
            )
            continue
        _search_program(search, program)
        answers.append(_judge_one(search, program))
    return combine(answers)


def combine(answers: Sequence[Reachability]) -> Reachability:
    """One answer from several affected packages: the most reachable value wins."""
    if len(answers) == 1:
        return answers[0]
    rank = {REACHABLE: 0, UNKNOWN: 1, NOT_REACHABLE: 2}
    value = min((a.value for a in answers), key=rank.__getitem__)
    return Reachability(
        value,
        answers[0].level,
        "; ".join(a.detail for a in answers),
        tuple(sorted({p for a in answers for p in a.locations})),
        tuple(dict.fromkeys(s for a in answers for s in a.symbols)),
    )
