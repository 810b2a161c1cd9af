"""The versioned determination policy: which results make a model a *covered frontier model*.

A policy is a YAML file with a ``name``, a ``version`` and an ``effective_date``, so every
determination cites the exact criteria it used ("aicc-cyber 1.0 (2025-01-01)"). A policy whose
effective date is after the determination's as-of date is refused. Loading validates everything
(the file's shape is declared in `aicc.frontier.policy_file`); an error names the file, the key
and its line (``policy.yaml: rules[1].thresholds.agentic (line 12): ...``).

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
    - ``declared_level`` (``key``, ``levels``): reads the developer's own declaration
      ``declarations[key]`` (dotted keys reach into nested objects), as submissions give it:
      ``{framework, level, high}``. It fires when the developer's framework counts the level
      high (``high: true``), or when the level is one of ``levels`` (compared ignoring case,
      spaces and underscores), i.e. the developer itself puts the model at a high cyber
      capability level under its own framework. A plain text or number is matched against
      ``levels`` alone. The rule's numbers say what was declared and what met it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from aicc.core.errors import LocatedError
from aicc.core.yamlfile import YamlDocument, YamlFileError, read_yaml_document

#: The policy used when none is given (package data).
DEFAULT_POLICY = "policy-default.yaml"


class PolicyError(LocatedError):
    """A policy file is malformed or not in effect: ``path`` is the file, ``location`` the key
    (and its line, ``rules[1].margin (line 30)``)."""


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
        document = read_yaml_document(file)
    except YamlFileError as exc:
        message = exc.message.replace("cannot read:", "cannot read the policy:", 1)
        raise PolicyError(message, path=str(file), location=exc.location) from exc
    policy = _build(document, str(file))
    if as_of is not None:
        policy.check_effective(as_of)
    return policy


def parse_policy(data: Any, *, source: str = "<policy>") -> Policy:
    """Validate a policy already read from YAML; errors name ``source`` and the key."""
    return _build(YamlDocument(data), source)


def _build(document: YamlDocument, source: str) -> Policy:
    # Imported here, not at the top: the file's models import pydantic, which AICC loads only
    # when it reads a policy (`aicc --version` stays fast).
    from aicc.frontier.policy_file import build_policy

    return build_policy(document, source)
