"""Benchmark the frontier program: an evaluation run of the offline tiers, and a determination.

Prints one JSON line. Targets (issue 5): the evaluation run (every offline task x 5 epochs x 2
mock models) in at most 60 s, most of it Inspect's own time; a determination over stored
results in under 2 s.

    python bench/frontier_bench.py [--epochs 5]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from aicc.frontier.determine import determine
from aicc.frontier.evaluation_run import (
    Contender,
    EvaluationRunTiming,
    evaluate_models,
    offline_mock,
)
from aicc.frontier.policy import load_policy
from aicc.frontier.results import EvaluationRunResults
from aicc.frontier.suites.base import Limits
from aicc.frontier.suites.registry import get_suite


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()
    started = time.perf_counter()
    plan = get_suite("builtin", sandbox_check=lambda: (False, "offline benchmark")).build(
        None, Limits()
    )
    tasks = sum(len(task.dataset) for task in plan.tasks)
    build_s = time.perf_counter() - started
    timing = EvaluationRunTiming()
    with tempfile.TemporaryDirectory() as tmp:
        contenders = [
            Contender("mockllm/candidate", "submission", offline_mock("candidate")),
            Contender("mockllm/reference", "reference", offline_mock("reference")),
        ]
        results = evaluate_models(
            plan, contenders, epochs=args.epochs, limits=Limits(), log_dir=Path(tmp), timing=timing
        )
        stored = json.dumps(results.to_dict())
    began = time.perf_counter()
    outcome = determine(EvaluationRunResults.from_dict(json.loads(stored)), load_policy(), None)
    determine_s = time.perf_counter() - began
    print(
        json.dumps(
            {
                "benchmark": "frontier",
                "tasks": tasks,
                "epochs": args.epochs,
                "models": 2,
                "samples": sum(len(r.samples) for r in results.runs),
                "evaluation_run_s": round(timing.total_s + build_s, 2),
                "target_evaluation_run_s": 60,
                "inspect_s": round(timing.inspect_s, 2),
                "ours_s": round(timing.ours_s + build_s, 2),
                "determine_s": round(determine_s, 3),
                "target_determine_s": 2,
                "outcome": outcome.outcome,
            }
        )
    )


if __name__ == "__main__":
    main()
