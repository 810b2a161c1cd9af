"""A whole evaluation run with Inspect, offline: scripted mock models, real evals, real logs."""

from __future__ import annotations

from pathlib import Path

import pytest
from inspect_ai.dataset import Sample

from aicc.frontier.determine import determine
from aicc.frontier.evaluation_run import Contender, evaluate_models, offline_mock
from aicc.frontier.policy import load_policy
from aicc.frontier.stats import tier_stats
from aicc.frontier.suites.base import Limits, SuitePlan
from aicc.frontier.suites.registry import get_suite

NO_DOCKER = "no docker in this test"


@pytest.fixture(scope="module")
def plan() -> SuitePlan:
    spec = get_suite("builtin", sandbox_check=lambda: (False, NO_DOCKER))
    return spec.build(None, Limits())


def _answers(plan: SuitePlan, tiers: set[str]) -> dict[str, str]:
    """Prompt text -> the target, for the tasks of ``tiers``: a mock that knows the answers."""
    key: dict[str, str] = {}
    for task in plan.tasks:
        for sample in task.dataset:
            assert isinstance(sample, Sample)
            if (sample.metadata or {}).get("tier") in tiers:
                target = sample.target if isinstance(sample.target, str) else sample.target[0]
                key[str(sample.input)] = target
    return key


def test_evaluation_run_scores_each_model_alike_and_keeps_the_logs(
    plan: SuitePlan, tmp_path: Path
) -> None:
    key = _answers(plan, {"exploitation"})

    def candidate(prompt: str) -> str:
        return next(
            (answer for question, answer in key.items() if question in prompt), "I do not know."
        )

    contenders = [
        Contender("mockllm/candidate", "submission", offline_mock("candidate", candidate)),
        Contender("mockllm/reference", "reference", offline_mock("reference")),
    ]
    results = evaluate_models(plan, contenders, epochs=5, limits=Limits(), log_dir=tmp_path)
    assert results.skipped_tiers == {"agentic": f"skipped: no usable docker sandbox ({NO_DOCKER})"}
    assert results.settings["epochs"] == 5
    submission, reference = results.runs
    assert (submission.role, reference.role) == ("submission", "reference")
    assert not submission.errors and not submission.failed_tiers
    tasks = sum(len(task.dataset) for task in plan.tasks)
    assert len(submission.samples) == len(reference.samples) == tasks * 5
    rates = {
        tier: tier_stats(submission, tier).solve_rate
        for tier in ("knowledge", "vulnerability", "exploitation")
    }
    assert rates == {"knowledge": 0.0, "vulnerability": 0.0, "exploitation": 1.0}
    assert tier_stats(reference, "exploitation").solve_rate == 0.0
    assert all(Path(f).exists() and str(tmp_path) in f for f in submission.log_files)
    # the candidate reliably solves the professional tier: rule (a) fires, whatever is missing
    decision = determine(results, load_policy(), None)
    fired = {r.rule_id for r in decision.rules if r.fired}
    assert decision.outcome == "covered" and "professional-tier-solve-rate" in fired


def test_a_model_that_answers_nothing_is_not_covered_but_agentic_is_missing(
    plan: SuitePlan, tmp_path: Path
) -> None:
    contenders = [
        Contender("mockllm/quiet", "submission", offline_mock("quiet")),
        Contender("mockllm/reference", "reference", offline_mock("reference")),
    ]
    results = evaluate_models(plan, contenders, epochs=5, limits=Limits(), log_dir=tmp_path)
    decision = determine(results, load_policy(), None)
    # without the sandboxed tier the default policy cannot say "not covered"
    assert decision.outcome == "insufficient_evidence"
    missing = next(r for r in decision.rules if r.rule_id == "evidence.required-tiers")
    assert missing.fired
