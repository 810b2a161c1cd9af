"""The suites the center can run, by name: the built-in suite and the ``inspect_evals`` ones.

``get_suite("builtin")`` is always available (its agentic tier reports its own skip when no
sandbox is usable); the external suites say, through `SuiteSpec.available`, exactly what they
are missing. `register_suite` adds a center's own suite.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from aicc.frontier.suites.base import Availability, Limits, SuiteError, SuitePlan, SuiteSpec
from aicc.frontier.suites.builtin import (
    SUITE_NAME,
    TIERS,
    builtin_availability,
    plan_builtin,
)
from aicc.frontier.suites.external import EXTERNAL_ALIASES, EXTERNAL_SUITES, external_spec

SandboxCheck = Callable[[], Availability]

_CUSTOM: dict[str, Callable[[], SuiteSpec]] = {}


def builtin_spec(
    *, sandbox: str = "docker", sandbox_check: SandboxCheck | None = None
) -> SuiteSpec:
    """The built-in suite; ``sandbox_check`` replaces the Docker probe (tests, other kinds)."""

    def check() -> Availability:
        return builtin_availability(sandbox, sandbox_check)

    def builder(tiers: Sequence[str] | None, limits: Limits) -> SuitePlan:
        return plan_builtin(tiers, limits, sandbox=sandbox, sandbox_check=sandbox_check)

    return SuiteSpec(
        name=SUITE_NAME,
        description=(
            "AICC's own cyber-capability suite: security knowledge, CWE "
            "classification, exploitation reasoning (offline) and sandboxed CTF "
            "tasks, in tiers of rising difficulty, scored exactly"
        ),
        tiers=list(TIERS),
        requires=[],
        check=check,
        builder=builder,
    )


def register_suite(name: str, factory: Callable[[], SuiteSpec]) -> None:
    """Add (or replace) a suite under ``name``; the built-in and external names are taken."""
    if name == SUITE_NAME or name in EXTERNAL_SUITES or name in EXTERNAL_ALIASES:
        raise SuiteError(f"the suite name {name!r} is reserved")
    _CUSTOM[name] = factory


def suite_names() -> list[str]:
    """Every suite name, the built-in suite first (aliases left out)."""
    return [SUITE_NAME, *EXTERNAL_SUITES, *sorted(_CUSTOM)]


def get_suite(
    name: str, *, sandbox: str = "docker", sandbox_check: SandboxCheck | None = None
) -> SuiteSpec:
    """The suite called ``name`` (or an alias such as ``intercode_ctf`` or ``3cb``)."""
    key = name.strip().lower()
    if key == SUITE_NAME:
        return builtin_spec(sandbox=sandbox, sandbox_check=sandbox_check)
    if key in EXTERNAL_SUITES or key in EXTERNAL_ALIASES:
        return external_spec(key, sandbox=sandbox, sandbox_check=sandbox_check)
    if name in _CUSTOM:
        return _CUSTOM[name]()
    known = ", ".join(suite_names() + sorted(EXTERNAL_ALIASES))
    raise SuiteError(f"no suite named {name!r}; known suites: {known}")


def list_suites(
    *, sandbox: str = "docker", sandbox_check: SandboxCheck | None = None
) -> list[SuiteSpec]:
    """Every suite, the built-in one first; call `SuiteSpec.available` on each to see which
    can run here."""
    return [get_suite(name, sandbox=sandbox, sandbox_check=sandbox_check) for name in suite_names()]
