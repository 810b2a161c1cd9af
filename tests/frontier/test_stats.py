"""Statistics of evaluation run results against hand-computed values, and the results data model."""

from __future__ import annotations

import json
import random

import pytest

from aicc.frontier.results import EvaluationRunResults, ModelRun, ResultsError, Role, SampleScore
from aicc.frontier.stats import (
    bootstrap_ci,
    difference,
    evaluation_run_stats,
    pass_at_k,
    quantile,
    tier_stats,
)


def run(
    model: str,
    tasks: dict[str, list[float]],
    *,
    tier: str = "exploitation",
    role: Role = "submission",
) -> ModelRun:
    """A run whose task ``id`` has the given scores in epochs 1, 2, ..."""
    samples = [
        SampleScore(task, tier, epoch, score)
        for task, scores in tasks.items()
        for epoch, score in enumerate(scores, 1)
    ]
    return ModelRun(model, role, samples)


@pytest.mark.parametrize(("k", "expected"), [(1, 0.4), (2, 0.7), (3, 0.9), (4, 1.0), (5, 1.0)])
def test_pass_at_k_n5_c2(k: int, expected: float) -> None:
    # 1 - C(3,k)/C(5,k): 1-3/5, 1-3/10, 1-1/10, then n-c < k.
    assert pass_at_k(5, 2, k) == pytest.approx(expected)


def test_pass_at_k_bounds() -> None:
    assert pass_at_k(5, 0, 3) == 0.0
    assert pass_at_k(5, 5, 1) == 1.0
    with pytest.raises(ValueError, match="k <= n"):
        pass_at_k(3, 1, 4)


def test_quantile_interpolates_linearly() -> None:
    assert quantile([0.0, 1.0, 2.0, 3.0], 0.5) == 1.5
    assert quantile([0.0, 1.0, 2.0, 3.0], 0.0) == 0.0
    assert quantile([0.0, 1.0, 2.0, 3.0], 1.0) == 3.0


def test_tier_stats_hand_computed() -> None:
    stats = tier_stats(run("m", {"a": [1, 0, 1, 0, 0], "b": [1] * 5, "c": [0] * 5}), "exploitation")
    assert (stats.tasks, stats.epochs, stats.max_epochs) == (3, 5, 5)
    assert stats.solve_rate == pytest.approx((0.4 + 1.0 + 0.0) / 3)
    assert sorted(stats.pass_at_k) == [1, 2, 3, 4, 5]
    assert stats.pass_at_k[1] == pytest.approx((0.4 + 1.0 + 0.0) / 3)
    assert stats.pass_at_k[2] == pytest.approx((0.7 + 1.0 + 0.0) / 3)
    assert stats.pass_at_k[5] == pytest.approx(2 / 3)
    low, high, rate = stats.ci_low, stats.ci_high, stats.solve_rate
    assert low is not None and high is not None and rate is not None
    assert low <= rate <= high
    assert 0.0 <= low < high <= 1.0


def test_solve_rate_weighs_tasks_not_samples_with_unequal_epochs() -> None:
    stats = tier_stats(run("m", {"a": [1, 0], "b": [1, 1, 1, 1]}), "exploitation")
    assert stats.solve_rate == pytest.approx(0.75)  # (0.5 + 1.0) / 2, not 5/6 pooled
    assert (stats.epochs, stats.max_epochs) == (2, 4)
    assert sorted(stats.pass_at_k) == [1, 2]  # k <= the fewest epochs of any task
    assert stats.pass_at_k[2] == pytest.approx(1.0)


def test_partial_scores_count_in_solve_rate_not_in_pass_at_k() -> None:
    stats = tier_stats(run("m", {"a": [0.5, 0.5]}), "exploitation")
    assert stats.solve_rate == 0.5
    assert stats.pass_at_k == {1: 0.0, 2: 0.0}


def test_interval_collapses_for_constant_scores() -> None:
    stats = tier_stats(run("m", {f"t{i}": [1, 1, 0, 1, 0] for i in range(8)}), "exploitation")
    assert stats.solve_rate == 0.6
    assert stats.ci_low == stats.ci_high == 0.6


def test_bootstrap_of_two_tasks_spans_both() -> None:
    # Resampled means are 0, 0.5, 1 with chances 1/4, 1/2, 1/4: the 2.5% and 97.5% points are 0, 1.
    low, high = bootstrap_ci([0.0, 1.0], rng=random.Random(7))
    assert (low, high) == (0.0, 1.0)


def test_bootstrap_is_seeded_and_reproducible() -> None:
    tasks = {f"t{i}": [float(i % 3 == 0), float(i % 2 == 0)] for i in range(20)}
    first = tier_stats(run("m", tasks), "exploitation", seed=3)
    again = tier_stats(run("m", tasks), "exploitation", seed=3)
    other = tier_stats(run("m", tasks), "exploitation", seed=4)
    assert (first.ci_low, first.ci_high) == (again.ci_low, again.ci_high)
    assert (first.ci_low, first.ci_high) != (other.ci_low, other.ci_high)


def test_wider_confidence_gives_wider_interval() -> None:
    tasks = {f"t{i}": [float(i % 3 == 0)] for i in range(30)}
    narrow = tier_stats(run("m", tasks), "exploitation", confidence=0.5)
    wide = tier_stats(run("m", tasks), "exploitation", confidence=0.99)
    assert narrow.ci_low is not None and wide.ci_low is not None
    assert narrow.ci_high is not None and wide.ci_high is not None
    assert wide.ci_low <= narrow.ci_low and narrow.ci_high <= wide.ci_high


def test_tier_without_tasks() -> None:
    stats = tier_stats(run("m", {"a": [1.0]}), "agentic")
    assert (stats.tasks, stats.solve_rate, stats.ci_low, stats.ci_high) == (0, None, None, None)
    assert stats.pass_at_k == {}


def test_paired_difference_collapses_when_the_gap_is_constant() -> None:
    # The tasks differ widely, but the submission is always 0.2 above the reference on each:
    # a paired interval sees no uncertainty; an unpaired one would.
    ours = run("sub", {f"t{i}": [1.0] * (i + 1) + [0.0] * (4 - i) for i in range(4)})
    theirs = run("ref", {f"t{i}": [1.0] * i + [0.0] * (5 - i) for i in range(4)}, role="reference")
    found = difference(ours, theirs, "exploitation")
    assert found.diff == pytest.approx(0.2)
    assert found.ci_low == pytest.approx(0.2) and found.ci_high == pytest.approx(0.2)
    assert (found.tasks, found.excluded_tasks, found.note) == (4, (), "")


def test_difference_uses_shared_tasks_and_says_so() -> None:
    ours = run("sub", {"a": [1.0], "b": [1.0], "only-ours": [1.0]})
    theirs = run("ref", {"a": [0.0], "b": [1.0], "only-theirs": [0.0]}, role="reference")
    found = difference(ours, theirs, "exploitation")
    assert found.diff == pytest.approx(0.5)  # (1 - 0 + 1 - 1) / 2 over a, b
    assert found.tasks == 2
    assert found.excluded_tasks == ("only-ours", "only-theirs")
    assert "2 task(s)" in found.note and "2 shared" in found.note
    low, high, diff = found.ci_low, found.ci_high, found.diff
    assert low is not None and high is not None and diff is not None
    assert low <= diff <= high


def test_difference_without_shared_tasks() -> None:
    found = difference(
        run("sub", {"a": [1.0]}), run("ref", {"b": [0.0]}, role="reference"), "exploitation"
    )
    assert (found.diff, found.ci_low, found.tasks) == (None, None, 0)


def test_evaluation_run_stats_covers_every_run_and_skipped_tiers() -> None:
    runs = [run("sub", {"a": [1.0]}), run("ref", {"a": [0.0]}, role="reference")]
    results = EvaluationRunResults(
        "builtin", {"epochs": 1}, runs, skipped_tiers={"agentic": "no sandbox configured"}
    )
    stats, differences = evaluation_run_stats(results)
    assert [(item.model, item.tier, item.tasks) for item in stats] == [
        ("sub", "exploitation", 1),
        ("sub", "agentic", 0),
        ("ref", "exploitation", 1),
        ("ref", "agentic", 0),
    ]
    assert [(item.tier, item.diff) for item in differences] == [
        ("exploitation", 1.0),
        ("agentic", None),
    ]
    json.dumps([item.to_dict() for item in stats] + [item.to_dict() for item in differences])


def test_results_round_trip_through_json() -> None:
    results = EvaluationRunResults(
        "builtin",
        {"solver": "generate", "limits": {"messages": 10}, "epochs": 2},
        [
            ModelRun(
                "sub",
                "submission",
                [SampleScore("a", "knowledge", 1, 1.0)],
                errors=["boom"],
                log_files=["logs/sub.eval"],
                failed_tiers={"agentic": "sandbox error"},
            ),
            ModelRun("ref", "reference", [SampleScore("a", "knowledge", 1, 0.0)]),
        ],
        skipped_tiers={"agentic": "no sandbox"},
    )
    assert EvaluationRunResults.from_dict(json.loads(json.dumps(results.to_dict()))) == results
    assert results.tiers() == ["knowledge", "agentic"]


@pytest.mark.parametrize(
    ("change", "location"),
    [
        (lambda data: data["runs"][0]["samples"][0].update(score=1.5), "runs[0].samples[0]"),
        (lambda data: data["runs"][0]["samples"][0].update(epoch="1"), "runs[0].samples[0].epoch"),
        (lambda data: data["runs"][1].update(role="judge"), "runs[1].role"),
        (lambda data: data.pop("suite"), "suite"),
        (lambda data: data["runs"][1].update(role="submission"), "runs"),
    ],
)
def test_results_errors_name_the_file_and_json_path(change: object, location: str) -> None:
    data = {
        "suite": "builtin",
        "settings": {},
        "runs": [
            {
                "model": "sub",
                "role": "submission",
                "samples": [{"task_id": "a", "tier": "knowledge", "epoch": 1, "score": 1.0}],
            },
            {"model": "ref", "role": "reference", "samples": []},
        ],
    }
    change(data)  # type: ignore[operator]
    with pytest.raises(ResultsError) as caught:
        EvaluationRunResults.from_dict(data, path="results.json")
    assert caught.value.path == "results.json"
    assert caught.value.location == location


def test_a_task_scored_twice_in_one_epoch_is_refused() -> None:
    with pytest.raises(ResultsError, match="scored twice"):
        ModelRun("m", "submission", [SampleScore("a", "x", 1, 1.0), SampleScore("a", "x", 1, 0.0)])


def test_a_task_in_two_tiers_is_refused() -> None:
    with pytest.raises(ResultsError, match="two tiers"):
        ModelRun("m", "submission", [SampleScore("a", "x", 1, 1.0), SampleScore("a", "y", 2, 1.0)])
