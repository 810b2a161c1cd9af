"""The shapes every evaluation suite shares: limits, a suite's plan of Inspect tasks, its spec.

A *suite* is a named set of Inspect tasks, one task per *tier*. An evaluation run asks the registry
for a `SuiteSpec`, checks `SuiteSpec.available`, then calls `SuiteSpec.build` with the limits that
apply to every model alike; the `SuitePlan` it gets back holds the Inspect tasks to run and the
tiers that were skipped, each with its reason (a sandboxed tier without Docker, for example).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from inspect_ai import Task

from aicc.core.errors import AiccError
from aicc.core.problems import Problem

#: The result of an availability check: ``(usable, reason)``; the reason is never empty.
Availability = tuple[bool, str]


class SuiteError(AiccError):
    """A suite is unknown, unavailable, or was asked for a tier it does not have."""


@dataclass(frozen=True)
class Limits:
    """Per-sample limits, the same for every model of an evaluation run.

    ``message_limit`` bounds the conversation (agentic tasks stop there), ``token_limit`` the
    tokens a sample may use, ``time_limit`` its wall-clock seconds; ``None`` means no limit.
    """

    message_limit: int | None = 30
    token_limit: int | None = None
    time_limit: int | None = None

    def __post_init__(self) -> None:
        for name in ("message_limit", "token_limit", "time_limit"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                raise SuiteError(f"{name} must be a positive integer or None, got {value}")

    def to_dict(self) -> dict[str, int | None]:
        return {
            "message_limit": self.message_limit,
            "token_limit": self.token_limit,
            "time_limit": self.time_limit,
        }


@dataclass(frozen=True)
class SuitePlan:
    """What to run for a suite: one Inspect task per runnable tier, and the skipped tiers."""

    suite: str
    tasks: list[Task]
    skipped: list[Problem] = field(default_factory=list)  # location: the tier
    #: The solver every model gets, in words, for the evaluation run's settings record.
    solver: str = ""

    def skipped_reasons(self) -> dict[str, str]:
        """tier -> reason, for the evaluation run results' ``skipped_tiers``."""
        return {str(skip.location): skip.reason for skip in self.skipped}


Builder = Callable[[Sequence[str] | None, Limits], SuitePlan]


@dataclass(frozen=True)
class SuiteSpec:
    """A suite the center can run, by name.

    ``requires`` lists the prerequisites in words (``"inspect_evals"``, ``"docker"``);
    ``check`` says whether they are met now, with the reason; ``builder`` makes the plan.
    """

    name: str
    description: str
    tiers: list[str]
    requires: list[str]
    check: Callable[[], Availability]
    builder: Builder

    def available(self) -> Availability:
        """``(True, note)`` when the suite can run now, else ``(False, what is missing)``."""
        return self.check()

    def build(self, tiers: Sequence[str] | None = None, limits: Limits | None = None) -> SuitePlan:
        """The plan for ``tiers`` (all by default); `SuiteError` when unavailable."""
        unknown = sorted(set(tiers or ()) - set(self.tiers))
        if unknown:
            raise SuiteError(
                f"suite {self.name!r} has no tier {', '.join(map(repr, unknown))}; "
                f"its tiers are {', '.join(self.tiers)}"
            )
        ok, reason = self.available()
        if not ok:
            raise SuiteError(f"suite {self.name!r} is unavailable: {reason}")
        return self.builder(tiers, limits or Limits())
