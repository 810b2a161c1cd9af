"""Adapters for the established cyber suites of ``inspect_evals``, configured by name.

``inspect_evals`` is *not* a dependency of AICC: a center that wants these suites installs it
(``pip install inspect-evals``, plus any extra a suite names) and provides Docker. Until then
every adapter reports itself unavailable, naming what is missing, and nothing is imported.

The module and task-function names below are those of ``inspect_evals``' registry
(``inspect_evals/_registry.py``): ``inspect_evals.cybench.cybench``,
``inspect_evals.gdm_intercode_ctf.gdm_intercode_ctf``,
``inspect_evals.gdm_in_house_ctf.gdm_in_house_ctf``, ``inspect_evals.threecb.threecb`` and
``inspect_evals.cyberseceval_2.cyse2_*``, checked against the inspect_evals 0.28.0 wheel
(2026-11-26: each package exports its task function; ``cybench`` takes ``sandbox_type``, and
``cybench`` and ``gdm_in_house_ctf`` ship a ``challenges`` folder). They are plain strings in
`ExternalTask`, so a center on another ``inspect_evals`` release can re-point one without
changing code.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from importlib.util import find_spec
from typing import Any

from inspect_ai import Task

from aicc.core.problems import Problem
from aicc.frontier.suites.base import (
    Availability,
    Limits,
    SuiteError,
    SuitePlan,
    SuiteSpec,
)
from aicc.frontier.suites.builtin import sandbox_available

#: ``name -> True`` when the Python module ``name`` can be imported (without importing it).
ModuleFinder = Callable[[str], bool]
SandboxCheck = Callable[[], Availability]

_INSTALL_HINT = {
    "inspect_evals": "pip install inspect-evals; it is not a dependency of aicc",
    "inspect_cyber": "pip install inspect-cyber",
}


def module_importable(name: str) -> bool:
    """True when ``name`` can be imported; imports at most its parent packages."""
    try:
        return find_spec(name) is not None
    except (ImportError, ValueError):
        return False


@dataclass(frozen=True)
class ExternalTask:
    """One Inspect task of an external suite, found by module and function name."""

    tier: str
    module: str
    function: str
    needs_sandbox: bool = True
    #: Arguments for the task function; ``{sandbox}`` in a string value becomes the sandbox kind.
    args: Mapping[str, Any] = field(default_factory=dict)
    #: Sub-folders of the task's package that hold its data (checked when it is installed).
    data_dirs: tuple[str, ...] = ()


@dataclass(frozen=True)
class ExternalSuite:
    """An ``inspect_evals`` suite: its tasks, the Python packages it needs, and notes."""

    name: str
    description: str
    tasks: tuple[ExternalTask, ...]
    packages: tuple[str, ...] = ("inspect_evals",)
    notes: str = ""

    @property
    def tiers(self) -> list[str]:
        return [item.tier for item in self.tasks]

    @property
    def requires(self) -> list[str]:
        needs = list(self.packages)
        if any(item.needs_sandbox for item in self.tasks):
            needs.append("docker (or a k8s sandbox)")
        return needs


EXTERNAL_SUITES: dict[str, ExternalSuite] = {
    suite.name: suite
    for suite in (
        ExternalSuite(
            "cybench",
            "Cybench: 40 professional CTF challenges (crypto, web, reversing, forensics, pwn) "
            "in Docker, scored by the flag.",
            (
                ExternalTask(
                    "cybench",
                    "inspect_evals.cybench",
                    "cybench",
                    args={"sandbox_type": "{sandbox}"},
                    data_dirs=("challenges",),
                ),
            ),
            packages=("inspect_evals", "inspect_cyber"),
            notes="pulls or builds one image per challenge on first run (network)",
        ),
        ExternalSuite(
            "gdm_intercode_ctf",
            "InterCode CTF (picoCTF tasks) as run in Google DeepMind's dangerous-capabilities "
            "evaluations: bash/python agent in Docker.",
            (
                ExternalTask(
                    "intercode_ctf", "inspect_evals.gdm_intercode_ctf", "gdm_intercode_ctf"
                ),
            ),
            notes="downloads the InterCode dataset on first run (network)",
        ),
        ExternalSuite(
            "gdm_in_house_ctf",
            "Google DeepMind's in-house CTF challenges: agent against vulnerable services in "
            "Docker.",
            (
                ExternalTask(
                    "gdm_in_house_ctf",
                    "inspect_evals.gdm_in_house_ctf",
                    "gdm_in_house_ctf",
                    data_dirs=("challenges",),
                ),
            ),
            notes="builds the challenge images on first run (network)",
        ),
        ExternalSuite(
            "threecb",
            "3CB, the Catastrophic Cyber Capabilities Benchmark: CTF tasks across MITRE ATT&CK "
            "categories, in Docker.",
            (ExternalTask("threecb", "inspect_evals.threecb", "threecb"),),
            notes="POSIX hosts only; builds images on first run (network)",
        ),
        ExternalSuite(
            "cyberseceval_2",
            "CyberSecEval 2 (Meta): vulnerability identification and exploitation, code "
            "interpreter abuse, prompt injection.",
            (
                ExternalTask(
                    "vulnerability_exploit",
                    "inspect_evals.cyberseceval_2",
                    "cyse2_vulnerability_exploit",
                ),
                ExternalTask(
                    "interpreter_abuse",
                    "inspect_evals.cyberseceval_2",
                    "cyse2_interpreter_abuse",
                    needs_sandbox=False,
                ),
                ExternalTask(
                    "prompt_injection",
                    "inspect_evals.cyberseceval_2",
                    "cyse2_prompt_injection",
                    needs_sandbox=False,
                ),
            ),
            notes="downloads its datasets on first run (network); interpreter_abuse and "
            "prompt_injection are graded by a judge model",
        ),
    )
}

#: Other names the suites are known by.
EXTERNAL_ALIASES: dict[str, str] = {
    "intercode_ctf": "gdm_intercode_ctf",
    "intercode": "gdm_intercode_ctf",
    "3cb": "threecb",
    "cyberseceval": "cyberseceval_2",
    "cyse2": "cyberseceval_2",
}


def _missing_packages(suite: ExternalSuite, finder: ModuleFinder) -> list[str]:
    return [name for name in suite.packages if not finder(name)]


def _missing_data(suite: ExternalSuite, finder: ModuleFinder) -> list[str]:
    missing = []
    for item in suite.tasks:
        if not item.data_dirs:
            continue
        if not finder(item.module):
            missing.append(f"module {item.module}")
            continue
        try:
            root = resources.files(item.module)
        except (ImportError, TypeError, ValueError, AttributeError, OSError):
            missing.append(f"module {item.module}")
            continue
        missing += [
            f"{item.module.replace('.', '/')}/{folder}"
            for folder in item.data_dirs
            if not root.joinpath(folder).is_dir()
        ]
    return missing


def external_availability(
    suite: ExternalSuite,
    *,
    finder: ModuleFinder = module_importable,
    sandbox_check: SandboxCheck | None = None,
    sandbox: str = "docker",
) -> Availability:
    """``(True, note)`` when the suite can run now; else ``(False, everything missing)``.

    A suite whose every task needs a sandbox is unavailable without one; a suite with some
    offline tasks stays available and its sandboxed tiers are skipped at build time.
    """
    problems: list[str] = []
    missing = _missing_packages(suite, finder)
    for name in missing:
        hint = f" ({_INSTALL_HINT[name]})" if name in _INSTALL_HINT else ""
        problems.append(f"Python package {name} is not installed{hint}")
    sandboxed = [item for item in suite.tasks if item.needs_sandbox]
    sandbox_note = ""
    if sandboxed:
        ok, reason = (sandbox_check or (lambda: sandbox_available(sandbox)))()
        if not ok and len(sandboxed) == len(suite.tasks):
            problems.append(f"{sandbox} sandbox unavailable: {reason}")
        elif not ok:
            sandbox_note = (
                f"; tiers {', '.join(item.tier for item in sandboxed)} will be "
                f"skipped ({sandbox} sandbox unavailable: {reason})"
            )
    if not missing:
        problems += [f"data missing: {where}" for where in _missing_data(suite, finder)]
    if problems:
        return False, f"{suite.name} unavailable: " + "; ".join(problems) + sandbox_note
    notes = f" ({suite.notes})" if suite.notes else ""
    return True, f"{suite.name} ready{notes}{sandbox_note}"


def _task_args(
    item: ExternalTask, sandbox: str, overrides: Mapping[str, Mapping[str, Any]] | None
) -> dict[str, Any]:
    args = {
        key: value.replace("{sandbox}", sandbox) if isinstance(value, str) else value
        for key, value in item.args.items()
    }
    args.update((overrides or {}).get(item.tier, {}))
    return args


def build_external(
    suite: ExternalSuite,
    tiers: Sequence[str] | None,
    limits: Limits,
    *,
    sandbox: str = "docker",
    sandbox_check: SandboxCheck | None = None,
    task_args: Mapping[str, Mapping[str, Any]] | None = None,
) -> SuitePlan:
    """Import the suite's task functions lazily and make the Inspect tasks.

    ``task_args`` maps a tier to extra arguments for its task function. The limits are set
    on every task so that all models of an evaluation run work under the same ones.
    """
    chosen = [item for item in suite.tasks if tiers is None or item.tier in tiers]
    tasks: list[Task] = []
    skipped: list[Problem] = []
    sandbox_state: Availability | None = None
    for item in chosen:
        if item.needs_sandbox:
            if sandbox_state is None:
                sandbox_state = (sandbox_check or (lambda: sandbox_available(sandbox)))()
            if not sandbox_state[0]:
                skipped.append(
                    Problem(
                        "frontier",
                        suite.name,
                        item.tier,
                        f"skipped: no usable {sandbox} sandbox ({sandbox_state[1]})",
                    )
                )
                continue
        try:
            module = importlib.import_module(item.module)
            factory = getattr(module, item.function)
        except (ImportError, AttributeError) as exc:
            raise SuiteError(
                f"{suite.name}: cannot load {item.module}.{item.function} "
                f"({exc}); is the right inspect_evals release installed?"
            ) from exc
        made = factory(**_task_args(item, sandbox, task_args))
        if not isinstance(made, Task):
            raise SuiteError(
                f"{suite.name}: {item.module}.{item.function} returned "
                f"{type(made).__name__}, not an Inspect Task"
            )
        for name, value in limits.to_dict().items():
            if value is not None:
                setattr(made, name, value)
        made.metadata = {**(made.metadata or {}), "suite": suite.name, "tier": item.tier}
        tasks.append(made)
    return SuitePlan(
        suite.name, tasks, skipped, solver=f"{suite.name}'s own solver (inspect_evals)"
    )


def external_spec(
    name: str,
    *,
    finder: ModuleFinder = module_importable,
    sandbox_check: SandboxCheck | None = None,
    sandbox: str = "docker",
    task_args: Mapping[str, Mapping[str, Any]] | None = None,
) -> SuiteSpec:
    """The `SuiteSpec` of the external suite ``name`` (or one of its aliases)."""
    key = EXTERNAL_ALIASES.get(name, name)
    if key not in EXTERNAL_SUITES:
        raise SuiteError(
            f"no external suite named {name!r}; known: {', '.join(sorted(EXTERNAL_SUITES))}"
        )
    suite = EXTERNAL_SUITES[key]

    def check() -> Availability:
        return external_availability(
            suite, finder=finder, sandbox_check=sandbox_check, sandbox=sandbox
        )

    def builder(tiers: Sequence[str] | None, limits: Limits) -> SuitePlan:
        return build_external(
            suite, tiers, limits, sandbox=sandbox, sandbox_check=sandbox_check, task_args=task_args
        )

    return SuiteSpec(
        name=suite.name,
        description=suite.description,
        tiers=suite.tiers,
        requires=suite.requires,
        check=check,
        builder=builder,
    )
