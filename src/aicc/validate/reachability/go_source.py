"""The Go code one module builds from: its own packages and every package they import, found.

Own packages are every directory under the module root with non-test ``.go`` files (``vendor``,
``testdata``, hidden and ``_`` directories and nested modules aside). Imports are followed from
them: the module's ``vendor/`` tree first, then the module cache at the exact version go.mod
requires, then ``$GOROOT/src`` for the standard library. An import that cannot be found is
remembered, so the answer can say what was not analysed.
"""

from __future__ import annotations

import os
import re
import shutil
from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aicc.core.components import Component
from aicc.validate.reachability.files import (
    MAX_FILES,
    FileBudget,
    read_bytes,
    shown,
    walk_sources,
)
from aicc.validate.reachability.go_parse import GoDecl, GoFile, parse_go

STDLIB = "stdlib"
OWN = "this module"
STANDARD_LIBRARY = "standard library"
# Pseudo-packages with no source to read.
_BUILTIN = frozenset({"C", "unsafe"})
_MODULE_LINE = re.compile(r'^\s*module\s+"?([^\s"/][^\s"]*)"?\s*(?://.*)?$', re.MULTILINE)
# The go.mod reader notes a replaced requirement as "replaces <old path> <old version> (...)".
_REPLACES = re.compile(r"(?:^|; )replaces (\S+) ")
_MAJOR = re.compile(r"v\d+")


@dataclass(frozen=True, slots=True)
class GoEnvironment:
    """Where dependency source lies outside the project: the module cache and GOROOT."""

    module_cache: Path | None = None
    goroot: Path | None = None

    @classmethod
    def from_environ(cls) -> GoEnvironment:
        """``$GOMODCACHE``, ``$GOPATH/pkg/mod`` or ``~/go/pkg/mod``; ``$GOROOT`` or the ``go``
        on PATH."""
        cache = os.environ.get("GOMODCACHE")
        if not cache:
            gopath = os.environ.get("GOPATH", "").split(os.pathsep)[0]
            cache = (
                str(Path(gopath) / "pkg" / "mod")
                if gopath
                else str(Path.home() / "go" / "pkg" / "mod")
            )
        goroot = os.environ.get("GOROOT")
        if not goroot:
            binary = shutil.which("go")
            goroot = str(Path(binary).resolve().parent.parent) if binary else ""
        root = Path(goroot) if goroot and (Path(goroot) / "src").is_dir() else None
        return cls(Path(cache), root)


@dataclass(frozen=True, slots=True)
class Requirement:
    """A required module: imported as ``import_path``, stored as ``module@version``."""

    import_path: str
    module: str
    version: str  # as Go writes it, with the v

    @property
    def label(self) -> str:
        return f"{self.module}@{self.version}"


@dataclass(slots=True)
class GoPackage:
    """One package that was read: where it came from and its files."""

    import_path: str
    origin: str  # OWN, STANDARD_LIBRARY or module@version
    files: list[GoFile] = field(default_factory=list)

    @property
    def own(self) -> bool:
        return self.origin == OWN

    @property
    def name(self) -> str | None:
        """The name its files declare (the local name of a plain import of it)."""
        names = [f.package for f in self.files if f.package and not f.package.endswith("_test")]
        return max(set(names), key=names.count) if names else None


@dataclass
class GoProgram:
    """Everything read for one module root, and what could not be."""

    root: Path
    display: str
    module_path: str | None
    vendored: bool
    has_goroot: bool
    replaced: dict[str, str] = field(default_factory=dict)  # module -> path imported as
    packages: dict[str, GoPackage] = field(default_factory=dict)
    missing_modules: set[str] = field(default_factory=set)  # module (or import) paths
    missing_stdlib: set[str] = field(default_factory=set)
    damaged: list[str] = field(default_factory=list)  # shown paths of unparseable files
    capped: bool = False
    shown_paths: dict[Path, str] = field(default_factory=dict)
    # top-level declarations of affected packages, read when first needed
    declarations: dict[str, list[tuple[GoDecl, str]]] = field(default_factory=dict)

    def where(self, file: GoFile, line: int) -> str:
        """``file:line`` as the reader should see it."""
        return f"{self.shown_paths.get(file.path, str(file.path))}:{line}"

    @property
    def dependency_modules(self) -> set[str]:
        return {
            p.origin for p in self.packages.values() if not p.own and p.origin != STANDARD_LIBRARY
        }


def _escape(text: str) -> str:
    """The module cache's spelling: each capital letter as ``!`` and its lower case."""
    return re.sub(r"[A-Z]", lambda m: "!" + m.group(0).lower(), text)


def requirements(components: Sequence[Component]) -> list[Requirement]:
    """The required modules of an inventory, longest import path first."""
    found: dict[str, Requirement] = {}
    for c in components:
        if c.ecosystem != "Go" or c.name == STDLIB or not c.version:
            continue
        replaced = _REPLACES.search(c.notes or "")
        import_path = replaced.group(1) if replaced else c.name
        found[import_path] = Requirement(import_path, c.name, f"v{c.version}")
    return sorted(found.values(), key=lambda r: -len(r.import_path))


def guessed_names(import_path: str) -> set[str]:
    """Likely local names of a plain import when the package was not read:
    ``gopkg.in/yaml.v3`` -> yaml, ``github.com/go-chi/chi/v5`` -> chi."""
    parts = import_path.split("/")
    last = parts[-1]
    if _MAJOR.fullmatch(last) and len(parts) > 1:
        last = parts[-2]
    last = re.sub(r"\.v\d+$", "", last)
    names = {
        last,
        last.removeprefix("go-"),
        last.removesuffix("-go"),
        last.replace("-", "_"),
        last.replace("-", "").replace(".", ""),
    }
    return {n for n in names if n}


def _module_path(root: Path) -> str | None:
    data = read_bytes(root / "go.mod")
    match = _MODULE_LINE.search(data.decode("utf-8", "replace")) if data else None
    return match.group(1) if match else None


def _is_go_source(name: str) -> bool:
    return (
        name.endswith(".go") and not name.endswith("_test.go") and not name.startswith(("_", "."))
    )


class _Loader:
    """Reads packages under one budget, following imports breadth first."""

    def __init__(
        self, program: GoProgram, reqs: list[Requirement], env: GoEnvironment, budget: FileBudget
    ) -> None:
        self.program = program
        self.reqs = reqs
        self.env = env
        self.budget = budget
        self.queue: deque[GoPackage] = deque()
        self.seen: set[str] = set()

    def read_package(self, import_path: str, origin: str, files: list[Path]) -> bool:
        package = GoPackage(import_path, origin)
        for path in files:
            if not self.budget.take():
                self.program.capped = True
                return False
            data = read_bytes(path)
            parsed = parse_go(path, data if data is not None else b"")
            place = shown(path, self.program.root, self.program.display)
            self.program.shown_paths[path] = place
            if data is None or parsed.damaged:
                self.program.damaged.append(place)
            package.files.append(parsed)
        self.program.packages[import_path] = package
        self.queue.append(package)
        return True

    def locate(self, path: str, from_std: bool) -> tuple[Path, str] | None:
        """The directory and origin of an imported package; None (and noted) when not found."""
        program, goroot = self.program, self.env.goroot
        if from_std and goroot is not None and "." in path.split("/")[0]:
            return goroot / "src" / "vendor" / path, STANDARD_LIBRARY
        req = next(
            (r for r in self.reqs if path == r.import_path or path.startswith(r.import_path + "/")),
            None,
        )
        if program.vendored and (program.root / "vendor" / path).is_dir():
            return program.root / "vendor" / path, req.label if req else f"vendor/{path}"
        if req is not None:
            rest = path[len(req.import_path) :]
            cache = self.env.module_cache
            if cache is not None:
                return cache / f"{_escape(req.module)}@{_escape(req.version)}{rest}", req.label
            program.missing_modules.add(req.module)
            return None
        if "." not in path.split("/")[0]:
            if goroot is not None:
                return goroot / "src" / path, STANDARD_LIBRARY
            program.missing_stdlib.add(path)
            return None
        program.missing_modules.add(path)
        return None

    def follow(self, path: str, from_std: bool) -> None:
        if path in self.seen or path in _BUILTIN:
            return
        self.seen.add(path)
        module = self.program.module_path
        if module is not None and (path == module or path.startswith(module + "/")):
            if path not in self.program.packages:  # not among the own packages walked
                self.program.missing_modules.add(path)
            return
        located = self.locate(path, from_std)
        if located is None:
            return
        directory, origin = located
        try:
            files = sorted(p for p in directory.iterdir() if p.is_file() and _is_go_source(p.name))
        except OSError:
            files = []
        if not files:
            if origin == STANDARD_LIBRARY:
                self.program.missing_stdlib.add(path)
            else:
                self.program.missing_modules.add(origin.split("@")[0] if "@" in origin else path)
            return
        self.read_package(path, origin, files)

    def run(self) -> None:
        while self.queue and not self.program.capped:
            package = self.queue.popleft()
            from_std = package.origin == STANDARD_LIBRARY
            for file in package.files:
                for spec in file.imports:
                    self.follow(spec.path, from_std)


def _own_packages(root: Path) -> tuple[dict[Path, list[Path]], list[Path]]:
    """Own package directories with their files, and directories that could not be listed."""

    def nested_module(path: Path) -> bool:
        return path.name == "vendor" or path.name.startswith("_") or (path / "go.mod").exists()

    walk = walk_sources(
        root, ".go", skip_dir=nested_module, skip_file=lambda n: not _is_go_source(n)
    )
    packages: dict[Path, list[Path]] = {}
    for path in walk.files:
        packages.setdefault(path.parent, []).append(path)
    return packages, walk.unreadable


def load_program(
    root: Path,
    display: str,
    components: Sequence[Component],
    env: GoEnvironment,
    max_files: int = MAX_FILES,
) -> GoProgram:
    """Read the module at ``root`` and, as far as they can be found, all packages it imports."""
    module_path = _module_path(root)
    program = GoProgram(
        root,
        display,
        module_path,
        vendored=(root / "vendor").is_dir(),
        has_goroot=env.goroot is not None,
    )
    reqs = requirements(components)
    program.replaced = {r.module: r.import_path for r in reqs if r.module != r.import_path}
    loader = _Loader(program, reqs, env, FileBudget(max_files))
    own, unreadable = _own_packages(root)
    program.damaged += [shown(p, root, display) for p in unreadable]
    for directory, files in sorted(own.items()):
        relative = directory.relative_to(root).as_posix()
        prefix = module_path or "."
        import_path = prefix if relative == "." else f"{prefix}/{relative}"
        loader.seen.add(import_path)
        if not loader.read_package(import_path, OWN, files):
            break
    loader.run()
    return program
