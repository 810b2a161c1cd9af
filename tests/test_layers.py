"""The architecture as a test: each stage imports only the stages below it, and no package
imports another that imports it back.

The pipeline's stages, lowest first (DESIGN.md, README "Architecture"):
core ← versions ← feeds ← store ← inventory ← match ← validate ← prioritize ← report ← pipeline
← cli and server. The pillars beside the pipeline (``code``, ``frontier``, ``center``) may use
any stage but the pipeline's stages never import them, nor does one pillar another; the
workers (Celery tasks over the center's work) may use the pillars and stages; the two top
layers, the command line and the server, may import everything below them but not each other.
Every import counts, those inside functions too: a lazy import is still a dependency.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "aicc"

STAGES = [
    "core",
    "versions",
    "feeds",
    "store",
    "inventory",
    "match",
    "validate",
    "prioritize",
    "report",
    "pipeline",
]
PILLARS = ["code", "frontier", "center"]
RUNNERS = ["workers"]  # the Celery workers run the center's work: above the pillars, below the top
TOP = ["cli", "server"]


def _module_name(path: Path) -> str:
    parts = ("aicc", *path.relative_to(SRC).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, package: str | None = None) -> set[str]:
    """Every ``aicc.*`` module the file imports, wherever the import statement stands;
    relative imports are resolved against ``package`` (the file's own by default)."""
    found: set[str] = set()
    if package is None:
        package = (
            _module_name(path)
            if path.name == "__init__.py"
            else _module_name(path).rpartition(".")[0]
        )
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("aicc.")}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against the importing package
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            if module.startswith("aicc."):
                found.add(module)
    return found


def _graph() -> dict[str, dict[str, set[str]]]:
    """module → imported module → (the importing file, for messages)."""
    graph: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in sorted(SRC.rglob("*.py")):
        for target in _imports(path):
            graph[_module_name(path)][target].add(str(path.relative_to(SRC.parent)))
    return graph


def _package(module: str, depth: int = 1) -> str:
    """``aicc.match.scan`` → ``match`` (depth 1), ``aicc.validate.vex.csaf`` → ``validate.vex``
    (depth 2); at depth 2 a plain module (``aicc.code.taint``) stands for its package."""
    parts = module.split(".")[1 : 1 + depth]
    if len(parts) == 2 and not (SRC / parts[0] / parts[1] / "__init__.py").exists():
        parts = parts[:1]
    return ".".join(parts)


def test_every_package_has_a_place() -> None:
    packages = {p.name for p in SRC.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(STAGES + PILLARS + RUNNERS + TOP)


def test_stages_import_only_downwards() -> None:
    rank = {name: i for i, name in enumerate(STAGES)} | {name: len(STAGES) for name in PILLARS}
    rank |= {name: len(STAGES) + 1 for name in RUNNERS}
    rank |= {name: len(STAGES) + 2 for name in TOP}
    wrong = []
    for module, targets in _graph().items():
        source = _package(module)
        for target, files in targets.items():
            to = _package(target)
            if not source or not to or to == source:
                continue
            upward = rank[to] > rank[source]
            across_pillars = source in PILLARS and to in PILLARS
            across_top = source in TOP and to in TOP  # the server and the CLI are siblings
            if upward or across_pillars or across_top:
                wrong.append(f"{sorted(files)[0]}: {source} imports {to} ({target})")
    assert wrong == []


@pytest.mark.parametrize("depth", [1, 2])
def test_no_package_cycles(depth: int) -> None:
    """No two packages (and no two sub-packages of one package) import each other, even
    through others."""
    edges: dict[str, set[str]] = defaultdict(set)
    for module, targets in _graph().items():
        source = _package(module, depth)
        for target in targets:
            to = _package(target, depth)
            if depth == 2 and to.split(".")[0] != source.split(".")[0]:
                continue  # across top-level packages: the depth-1 check covers them
            # a package's own __init__ re-exporting its modules is not a cycle between them
            if to != source and not to.startswith(source + ".") and not source.startswith(to + "."):
                edges[source].add(to)
    cycles = []
    for start in sorted(edges):
        stack, seen = [(start, [start])], set()
        while stack:
            node, path = stack.pop()
            for nxt in sorted(edges.get(node, ())):
                if nxt == start:
                    cycles.append(" → ".join([*path, start]))
                elif nxt not in seen:
                    seen.add(nxt)
                    stack.append((nxt, [*path, nxt]))
    assert cycles == []


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    """The checker itself: an import inside a function is found, and so is a relative one."""
    module = tmp_path / "probe.py"
    module.write_text(
        "def late():\n    from aicc.pipeline import scan\n    return scan\n"
        "import aicc.report.model\nfrom ..store import db\n"
    )
    assert _imports(module, "aicc.match") == {"aicc.pipeline", "aicc.report.model", "aicc.store"}
