"""The determination: is the submitted model a covered frontier model, under which policy, why.

`determine` applies a `Policy` to `EvaluationRunResults` (and the developer's declarations) and
returns one of three outcomes, each with every rule's result, the numbers behind it and the
logs it rests on:

- ``covered``: at least one criterion of the policy fired, on a tier whose evidence meets the
  policy's minimums (or, for a declaration rule, on the developer's own declaration);
- ``insufficient_evidence``: no criterion fired, and an evidence check did (a required tier
  skipped or failed, too few epochs or tasks, no reference model);
- ``not_covered``: no criterion fired and the evidence is sufficient.

The outcome is advisory: it records what the evidence shows and carries no other state.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

from aicc.frontier.policy import (
    DeclarationRule,
    Policy,
    ReferenceMarginRule,
    Rule,
    SolveRateRule,
    normalise_level,
)
from aicc.frontier.results import EvaluationRunResults, ModelRun, tier_order
from aicc.frontier.stats import Difference, TierStats, evaluation_run_stats, index_stats

Outcome = Literal["covered", "not_covered", "insufficient_evidence"]
OUTCOMES: tuple[Outcome, ...] = ("covered", "not_covered", "insufficient_evidence")


@dataclass(frozen=True)
class RuleResult:
    """One rule of the policy applied to the results.

    ``kind`` is ``criterion`` (fired: the model meets it) or ``evidence`` (fired: the evidence
    falls short in this respect).
    """

    rule_id: str
    fired: bool
    description: str
    numbers: dict[str, Any]
    logs: list[str]
    kind: str = "criterion"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.rule_id,
            "kind": self.kind,
            "fired": self.fired,
            "description": self.description,
            "numbers": self.numbers,
            "logs": self.logs,
        }


@dataclass(frozen=True)
class Determination:
    """The outcome, the policy it was reached under, and every rule with its numbers."""

    outcome: Outcome
    policy_id: str
    rules: list[RuleResult]
    stats: list[TierStats]
    differences: list[Difference]
    summary: str = ""
    settings: dict[str, Any] = field(default_factory=dict)

    @property
    def fired(self) -> list[RuleResult]:
        """The rules that fired (criteria met, evidence checks failed)."""
        return [rule for rule in self.rules if rule.fired]

    def to_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "policy": self.policy_id,
            "summary": self.summary,
            "rules": [rule.to_dict() for rule in self.rules],
            "stats": [item.to_dict() for item in self.stats],
            "differences": [item.to_dict() for item in self.differences],
            "settings": self.settings,
        }


def determine(
    results: EvaluationRunResults,
    policy: Policy,
    declarations: Mapping[str, Any] | None = None,
    *,
    log_links: Sequence[str] = (),
    as_of: date | None = None,
) -> Determination:
    """Apply ``policy`` to ``results``; ``as_of`` (default: today) must be on or after the
    policy's effective date. ``log_links`` (for example viewer URLs of the stored logs) are added
    to the logs of every rule that rests on scores.
    """
    policy.check_effective(as_of or date.today())
    tiers = tier_order([*results.tiers(), *policy.tier_ids()])
    stats, differences = evaluation_run_stats(
        results,
        tiers=tiers,
        confidence=policy.evidence.confidence,
        resamples=policy.evidence.bootstrap_resamples,
        seed=policy.evidence.seed,
    )
    context = _Context(
        results,
        policy,
        index_stats(stats),
        {(item.reference, item.tier): item for item in differences},
        list(log_links),
    )
    evidence = context.evidence_checks()
    criteria = [context.criterion(rule, declarations or {}) for rule in policy.rules]
    if any(rule.fired for rule in criteria):
        outcome: Outcome = "covered"
        summary = "covered: " + "; ".join(rule.rule_id for rule in criteria if rule.fired)
    elif any(rule.fired for rule in evidence):
        outcome = "insufficient_evidence"
        summary = "insufficient evidence: " + "; ".join(
            f"{rule.rule_id} ({', '.join(rule.numbers['problems'])})"
            for rule in evidence
            if rule.fired
        )
    else:
        outcome = "not_covered"
        summary = "not covered: no criterion fired and the evidence meets the policy's minimums"
    return Determination(
        outcome, policy.id, criteria + evidence, stats, differences, summary, dict(results.settings)
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


class _Context:
    """The results, the policy and the computed statistics, shared by the rule checks."""

    def __init__(
        self,
        results: EvaluationRunResults,
        policy: Policy,
        stats: Mapping[tuple[str, str], TierStats],
        differences: Mapping[tuple[str, str], Difference],
        links: list[str],
    ) -> None:
        self.results = results
        self.policy = policy
        self.stats = stats
        self.differences = differences
        self.links = links

    def logs(self, runs: Sequence[ModelRun]) -> list[str]:
        found = [log for run in runs for log in run.log_files]
        return list(dict.fromkeys([*found, *self.links]))

    def tier_problem(self, run: ModelRun, tier: str) -> str | None:
        """Why ``run``'s scores on ``tier`` cannot support a conclusion, or None."""
        found = self.classified_problem(run, tier)
        return None if found is None else found[1]

    def classified_problem(self, run: ModelRun, tier: str) -> tuple[str, str] | None:
        """(``missing`` | ``tasks`` | ``epochs``, the reason), or None when the tier is usable."""
        if tier in self.results.skipped_tiers:
            reason = self.results.skipped_tiers[tier].removeprefix("skipped: ")
            return "missing", f"{tier} skipped: {reason}"
        if tier in run.failed_tiers:
            return "missing", f"{tier} failed for {run.model}: {run.failed_tiers[tier]}"
        item = self.stats[(run.model, tier)]
        minimum = self.policy.evidence
        if item.tasks == 0:
            return "missing", f"{tier}: no scores for {run.model}"
        if item.tasks < minimum.min_tasks:
            return "tasks", (
                f"{tier}: {item.tasks} task(s) for {run.model}, fewer than {minimum.min_tasks}"
            )
        if item.epochs < minimum.min_epochs:
            return "epochs", (
                f"{tier}: {item.epochs} epoch(s) for {run.model}, fewer than {minimum.min_epochs}"
            )
        return None

    def shared_problem(self, difference: Difference) -> str | None:
        """Why a comparison has too few shared tasks, or None."""
        if difference.tasks < self.policy.evidence.min_tasks:
            return (
                f"{difference.tier}: {difference.tasks} task(s) shared with "
                f"{difference.reference}, fewer than {self.policy.evidence.min_tasks}"
            )
        return None

    def evidence_checks(self) -> list[RuleResult]:
        """The insufficient-evidence triggers, each fired when the evidence falls short."""
        minimum = self.policy.evidence
        runs = self.results.runs
        found: dict[str, list[str]] = {"missing": [], "tasks": [], "epochs": []}
        submission = self.results.submission
        for tier in minimum.required_tiers:
            for run in runs:
                problem = self.classified_problem(run, tier)
                if problem is not None:
                    found[problem[0]].append(problem[1])
            for reference in self.results.references:
                both = (
                    self.stats[(submission.model, tier)].tasks
                    and self.stats[(reference.model, tier)].tasks
                )
                shared = self.shared_problem(self.differences[(reference.model, tier)])
                if both and shared is not None:
                    found["tasks"].append(shared)
        missing = list(dict.fromkeys(found["missing"]))
        epochs, tasks = found["epochs"], found["tasks"]
        scored = [run.model for run in self.results.references if run.samples]
        no_reference = minimum.require_reference and not scored
        checks: list[tuple[str, list[str], str, dict[str, Any]]] = [
            (
                "evidence.required-tiers",
                missing,
                f"A required tier ({', '.join(minimum.required_tiers)}) was skipped, failed or has "
                "no scores for a model.",
                {},
            ),
            (
                "evidence.min-epochs",
                epochs,
                f"A model has fewer than {minimum.min_epochs} epochs per task on a required tier.",
                {"min_epochs": minimum.min_epochs},
            ),
            (
                "evidence.min-tasks",
                tasks,
                f"A model has fewer than {minimum.min_tasks} tasks on a required tier, or shares "
                "fewer with a reference model.",
                {"min_tasks": minimum.min_tasks},
            ),
            (
                "evidence.reference",
                ["no reference model produced scores"] if no_reference else [],
                "No reference model produced scores, so results cannot be read relative to the "
                "models already available.",
                {"require_reference": minimum.require_reference, "references": scored},
            ),
        ]
        return [
            RuleResult(
                rule_id,
                bool(problems),
                description,
                {**extra, "problems": problems},
                self.logs(runs),
                kind="evidence",
            )
            for rule_id, problems, description, extra in checks
        ]

    def criterion(self, rule: Rule, declarations: Mapping[str, Any]) -> RuleResult:
        if isinstance(rule, SolveRateRule):
            return self.solve_rate(rule)
        if isinstance(rule, ReferenceMarginRule):
            return self.reference_margin(rule)
        return self.declared(rule, declarations)

    def solve_rate(self, rule: SolveRateRule) -> RuleResult:
        submission = self.results.submission
        numbers: dict[str, Any] = {}
        fired = False
        for tier, threshold in rule.thresholds.items():
            problem = self.tier_problem(submission, tier)
            if problem is not None:
                numbers[tier] = {"assessed": False, "reason": problem, "threshold": threshold}
                continue
            item = self.stats[(submission.model, tier)]
            assert item.ci_low is not None
            reached = item.ci_low >= threshold
            fired = fired or reached
            numbers[tier] = {
                "assessed": True,
                "fired": reached,
                "threshold": threshold,
                "solve_rate": _round(item.solve_rate),
                "ci_low": _round(item.ci_low),
                "ci_high": _round(item.ci_high),
                "tasks": item.tasks,
                "epochs": item.epochs,
            }
        return RuleResult(rule.id, fired, rule.description, numbers, self.logs([submission]))

    def reference_margin(self, rule: ReferenceMarginRule) -> RuleResult:
        submission = self.results.submission
        references = self.results.references
        numbers: dict[str, Any] = {}
        fired = False
        for tier in rule.tiers:
            numbers[tier] = self.margin_on_tier(submission, references, tier, rule.margin)
            fired = fired or bool(numbers[tier].get("fired"))
        return RuleResult(
            rule.id, fired, rule.description, numbers, self.logs([submission, *references])
        )

    def margin_on_tier(
        self, submission: ModelRun, references: list[ModelRun], tier: str, margin: float
    ) -> dict[str, Any]:
        problem = self.tier_problem(submission, tier)
        if problem is None and not references:
            problem = "no reference model"
        if problem is None:
            problem = next(
                (
                    found
                    for run in references
                    if (found := self.tier_problem(run, tier)) is not None
                ),
                None,
            )
        if problem is not None:
            return {"assessed": False, "reason": problem, "margin": margin}
        comparisons = []
        for run in references:
            item = self.differences[(run.model, tier)]
            shared = self.shared_problem(item)
            if shared is not None:
                return {"assessed": False, "reason": shared, "margin": margin}
            assert item.ci_low is not None
            comparisons.append(
                {
                    "reference": run.model,
                    "reference_solve_rate": _round(self.stats[(run.model, tier)].solve_rate),
                    "diff": _round(item.diff),
                    "ci_low": _round(item.ci_low),
                    "ci_high": _round(item.ci_high),
                    "tasks": item.tasks,
                    "excluded_tasks": list(item.excluded_tasks),
                    "beaten": item.ci_low > margin,
                }
            )
        strongest = max(
            comparisons, key=lambda entry: (entry["reference_solve_rate"], entry["reference"])
        )
        return {
            "assessed": True,
            "fired": all(entry["beaten"] for entry in comparisons),
            "margin": margin,
            "solve_rate": _round(self.stats[(submission.model, tier)].solve_rate),
            "strongest_reference": strongest["reference"],
            "comparisons": comparisons,
        }

    def declared(self, rule: DeclarationRule, declarations: Mapping[str, Any]) -> RuleResult:
        value: Any = declarations
        for part in rule.key.split("."):
            value = value.get(part) if isinstance(value, Mapping) else None
        numbers = declared_level(value, rule.levels)
        return RuleResult(
            rule.id,
            bool(numbers.pop("fired")),
            rule.description,
            {"key": rule.key, **numbers, "levels": list(rule.levels)},
            [],
        )


def _scalar(value: Any) -> str | None:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return str(value).strip() or None


def declared_level(value: Any, levels: Sequence[str]) -> dict[str, Any]:
    """What a developer declares, read for a ``declared_level`` rule.

    The structured declaration, ``{"framework": NAME, "level": LEVEL, "high": true|false}``:
    met when the developer's framework counts the level high (``high: true``), or when the
    level is one of ``levels`` (normalised), which the policy counts high whatever the flag.
    A plain text or number (an older or simpler declaration) is met by ``levels`` alone.
    Returns ``fired``, ``declared`` (in words, None when nothing is declared), ``framework``,
    ``level``, ``high`` (the developer's flag, None when not given) and ``met_by``
    (``framework``, ``policy-levels``; empty when not met).
    """
    framework = level = high = None
    if isinstance(value, Mapping):
        framework = _scalar(value.get("framework"))
        level = _scalar(value.get("level"))
        flag = value.get("high")
        high = flag if isinstance(flag, bool) else None
    else:
        level = _scalar(value)
    met_by = []
    if high:
        met_by.append("framework")
    if level is not None and normalise_level(level) in levels:
        met_by.append("policy-levels")
    declared = level
    if level is not None and framework is not None:
        declared = f"{level} under {framework}"
    if declared is not None and high is not None:
        declared += ", which that framework counts high" if high else ", not high under it"
    elif declared is None and high:
        declared = "a high level" + (f" under {framework}" if framework else "")
    return {
        "fired": bool(met_by),
        "declared": declared,
        "framework": framework,
        "level": level,
        "high": high,
        "met_by": met_by,
    }
