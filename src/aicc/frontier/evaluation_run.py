"""An evaluation run: one suite against the submitted model and reference models, with Inspect.

Every model gets the same tasks, solver, limits and epochs; each model's evals run with Inspect
(``inspect_ai.eval``) and keep their logs under ``log_dir/<model>``. What the logs say becomes a
`EvaluationRunResults` (the rules are in ``aicc.frontier.results``): scored samples, errored samples
left out with their error, evals that did not finish as failed tiers, skipped tiers with their
reason. The statistics and the determination work on that record alone.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import inspect_ai
from inspect_ai.log import EvalLog
from inspect_ai.model import ChatMessage, Model, ModelOutput, ModelUsage, get_model
from inspect_ai.scorer import value_to_float

from aicc.frontier.results import EvaluationRunResults, ModelRun, Role, SampleScore
from aicc.frontier.suites.base import Limits, SuitePlan

_TO_FLOAT = value_to_float()


@dataclass(frozen=True)
class Contender:
    """One model of an evaluation run: the name results record, its role, and what Inspect runs."""

    name: str
    role: Role
    model: str | Model


@dataclass
class EvaluationRunTiming:
    """Where the time went: Inspect's evals, and AICC's own work around them."""

    inspect_s: float = 0.0
    total_s: float = 0.0
    per_model: dict[str, float] = field(default_factory=dict)

    @property
    def ours_s(self) -> float:
        return max(self.total_s - self.inspect_s, 0.0)


def offline_mock(name: str, answer: Callable[[str], str] | None = None) -> Model:
    """A ``mockllm`` model that runs offline: every output carries its token usage, so Inspect
    never downloads a tokenizer. ``answer(prompt)`` scripts the reply (default: no answer)."""

    def reply(messages: list[ChatMessage], *_args: Any) -> ModelOutput:
        prompt = messages[-1].text if messages else ""
        text = answer(prompt) if answer is not None else "I cannot answer that."
        usage = ModelUsage(
            input_tokens=max(len(prompt) // 4, 1),
            output_tokens=max(len(text) // 4, 1),
            total_tokens=max(len(prompt) // 4, 1) + max(len(text) // 4, 1),
        )
        return ModelOutput.from_content(model=name, content=text).model_copy(
            update={"usage": usage}
        )

    return get_model(f"mockllm/{name}", custom_outputs=reply, memoize=False)


def inspect_model(model: str) -> str | Model:
    """What Inspect should run for a model string: ``mockllm/*`` made offline-safe."""
    if model.startswith("mockllm/"):
        return offline_mock(model.removeprefix("mockllm/"))
    return model


def evaluate_models(
    plan: SuitePlan,
    contenders: Sequence[Contender],
    *,
    epochs: int,
    limits: Limits,
    log_dir: Path,
    display: str = "none",
    timing: EvaluationRunTiming | None = None,
) -> EvaluationRunResults:
    """Run every task of ``plan`` for every contender, alike, and gather the results."""
    started = time.perf_counter()
    timing = timing if timing is not None else EvaluationRunTiming()
    runs = []
    for contender in contenders:
        folder = log_dir / _safe(contender.name)
        before = time.perf_counter()
        logs = inspect_ai.eval(
            plan.tasks,
            model=contender.model,
            epochs=epochs,
            message_limit=limits.message_limit,
            token_limit=limits.token_limit,
            time_limit=limits.time_limit,
            log_dir=str(folder),
            display=display,  # type: ignore[arg-type]
            fail_on_error=False,
            score_display=False,
        )
        spent = time.perf_counter() - before
        timing.per_model[contender.name] = round(spent, 3)
        timing.inspect_s += spent
        runs.append(model_run(contender, logs))
    settings = {"solver": plan.solver, "limits": limits.to_dict(), "epochs": epochs}
    results = EvaluationRunResults(
        suite=plan.suite, settings=settings, runs=runs, skipped_tiers=plan.skipped_reasons()
    )
    timing.total_s = time.perf_counter() - started
    return results


def model_run(contender: Contender, logs: Sequence[EvalLog]) -> ModelRun:
    """One model's `ModelRun` from its Inspect logs (see ``aicc.frontier.results``)."""
    samples: list[SampleScore] = []
    errors: list[str] = []
    failed: dict[str, str] = {}
    files: list[str] = []
    for log in logs:
        tier = _tier_of(log)
        files.append(log.location)
        if log.status != "success":
            reason = log.error.message if log.error else f"the eval ended as {log.status}"
            failed[tier] = reason
            errors.append(f"{log.eval.task}: {reason}")
        scored_before = len(samples)
        for sample in log.samples or []:
            if sample.error is not None:
                errors.append(
                    f"{log.eval.task} sample {sample.id} epoch {sample.epoch}: "
                    f"{sample.error.message}"
                )
                continue
            if not sample.scores:
                continue
            score = next(iter(sample.scores.values()))
            samples.append(
                SampleScore(
                    task_id=str(sample.id),
                    tier=str((sample.metadata or {}).get("tier", tier)),
                    epoch=sample.epoch,
                    score=min(max(_TO_FLOAT(score.value), 0.0), 1.0),
                )
            )
        if log.samples and len(samples) == scored_before and tier not in failed:
            # every sample errored (a wrong key, an endpoint down): the tier did not run
            first = next((s.error.message for s in log.samples if s.error is not None), "")
            failed[tier] = f"every sample failed: {first}" if first else "no sample was scored"
    return ModelRun(
        model=contender.name,
        role=contender.role,
        samples=samples,
        errors=errors,
        log_files=files,
        failed_tiers=failed,
    )


def _tier_of(log: EvalLog) -> str:
    metadata = log.eval.metadata or {}
    tier = metadata.get("tier")
    return str(tier) if tier else log.eval.task.rsplit("_", 1)[-1]


def _safe(name: str) -> str:
    """A model name as a folder name."""
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("._") or "model"
