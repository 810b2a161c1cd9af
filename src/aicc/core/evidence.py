"""Evidence about a finding, and the decisions taken from it: values with their provenance."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True, slots=True)
class Fact:
    """One input to a decision: its value, where it came from, and whether it was derived.

    ``value`` is a lower-case key: exploitation ``none|poc|active``; automatable ``yes|no``;
    technical impact ``partial|total``; exposure ``open|controlled|small``.
    """

    value: str
    source: str  # "CISA KEV", "CISA ADP (Vulnrichment) SSVC", "CVSS:3.1/AV:N/... (cna)", ...
    derived: bool = False  # inferred by a written-down rule rather than stated by a source
    detail: str | None = None  # the rule or the record behind it, in words


@dataclass(frozen=True, slots=True)
class Evidence:
    """What is known about one finding's risk, each fact with its source."""

    exploitation: Fact
    automatable: Fact
    technical_impact: Fact
    exposure: Fact
    in_kev: bool = False
    epss: float | None = None
    epss_percentile: float | None = None


@dataclass(frozen=True, slots=True)
class Decision:
    """One SSVC decision: which official table, with which inputs, gave which outcome."""

    table: str  # "ssvc:DT_DP:1.0.0"
    outcome: str  # the outcome's value key, e.g. "I"
    label: str  # its name, e.g. "Immediate"
    inputs: dict[str, str] = field(default_factory=dict)  # decision point id -> value key
    due: date | None = None  # when the outcome carries a clock (BOD 26-04, sector profiles)
