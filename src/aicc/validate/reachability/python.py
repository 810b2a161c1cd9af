"""Python reachability at import level: does the project, or installed code, import the
distribution's modules?"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from packaging.version import InvalidVersion, Version

from aicc.core.components import Component
from aicc.core.packages import normalize_name
from aicc.core.reachability import NOT_REACHABLE, REACHABLE, UNKNOWN, Reachability
from aicc.validate.reachability.files import (
    MAX_FILES,
    FileBudget,
    read_bytes,
    shown,
    walk_sources,
)
from aicc.validate.reachability.python_env import (
    Distribution,
    Environment,
    find_site_packages,
    guessed_modules,
    read_environment,
    scan_installed,
)
from aicc.validate.reachability.python_parse import (
    IMPORT,
    STRING,
    ImportFilter,
    PyRef,
    mentions,
    names_module,
    python_refs,
)

LEVEL = "import"


@dataclass
class PythonTree:
    """The project's own imports of the modules looked for, and its environment if any."""

    root: Path
    display: str
    env: Environment | None
    refs: dict[str, list[tuple[PyRef, str]]] = field(default_factory=dict)  # by top name,
    # each with its "file:line"
    damaged: list[tuple[str, bytes | None]] = field(default_factory=list)  # None: unreadable
    files: int = 0
    capped: bool = False


def open_tree(root: Path, display: str) -> PythonTree:
    """The tree at ``root`` with its environment's metadata read (no source read yet)."""
    site = find_site_packages(root)
    env = read_environment(site, shown(site, root, display)) if site is not None else None
    return PythonTree(root, display, env)


def modules_of(tree: PythonTree, name: str) -> tuple[frozenset[str], Distribution | None]:
    """The modules of distribution ``name``: as installed when the environment lists them,
    else the table of well-known names or a guess."""
    dist = tree.env.dists.get(normalize_name("PyPI", name)) if tree.env is not None else None
    if dist is not None and dist.modules:
        return dist.modules, dist
    return frozenset(guessed_modules(name)), dist


def _tops(modules: Iterable[str]) -> set[str]:
    return {part for m in modules for part in (m.split(".")[0], m.split(".")[-1])}


def scan_tree(tree: PythonTree, tops: Collection[str], max_files: int = MAX_FILES) -> None:
    """Read the own ``.py`` files (virtual environments aside), then the installed ones, for
    imports of modules whose top-level name is in ``tops``."""
    budget = FileBudget(max_files)
    venv = tree.env.site_packages if tree.env is not None else None

    def environment(path: Path) -> bool:
        return (path / "pyvenv.cfg").is_file() or (venv is not None and venv.is_relative_to(path))

    walk = walk_sources(tree.root, ".py", skip_dir=environment)
    wanted = ImportFilter.of(tops)
    tree.damaged += [(shown(p, tree.root, tree.display), None) for p in walk.unreadable]
    for path in walk.files:
        if not budget.take():
            break
        tree.files += 1
        data = read_bytes(path)
        place = shown(path, tree.root, tree.display)
        if data is None:
            tree.damaged.append((place, None))
            continue
        refs = python_refs(data, tops, wanted)
        if refs is None:
            tree.damaged.append((place, data))
        for ref in refs or []:
            tree.refs.setdefault(ref.module.split(".", 1)[0], []).append(
                (ref, f"{place}:{ref.line}")
            )
    if tree.env is not None:
        scan_installed(tree.env, tops, budget)
    tree.capped = budget.exhausted


def _few(places: Iterable[str], limit: int = 3) -> str:
    ordered = sorted(set(places))
    more = f" and {len(ordered) - limit} more" if len(ordered) > limit else ""
    return ", ".join(ordered[:limit]) + more


def _same_version(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a == b
    try:
        return Version(a) == Version(b)
    except InvalidVersion:
        return a == b


def _matters(damaged: Iterable[tuple[str, bytes | None]], modules: frozenset[str]) -> list[str]:
    """Unparseable files that mention one of ``modules`` (unreadable ones always might)."""
    tops = _tops(modules)
    return [place for place, data in damaged if data is None or mentions(data, tops)]


def _hits(refs: dict[str, list[tuple[PyRef, str]]], modules: frozenset[str], how: str) -> list[str]:
    """Where ``refs`` import (or name, by ``how``) one of ``modules``."""
    return [
        where
        for top in {m.split(".", 1)[0] for m in modules}
        for ref, where in refs.get(top, [])
        if ref.how == how and any(names_module(ref.module, m) for m in modules)
    ]


def _dependents(env: Environment, dist: Distribution, modules: frozenset[str]) -> list[str]:
    """Other installed code that imports (or names) ``modules``, by distribution."""
    tops = {m.split(".", 1)[0] for m in modules}
    others = [
        r
        for top in tops
        for r in env.refs.get(top, [])
        if r.owner != dist.key
        and any(names_module(r.ref.module, m) for m in modules)
        and not any(names_module(r.file_module, m) for m in modules)
    ]
    found = []
    for how, verb in ((IMPORT, "imported"), (STRING, "named in a string")):
        refs = [r for r in others if r.ref.how == how]
        owners = sorted(
            {env.dists[r.owner].name if r.owner in env.dists else "unrecorded files" for r in refs}
        )
        if refs:
            found.append(f"{verb} by installed {', '.join(owners)} ({_few(r.where for r in refs)})")
    return found


def _installed_gaps(
    env: Environment,
    component: Component,
    dist: Distribution | None,
    modules: frozenset[str],
    inventory: Sequence[Component],
) -> list[str]:
    """Why the installed environment cannot vouch that nothing imports the distribution."""
    if dist is None:
        return [
            f"it is not installed in the environment at {env.display}, so its dependents "
            "were not analysed"
        ]
    gaps = []
    if not _same_version(dist.version, component.version):
        gaps.append(
            f"the environment holds {dist.name} {dist.version}, the inventory {component.version}"
        )
    if not dist.modules:
        gaps.append("its installed metadata lists no modules (no RECORD or top_level.txt)")
    gaps += _dependents(env, dist, modules)
    startup = [
        where
        for module, where, _owner in env.startup
        if any(names_module(module, m) for m in modules)
    ]
    if startup:
        gaps.append(f"imported at interpreter start by {_few(startup)}")
    if dist.entry_points:
        gaps.append(
            f"it installs entry points that run it without an import ({_few(dist.entry_points)})"
        )
    if dist.scripts:
        gaps.append(f"it installs scripts ({_few(p.rsplit('/', 1)[-1] for p in dist.scripts)})")
    absent = [
        c.name
        for c in inventory
        if c.ecosystem == "PyPI"
        and not _installed(env, c)
        and normalize_name("PyPI", c.name) != dist.key
    ]
    if absent:
        gaps.append(
            f"{len(absent)} other distributions of the inventory are not installed at "
            f"that version in {env.display} ({_few(absent)}), so their code was not "
            f"analysed"
        )
    damaged = _matters(env.damaged, modules)
    if damaged:
        gaps.append(f"some installed files could not be parsed ({_few(damaged)})")
    return gaps


def _installed(env: Environment, component: Component) -> bool:
    dist = env.dists.get(normalize_name("PyPI", component.name))
    return dist is not None and _same_version(dist.version, component.version)


def judge_python(
    tree: PythonTree, component: Component, inventory: Sequence[Component]
) -> Reachability:
    """The answer for one PyPI finding whose inventory lies at ``tree.root``."""
    modules, dist = modules_of(tree, component.name)
    looked = tuple(sorted(modules))
    imported = _hits(tree.refs, modules, IMPORT)
    if imported:
        return Reachability(
            REACHABLE,
            LEVEL,
            f"{', '.join(looked)} imported at {_few(imported)} by the "
            "project's own code (import level: whether the vulnerable function is called was "
            "not checked)",
            tuple(sorted(set(imported))),
            looked,
        )
    gaps = []
    strings = _hits(tree.refs, modules, STRING)
    if strings:
        gaps.append(f"named in a string at {_few(strings)} (it may be imported dynamically)")
    damaged = _matters(tree.damaged, modules)
    if damaged:
        gaps.append(f"some files could not be parsed ({_few(damaged)})")
    if tree.env is None:
        gaps.append("its dependents were not analysed (no virtual environment found)")
    else:
        gaps += _installed_gaps(tree.env, component, dist, modules, inventory)
    if tree.capped:
        gaps.append("the file cap was reached before all files were read")
    if not tree.files:
        gaps.append(
            f"no Python source files were found in {tree.display}, so the project's "
            "own code was not analysed"
        )
    if gaps:
        return Reachability(
            UNKNOWN, LEVEL, "not imported by the project's own code; " + "; ".join(gaps), (), looked
        )
    assert tree.env is not None
    return Reachability(
        NOT_REACHABLE,
        LEVEL,
        f"{', '.join(looked)} not imported by the project's own code "
        f"({tree.files} files) nor by other code installed in {tree.env.display}, and it "
        "installs no entry points or scripts",
        (),
        looked,
    )
