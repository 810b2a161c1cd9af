"""Appliances and installed software (vendor/product/version or CPE) against CVE and NVD data.

Only components without a package ecosystem come here: a library is never matched against
CPE-only data, the false-positive trap of CPE matching.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, select

from aicc.core.components import Component
from aicc.core.cpe import split_cpe
from aicc.core.packages import product_key
from aicc.core.problems import Problem
from aicc.store import tables as t
from aicc.store.batching import in_chunks
from aicc.versions import cve_affected, nvd_match


@dataclass(frozen=True, slots=True)
class ApplianceHit:
    """One appliance affected by one CVE, with the evidence that decided it."""

    component: Component
    cve_id: str
    fixed: tuple[str, ...]
    decided_by: str  # "cna", the ADP's name, or "nvd"


def identity(component: Component) -> tuple[str, str, str] | None:
    """``(vendor key, product key, version)`` of an appliance, from its columns or its CPE."""
    vendor, product, version = component.vendor, component.product, component.version
    if component.cpe:
        try:
            cpe = split_cpe(component.cpe)
        except ValueError:
            cpe = {}
        vendor = vendor or cpe.get("vendor")
        product = product or cpe.get("product")
        if not version and cpe.get("version") not in (None, "*", "-", ""):
            version = cpe["version"]
    if not (vendor and product and version):
        return None
    return product_key(vendor), product_key(product), version


def _fixed_from(version: str, versions: list[dict[str, Any]] | None) -> list[str]:
    """The fixes for ``version``'s own branch: ``lessThan`` or a ``changes`` entry that turns
    the range unaffected, of the entries that contain ``version``."""
    found = []
    for entry in versions or []:
        if not isinstance(entry, dict) or entry.get("status", "affected") != "affected":
            continue
        if cve_affected(version, [entry], "unaffected") is not True:
            continue
        bound = entry.get("lessThan")
        if isinstance(bound, str) and bound.strip() not in {"", "*"}:
            found.append(bound.strip())
        for change in entry.get("changes") or []:
            if (
                isinstance(change, dict)
                and change.get("status") == "unaffected"
                and isinstance(change.get("at"), str)
            ):
                found.append(change["at"].strip())
    return found


def match_appliances(
    conn: Connection, components: Sequence[Component], skipped: list[Problem]
) -> list[ApplianceHit]:
    """Every (appliance, CVE) pair the CVE records or NVD say is affected.

    Per CVE, the CNA's own answer wins when it gives one; else an ADP's (CISA's Vulnrichment);
    else NVD's configurations. "Unknown" never becomes a finding.
    """
    by_key: dict[tuple[str, str], list[tuple[Component, str]]] = defaultdict(list)
    for component in components:
        if component.ecosystem is not None:
            continue
        ident = identity(component)
        if ident is None:
            skipped.append(
                Problem(
                    "match",
                    component.source,
                    component.location,
                    f"{component.name}: needs vendor, product and version "
                    "(or a CPE with a version) to be matched",
                )
            )
            continue
        by_key[(ident[0], ident[1])].append((component, ident[2]))
    if not by_key:
        return []
    vendors = sorted({v for v, _p in by_key})

    # decisions[(component, cve)] = {provider: (affected?, fixed versions)}
    decisions: dict[tuple[Component, str], dict[str, tuple[bool, list[str]]]] = defaultdict(dict)
    ca, cr = t.cve_affected, t.cve_records
    for chunk in in_chunks(vendors):
        rows = conn.execute(
            select(
                ca.c.cve_id,
                ca.c.provider,
                ca.c.vendor_key,
                ca.c.product_key,
                ca.c.versions,
                ca.c.default_status,
            )
            .join(cr, cr.c.cve_id == ca.c.cve_id)
            .where(cr.c.state == "PUBLISHED", ca.c.vendor_key.in_(chunk))
        )
        for cve_id, provider, vendor, product, versions, default in rows:
            for component, version in by_key.get((vendor, product), ()):
                verdict = cve_affected(version, versions or [], default)
                if verdict is None:
                    continue
                seen = decisions[(component, cve_id)].get(provider)
                # several entries of one provider: any "affected" wins over "unaffected"
                if seen is None or (verdict and not seen[0]):
                    decisions[(component, cve_id)][provider] = (
                        verdict,
                        _fixed_from(version, versions),
                    )

    nm = t.nvd_cpe_matches
    for chunk in in_chunks(vendors):
        rows = conn.execute(
            select(
                nm.c.cve_id,
                nm.c.vendor_key,
                nm.c.product_key,
                nm.c.version,
                nm.c.version_start_including,
                nm.c.version_start_excluding,
                nm.c.version_end_including,
                nm.c.version_end_excluding,
            ).where(nm.c.vulnerable.is_(True), nm.c.vendor_key.in_(chunk))
        )
        for row in rows:
            cve_id, vendor, product, exact, si, se, ei, ee = tuple(row)
            for component, version in by_key.get((vendor, product), ()):
                if nvd_match(version, si, se, ei, ee, exact_version=exact):
                    fixed = [ee] if ee else []
                    decisions[(component, cve_id)].setdefault("nvd", (True, fixed))

    hits = []
    for (component, cve_id), providers in decisions.items():
        decided_by = next(
            (p for p in ("cna", *sorted(set(providers) - {"cna", "nvd"}), "nvd") if p in providers),
            None,
        )
        if decided_by is None:
            continue
        affected, fixed = providers[decided_by]
        if not affected:
            continue
        if not fixed:  # the deciding source names no fix; another that agrees may
            fixed = next((f for ok, f in providers.values() if ok and f), [])
        hits.append(ApplianceHit(component, cve_id, tuple(dict.fromkeys(fixed)), decided_by))
    return hits
