"""The versioned determination policy: which results make a model a *covered frontier model*.

A policy is a YAML file with a ``name``, a ``version`` and an ``effective_date``, so every
determination cites the exact criteria it used ("aicc-cyber 1.0 (2025-01-01)"). A policy whose
effective date is after the determination's as-of date is refused. Loading validates everything;
an error names the file and the key (``policy.yaml: rules[1].thresholds.agentic: ...``).

The parts of a policy:

``tiers``
    The ladder of task tiers, lowest first (``knowledge`` < ``vulnerability`` < ``exploitation``
    < ``agentic``). A tier marked ``decisive: false`` (knowledge: recalling facts about attacks is
    not the ability to carry one out) can never be named by a score rule, so knowledge-only
    scores never decide an outcome on their own; loading refuses a policy that tries.

``evidence``
    When the results are strong enough to conclude anything. The outcome is
    ``insufficient_evidence`` when, and no criterion fired: a ``required_tiers`` tier was skipped,
    failed or has no scores for any model; a model has fewer than ``min_epochs`` epochs or
    ``min_tasks`` tasks on a required tier (or fewer shared tasks with a reference); or
    ``require_reference`` is true and no reference model produced scores. ``confidence``,
    ``bootstrap_resamples`` and ``seed`` set the bootstrap intervals.

``rules``
    The criteria; a model is ``covered`` when at least one fires (on a tier whose evidence meets
    the ``evidence`` minimums), and ``not_covered`` when none fires and the evidence is
    sufficient. A criterion that fires stands even when another tier is missing: the rules are
    alternatives, so more evidence could only add a rule that fires. The kinds:

    - ``solve_rate_lower_bound`` (``thresholds``: tier -> rate): fires when, on one of those
      tiers, the *lower bound* of the 95% bootstrap interval of the model's solve rate reaches
      the threshold, so a lucky point estimate is not enough.
    - ``reference_margin`` (``tiers``, ``margin``): fires when, on one of those tiers, the lower
      bound of the paired 95% interval of (model - reference) exceeds ``margin`` for *every*
      reference model, the strongest included: the model is measurably beyond the references.
    - ``declared_level`` (``key``, ``levels``): fires when the developer's own declaration
      ``declarations[key]`` (dotted keys reach into nested objects) is one of ``levels``
      (compared ignoring case, spaces and underscores), i.e. the developer itself puts the model
      at a high cyber capability level under its own framework.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from typing import Any, cast

from aicc.core.errors import LocatedError
from aicc.core.yamlfile import YamlFileError, read_yaml

#: The policy used when none is given (package data).
DEFAULT_POLICY = "policy-default.yaml"
RULE_KINDS = ("solve_rate_lower_bound", "reference_margin", "declared_level")


class PolicyError(LocatedError):
    """A policy file is malformed or not in effect: ``path`` is the file, ``location`` the key."""


@dataclass(frozen=True)
class TierSpec:
    """One rung of the ladder."""

    id: str
    decisive: bool
    description: str


@dataclass(frozen=True)
class EvidenceRules:
    """The minimum evidence for any conclusion other than ``insufficient_evidence``."""

    required_tiers: tuple[str, ...]
    min_epochs: int = 5
    min_tasks: int = 5
    require_reference: bool = True
    confidence: float = 0.95
    bootstrap_resamples: int = 2000
    seed: int = 0


@dataclass(frozen=True)
class SolveRateRule:
    """Fires when the lower bound of the solve rate on a tier reaches that tier's threshold."""

    id: str
    description: str
    thresholds: dict[str, float]
    kind: str = "solve_rate_lower_bound"


@dataclass(frozen=True)
class ReferenceMarginRule:
    """Fires when, on a tier, the model beats every reference by more than ``margin`` (CI)."""

    id: str
    description: str
    tiers: tuple[str, ...]
    margin: float = 0.0
    kind: str = "reference_margin"


@dataclass(frozen=True)
class DeclarationRule:
    """Fires when the developer declares one of ``levels`` under ``key``."""

    id: str
    description: str
    key: str
    levels: tuple[str, ...]
    kind: str = "declared_level"


Rule = SolveRateRule | ReferenceMarginRule | DeclarationRule


@dataclass(frozen=True)
class Policy:
    """A loaded, validated policy; ``source`` is the file it came from."""

    name: str
    version: str
    effective_date: date
    description: str
    tiers: tuple[TierSpec, ...]
    evidence: EvidenceRules
    rules: tuple[Rule, ...]
    source: str = ""

    @property
    def id(self) -> str:
        """How determinations cite the policy: ``name version (effective date)``."""
        return f"{self.name} {self.version} ({self.effective_date.isoformat()})"

    def tier_ids(self) -> list[str]:
        return [tier.id for tier in self.tiers]

    def check_effective(self, as_of: date) -> None:
        """Refuse a policy that is not yet in effect on ``as_of``."""
        if self.effective_date > as_of:
            raise PolicyError(
                f"policy {self.id} takes effect on "
                f"{self.effective_date.isoformat()}, after the as-of date "
                f"{as_of.isoformat()}; use a policy in effect on that date",
                path=self.source or None,
                location="effective_date",
            )


def normalise_level(value: str) -> str:
    """A capability level compared ignoring case, spaces and underscores (``ASL 3`` = ``asl-3``)."""
    return re.sub(r"[\s_-]+", "-", value.strip().lower())


def default_policy_path() -> Path:
    """The packaged default policy file."""
    return Path(str(resources.files("aicc") / "data" / "frontier" / DEFAULT_POLICY))


def load_policy(path: str | Path | None = None, *, as_of: date | None = None) -> Policy:
    """Read and validate a policy file (the default policy when ``path`` is None).

    With ``as_of``, a policy not yet in effect on that date is refused.
    """
    file = Path(path) if path is not None else default_policy_path()
    try:
        data = read_yaml(file)
    except YamlFileError as exc:
        message = exc.message.replace("cannot read:", "cannot read the policy:", 1)
        raise PolicyError(message, path=str(file), location=exc.location) from exc
    policy = parse_policy(data, source=str(file))
    if as_of is not None:
        policy.check_effective(as_of)
    return policy


def parse_policy(data: Any, *, source: str = "<policy>") -> Policy:
    """Validate a policy already read from YAML; errors name ``source`` and the key."""
    return _Parser(source).policy(data)


class _Parser:
    """Typed reads of the YAML tree, each error located by its key path."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, where: str, message: str) -> PolicyError:
        return PolicyError(message, path=self.source, location=where)

    def mapping(
        self, value: Any, where: str, *, allowed: set[str], required: set[str]
    ) -> Mapping[str, Any]:
        if not isinstance(value, Mapping):
            raise self.fail(where, f"expected a mapping, got {_show(value)}")
        for key in value:
            if key not in allowed:
                raise self.fail(
                    _join(where, str(key)),
                    "unknown key; expected one of " + ", ".join(sorted(allowed)),
                )
        for key in sorted(required):
            if key not in value:
                raise self.fail(_join(where, key), "missing required key")
        return cast(Mapping[str, Any], value)

    def text(self, value: Any, where: str) -> str:
        if isinstance(value, bool) or not isinstance(value, str) or not value.strip():
            hint = " (quote it in YAML)" if isinstance(value, int | float) else ""
            raise self.fail(where, f"expected a non-empty string{hint}, got {_show(value)}")
        return value.strip()

    def flag(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, f"expected true or false, got {_show(value)}")
        return value

    def integer(self, value: Any, where: str, *, minimum: int) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
            raise self.fail(where, f"expected an integer >= {minimum}, got {_show(value)}")
        return value

    def fraction(
        self, value: Any, where: str, *, low: float, high: float, include_low: bool = True
    ) -> float:
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        if ok and not (low <= value <= high and (include_low or value > low)):
            ok = False
        if not ok:
            bracket = "[" if include_low else "("
            raise self.fail(
                where, f"expected a number in {bracket}{low}, {high}], got {_show(value)}"
            )
        return float(value)

    def day(self, value: Any, where: str) -> date:
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value.strip())
            except ValueError:
                pass
        raise self.fail(where, f"expected a date YYYY-MM-DD, got {_show(value)}")

    def texts(self, value: Any, where: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not value:
            raise self.fail(where, f"expected a non-empty list, got {_show(value)}")
        return tuple(self.text(item, f"{where}[{index}]") for index, item in enumerate(value))

    def items(self, value: Any, where: str) -> list[Any]:
        if not isinstance(value, list) or not value:
            raise self.fail(where, f"expected a non-empty list, got {_show(value)}")
        return value

    def policy(self, data: Any) -> Policy:
        top = self.mapping(
            data,
            "",
            allowed={
                "name",
                "version",
                "effective_date",
                "description",
                "tiers",
                "evidence",
                "rules",
            },
            required={"name", "version", "effective_date", "tiers", "evidence", "rules"},
        )
        tiers = self.tiers(top["tiers"])
        evidence = self.evidence(top["evidence"], tiers)
        rules = tuple(
            self.rule(item, f"rules[{index}]", tiers)
            for index, item in enumerate(self.items(top["rules"], "rules"))
        )
        seen: set[str] = set()
        for index, rule in enumerate(rules):
            if rule.id in seen:
                raise self.fail(f"rules[{index}].id", f"rule id {rule.id!r} is used twice")
            seen.add(rule.id)
        description = top.get("description", "")
        return Policy(
            name=self.text(top["name"], "name"),
            version=self.text(top["version"], "version"),
            effective_date=self.day(top["effective_date"], "effective_date"),
            description=self.text(description, "description") if description else "",
            tiers=tiers,
            evidence=evidence,
            rules=rules,
            source=self.source,
        )

    def tiers(self, value: Any) -> tuple[TierSpec, ...]:
        found: list[TierSpec] = []
        for index, item in enumerate(self.items(value, "tiers")):
            where = f"tiers[{index}]"
            entry = self.mapping(
                item, where, allowed={"id", "decisive", "description"}, required={"id", "decisive"}
            )
            tier = TierSpec(
                id=self.text(entry["id"], f"{where}.id"),
                decisive=self.flag(entry["decisive"], f"{where}.decisive"),
                description=str(entry.get("description", "")).strip(),
            )
            if any(tier.id == other.id for other in found):
                raise self.fail(f"{where}.id", f"tier {tier.id!r} is listed twice")
            found.append(tier)
        return tuple(found)

    def tier_ref(
        self, value: Any, where: str, tiers: tuple[TierSpec, ...], *, decisive: bool
    ) -> str:
        name = self.text(value, where)
        spec = next((tier for tier in tiers if tier.id == name), None)
        if spec is None:
            raise self.fail(
                where,
                f"unknown tier {name!r}; the policy's tiers are "
                + ", ".join(tier.id for tier in tiers),
            )
        if decisive and not spec.decisive:
            raise self.fail(
                where,
                f"tier {name!r} is not decisive: its scores may not decide "
                "an outcome (knowledge alone never does)",
            )
        return name

    def evidence(self, value: Any, tiers: tuple[TierSpec, ...]) -> EvidenceRules:
        entry = self.mapping(
            value,
            "evidence",
            allowed={
                "required_tiers",
                "min_epochs",
                "min_tasks",
                "require_reference",
                "confidence",
                "bootstrap_resamples",
                "seed",
            },
            required={"required_tiers"},
        )
        required = self.texts(entry["required_tiers"], "evidence.required_tiers")
        for index, name in enumerate(required):
            self.tier_ref(name, f"evidence.required_tiers[{index}]", tiers, decisive=False)
        return EvidenceRules(
            required_tiers=required,
            min_epochs=self.integer(entry.get("min_epochs", 5), "evidence.min_epochs", minimum=1),
            min_tasks=self.integer(entry.get("min_tasks", 5), "evidence.min_tasks", minimum=1),
            require_reference=self.flag(
                entry.get("require_reference", True), "evidence.require_reference"
            ),
            confidence=self.fraction(
                entry.get("confidence", 0.95), "evidence.confidence", low=0.5, high=0.999
            ),
            bootstrap_resamples=self.integer(
                entry.get("bootstrap_resamples", 2000), "evidence.bootstrap_resamples", minimum=100
            ),
            seed=self.integer(entry.get("seed", 0), "evidence.seed", minimum=0),
        )

    def rule(self, value: Any, where: str, tiers: tuple[TierSpec, ...]) -> Rule:
        if not isinstance(value, Mapping):
            raise self.fail(where, f"expected a mapping, got {_show(value)}")
        kind = value.get("kind")
        if kind not in RULE_KINDS:
            raise self.fail(
                _join(where, "kind"),
                f"unknown rule kind {kind!r}; expected one of " + ", ".join(RULE_KINDS),
            )
        common = {"id", "kind", "description"}
        if kind == "solve_rate_lower_bound":
            entry = self.mapping(
                value, where, allowed=common | {"thresholds"}, required=common | {"thresholds"}
            )
            raw = entry["thresholds"]
            if not isinstance(raw, Mapping) or not raw:
                raise self.fail(
                    f"{where}.thresholds", f"expected a mapping of tier to rate, got {_show(raw)}"
                )
            thresholds = {
                self.tier_ref(
                    tier, f"{where}.thresholds.{tier}", tiers, decisive=True
                ): self.fraction(
                    rate, f"{where}.thresholds.{tier}", low=0.0, high=1.0, include_low=False
                )
                for tier, rate in raw.items()
            }
            return SolveRateRule(
                id=self.text(entry["id"], f"{where}.id"),
                description=self.text(entry["description"], f"{where}.description"),
                thresholds=thresholds,
            )
        if kind == "reference_margin":
            entry = self.mapping(
                value, where, allowed=common | {"tiers", "margin"}, required=common | {"tiers"}
            )
            names = self.texts(entry["tiers"], f"{where}.tiers")
            for index, name in enumerate(names):
                self.tier_ref(name, f"{where}.tiers[{index}]", tiers, decisive=True)
            return ReferenceMarginRule(
                id=self.text(entry["id"], f"{where}.id"),
                description=self.text(entry["description"], f"{where}.description"),
                tiers=names,
                margin=self.fraction(
                    entry.get("margin", 0.0), f"{where}.margin", low=0.0, high=0.99
                ),
            )
        entry = self.mapping(
            value, where, allowed=common | {"key", "levels"}, required=common | {"key", "levels"}
        )
        return DeclarationRule(
            id=self.text(entry["id"], f"{where}.id"),
            description=self.text(entry["description"], f"{where}.description"),
            key=self.text(entry["key"], f"{where}.key"),
            levels=tuple(
                normalise_level(level) for level in self.texts(entry["levels"], f"{where}.levels")
            ),
        )


def _join(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def _show(value: Any) -> str:
    if value is None:
        return "nothing"
    text = repr(value)
    return f"{type(value).__name__} {text[:60]}"
