"""The shape of a determination policy file (see `aicc.frontier.policy`), and the policy read
from it: the models say which keys there are and what they hold; the references between them
(a rule's tiers are the policy's, and decisive) are then checked, each problem named by file,
key and line."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, StringConstraints

from aicc.core.typed_files import FileModel, FileProblem, expect, locate, read_typed
from aicc.core.yamlfile import YamlDocument
from aicc.frontier.policy import (
    DeclarationRule,
    EvidenceRules,
    Policy,
    PolicyError,
    ReferenceMarginRule,
    Rule,
    SolveRateRule,
    TierSpec,
    normalise_level,
)


def _day(value: Any) -> Any:
    """YAML reads ``2025-01-01`` as a date; a quoted one, or a timestamp, is read here."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    return value


Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Texts = Annotated[list[Text], Field(min_length=1)]
Day = Annotated[date, BeforeValidator(_day), expect("a date YYYY-MM-DD")]
AtLeastOne = Annotated[int, Field(ge=1), expect("an integer >= 1")]
AtLeast100 = Annotated[int, Field(ge=100), expect("an integer >= 100")]
NotNegative = Annotated[int, Field(ge=0), expect("an integer >= 0")]
Confidence = Annotated[float, Field(ge=0.5, le=0.999), expect("a number in [0.5, 0.999]")]
Rate = Annotated[float, Field(gt=0.0, le=1.0), expect("a number in (0.0, 1.0]")]
Margin = Annotated[float, Field(ge=0.0, le=0.99), expect("a number in [0.0, 0.99]")]


class TierFile(FileModel):
    """``tiers[i]``: one rung of the ladder."""

    id: Text
    decisive: bool
    description: str = ""


class EvidenceFile(FileModel):
    """``evidence``: the minimum evidence for a conclusion."""

    required_tiers: Texts
    min_epochs: AtLeastOne = 5
    min_tasks: AtLeastOne = 5
    require_reference: bool = True
    confidence: Confidence = 0.95
    bootstrap_resamples: AtLeast100 = 2000
    seed: NotNegative = 0


class SolveRateFile(FileModel):
    """A rule of kind ``solve_rate_lower_bound``."""

    kind: Literal["solve_rate_lower_bound"]
    id: Text
    description: Text
    thresholds: Annotated[dict[Text, Rate], Field(min_length=1)]  # tier -> rate


class ReferenceMarginFile(FileModel):
    """A rule of kind ``reference_margin``."""

    kind: Literal["reference_margin"]
    id: Text
    description: Text
    tiers: Texts
    margin: Margin = 0.0


class DeclarationFile(FileModel):
    """A rule of kind ``declared_level``."""

    kind: Literal["declared_level"]
    id: Text
    description: Text
    key: Text
    levels: Texts


RuleFile = Annotated[
    SolveRateFile | ReferenceMarginFile | DeclarationFile, Field(discriminator="kind")
]


class PolicyFile(FileModel):
    """A whole policy file."""

    name: Text
    version: Text
    effective_date: Day
    description: str = ""
    tiers: Annotated[list[TierFile], Field(min_length=1)]
    evidence: EvidenceFile
    rules: Annotated[list[RuleFile], Field(min_length=1)]


def build_policy(document: YamlDocument, source: str) -> Policy:
    """The policy ``document`` describes; `PolicyError` naming file, key and line."""

    def error(problem: FileProblem) -> PolicyError:
        return PolicyError(problem.message, path=source, location=problem.location())

    def fail(keys: Sequence[str | int], message: str) -> PolicyError:
        return error(locate(document, keys, message))

    model = read_typed(PolicyFile, document, error)
    tiers: list[TierSpec] = []
    for index, rung in enumerate(model.tiers):
        if any(rung.id == other.id for other in tiers):
            raise fail(("tiers", index, "id"), f"tier {rung.id!r} is listed twice")
        tiers.append(TierSpec(rung.id, rung.decisive, rung.description.strip()))

    def tier_ref(name: str, keys: Sequence[str | int], *, decisive: bool) -> str:
        spec = next((tier for tier in tiers if tier.id == name), None)
        if spec is None:
            raise fail(
                keys,
                f"unknown tier {name!r}; the policy's tiers are "
                + ", ".join(tier.id for tier in tiers),
            )
        if decisive and not spec.decisive:
            raise fail(
                keys,
                f"tier {name!r} is not decisive: its scores may not decide "
                "an outcome (knowledge alone never does)",
            )
        return name

    evidence = model.evidence
    for index, name in enumerate(evidence.required_tiers):
        tier_ref(name, ("evidence", "required_tiers", index), decisive=False)
    rules: list[Rule] = []
    for index, rule in enumerate(model.rules):
        if isinstance(rule, SolveRateFile):
            for name in rule.thresholds:
                tier_ref(name, ("rules", index, "thresholds", name), decisive=True)
            rules.append(SolveRateRule(rule.id, rule.description, dict(rule.thresholds)))
        elif isinstance(rule, ReferenceMarginFile):
            for place, name in enumerate(rule.tiers):
                tier_ref(name, ("rules", index, "tiers", place), decisive=True)
            rules.append(
                ReferenceMarginRule(rule.id, rule.description, tuple(rule.tiers), rule.margin)
            )
        else:
            levels = tuple(normalise_level(level) for level in rule.levels)
            rules.append(DeclarationRule(rule.id, rule.description, rule.key, levels))
        if any(rule.id == other.id for other in rules[:-1]):
            raise fail(("rules", index, "id"), f"rule id {rule.id!r} is used twice")
    return Policy(
        name=model.name,
        version=model.version,
        effective_date=model.effective_date,
        description=model.description.strip(),
        tiers=tuple(tiers),
        evidence=EvidenceRules(
            required_tiers=tuple(evidence.required_tiers),
            min_epochs=evidence.min_epochs,
            min_tasks=evidence.min_tasks,
            require_reference=evidence.require_reference,
            confidence=evidence.confidence,
            bootstrap_resamples=evidence.bootstrap_resamples,
            seed=evidence.seed,
        ),
        rules=tuple(rules),
        source=source,
    )
