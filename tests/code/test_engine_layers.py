"""The code scanner's engine as a test: each module imports only those of its own tier or the
tiers before it, so the engine can take another language without untangling it.

parse → module facts and rules → module view → function walk (taint) → sink checks →
findings (the module analysis) → the project scan and its outputs. The walk reads the view and
is given the sink checks; it never imports them, nor the analysis that assembles its results.
A module named in no tier (the AI review, the benchmark) stands above the engine: it may use
any of it, and no engine module may import it.
"""

from __future__ import annotations

from pathlib import Path

from tests.test_layers import SRC, _imports, _module_name

CODE = SRC / "code"

TIERS = [
    ("parse", {"parse"}),
    (
        "facts and rules",
        {
            "fold",
            "facts",
            "rules",
            "rules_file",
            "cwes",
            "shapes",
            "state",
            "summaries",
            "guards",
            "numeric_formats",
        },
    ),
    ("module view", {"view"}),
    ("function walk", {"taint"}),
    ("sink checks", {"sinks"}),
    ("findings", {"module", "suppress"}),
    ("project", {"project", "__init__"}),
    ("above the engine", set()),
]


def _tier(module: str) -> int | None:
    """The tier of ``aicc.code.x`` (``aicc.code.review.y`` is ``review``'s); None outside."""
    parts = module.split(".")
    if parts[:2] != ["aicc", "code"]:
        return None
    name = parts[2] if len(parts) > 2 else "__init__"
    return next((i for i, (_, names) in enumerate(TIERS) if name in names), len(TIERS) - 1)


def _wrong_imports(modules: list[tuple[str, Path]]) -> list[str]:
    """``module: tier imports later tier (target)`` for each import against the order."""
    wrong = []
    for source, path in modules:
        here = _tier(source)
        assert here is not None, f"{path}: {source} is not in aicc.code"
        package = source if path.name == "__init__.py" else source.rpartition(".")[0]
        for target in sorted(_imports(path, package)):
            there = _tier(target)
            if there is not None and there > here:
                wrong.append(f"{source}: {TIERS[here][0]} imports {TIERS[there][0]} ({target})")
    return wrong


def test_the_engine_imports_only_backwards() -> None:
    modules = [(_module_name(path), path) for path in sorted(CODE.rglob("*.py"))]
    assert len(modules) > 10
    assert _wrong_imports(modules) == []


def test_the_walk_knows_neither_the_sinks_nor_the_analysis() -> None:
    imported = _imports(CODE / "taint.py")
    assert not imported & {"aicc.code.sinks", "aicc.code.module", "aicc.code.project"}


def test_the_checker_sees_a_backward_import(tmp_path: Path) -> None:
    """The checker itself: a walk that imports the sink checks, even inside a function, is
    named, and so is an engine module that imports one above the engine."""
    probe = tmp_path / "taint.py"
    probe.write_text("import ast\n\ndef late():\n    from .sinks import SinkChecks\n")
    assert _wrong_imports([("aicc.code.taint", probe)]) == [
        "aicc.code.taint: function walk imports sink checks (aicc.code.sinks)"
    ]
    assert _wrong_imports([("aicc.code.module", probe)]) == []
    assert _wrong_imports([("aicc.code.elsewhere", probe)]) == []
    probe.write_text("from aicc.code.scorecard import benchmark\n")
    assert _wrong_imports([("aicc.code.project", probe)]) == [
        "aicc.code.project: project imports above the engine (aicc.code.scorecard)"
    ]
