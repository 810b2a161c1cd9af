"""Collect the SSVC evidence for findings, each fact with its source.

``collect_evidence(conn, findings)`` returns a list of :class:`Evidence` aligned with
``findings`` (``result[i]`` belongs to ``findings[i]``). It reads ``cve_records`` and
``advisories`` once per 500 ids for all findings together, never once per finding, and uses
what matching already attached to each finding (KEV entry, EPSS, CVSS vectors).

Rules, in order:

Exploitation
  1. ``active`` when the finding has a CISA KEV entry (source ``CISA KEV``, detail
     ``added <dateAdded>, due <dueDate>, ransomware: <knownRansomwareCampaignUse>``).
     KEV wins over everything.
  2. ``active`` when CISA's Vulnrichment SSVC says active (source
     ``CISA ADP (Vulnrichment) SSVC <version>``); ``poc`` when it says poc.
  3. ``poc`` (derived) when an OSV advisory of the finding has a reference of type
     ``EVIDENCE``, a CVE or OSV reference URL points at a public exploit site (exploit-db.com,
     packetstormsecurity.com, packetstorm.news, or a github.com path containing "exploit"), or a
     CVE reference carries the tag ``exploit``.
  4. ``none``: from Vulnrichment when it says none (its source), otherwise source
     ``no exploitation evidence in KEV, Vulnrichment or references``.

Automatable and Technical Impact
  1. Vulnrichment's SSVC option when present (first CVE id of the finding that has one).
  2. Otherwise derived (``derived=True``) from the finding's highest-priority CVSS v3.x/v4.0
     vector: source rank CNA, then OSV, then CISA-ADP, then any other (NVD); within a rank
     the newer version (4.0, 3.1, 3.0). The source names the vector and who published it.
     automatable ``yes`` when AV:N, AC:L, PR:N and UI:N (v4.0 also AT:N), else ``no``;
     technical impact ``total`` when C, I and A are all H (v4.0: VC, VI, VA), else ``partial``.
  3. No v3/v4 vector at all: automatable ``yes`` and technical impact ``total``, derived, with
     detail saying so: the more urgent value, so that a missing score never lowers priority.

Exposure
  The component's own ``exposure`` when the inventory set it (source
  ``inventory: <file> <location>``) or an ``aicc-asset.yaml`` above it did (source
  ``asset settings: <file>``), else ``default_exposure`` (source ``scan default (--exposure)``).

``in_kev``, ``epss`` and ``epss_percentile`` are copied from the finding.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import Connection, select

from aicc.core.components import EXPOSURES
from aicc.core.evidence import Evidence, Fact
from aicc.core.findings import CvssScore, Finding
from aicc.store import tables as t
from aicc.store.batching import in_chunks

KEV_SOURCE = "CISA KEV"
NO_EXPLOITATION_SOURCE = "no exploitation evidence in KEV, Vulnrichment or references"
DEFAULT_EXPOSURE_SOURCE = "scan default (--exposure)"
NO_VECTOR_DETAIL = (
    "no CVSS v3/v4 vector: assumed the more urgent value, so that a missing "
    "score does not lower priority"
)

# Hosts whose pages are exploits or exploit write-ups; kept short and explicit on purpose.
EXPLOIT_HOSTS = ("exploit-db.com", "packetstormsecurity.com", "packetstorm.news")

_VERSION_RANK = {"4.0": 0, "3.1": 1, "3.0": 2}


@dataclass(frozen=True, slots=True)
class _CveRecord:
    """The columns of one ``cve_records`` row this module uses."""

    exploitation: str | None
    automatable: str | None
    technical_impact: str | None
    version: str | None
    timestamp: datetime | None
    references: list[dict[str, Any]]


def _load(
    conn: Connection, findings: Sequence[Finding]
) -> tuple[dict[str, _CveRecord], dict[str, list[dict[str, Any]]]]:
    """CVE records by CVE id and OSV references by advisory id, for all findings at once."""
    cve_ids = {c for f in findings for c in f.cve_ids}
    advisory_ids = {
        i for f in findings for i in (f.id, *f.aliases, *f.advisories) if not i.startswith("CVE-")
    }
    cr, adv = t.cve_records, t.advisories
    records: dict[str, _CveRecord] = {}
    for chunk in in_chunks(cve_ids):
        for row in conn.execute(
            select(
                cr.c.cve_id,
                cr.c.ssvc_exploitation,
                cr.c.ssvc_automatable,
                cr.c.ssvc_technical_impact,
                cr.c.ssvc_version,
                cr.c.ssvc_timestamp,
                cr.c.references,
            ).where(cr.c.cve_id.in_(chunk))
        ):
            records[row.cve_id] = _CveRecord(
                row.ssvc_exploitation,
                row.ssvc_automatable,
                row.ssvc_technical_impact,
                row.ssvc_version,
                row.ssvc_timestamp,
                list(row.references or []),
            )
    references: dict[str, list[dict[str, Any]]] = {}
    for chunk in in_chunks(advisory_ids):
        for advisory_id, refs in conn.execute(
            select(adv.c.id, adv.c.references).where(adv.c.id.in_(chunk))
        ):
            references[advisory_id] = list(refs or [])
    return records, references


def _vulnrichment_source(record: _CveRecord) -> str:
    return (
        f"CISA ADP (Vulnrichment) SSVC {record.version}"
        if record.version
        else "CISA ADP (Vulnrichment) SSVC"
    )


def _vulnrichment_detail(cve_id: str, record: _CveRecord) -> str:
    when = f" as of {record.timestamp.isoformat()}" if record.timestamp else ""
    return f"{cve_id}{when}"


@lru_cache(maxsize=65536)
def is_exploit_url(url: str) -> bool:
    """True when ``url`` is on a known public exploit site (see ``EXPLOIT_HOSTS``)."""
    lowered = url.lower()
    # most references name no exploit site at all: skip parsing them (a scan checks thousands)
    if "exploit" not in lowered and "packetstorm" not in lowered:
        return False
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    if any(host == h or host.endswith("." + h) for h in EXPLOIT_HOSTS):
        return True
    # exploit repositories on GitHub are commonly named "...exploit..." (CVE-XXXX-exploit)
    return host == "github.com" and "exploit" in parts.path.lower()


def _exploitation(
    finding: Finding, records: dict[str, _CveRecord], references: dict[str, list[dict[str, Any]]]
) -> Fact:
    kev = finding.kev
    if kev:
        return Fact(
            "active",
            KEV_SOURCE,
            detail=f"added {kev.get('date_added')}, due {kev.get('due_date')}, "
            f"ransomware: {kev.get('known_ransomware_campaign_use')}",
        )
    stated = [(c, records[c]) for c in finding.cve_ids if c in records and records[c].exploitation]
    for wanted in ("active", "poc"):
        for cve_id, record in stated:
            if record.exploitation == wanted:
                return Fact(
                    wanted,
                    _vulnrichment_source(record),
                    detail=_vulnrichment_detail(cve_id, record),
                )
    for advisory_id in (finding.id, *finding.aliases, *finding.advisories):
        for ref in references.get(advisory_id, ()):
            url = str(ref.get("url") or "")
            if ref.get("type") == "EVIDENCE" or is_exploit_url(url):
                return Fact(
                    "poc",
                    f"OSV {advisory_id} reference",
                    derived=True,
                    detail=f"{ref.get('type')} {url}",
                )
    for cve_id in finding.cve_ids:
        found = records.get(cve_id)
        for ref in found.references if found else ():
            url = str(ref.get("url") or "")
            tags = [str(tag).lower() for tag in ref.get("tags") or ()]
            if "exploit" in tags or is_exploit_url(url):
                return Fact("poc", f"CVE {cve_id} reference", derived=True, detail=url)
    if stated:
        cve_id, record = stated[0]  # Vulnrichment said none: cite it rather than silence
        return Fact(
            "none", _vulnrichment_source(record), detail=_vulnrichment_detail(cve_id, record)
        )
    return Fact("none", NO_EXPLOITATION_SOURCE)


def _source_rank(source: str) -> int:
    if source == "cna":
        return 0
    if source.startswith("osv:"):
        return 1
    return 2 if source == "CISA-ADP" else 3


def best_vector(cvss: Sequence[CvssScore]) -> CvssScore | None:
    """The highest-priority v3.x/v4.0 vector: CNA, OSV, CISA-ADP, others; then newest version."""
    usable = [c for c in cvss if c.version in _VERSION_RANK]
    if not usable:
        return None
    return min(usable, key=lambda c: (_source_rank(c.source), _VERSION_RANK[c.version], c.vector))


def _metrics(vector: str) -> dict[str, str]:
    parts = (p.split(":", 1) for p in vector.split("/") if ":" in p)
    return {k.upper(): v.upper() for k, v in parts}


def derive_automatable(score: CvssScore) -> str:
    """``yes`` when AV:N, AC:L, PR:N, UI:N (and AT:N in v4.0), else ``no``."""
    m = _metrics(score.vector)
    needed = {"AV": "N", "AC": "L", "PR": "N", "UI": "N"}
    if score.version == "4.0":
        needed["AT"] = "N"
    return "yes" if all(m.get(k) == v for k, v in needed.items()) else "no"


def derive_technical_impact(score: CvssScore) -> str:
    """``total`` when confidentiality, integrity and availability are all H, else ``partial``."""
    m = _metrics(score.vector)
    keys = ("VC", "VI", "VA") if score.version == "4.0" else ("C", "I", "A")
    return "total" if all(m.get(k) == "H" for k in keys) else "partial"


_AUTOMATABLE_RULE = "yes when AV:N, AC:L, PR:N, UI:N{at}, else no"
_IMPACT_RULE = "total when {keys} are all H, else partial"


def _ssvc_options(finding: Finding, records: dict[str, _CveRecord]) -> tuple[Fact, Fact]:
    """Automatable and Technical Impact: Vulnrichment first, else derived from CVSS."""
    stated: dict[str, Fact] = {}
    for cve_id in finding.cve_ids:
        record = records.get(cve_id)
        if record is None:
            continue
        for name, value in (
            ("automatable", record.automatable),
            ("technical_impact", record.technical_impact),
        ):
            if value and name not in stated:
                stated[name] = Fact(
                    value, _vulnrichment_source(record), detail=_vulnrichment_detail(cve_id, record)
                )
    score = best_vector(finding.cvss)
    if score is None:
        derived_auto = Fact("yes", "no CVSS vector", derived=True, detail=NO_VECTOR_DETAIL)
        derived_impact = Fact("total", "no CVSS vector", derived=True, detail=NO_VECTOR_DETAIL)
    else:
        source = f"{score.vector} ({score.source})"
        v4 = score.version == "4.0"
        derived_auto = Fact(
            derive_automatable(score),
            source,
            derived=True,
            detail=_AUTOMATABLE_RULE.format(at=", AT:N" if v4 else ""),
        )
        derived_impact = Fact(
            derive_technical_impact(score),
            source,
            derived=True,
            detail=_IMPACT_RULE.format(keys="VC, VI, VA" if v4 else "C, I, A"),
        )
    return (stated.get("automatable", derived_auto), stated.get("technical_impact", derived_impact))


def _exposure(finding: Finding, default_exposure: str) -> Fact:
    component = finding.component
    own = (component.exposure or "").strip().lower()
    if own in EXPOSURES:
        if component.asset_source:
            return Fact(own, f"asset settings: {component.asset_source}")
        where = " ".join(p for p in (component.source, component.location) if p)
        return Fact(own, f"inventory: {where}")
    return Fact(default_exposure, DEFAULT_EXPOSURE_SOURCE)


def collect_evidence(
    conn: Connection, findings: Sequence[Finding], *, default_exposure: str = "controlled"
) -> list[Evidence]:
    """The evidence for each finding, aligned with ``findings`` (rules: module docstring)."""
    if default_exposure not in EXPOSURES:
        raise ValueError(f"exposure must be one of {', '.join(EXPOSURES)}: {default_exposure!r}")
    if not findings:
        return []
    records, references = _load(conn, findings)
    result = []
    for finding in findings:
        automatable, technical_impact = _ssvc_options(finding, records)
        epss = finding.epss or {}
        result.append(
            Evidence(
                exploitation=_exploitation(finding, records, references),
                automatable=automatable,
                technical_impact=technical_impact,
                exposure=_exposure(finding, default_exposure),
                in_kev=finding.kev is not None,
                epss=epss.get("score"),
                epss_percentile=epss.get("percentile"),
            )
        )
    return result
