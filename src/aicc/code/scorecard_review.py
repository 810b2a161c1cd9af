"""What the AI review changes on a scorecard: static+ai against static, per category and on
average (ΔTPR, ΔFPR, Δscore), each test whose verdict it flipped and the findings behind the flip,
and what the review cost (time, calls, tokens, failed calls).

The review only removes findings (those judged false positives), so a flip is either a false
positive removed (a safe test no longer flagged) or a true positive dropped (a real one missed).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aicc.code.cwes import accepted_cwes
from aicc.core.code_findings import CodeFinding

if TYPE_CHECKING:
    from aicc.code.review import CodeReview, ReviewCost
    from aicc.code.scorecard import ToolScore, Verdict

STATIC, REVIEWED = "static", "static+ai"


def touched_files(finding: CodeFinding) -> frozenset[Path]:
    """The files a finding touches: its own and every file of its source-to-sink path."""
    return frozenset(Path(p).resolve() for p in (finding.file, *(s.file for s in finding.path)))


def _delta(after: float | None, before: float | None) -> float | None:
    return None if after is None or before is None else after - before


@dataclass(frozen=True)
class CategoryChange:
    """static+ai minus static in one category, and the flips behind it."""

    category: str
    tpr: float | None
    fpr: float | None
    score: float | None
    true_positives_dropped: int
    false_positives_removed: int

    def to_json(self) -> dict[str, Any]:
        """The change as a JSON object (deltas are null where a rate is undefined)."""
        return {
            "category": self.category,
            "tpr": self.tpr,
            "fpr": self.fpr,
            "score": self.score,
            "true_positives_dropped": self.true_positives_dropped,
            "false_positives_removed": self.false_positives_removed,
        }


@dataclass(frozen=True)
class DroppedFinding:
    """A finding of a flipped test that the model judged a false positive, and why."""

    file: str
    line: int
    cwe: int
    rule: str
    reason: str

    def to_json(self) -> dict[str, Any]:
        """The finding and the model's reason as a JSON object."""
        return {
            "file": self.file,
            "line": self.line,
            "cwe": self.cwe,
            "rule": self.rule,
            "reason": self.reason,
        }


@dataclass(frozen=True)
class Flip:
    """A test whose verdict the review changed: ``false_positive_removed`` (a safe test no
    longer flagged) or ``true_positive_dropped`` (a real one no longer flagged)."""

    test: str
    category: str
    real: bool
    file: Path
    findings: tuple[DroppedFinding, ...]

    @property
    def change(self) -> str:
        """What the flip did to the score."""
        return "true_positive_dropped" if self.real else "false_positive_removed"

    def to_json(self) -> dict[str, Any]:
        """The flip as a JSON object."""
        return {
            "test": self.test,
            "category": self.category,
            "real": self.real,
            "file": str(self.file),
            "change": self.change,
            "findings": [finding.to_json() for finding in self.findings],
        }


@dataclass(frozen=True)
class ReviewEffect:
    """The change the review made to the static scorecard, and what it cost."""

    model: str
    prompt_version: str
    categories: tuple[CategoryChange, ...]
    average_tpr: float | None
    average_fpr: float | None
    average_score: float | None
    flips: tuple[Flip, ...]
    verdicts: dict[str, int]
    cost: ReviewCost | None

    def to_json(self) -> dict[str, Any]:
        """The ``review`` object of `aicc code bench --format json`."""
        return {
            "model": self.model,
            "prompt_version": self.prompt_version,
            "categories": [c.to_json() for c in self.categories],
            "average": {
                "tpr": self.average_tpr,
                "fpr": self.average_fpr,
                "score": self.average_score,
            },
            "flips": [flip.to_json() for flip in self.flips],
            "verdicts": dict(self.verdicts),
            "cost": self.cost.to_json() if self.cost else None,
        }


def _dropped(review: CodeReview, test: Verdict) -> tuple[DroppedFinding, ...]:
    cwes = accepted_cwes(test.expected.cwe)
    return tuple(
        DroppedFinding(finding.file, finding.line, finding.cwe, finding.rule, verdict.reason)
        for finding, verdict in zip(review.scan.findings, review.verdicts, strict=True)
        if verdict.verdict == "false_positive"
        and finding.cwe in cwes
        and test.file in touched_files(finding)
    )


def review_effect(
    static: ToolScore, reviewed: ToolScore, tests: Sequence[Verdict], review: CodeReview
) -> ReviewEffect:
    """static+ai (``reviewed``) against ``static`` over the scored ``tests``."""
    flips = tuple(
        Flip(
            test.expected.test,
            test.expected.category,
            test.expected.real,
            test.file,
            _dropped(review, test),
        )
        for test in tests
        if test.flagged.get(STATIC, False) and not test.flagged.get(REVIEWED, False)
    )
    before = {c.category: c for c in static.categories}
    categories = tuple(
        CategoryChange(
            after.category,
            _delta(after.tpr, before[after.category].tpr),
            _delta(after.fpr, before[after.category].fpr),
            _delta(after.score, before[after.category].score),
            sum(f.category == after.category and f.real for f in flips),
            sum(f.category == after.category and not f.real for f in flips),
        )
        for after in reviewed.categories
    )
    return ReviewEffect(
        review.model,
        review.prompt_version,
        categories,
        _delta(reviewed.average_tpr, static.average_tpr),
        _delta(reviewed.average_fpr, static.average_fpr),
        _delta(reviewed.average_score, static.average_score),
        flips,
        review.counts(),
        review.cost,
    )
