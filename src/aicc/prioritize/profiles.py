"""Sector profiles: what the SSVC tables need and the evidence cannot know.

A profile (a YAML file under ``aicc/data/profiles/``, or any file a user copies and edits) gives
the human impact (``ssvc:HI``, deployer table) and mission and well-being impact (``ssvc:MWI``,
CISA coordinator table) per asset class, and the sector's clock per table outcome. Values are
written as the tables name them (``very high``) or by key (``VH``); they are checked against the
shipped tables when the file is loaded, so a typo fails there rather than mid-decision.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType

from aicc.core.errors import LocatedError
from aicc.core.results import COORDINATOR, DEPLOYER
from aicc.core.yamlfile import YamlFileError, read_yaml_document
from aicc.prioritize.ssvc import DecisionPoint, DecisionTable, SsvcError, table

PROFILES = Path(__file__).resolve().parent.parent / "data" / "profiles"


DEFAULT = "default"  # the reserved asset class used when none is given or it is not listed


class ProfileError(LocatedError, ValueError):
    """A profile is unknown, or its file is malformed (``path``, and ``location``: the key and
    its line)."""


def _normal(text: str) -> str:
    """Case, ``_`` and ``-`` do not matter when matching names: ``Very_High`` == ``very high``."""
    return " ".join(text.lower().replace("_", " ").replace("-", " ").split())


def point(decision: DecisionTable, unversioned: str) -> DecisionPoint:
    """The input of ``decision`` whose id is ``unversioned`` (``"ssvc:HI"``) at any version."""
    for candidate in decision.inputs:
        if candidate.id.rsplit(":", 1)[0] == unversioned:
            return candidate
    raise SsvcError(
        f"{decision.id} has no {unversioned} input; inputs: "
        f"{', '.join(p.id for p in decision.inputs)}"
    )


def value_key(decision_point: DecisionPoint, value: str) -> str:
    """The key of the value named ``value`` (by key or name, case-insensitive).

    A value may also be a single word of exactly one name (``poc`` → ``Public PoC``); that is
    how the evidence vocabulary (``none|poc|active``) meets the tables' names without a
    hand-written mapping. Anything else is an error listing the allowed values.
    """
    wanted = _normal(value)
    for candidate in decision_point.values:
        if wanted in (_normal(candidate.key), _normal(candidate.name)):
            return candidate.key
    by_word = [c.key for c in decision_point.values if wanted in _normal(c.name).split()]
    if len(by_word) == 1:
        return by_word[0]
    raise SsvcError(
        f'"{value}" is not a value of {decision_point.label}; allowed: {decision_point.allowed}'
    )


def outcome_key(decision: DecisionTable, value: str) -> str:
    """The key of one outcome of ``decision``, given by key or name (``Immediate`` → ``I``)."""
    return value_key(decision.outcome, value)


@dataclass(frozen=True, slots=True)
class Clock:
    """A sector's deadlines for one table: outcome key → days (``None``: no deadline)."""

    days: Mapping[str, int | None]
    binding: bool = False  # a regulation imposes these deadlines, rather than internal policy


@dataclass(frozen=True, slots=True)
class Note:
    """Free text about the sector's obligations; ``status`` says e.g. ``proposed``."""

    text: str
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Profile:
    """One sector profile; impact maps hold value keys of the tables' decision points."""

    name: str
    description: str
    human_impacts: Mapping[str, str]  # asset class → ssvc:HI key; includes "default"
    mission_impacts: Mapping[str, str]  # asset class → ssvc:MWI key; includes "default"
    clocks: Mapping[str, Clock] = field(default_factory=lambda: MappingProxyType({}))
    notes: tuple[Note, ...] = ()
    path: Path | None = None

    def human_impact(self, asset_class: str | None = None, safety_critical: bool = False) -> str:
        """The ``ssvc:HI`` key for an asset class; safety-critical assets take the top value."""
        return _impact(self.human_impacts, DEPLOYER, "ssvc:HI", asset_class, safety_critical)

    def mission_impact(self, asset_class: str | None = None, safety_critical: bool = False) -> str:
        """The ``ssvc:MWI`` key for an asset class; safety-critical assets take the top value."""
        return _impact(self.mission_impacts, COORDINATOR, "ssvc:MWI", asset_class, safety_critical)

    def due(self, table_id: str, outcome: str, found_on: date) -> date | None:
        """The deadline for ``outcome`` of ``table_id``, or ``None`` when it carries no clock."""
        clock = self.clocks.get(table_id)
        days = clock.days.get(outcome) if clock else None
        return None if days is None else found_on + timedelta(days=days)


def _impact(
    impacts: Mapping[str, str],
    table_id: str,
    unversioned: str,
    asset_class: str | None,
    safety_critical: bool,
) -> str:
    if safety_critical:
        # The per-asset override wins: the table lists values lowest first, so take the last.
        return point(table(table_id), unversioned).values[-1].key
    # Asset classes are open-ended, so an unlisted one falls back to the sector's default.
    key = _normal(asset_class) if asset_class else DEFAULT
    return impacts.get(key, impacts[DEFAULT])


def shipped() -> list[str]:
    """The names of the shipped profiles, sorted."""
    return sorted(path.stem for path in PROFILES.glob("*.yaml"))


def load_profile(name_or_path: str | Path) -> Profile:
    """A shipped profile by name (``"hospital"``) or a profile file by path."""
    path = Path(name_or_path)
    if path.suffix.lower() not in (".yaml", ".yml"):
        path = PROFILES / f"{name_or_path}.yaml"
        if not path.is_file():
            raise ProfileError(
                f'unknown profile "{name_or_path}"; shipped profiles: '
                f"{', '.join(shipped())} (or give the path of a .yaml file)"
            )
    try:
        document = read_yaml_document(path)
    except YamlFileError as error:
        raise ProfileError(f"cannot read the profile ({error.reason})", path=str(path)) from error
    # Imported here, not at the top: the file's models import pydantic, which AICC loads only
    # when it reads a profile (`aicc --version` stays fast).
    from aicc.prioritize.profile_file import build_profile

    return build_profile(document, path)
