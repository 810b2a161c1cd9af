"""SSVC decision tables: the official CERT/CC and CISA tables, evaluated by exact lookup.

A table maps one value of each input decision point (``"ssvc:E:1.1.0"`` → ``"A"``) to one value
of its outcome decision point. Ids are ``namespace:key:version`` as in the SSVC JSON (schema 2.0.0).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, NamedTuple

from aicc.core.errors import AiccError

TABLES = Path(__file__).resolve().parent.parent / "data" / "ssvc"


class SsvcError(AiccError, ValueError):
    """A decision table is unknown or malformed, or the values given to it are not its inputs."""


class DecisionValue(NamedTuple):
    """One value a decision point can take."""

    key: str
    name: str
    definition: str


@dataclass(frozen=True)
class DecisionPoint:
    """A decision point: ``id`` is ``namespace:key:version``; ``values`` keep the file's order."""

    id: str
    name: str
    values: tuple[DecisionValue, ...]

    def value(self, key: str) -> DecisionValue:
        """The value with this key, or an error listing the allowed ones."""
        for value in self.values:
            if value.key == key:
                return value
        raise SsvcError(f'"{key}" is not a value of {self.label}; allowed: {self.allowed}')

    @property
    def label(self) -> str:
        """``Name (namespace:key:version)``."""
        return f"{self.name} ({self.id})"

    @property
    def allowed(self) -> str:
        """The value keys with their names: ``"N" (No), "Y" (Yes)``."""
        return ", ".join(f'"{v.key}" ({v.name})' for v in self.values)


@dataclass(frozen=True)
class DecisionTable:
    """A decision table; each row pairs input value keys (in ``inputs`` order) with an outcome."""

    id: str
    name: str
    inputs: tuple[DecisionPoint, ...]
    outcome: DecisionPoint
    rows: tuple[tuple[tuple[str, ...], str], ...]
    lookup: Mapping[tuple[str, ...], str] = field(repr=False, compare=False, hash=False)


def load_table(path: Path) -> DecisionTable:
    """Read and validate one SSVC decision table file (schema 2.0.0)."""
    try:
        document = json.loads(path.read_bytes())
        return _build(document, path.name)
    except (KeyError, TypeError, AttributeError, json.JSONDecodeError) as error:
        raise SsvcError(f"{path.name}: not an SSVC decision table ({error!r})") from error


def _build(document: dict[str, Any], source: str) -> DecisionTable:
    table_id = f"{document['namespace']}:{document['key']}:{document['version']}"
    points = {
        point_id: DecisionPoint(
            id=point_id,
            name=point["name"],
            values=tuple(
                DecisionValue(v["key"], v["name"], v["definition"]) for v in point["values"]
            ),
        )
        for point_id, point in document["decision_points"].items()
    }
    outcome_id = document["outcome"]
    if outcome_id not in points:
        raise SsvcError(f"{source}: the outcome {outcome_id} is not one of its decision points")
    outcome = points[outcome_id]
    inputs = tuple(point for point_id, point in points.items() if point_id != outcome_id)

    rows: list[tuple[tuple[str, ...], str]] = []
    lookup: dict[tuple[str, ...], str] = {}
    for number, row in enumerate(document["mapping"]):
        where = f"{source}: mapping[{number}]"
        if set(row) != set(points):
            missing = sorted(set(points) - set(row))
            extra = sorted(set(row) - set(points))
            raise SsvcError(
                f"{where} must give every decision point: missing {missing}, unknown {extra}"
            )
        try:
            for point_id, key in row.items():
                points[point_id].value(key)
        except SsvcError as error:
            raise SsvcError(f"{where}: {error}") from error
        keys = tuple(row[point.id] for point in inputs)
        if keys in lookup:
            raise SsvcError(f"{where} repeats the combination {_describe(inputs, keys)}")
        lookup[keys] = row[outcome_id]
        rows.append((keys, row[outcome_id]))

    combinations = list(itertools.product(*([v.key for v in p.values] for p in inputs)))
    absent = [keys for keys in combinations if keys not in lookup]
    if absent:
        raise SsvcError(
            f"{source}: the mapping has no row for {_describe(inputs, absent[0])}"
            f" ({len(absent)} of {len(combinations)} combinations missing)"
        )
    return DecisionTable(
        table_id, document["name"], inputs, outcome, tuple(rows), MappingProxyType(lookup)
    )


def _describe(inputs: tuple[DecisionPoint, ...], keys: tuple[str, ...]) -> str:
    return ", ".join(f"{point.id}={key}" for point, key in zip(inputs, keys, strict=True))


@cache
def _catalogue(folder: Path) -> Mapping[str, DecisionTable]:
    found: dict[str, DecisionTable] = {}
    for path in sorted(folder.glob("*.json")):
        loaded = load_table(path)
        if loaded.id in found:
            raise SsvcError(f"{path.name}: the table id {loaded.id} appears in two files")
        found[loaded.id] = loaded
    return MappingProxyType(found)


def tables() -> list[str]:
    """The ids of every shipped decision table, sorted."""
    return sorted(_catalogue(TABLES))


def table(table_id: str) -> DecisionTable:
    """The shipped decision table with this id (``"ssvc:DT_DP:1.0.0"``)."""
    catalogue = _catalogue(TABLES)
    if table_id not in catalogue:
        raise SsvcError(
            f'unknown SSVC decision table "{table_id}"; known tables: '
            f"{', '.join(sorted(catalogue))}"
        )
    return catalogue[table_id]


def _keys(decision: DecisionTable, values: Mapping[str, str]) -> tuple[str, ...]:
    """The input value keys in table order; every problem with ``values`` is reported at once."""
    problems: list[str] = []
    by_id = {point.id: point for point in decision.inputs}
    for point_id in values:
        if point_id in by_id:
            continue
        # A common slip is another version of the right decision point, so name the one it uses.
        unversioned = point_id.rsplit(":", 1)[0]
        same = [p.id for p in decision.inputs if p.id.rsplit(":", 1)[0] == unversioned]
        hint = f" (the table uses {same[0]})" if same else ""
        problems.append(f'unknown decision point "{point_id}"{hint}')
    for point in decision.inputs:
        if point.id not in values:
            problems.append(f"missing {point.label}: one of {point.allowed}")
        elif all(v.key != values[point.id] for v in point.values):
            problems.append(
                f'"{values[point.id]}" is not a value of {point.label}; allowed: {point.allowed}'
            )
    if problems:
        raise SsvcError(f"{decision.id} ({decision.name}): " + "; ".join(problems))
    return tuple(values[point.id] for point in decision.inputs)


def evaluate(table_id: str, values: Mapping[str, str]) -> str:
    """The outcome value key for these inputs (decision point id → value key)."""
    decision = table(table_id)
    return decision.lookup[_keys(decision, values)]


def outcome_name(table_id: str, key: str) -> str:
    """The name of one outcome value of a table (``"I"`` → ``"Immediate"``)."""
    decision = table(table_id)
    try:
        return decision.outcome.value(key).name
    except SsvcError as error:
        raise SsvcError(f"{decision.id} ({decision.name}): {error}") from error


def explain(table_id: str, values: Mapping[str, str]) -> list[str]:
    """One readable line per input (``Exploitation (ssvc:E:1.1.0) = Active``), then the outcome."""
    decision = table(table_id)
    keys = _keys(decision, values)
    lines = [
        f"{point.label} = {point.value(key).name}"
        for point, key in zip(decision.inputs, keys, strict=True)
    ]
    outcome = decision.outcome.value(decision.lookup[keys])
    lines.append(f"→ {decision.outcome.label} = {outcome.name}")
    return lines
