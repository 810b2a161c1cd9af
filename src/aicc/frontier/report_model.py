"""The frontier report as typed values, read once from the JSON dict of `report_dict`.

`read_report` checks the dict against the shape documented in ``aicc.frontier.report`` and
returns a `FrontierReport` of frozen dataclasses; the HTML and Markdown renderings read only
these. A key that is absent reads as ``null`` (a report written by hand, or trimmed, still
renders), but a value of the wrong type is a `ReportError` that names where it is, such as
``tiers[2].models[0].solve_rate: expected a number, got 'high'``.

Dates and timestamps become `date` and `datetime`; rates stay fractions in 0..1. The rules of
the determination are told apart by their numbers (the JSON says only whether a rule is a
criterion or an evidence check): see `Rule.shape`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Literal, TypeVar

from aicc.core.times import parse_time
from aicc.frontier.determine import OUTCOMES, Outcome
from aicc.frontier.report import ADVISORY, REPORT_KIND, REPORT_VERSION

__all__ = [
    "Access",
    "Comparison",
    "Declaration",
    "Determination",
    "Difference",
    "Evaluation",
    "FailedTier",
    "FrontierReport",
    "Intervals",
    "MarginCheck",
    "ModelErrors",
    "ModelRole",
    "ModelScore",
    "Outcome",
    "ReleaseChange",
    "ReportError",
    "Rule",
    "RuleShape",
    "Settings",
    "SkippedTier",
    "Submission",
    "ThresholdCheck",
    "TierResult",
    "Window",
    "read_report",
]

RuleShape = Literal["evidence", "solve_rate", "margin", "declaration", "other"]
DEFAULT_CONFIDENCE = 0.95
LIMIT_NAMES = ("message_limit", "token_limit", "time_limit")

T = TypeVar("T")


class ReportError(ValueError):
    """The dict is not a frontier report as `report_dict` writes it; the message says where."""


# --------------------------------------------------------------------------- the model


@dataclass(frozen=True)
class Access:
    """How the center reaches the submitted model; absent from a partner's view."""

    kind: str  # "inspect" | "endpoint"
    model: str | None  # the Inspect model string
    endpoint: str | None


@dataclass(frozen=True)
class Submission:
    id: str | None = None
    developer: str | None = None
    model: str | None = None
    version: str | None = None
    release_date: date | None = None
    submitted_at: datetime | None = None
    access: Access | None = None


@dataclass(frozen=True)
class ReleaseChange:
    release_date: date | None
    changed_at: datetime | None
    changed_by: str | None
    reason: str | None


@dataclass(frozen=True)
class Window:
    """The evaluation window before the planned release."""

    state: str | None = None  # "scheduled" | "open" | "closed"
    opens: date | None = None
    closes: date | None = None
    release_date: date | None = None
    days_left: int | None = None
    released: bool = False
    note: str | None = None
    release_dates: tuple[ReleaseChange, ...] = ()


@dataclass(frozen=True)
class Evaluation:
    id: str | None = None
    suite: str | None = None
    state: str | None = None
    started_at: datetime | None = None
    finished_at: datetime | None = None
    log_dir: str | None = None
    log_files: tuple[str, ...] = ()


@dataclass(frozen=True)
class Settings:
    """What every model was evaluated with."""

    suite: str | None = None
    solver: str | None = None
    # the limits the report states, by name (``message_limit`` ...); None: no limit. The whole
    # mapping is None when the report says nothing about limits.
    limits: dict[str, int | None] | None = None
    epochs: int | None = None
    tiers: tuple[str, ...] | None = None  # None: every tier of the suite
    references: tuple[str, ...] = ()
    submission_model: str | None = None


@dataclass(frozen=True)
class ModelRole:
    model: str
    role: str  # "submission" | "reference"


@dataclass(frozen=True)
class Intervals:
    method: str | None = None
    confidence: float = DEFAULT_CONFIDENCE
    resamples: int | None = None
    seed: int | None = None


@dataclass(frozen=True)
class ModelScore:
    """One model's scores on one tier."""

    model: str
    role: str = ""
    tasks: int = 0
    epochs: int = 0
    max_epochs: int = 0
    solve_rate: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    pass_at_k: dict[int, float | None] = field(default_factory=dict)  # k -> chance
    failed: str | None = None  # why this model's evaluation of the tier failed

    @property
    def shown(self) -> bool:
        """Whether the tier's table has a row for it: it has tasks, or it failed."""
        return bool(self.tasks or self.failed)


@dataclass(frozen=True)
class Difference:
    """The submitted model's solve rate minus a reference model's, over shared tasks."""

    reference: str
    tasks: int = 0
    diff: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    excluded_tasks: tuple[str, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class TierResult:
    tier: str
    skipped: str | None = None  # why the tier did not run
    models: tuple[ModelScore, ...] = ()
    differences: tuple[Difference, ...] = ()

    @property
    def scored(self) -> tuple[ModelScore, ...]:
        """The models with a solve rate on this tier."""
        return tuple(stat for stat in self.models if stat.solve_rate is not None)

    @property
    def shown(self) -> tuple[ModelScore, ...]:
        return tuple(stat for stat in self.models if stat.shown)

    @property
    def pass_ks(self) -> tuple[int, ...]:
        """The pass@k columns of the tier's table: pass@1 (the smallest k) and the largest."""
        ks = sorted({k for stat in self.shown for k in stat.pass_at_k})
        return tuple(dict.fromkeys([ks[0], ks[-1]])) if ks else ()


@dataclass(frozen=True)
class SkippedTier:
    tier: str
    reason: str


@dataclass(frozen=True)
class FailedTier:
    tier: str
    model: str
    reason: str


@dataclass(frozen=True)
class ModelErrors:
    """Samples of a model that ended in an error (left out of the scores)."""

    model: str
    count: int
    messages: tuple[str, ...]


@dataclass(frozen=True)
class ThresholdCheck:
    """One tier of a solve-rate criterion."""

    tier: str
    assessed: bool
    threshold: float | None
    fired: bool = False
    reason: str | None = None  # why it was not assessed
    solve_rate: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None


@dataclass(frozen=True)
class Comparison:
    """The submitted model against one reference model, in a margin criterion."""

    reference: str
    reference_solve_rate: float | None
    diff: float | None
    ci_low: float | None
    ci_high: float | None
    beaten: bool


@dataclass(frozen=True)
class MarginCheck:
    """One tier of a criterion "beats every reference model by a margin"."""

    tier: str
    assessed: bool
    margin: float | None
    fired: bool = False
    reason: str | None = None
    solve_rate: float | None = None
    strongest_reference: str | None = None
    comparisons: tuple[Comparison, ...] = ()

    @property
    def strongest(self) -> Comparison | None:
        """The comparison with the strongest reference (the first when none is named)."""
        return next(
            (c for c in self.comparisons if c.reference == self.strongest_reference),
            self.comparisons[0] if self.comparisons else None,
        )


@dataclass(frozen=True)
class Declaration:
    """A criterion met by what the developer declares under ``key``: a level its own framework
    counts high (``high``), or one of the policy's ``levels``. ``declared`` says it in words;
    ``met_by`` names what met it (``framework``, ``policy-levels``)."""

    key: str
    declared: str | None
    levels: tuple[str, ...]
    framework: str | None = None
    level: str | None = None
    high: bool | None = None
    met_by: tuple[str, ...] = ()


@dataclass(frozen=True)
class Rule:
    """One rule of the policy with its result.

    A ``criterion`` that fired is met by the model; an ``evidence`` check that fired means the
    evidence falls short. ``shape`` says which of the fields below carry its numbers:
    ``solve_rate`` ``thresholds``, ``margin`` ``margins``, ``declaration`` ``declaration``,
    ``evidence`` ``problems`` and ``facts``, ``other`` (a rule this version does not know)
    ``facts``.
    """

    id: str
    kind: str
    fired: bool
    description: str
    shape: RuleShape
    logs: tuple[str, ...] = ()
    thresholds: tuple[ThresholdCheck, ...] = ()
    margins: tuple[MarginCheck, ...] = ()
    declaration: Declaration | None = None
    problems: tuple[str, ...] = ()
    facts: tuple[tuple[str, str], ...] = ()  # (name, value in words) of its other numbers

    @property
    def is_evidence(self) -> bool:
        return self.shape == "evidence"


@dataclass(frozen=True)
class Determination:
    id: int | str | None = None
    policy: str | None = None
    outcome: Outcome | None = None
    summary: str | None = None
    determined_at: datetime | None = None
    evaluation: str | None = None
    log_links: tuple[str, ...] = ()
    rules: tuple[Rule, ...] = ()


@dataclass(frozen=True)
class FrontierReport:
    """The developer-facing record of an evaluation (``aicc.frontier.report``), typed."""

    advisory: str = ADVISORY
    generated_at: datetime | None = None
    as_of: date | None = None
    submission: Submission = Submission()
    window: Window | None = None
    evaluation: Evaluation = Evaluation()
    settings: Settings | None = None
    models: tuple[ModelRole, ...] = ()
    intervals: Intervals | None = None
    tiers: tuple[TierResult, ...] = ()
    skipped_tiers: tuple[SkippedTier, ...] = ()
    failed_tiers: tuple[FailedTier, ...] = ()
    errors: tuple[ModelErrors, ...] = ()
    outcome: Outcome | None = None
    determination: Determination | None = None
    notes: tuple[str, ...] = ()

    @property
    def title(self) -> str:
        """``"Falcon 2.0"``: the model's name and version."""
        name = self.submission.model or "Submitted model"
        return f"{name} {self.submission.version}" if self.submission.version else name

    @property
    def policy(self) -> str | None:
        return self.determination.policy if self.determination else None

    @property
    def rules(self) -> tuple[Rule, ...]:
        return self.determination.rules if self.determination else ()

    @property
    def criteria(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if not rule.is_evidence)

    @property
    def evidence_checks(self) -> tuple[Rule, ...]:
        return tuple(rule for rule in self.rules if rule.is_evidence)

    @property
    def confidence(self) -> float:
        """The confidence of every interval in the report (0.95)."""
        return self.intervals.confidence if self.intervals else DEFAULT_CONFIDENCE

    @property
    def colours(self) -> dict[str, int]:
        """model -> colour index: the submitted model 0, the references 1, 2, ... in order."""
        ordered = sorted(self.models, key=lambda item: item.role != "submission")
        return {item.model: index for index, item in enumerate(ordered)}

    @property
    def thresholds(self) -> dict[str, float]:
        """tier -> the lowest solve-rate threshold any criterion sets on it."""
        found: dict[str, float] = {}
        for rule in self.rules:
            for check in rule.thresholds:
                if check.threshold is not None:
                    found[check.tier] = min(check.threshold, found.get(check.tier, 1.0))
        return found

    @property
    def log_paths(self) -> tuple[str, ...]:
        """Every log file and link the report names, each once, in order of appearance."""
        found = [*self.evaluation.log_files]
        if self.determination:
            found += self.determination.log_links
        found += [path for rule in self.rules for path in rule.logs]
        return tuple(dict.fromkeys(found))


# --------------------------------------------------------------------------- reading


class _Fields:
    """A mapping of the report and where it is (``tiers[2].models[0]``), for the errors."""

    def __init__(self, value: object, where: str) -> None:
        if not isinstance(value, Mapping):
            raise ReportError(f"{where or 'the report'}: expected an object, got {_show(value)}")
        self.data: Mapping[str, Any] = value
        self.where = where

    def path(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def raw(self, key: str) -> Any:
        return self.data.get(key)

    def has(self, key: str) -> bool:
        return key in self.data

    def fail(self, key: str, expected: str) -> ReportError:
        return ReportError(f"{self.path(key)}: expected {expected}, got {_show(self.data[key])}")

    def _typed(self, key: str, check: Callable[[Any], bool], expected: str) -> Any:
        value = self.data.get(key)
        if value is not None and not check(value):
            raise self.fail(key, expected)
        return value

    def text(self, key: str) -> str | None:
        value: str | None = self._typed(key, lambda v: isinstance(v, str), "text")
        return value

    def word(self, key: str, default: str = "") -> str:
        """Text that the report always has (an empty default when absent)."""
        found = self.text(key)
        return default if found is None else found

    def number(self, key: str) -> float | None:
        value = self._typed(key, _is_number, "a number")
        return None if value is None else float(value)

    def integer(self, key: str) -> int | None:
        value: int | None = self._typed(
            key, lambda v: isinstance(v, int) and not isinstance(v, bool), "a whole number"
        )
        return value

    def flag(self, key: str) -> bool:
        value: bool | None = self._typed(key, lambda v: isinstance(v, bool), "true or false")
        return bool(value)

    def day(self, key: str) -> date | None:
        text = self.text(key)
        if not text:
            return None
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            raise self.fail(key, "a date (YYYY-MM-DD)") from None

    def moment(self, key: str) -> datetime | None:
        text = self.text(key)
        if not text:
            return None
        try:
            return parse_time(text)
        except ValueError:
            raise self.fail(key, "an ISO 8601 timestamp") from None

    def items(self, key: str) -> list[Any]:
        value = self._typed(key, lambda v: isinstance(v, list | tuple), "a list")
        return list(value or ())

    def texts(self, key: str) -> tuple[str, ...]:
        items = self.items(key)
        for index, item in enumerate(items):
            if not isinstance(item, str):
                raise ReportError(f"{self.path(key)}[{index}]: expected text, got {_show(item)}")
        return tuple(items)

    def child(self, key: str) -> _Fields | None:
        value = self.data.get(key)
        return None if value is None else _Fields(value, self.path(key))

    def children(self, key: str, read: Callable[[_Fields], T]) -> tuple[T, ...]:
        return tuple(
            read(_Fields(item, f"{self.path(key)}[{index}]"))
            for index, item in enumerate(self.items(key))
        )


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def read_report(data: Mapping[str, Any]) -> FrontierReport:
    """The report dict of `report_dict` (or its JSON, loaded) as a `FrontierReport`.

    Raises `ReportError` naming the first value that is not of the documented shape.
    """
    top = _Fields(data, "")
    meta = top.child("report")
    generated_at = as_of = None
    if meta is not None:
        kind = meta.text("kind")
        if kind is not None and kind != REPORT_KIND:
            raise ReportError(f"report.kind: expected {REPORT_KIND!r}, got {kind!r}")
        version = meta.integer("version")
        if version is not None and version > REPORT_VERSION:
            raise ReportError(
                f"report.version: this version of aicc reads reports up to version "
                f"{REPORT_VERSION}, got {version}"
            )
        generated_at, as_of = meta.moment("generated_at"), meta.day("as_of")
    submission = top.child("submission")
    window = top.child("window")
    evaluation = top.child("evaluation")
    settings = top.child("settings")
    intervals = top.child("intervals")
    determination = top.child("determination")
    return FrontierReport(
        advisory=top.text("advisory") or ADVISORY,
        generated_at=generated_at,
        as_of=as_of,
        submission=_submission(submission) if submission else Submission(),
        window=_window(window) if window else None,
        evaluation=_evaluation(evaluation) if evaluation else Evaluation(),
        settings=_settings(settings) if settings else None,
        models=top.children("models", lambda f: ModelRole(f.word("model"), f.word("role"))),
        intervals=_intervals(intervals) if intervals else None,
        tiers=top.children("tiers", _tier),
        skipped_tiers=top.children(
            "skipped_tiers", lambda f: SkippedTier(f.word("tier"), f.word("reason"))
        ),
        failed_tiers=top.children(
            "failed_tiers",
            lambda f: FailedTier(f.word("tier"), f.word("model"), f.word("reason")),
        ),
        errors=top.children(
            "errors",
            lambda f: ModelErrors(f.word("model"), f.integer("count") or 0, f.texts("messages")),
        ),
        outcome=_outcome(top, "outcome"),
        determination=_determination(determination) if determination else None,
        notes=top.texts("notes"),
    )


def _outcome(fields: _Fields, key: str) -> Outcome | None:
    value = fields.text(key)
    if value is None:
        return None
    found = next((outcome for outcome in OUTCOMES if outcome == value), None)
    if found is None:
        raise fields.fail(key, "one of " + ", ".join(OUTCOMES))
    return found


def _submission(fields: _Fields) -> Submission:
    access = fields.child("access")
    return Submission(
        id=fields.text("id"),
        developer=fields.text("developer"),
        model=fields.text("model"),
        version=fields.text("version"),
        release_date=fields.day("release_date"),
        submitted_at=fields.moment("submitted_at"),
        access=(
            Access(access.word("kind"), access.text("model"), access.text("endpoint"))
            if access
            else None
        ),
    )


def _window(fields: _Fields) -> Window:
    return Window(
        state=fields.text("state"),
        opens=fields.day("opens"),
        closes=fields.day("closes"),
        release_date=fields.day("release_date"),
        days_left=fields.integer("days_left"),
        released=fields.flag("released"),
        note=fields.text("note"),
        release_dates=fields.children(
            "release_dates",
            lambda f: ReleaseChange(
                f.day("release_date"),
                f.moment("changed_at"),
                f.text("changed_by"),
                f.text("reason"),
            ),
        ),
    )


def _evaluation(fields: _Fields) -> Evaluation:
    return Evaluation(
        id=fields.text("id"),
        suite=fields.text("suite"),
        state=fields.text("state"),
        started_at=fields.moment("started_at"),
        finished_at=fields.moment("finished_at"),
        log_dir=fields.text("log_dir"),
        log_files=fields.texts("log_files"),
    )


def _settings(fields: _Fields) -> Settings:
    limits = None
    if fields.has("limits"):  # null: the report states limits, none of them set
        given = fields.child("limits") or _Fields({}, fields.path("limits"))
        limits = {name: given.integer(name) for name in LIMIT_NAMES if given.has(name)}
    return Settings(
        suite=fields.text("suite"),
        solver=fields.text("solver"),
        limits=limits,
        epochs=fields.integer("epochs"),
        tiers=fields.texts("tiers") if fields.raw("tiers") is not None else None,
        references=fields.texts("references"),
        submission_model=fields.text("submission_model"),
    )


def _intervals(fields: _Fields) -> Intervals:
    confidence = fields.number("confidence")
    return Intervals(
        method=fields.text("method"),
        confidence=DEFAULT_CONFIDENCE if confidence is None else confidence,
        resamples=fields.integer("resamples"),
        seed=fields.integer("seed"),
    )


def _tier(fields: _Fields) -> TierResult:
    return TierResult(
        tier=fields.word("tier"),
        skipped=fields.text("skipped"),
        models=fields.children("models", _score),
        differences=fields.children("differences", _difference),
    )


def _score(fields: _Fields) -> ModelScore:
    passes = fields.child("pass_at_k") or _Fields({}, fields.path("pass_at_k"))
    pass_at_k: dict[int, float | None] = {}
    for key in passes.data:
        if not str(key).isdigit():
            raise ReportError(f"{passes.where}: expected k as a whole number, got {key!r}")
        pass_at_k[int(key)] = passes.number(key)
    return ModelScore(
        model=fields.word("model"),
        role=fields.word("role"),
        tasks=fields.integer("tasks") or 0,
        epochs=fields.integer("epochs") or 0,
        max_epochs=fields.integer("max_epochs") or 0,
        solve_rate=fields.number("solve_rate"),
        ci_low=fields.number("ci_low"),
        ci_high=fields.number("ci_high"),
        pass_at_k=pass_at_k,
        failed=fields.text("failed"),
    )


def _difference(fields: _Fields) -> Difference:
    return Difference(
        reference=fields.word("reference"),
        tasks=fields.integer("tasks") or 0,
        diff=fields.number("diff"),
        ci_low=fields.number("ci_low"),
        ci_high=fields.number("ci_high"),
        excluded_tasks=fields.texts("excluded_tasks"),
        note=fields.text("note"),
    )


def _determination(fields: _Fields) -> Determination:
    raw_id = fields.raw("id")
    return Determination(
        id=fields.integer("id") if isinstance(raw_id, int) else fields.text("id"),
        policy=fields.text("policy"),
        outcome=_outcome(fields, "outcome"),
        summary=fields.text("summary"),
        determined_at=fields.moment("determined_at"),
        evaluation=fields.text("evaluation"),
        log_links=fields.texts("log_links"),
        rules=fields.children("rules", _rule),
    )


def _rule_shape(kind: str, numbers: Mapping[str, Any]) -> RuleShape:
    """What a rule's numbers are: an evidence check's, a solve-rate threshold per tier, a
    margin over the references per tier, a declared level, or ``other``."""
    if kind == "evidence":
        return "evidence"
    if {"key", "levels"} <= set(numbers):
        return "declaration"
    tiers = list(numbers.values())
    if tiers and all(isinstance(tier, Mapping) and "threshold" in tier for tier in tiers):
        return "solve_rate"
    if tiers and all(isinstance(tier, Mapping) and "margin" in tier for tier in tiers):
        return "margin"
    return "other"


def _rule(fields: _Fields) -> Rule:
    kind = fields.word("kind", "criterion")
    numbers = fields.child("numbers") or _Fields({}, fields.path("numbers"))
    shape = _rule_shape(kind, numbers.data)
    rule = Rule(
        id=fields.word("id"),
        kind=kind,
        fired=fields.flag("fired"),
        description=fields.word("description"),
        shape=shape,
        logs=fields.texts("logs"),
    )
    if shape in ("solve_rate", "margin"):
        # _rule_shape saw an object under every tier
        per_tier = [
            (str(tier), _Fields(item, numbers.path(str(tier))))
            for tier, item in numbers.data.items()
        ]
        if shape == "solve_rate":
            return replace(rule, thresholds=tuple(_threshold(t, item) for t, item in per_tier))
        return replace(rule, margins=tuple(_margin(t, item) for t, item in per_tier))
    if shape == "declaration":
        declared, level = numbers.raw("declared"), numbers.raw("level")
        high = numbers.raw("high")
        return replace(
            rule,
            declaration=Declaration(
                numbers.word("key"),
                None if declared is None else str(declared),
                tuple(str(level) for level in numbers.items("levels")),
                framework=numbers.text("framework"),
                level=None if level is None else str(level),
                high=numbers.flag("high") if high is not None else None,
                met_by=numbers.texts("met_by"),
            ),
        )
    if shape == "evidence":
        return replace(
            rule,
            problems=numbers.texts("problems"),
            facts=tuple(
                (key, _words(value)) for key, value in numbers.data.items() if key != "problems"
            ),
        )
    return replace(rule, facts=tuple((str(key), _words(v)) for key, v in numbers.data.items()))


def _threshold(tier: str, fields: _Fields) -> ThresholdCheck:
    return ThresholdCheck(
        tier=tier,
        assessed=fields.flag("assessed"),
        threshold=fields.number("threshold"),
        fired=fields.flag("fired"),
        reason=fields.text("reason"),
        solve_rate=fields.number("solve_rate"),
        ci_low=fields.number("ci_low"),
        ci_high=fields.number("ci_high"),
    )


def _margin(tier: str, fields: _Fields) -> MarginCheck:
    return MarginCheck(
        tier=tier,
        assessed=fields.flag("assessed"),
        margin=fields.number("margin"),
        fired=fields.flag("fired"),
        reason=fields.text("reason"),
        solve_rate=fields.number("solve_rate"),
        strongest_reference=fields.text("strongest_reference"),
        comparisons=fields.children(
            "comparisons",
            lambda f: Comparison(
                reference=f.word("reference"),
                reference_solve_rate=f.number("reference_solve_rate"),
                diff=f.number("diff"),
                ci_low=f.number("ci_low"),
                ci_high=f.number("ci_high"),
                beaten=f.flag("beaten"),
            ),
        ),
    )


def _words(value: object) -> str:
    """A rule's number in words: lists joined, booleans as yes or no."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(str(item) for item in value) or "none"
    return str(value)
