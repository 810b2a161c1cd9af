"""What a review produces: a verdict per static finding, and unverified candidates."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from aicc.code.review.cost import ReviewCost
from aicc.core.code_findings import CodeScan

VERDICTS = ("true_positive", "false_positive", "error")


@dataclass(frozen=True)
class Verdict:
    """The model's judgement of one finding, with everything needed to reproduce it.

    ``verdict`` is ``error`` when no valid answer came after one retry; ``reason`` then says
    what was wrong. ``notes`` records what was dropped (a fix that was not a unified diff) and
    ``attempts`` how many answers it took.
    """

    verdict: str  # "true_positive" | "false_positive" | "error"
    reason: str
    severity: str | None
    fix: str | None
    model: str
    settings: dict[str, Any]
    prompt_version: str
    attempts: int = 1
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        """The verdict as a JSON object."""
        return {
            "verdict": self.verdict,
            "reason": self.reason,
            "severity": self.severity,
            "fix": self.fix,
            "model": self.model,
            "settings": dict(self.settings),
            "prompt_version": self.prompt_version,
            "attempts": self.attempts,
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class Candidate:
    """A possible flaw the model pointed to in a function, which no rule checked.

    ``status`` is ``unverified``; ``confirmed`` when a static finding of the same weakness lies
    in the same function (``confirmed_by`` names it); or ``error`` when the model gave no valid
    answer for the function (``reason`` says why, ``line`` is the function's first line).
    """

    file: str
    function: str
    line: int
    cwe: int | None
    reason: str
    model: str
    prompt_version: str
    status: str = "unverified"
    confirmed_by: str | None = None  # "file:line" of the static finding that confirms it

    def to_json(self) -> dict[str, Any]:
        """The candidate as a JSON object."""
        return {
            "status": self.status,
            "file": self.file,
            "function": self.function,
            "line": self.line,
            "cwe": self.cwe,
            "reason": self.reason,
            "model": self.model,
            "prompt_version": self.prompt_version,
            "confirmed_by": self.confirmed_by,
        }


@dataclass(frozen=True)
class CodeReview:
    """A static scan with the model's verdicts, aligned with ``scan.findings``."""

    scan: CodeScan
    verdicts: tuple[Verdict, ...]
    candidates: tuple[Candidate, ...] = ()
    model: str = ""
    settings: dict[str, Any] = field(default_factory=dict)
    prompt_version: str = ""
    hunt_prompt_version: str | None = None
    cost: ReviewCost | None = None  # None for a review not made by `review_scan`

    def __post_init__(self) -> None:
        if len(self.verdicts) != len(self.scan.findings):
            raise ValueError(
                f"{len(self.verdicts)} verdicts for {len(self.scan.findings)} findings"
            )

    def counts(self) -> dict[str, int]:
        """How many findings got each verdict (every verdict named, zero included)."""
        seen = Counter(verdict.verdict for verdict in self.verdicts)
        return {name: seen[name] for name in VERDICTS}

    def confirmed(self) -> CodeScan:
        """The scan without the findings judged ``false_positive`` (errors are kept)."""
        kept = tuple(
            finding
            for finding, verdict in zip(self.scan.findings, self.verdicts, strict=True)
            if verdict.verdict != "false_positive"
        )
        return replace(self.scan, findings=kept)

    def to_json(self) -> dict[str, Any]:
        """The scan's JSON with a ``review`` object in each finding, the model and prompt
        version, a ``review`` summary (settings, counts, cost) and the ``candidates``."""
        data = self.scan.to_json()
        data["findings"] = [
            {**finding.to_json(), "review": verdict.to_json()}
            for finding, verdict in zip(self.scan.findings, self.verdicts, strict=True)
        ]
        data["model"] = self.model
        data["prompt_version"] = self.prompt_version
        data["review"] = {
            "settings": dict(self.settings),
            "verdicts": self.counts(),
            "hunt_prompt_version": self.hunt_prompt_version,
            "cost": self.cost.to_json() if self.cost else None,
        }
        data["candidates"] = [candidate.to_json() for candidate in self.candidates]
        return data
