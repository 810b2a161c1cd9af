"""The data model of an evaluation run's results: what it measured, independent of Inspect.

An evaluation run puts one suite to the submitted model and the reference models with the same
solver, limits and epochs. Its results are kept as plain, frozen dataclasses that round-trip
through JSON (``to_dict`` / ``from_dict``), so statistics and the determination can be recomputed
from the stored record without the Inspect logs.

What the code running an evaluation must fill, from the Inspect logs (``inspect_ai.log.EvalLog``):

- one `ModelRun` per model, ``role="submission"`` for exactly one and ``"reference"`` for the
  others; ``model`` is the Inspect model string (``mockllm/model``, ``openai/...``);
- one `SampleScore` per scored sample and epoch: ``task_id`` is the sample id (unique within the
  suite, the same id for every model), ``tier`` the tier of the task (``knowledge``,
  ``vulnerability``, ``exploitation``, ``agentic``), ``epoch`` Inspect's epoch number and ``score``
  the scorer's value as a float in 0..1 (``CORRECT`` -> 1.0, ``INCORRECT`` -> 0.0);
  a sample that errored is *left out* (never scored 0) and its error goes to ``errors``;
- ``errors``: every error message of the model's evals and samples, as text;
- ``failed_tiers``: tier -> reason, for each tier whose eval did not finish for this model
  (``EvalLog.status`` other than ``"success"``);
- ``log_files``: the paths (or URLs) of the model's Inspect log files;
- `EvaluationRunResults.settings`: ``solver``, ``limits`` (messages, tokens, time) and ``epochs``;
- `EvaluationRunResults.skipped_tiers`: tier -> reason for tiers not run at all (for example the
  sandboxed tier when no Docker or Kubernetes sandbox is configured).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, cast

from aicc.core.errors import LocatedError

Role = Literal["submission", "reference"]
ROLES: tuple[Role, ...] = ("submission", "reference")

#: The ladder of tiers of rising difficulty; tiers outside it sort after it, by name.
TIER_LADDER: tuple[str, ...] = ("knowledge", "vulnerability", "exploitation", "agentic")


class ResultsError(LocatedError):
    """Evaluation run results are malformed: ``location`` is the JSON path of the bad value."""


def tier_order(tiers: set[str] | list[str] | tuple[str, ...]) -> list[str]:
    """The tiers in ladder order, unknown tiers after the ladder in alphabetical order."""
    rank = {tier: index for index, tier in enumerate(TIER_LADDER)}
    return sorted(set(tiers), key=lambda tier: (rank.get(tier, len(rank)), tier))


@dataclass(frozen=True)
class SampleScore:
    """The score of one task (Inspect sample) in one epoch, for one model."""

    task_id: str
    tier: str
    epoch: int
    score: float

    def __post_init__(self) -> None:
        if not self.task_id or not self.tier:
            raise ResultsError("task_id and tier must be non-empty")
        if not math.isfinite(self.score) or not 0.0 <= self.score <= 1.0:
            raise ResultsError(
                f"score of {self.task_id} epoch {self.epoch} must be in 0..1, got {self.score}"
            )

    def to_dict(self) -> dict[str, Any]:
        return {
            "task_id": self.task_id,
            "tier": self.tier,
            "epoch": self.epoch,
            "score": self.score,
        }


@dataclass(frozen=True)
class ModelRun:
    """Everything one model produced in an evaluation run."""

    model: str
    role: Role
    samples: list[SampleScore]
    errors: list[str] = field(default_factory=list)
    log_files: list[str] = field(default_factory=list)
    failed_tiers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.role not in ROLES:
            raise ResultsError(
                f"role of {self.model} must be one of {', '.join(ROLES)}, got {self.role!r}"
            )
        seen: set[tuple[str, int]] = set()
        tiers: dict[str, str] = {}
        for sample in self.samples:
            key = (sample.task_id, sample.epoch)
            if key in seen:
                raise ResultsError(
                    f"{self.model}: task {sample.task_id} epoch {sample.epoch} is scored twice"
                )
            seen.add(key)
            if tiers.setdefault(sample.task_id, sample.tier) != sample.tier:
                raise ResultsError(
                    f"{self.model}: task {sample.task_id} is in two tiers "
                    f"({tiers[sample.task_id]}, {sample.tier})"
                )

    def tiers(self) -> list[str]:
        """The tiers this model has scores in, in ladder order."""
        return tier_order({sample.tier for sample in self.samples})

    def to_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "role": self.role,
            "samples": [sample.to_dict() for sample in self.samples],
            "errors": list(self.errors),
            "log_files": list(self.log_files),
            "failed_tiers": dict(self.failed_tiers),
        }


@dataclass(frozen=True)
class EvaluationRunResults:
    """One evaluation run: the suite, shared settings, one run per model and the skipped tiers."""

    suite: str
    settings: dict[str, Any]
    runs: list[ModelRun]
    skipped_tiers: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        names = [run.model for run in self.runs]
        duplicates = sorted({name for name in names if names.count(name) > 1})
        if duplicates:
            raise ResultsError(f"model listed twice: {', '.join(duplicates)}")
        submissions = [run for run in self.runs if run.role == "submission"]
        if len(submissions) != 1:
            raise ResultsError(
                f"an evaluation run has exactly one submission run, got {len(submissions)}"
            )

    @property
    def submission(self) -> ModelRun:
        """The run of the submitted model."""
        return next(run for run in self.runs if run.role == "submission")

    @property
    def references(self) -> list[ModelRun]:
        """The runs of the reference models, in evaluation run order."""
        return [run for run in self.runs if run.role == "reference"]

    def tiers(self) -> list[str]:
        """Every tier that has scores or was skipped, in ladder order."""
        found = {sample.tier for run in self.runs for sample in run.samples}
        return tier_order(found | set(self.skipped_tiers))

    def to_dict(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "settings": dict(self.settings),
            "runs": [run.to_dict() for run in self.runs],
            "skipped_tiers": dict(self.skipped_tiers),
        }

    @classmethod
    def from_dict(cls, data: Any, *, path: str | None = None) -> EvaluationRunResults:
        """Read results as `to_dict` wrote them; errors name ``path`` and the JSON path."""
        reader = _Reader(path)
        top = reader.mapping(data, "$")
        runs = [
            reader.run(item, f"runs[{index}]")
            for index, item in enumerate(reader.items(top.get("runs"), "runs"))
        ]
        suite = reader.text(top.get("suite"), "suite")
        settings = dict(reader.mapping(top.get("settings", {}), "settings"))
        skipped = reader.text_map(top.get("skipped_tiers", {}), "skipped_tiers")
        try:
            return cls(suite=suite, settings=settings, runs=runs, skipped_tiers=skipped)
        except ResultsError as exc:
            raise ResultsError(exc.message, path=path, location="runs") from exc


class _Reader:
    """Type checks for `EvaluationRunResults.from_dict`, raising errors located by JSON path."""

    def __init__(self, path: str | None) -> None:
        self.path = path

    def fail(self, where: str, expected: str, value: Any) -> ResultsError:
        return ResultsError(f"expected {expected}, got {value!r}", path=self.path, location=where)

    def mapping(self, value: Any, where: str) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, "an object", value)
        return cast(Mapping[str, Any], value)

    def items(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, "a list", value)
        return value

    def text(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value:
            raise self.fail(where, "a non-empty string", value)
        return value

    def text_map(self, value: Any, where: str) -> dict[str, str]:
        items = self.mapping(value, where)
        return {key: self.text(item, f"{where}.{key}") for key, item in items.items()}

    def texts(self, value: Any, where: str) -> list[str]:
        return [
            self.text(item, f"{where}[{index}]")
            for index, item in enumerate(self.items(value, where))
        ]

    def run(self, value: Any, where: str) -> ModelRun:
        item = self.mapping(value, where)
        samples = [
            self.sample(entry, f"{where}.samples[{index}]")
            for index, entry in enumerate(self.items(item.get("samples"), f"{where}.samples"))
        ]
        role = item.get("role")
        if role not in ROLES:
            raise self.fail(f"{where}.role", " or ".join(ROLES), role)
        try:
            return ModelRun(
                model=self.text(item.get("model"), f"{where}.model"),
                role=cast(Role, role),
                samples=samples,
                errors=self.texts(item.get("errors", []), f"{where}.errors"),
                log_files=self.texts(item.get("log_files", []), f"{where}.log_files"),
                failed_tiers=self.text_map(item.get("failed_tiers", {}), f"{where}.failed_tiers"),
            )
        except ResultsError as exc:
            if exc.location:
                raise
            raise ResultsError(exc.message, path=self.path, location=where) from exc

    def sample(self, value: Any, where: str) -> SampleScore:
        item = self.mapping(value, where)
        epoch = item.get("epoch")
        if not isinstance(epoch, int) or isinstance(epoch, bool):
            raise self.fail(f"{where}.epoch", "an integer", epoch)
        score = item.get("score")
        if not isinstance(score, int | float) or isinstance(score, bool):
            raise self.fail(f"{where}.score", "a number in 0..1", score)
        try:
            return SampleScore(
                task_id=self.text(item.get("task_id"), f"{where}.task_id"),
                tier=self.text(item.get("tier"), f"{where}.tier"),
                epoch=epoch,
                score=float(score),
            )
        except ResultsError as exc:
            if exc.location:
                raise
            raise ResultsError(exc.message, path=self.path, location=where) from exc
