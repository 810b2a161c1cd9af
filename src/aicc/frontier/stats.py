"""Per-tier statistics of evaluation run results: solve rate, pass@k and bootstrap intervals.

- **Solve rate** of a model on a tier: the mean over tasks of the task's mean score over epochs,
  so every task weighs the same whatever its number of epochs.
- **pass@k**: the unbiased estimator of Chen et al. (2021), ``1 - C(n-c, k) / C(n, k)`` per task
  (``n`` epochs, ``c`` of them solved, i.e. scored at least ``solved_at``), averaged over tasks;
  reported for ``k`` = 1 .. the smallest number of epochs any task of the tier has.
- **Confidence interval**: percentile bootstrap, resampling *tasks* with replacement (a task's
  epochs stay with it, since they are not independent draws of the tier), ``resamples`` times
  (2000 by default), quantiles by linear interpolation. Seeded: the same results, seed, model and
  tier always give the same interval.
- **Difference** submission - reference on a tier: the mean over the tasks *both* models have of
  the per-task difference, with a paired bootstrap interval (one resample of the shared task ids
  serves both models). Tasks only one model has are left out and listed in ``excluded_tasks``.

Everything is plain Python (``random.Random``, ``math.fsum``, ``math.comb``).
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from aicc.frontier.results import EvaluationRunResults, ModelRun

CONFIDENCE = 0.95
RESAMPLES = 2000
SEED = 0
#: A sample counts as solved for pass@k when its score reaches this value.
SOLVED_AT = 1.0


@dataclass(frozen=True)
class TierStats:
    """One model on one tier. ``solve_rate`` and the interval are None when it has no tasks.

    ``epochs`` is the smallest number of epochs any task has and ``max_epochs`` the largest (they
    differ when samples errored and were left out).
    """

    model: str
    tier: str
    tasks: int
    epochs: int
    solve_rate: float | None
    pass_at_k: dict[int, float]
    ci_low: float | None
    ci_high: float | None
    max_epochs: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "tier": self.tier,
            "tasks": self.tasks,
            "epochs": self.epochs,
            "max_epochs": self.max_epochs,
            "solve_rate": self.solve_rate,
            "pass_at_k": {str(k): value for k, value in self.pass_at_k.items()},
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
        }


@dataclass(frozen=True)
class Difference:
    """Submission minus one reference on one tier, over the tasks both have (None if none)."""

    tier: str
    reference: str
    diff: float | None
    ci_low: float | None
    ci_high: float | None
    model: str = ""
    tasks: int = 0
    excluded_tasks: tuple[str, ...] = ()

    @property
    def note(self) -> str:
        """Says which tasks were left out of the comparison, if any."""
        if not self.excluded_tasks:
            return ""
        return (
            f"{len(self.excluded_tasks)} task(s) scored for only one of the two models were "
            f"left out; the difference uses the {self.tasks} shared task(s)"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "tier": self.tier,
            "reference": self.reference,
            "tasks": self.tasks,
            "diff": self.diff,
            "ci_low": self.ci_low,
            "ci_high": self.ci_high,
            "excluded_tasks": list(self.excluded_tasks),
            "note": self.note,
        }


def pass_at_k(n: int, c: int, k: int) -> float:
    """Chance that at least one of ``k`` of ``n`` attempts, ``c`` of them correct, is correct."""
    if not 0 <= c <= n or not 1 <= k <= n:
        raise ValueError(f"pass@k needs 0 <= c <= n and 1 <= k <= n, got n={n}, c={c}, k={k}")
    if n - c < k:
        return 1.0
    return 1.0 - math.comb(n - c, k) / math.comb(n, k)


def mean(values: Sequence[float]) -> float:
    """The exactly rounded mean (``math.fsum``), so constant values give that value back."""
    return math.fsum(values) / len(values)


def quantile(ordered: Sequence[float], q: float) -> float:
    """The ``q`` quantile of sorted values, interpolating linearly (numpy's default method)."""
    position = q * (len(ordered) - 1)
    low = math.floor(position)
    high = min(low + 1, len(ordered) - 1)
    fraction = position - low
    if fraction == 0.0 or ordered[low] == ordered[high]:
        return ordered[low]
    return ordered[low] + (ordered[high] - ordered[low]) * fraction


def bootstrap_ci(
    values: Sequence[float],
    *,
    confidence: float = CONFIDENCE,
    resamples: int = RESAMPLES,
    rng: random.Random,
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values`` (one value per task)."""
    if not values:
        raise ValueError("a bootstrap interval needs at least one value")
    if not 0.0 < confidence < 1.0 or resamples < 1:
        raise ValueError(
            f"need 0 < confidence < 1 and resamples >= 1, got {confidence}, {resamples}"
        )
    size = len(values)
    population = list(values)
    means = sorted(math.fsum(rng.choices(population, k=size)) / size for _ in range(resamples))
    tail = (1.0 - confidence) / 2.0
    return quantile(means, tail), quantile(means, 1.0 - tail)


def task_scores(run: ModelRun, tier: str) -> dict[str, list[float]]:
    """The model's scores on ``tier``: task id -> scores in epoch order."""
    by_task: dict[str, list[tuple[int, float]]] = {}
    for sample in run.samples:
        if sample.tier == tier:
            by_task.setdefault(sample.task_id, []).append((sample.epoch, sample.score))
    return {task: [score for _, score in sorted(scores)] for task, scores in by_task.items()}


def _rng(seed: int, *parts: str) -> random.Random:
    # A string seed is hashed with SHA-512 by random.Random: stable across processes and
    # independent of the order in which tiers and models are computed.
    return random.Random("\x1f".join([str(seed), *parts]))


def tier_stats(
    run: ModelRun,
    tier: str,
    *,
    confidence: float = CONFIDENCE,
    resamples: int = RESAMPLES,
    seed: int = SEED,
    solved_at: float = SOLVED_AT,
    ks: Sequence[int] | None = None,
) -> TierStats:
    """Solve rate, pass@k and the bootstrap interval of one model on one tier.

    ``ks`` defaults to 1 .. the smallest number of epochs of any task; a ``k`` above that is
    left out, since the estimator needs ``k <= n`` for every task.
    """
    scores = task_scores(run, tier)
    if not scores:
        return TierStats(run.model, tier, 0, 0, None, {}, None, None, 0)
    ordered = [scores[task] for task in sorted(scores)]
    epochs = min(len(task) for task in ordered)
    per_task = [mean(task) for task in ordered]
    wanted = range(1, epochs + 1) if ks is None else [k for k in ks if 1 <= k <= epochs]
    passes = {
        k: mean(
            [pass_at_k(len(task), sum(score >= solved_at for score in task), k) for task in ordered]
        )
        for k in wanted
    }
    low, high = bootstrap_ci(
        per_task, confidence=confidence, resamples=resamples, rng=_rng(seed, run.model, tier)
    )
    return TierStats(
        run.model,
        tier,
        len(ordered),
        epochs,
        mean(per_task),
        passes,
        low,
        high,
        max(len(task) for task in ordered),
    )


def difference(
    submission: ModelRun,
    reference: ModelRun,
    tier: str,
    *,
    confidence: float = CONFIDENCE,
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> Difference:
    """Submission minus reference on ``tier``, with a paired bootstrap interval."""
    ours = task_scores(submission, tier)
    theirs = task_scores(reference, tier)
    shared = sorted(set(ours) & set(theirs))
    excluded = tuple(sorted(set(ours) ^ set(theirs)))
    if not shared:
        return Difference(tier, reference.model, None, None, None, submission.model, 0, excluded)
    diffs = [mean(ours[task]) - mean(theirs[task]) for task in shared]
    low, high = bootstrap_ci(
        diffs,
        confidence=confidence,
        resamples=resamples,
        rng=_rng(seed, submission.model, reference.model, tier),
    )
    return Difference(
        tier, reference.model, mean(diffs), low, high, submission.model, len(shared), excluded
    )


def evaluation_run_stats(
    results: EvaluationRunResults,
    *,
    tiers: Sequence[str] | None = None,
    confidence: float = CONFIDENCE,
    resamples: int = RESAMPLES,
    seed: int = SEED,
) -> tuple[list[TierStats], list[Difference]]:
    """Statistics of every run on every tier, and the submission's difference to each reference.

    ``tiers`` defaults to the run's tiers (those with scores or skipped), in ladder order.
    """
    chosen = list(tiers) if tiers is not None else results.tiers()
    stats = [
        tier_stats(run, tier, confidence=confidence, resamples=resamples, seed=seed)
        for run in results.runs
        for tier in chosen
    ]
    differences = [
        difference(
            results.submission,
            reference,
            tier,
            confidence=confidence,
            resamples=resamples,
            seed=seed,
        )
        for reference in results.references
        for tier in chosen
    ]
    return stats, differences


def index_stats(stats: Sequence[TierStats]) -> Mapping[tuple[str, str], TierStats]:
    """Statistics keyed by (model, tier)."""
    return {(item.model, item.tier): item for item in stats}
