"""Package components (purl/ecosystem) against OSV affected entries."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from aicc.core.components import Component
from aicc.core.packages import base_ecosystem, normalize_name
from aicc.core.problems import Problem
from aicc.store import tables as t
from aicc.store.batching import in_chunks
from aicc.versions import InvalidVersion, OsvAffected, UnknownEcosystem


@dataclass(frozen=True, slots=True)
class PackageHit:
    """One component inside one advisory's affected range."""

    component: Component
    advisory_id: str
    fixed: tuple[str, ...]
    ecosystem: str


def _candidates(conn: Connection, base: str, names: list[str]) -> list[Any]:
    ap, adv = t.affected_packages, t.advisories
    rows: list[Any] = []
    for chunk in in_chunks(names):
        rows += conn.execute(
            select(
                ap.c.advisory_id, ap.c.ecosystem, ap.c.normalized_name, ap.c.ranges, ap.c.versions
            )
            .join(adv, adv.c.id == ap.c.advisory_id)
            .where(
                adv.c.withdrawn.is_(None),
                ap.c.ecosystem_base == base,
                ap.c.normalized_name.in_(chunk),
            )
        ).all()
    return rows


def same_release(component_ecosystem: str, advisory_ecosystem: str) -> bool:
    """``Debian:12`` matches ``Debian:12`` only; a component without a release matches any."""
    if ":" not in component_ecosystem:
        return True
    return component_ecosystem == advisory_ecosystem


def match_packages(
    conn: Connection, components: Sequence[Component], skipped: list[Problem]
) -> list[PackageHit]:
    """Every (component, advisory) pair where the installed version is affected.

    Withdrawn advisories never match. A component whose version its ecosystem cannot parse is
    reported in ``skipped`` rather than guessed at.
    """
    by_key: dict[tuple[str, str], list[Component]] = defaultdict(list)
    for component in components:
        if component.ecosystem is None or not component.version:
            continue
        base = base_ecosystem(component.ecosystem)
        by_key[(base, normalize_name(base, component.name))].append(component)
    names_by_base: dict[str, list[str]] = defaultdict(list)
    for base, name in by_key:
        names_by_base[base].append(name)

    hits: list[PackageHit] = []
    unusable: set[Component] = set()
    for base, names in names_by_base.items():
        for advisory_id, ecosystem, name, ranges, versions in _candidates(conn, base, names):
            try:  # prepared once per advisory entry, then checked against each component
                entry = OsvAffected(ecosystem, ranges or [], versions or [])
            except UnknownEcosystem:
                continue
            for component in by_key[(base, name)]:
                if component in unusable or not same_release(str(component.ecosystem), ecosystem):
                    continue
                version = str(component.version)
                try:
                    if not entry.affects(version):
                        continue
                    fixed = tuple(entry.fixed_versions(version))
                except (InvalidVersion, UnknownEcosystem) as exc:
                    unusable.add(component)
                    skipped.append(
                        Problem(
                            "match",
                            component.source,
                            component.location,
                            f"{component.name} {version}: {exc}",
                        )
                    )
                    continue
                hits.append(PackageHit(component, advisory_id, fixed, ecosystem))
    return [h for h in hits if h.component not in unusable]
