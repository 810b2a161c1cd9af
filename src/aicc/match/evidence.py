"""Turn hits into findings: merge aliases, then attach summaries, CVSS, KEV and EPSS in bulk."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, select

from aicc.core.components import Component
from aicc.core.cvss import score_vector
from aicc.core.findings import CvssScore, Finding
from aicc.core.times import iso
from aicc.match.appliances import ApplianceHit
from aicc.match.grouping import AliasGroups, primary_id
from aicc.match.packages import PackageHit
from aicc.match.references import vendor_advisories
from aicc.store import tables as t
from aicc.store.batching import in_chunks
from aicc.versions import sort_key
from aicc.versions._range_text import OUTSIDE

_OSV_CVSS = {"CVSS_V2": "2.0", "CVSS_V3": None, "CVSS_V4": "4.0"}
_NVD_METRICS = {
    "cvssMetricV2": "2.0",
    "cvssMetricV30": "3.0",
    "cvssMetricV31": "3.1",
    "cvssMetricV40": "4.0",
}


def _osv_cvss(advisory_id: str, severity: list[dict[str, Any]] | None) -> list[CvssScore]:
    scores = []
    for item in severity or []:
        kind, vector = item.get("type"), item.get("score")
        if kind not in _OSV_CVSS or not isinstance(vector, str):
            continue
        version = _OSV_CVSS[kind] or ("3.0" if vector.startswith("CVSS:3.0/") else "3.1")
        score, level, _error = score_vector(version, vector)
        scores.append(CvssScore(f"osv:{advisory_id}", version, vector, score, level))
    return scores


def _first_sentence(text: str | None) -> str | None:
    if not text:
        return None
    line = text.strip().split("\n", 1)[0]
    return line if len(line) <= 200 else line[:197] + "..."


def _sorted_versions(ecosystem: str, versions: set[str]) -> list[str]:
    """Smallest first by the ecosystem's ordering; unparseable ones last, as text."""
    good, bad = [], []
    for version in versions:
        try:
            good.append((sort_key(ecosystem, version), version))
        except ValueError:
            bad.append(version)
    return [v for _k, v in sorted(good)] + sorted(bad)


def _package_findings(conn: Connection, hits: Sequence[PackageHit]) -> list[Finding]:
    advisory_ids = [h.advisory_id for h in hits]
    details: dict[str, Any] = {}
    aliases: dict[str, list[str]] = defaultdict(list)
    adv, al = t.advisories, t.advisory_aliases
    for chunk in in_chunks(advisory_ids):
        for row in conn.execute(
            select(adv.c.id, adv.c.summary, adv.c.details, adv.c.severity).where(
                adv.c.id.in_(chunk)
            )
        ):
            details[row.id] = row
        for advisory_id, alias in conn.execute(
            select(al.c.advisory_id, al.c.alias).where(
                al.c.advisory_id.in_(chunk), al.c.relation == "alias"
            )
        ):
            aliases[advisory_id].append(alias)
    groups = AliasGroups()
    for advisory_id in details:
        groups.union([advisory_id, *aliases[advisory_id]])
    summaries = {a: _first_sentence(row.summary or row.details) for a, row in details.items()}
    scores = {a: _osv_cvss(a, row.severity) for a, row in details.items()}
    # the same advisories hit many components (one package in many SBOMs): describe them once
    described: dict[tuple[str, ...], tuple[str, list[str], str | None]] = {}

    def describe(matched: tuple[str, ...]) -> tuple[str, list[str], str | None]:
        if matched not in described:
            ids = set(matched)
            for advisory_id in matched:
                ids.update(aliases[advisory_id])
            main = primary_id(ids)
            summary = next((summaries[a] for a in matched if summaries.get(a)), None)
            described[matched] = (main, sorted(ids - {main}), summary)
        return described[matched]

    per_component: dict[Component, list[PackageHit]] = defaultdict(list)
    for hit in hits:
        per_component[hit.component].append(hit)
    findings = []
    for component, component_hits in per_component.items():
        by_group: dict[str, list[PackageHit]] = defaultdict(list)
        for hit in component_hits:
            by_group[groups.find(hit.advisory_id)].append(hit)
        for group_hits in by_group.values():
            matched = tuple(sorted({h.advisory_id for h in group_hits}))
            main, other_ids, summary = describe(matched)
            cvss = [s for a in matched for s in scores.get(a, ())]
            fixed = (
                list(group_hits[0].fixed)
                if len(group_hits) == 1
                else _sorted_versions(
                    group_hits[0].ecosystem, {f for h in group_hits for f in h.fixed}
                )
            )
            findings.append(
                Finding(
                    id=main,
                    aliases=list(other_ids),
                    component=component,
                    summary=summary,
                    advisories=list(matched),
                    fixed_versions=fixed,
                    cvss=cvss,
                    match=f"{component.ecosystem} {component.name} {component.version} is in the "
                    f"affected range of {', '.join(matched)}",
                )
            )
    return findings


def _appliance_findings(conn: Connection, hits: Sequence[ApplianceHit]) -> list[Finding]:
    cr = t.cve_records
    titles: dict[str, str | None] = {}
    urls: dict[str, list[str]] = {}
    for chunk in in_chunks([h.cve_id for h in hits]):
        for cve_id, title, description, references in conn.execute(
            select(cr.c.cve_id, cr.c.title, cr.c.description, cr.c.references).where(
                cr.c.cve_id.in_(chunk)
            )
        ):
            titles[cve_id] = _first_sentence(title or description)
            urls[cve_id] = vendor_advisories(references)
    nvd = t.nvd_cves
    for chunk in in_chunks([h.cve_id for h in hits if h.cve_id not in titles]):
        for cve_id, description in conn.execute(
            select(nvd.c.cve_id, nvd.c.description).where(nvd.c.cve_id.in_(chunk))
        ):
            titles[cve_id] = _first_sentence(description)
    return [
        Finding(
            id=h.cve_id,
            aliases=[],
            component=h.component,
            summary=titles.get(h.cve_id) or h.summary,
            advisories=[h.cve_id],
            fixed_versions=list(h.fixed),
            match=_appliance_match(h),
            identified=h.identified or None,
            fixed_after=list(h.fixed_after),
            platforms=list(h.platforms),
            advisory_urls=list(dict.fromkeys([*h.advisory_urls, *urls.get(h.cve_id, [])]))[:3],
            remediations=list(h.remediations),
            data_problems=list(h.data_problems),
            version_order=h.version_order if h.version_order != "vendor" else None,
        )
        for h in hits
    ]


def _appliance_match(hit: ApplianceHit) -> str:
    """How an appliance finding matched: the range that holds its version, and whose range
    it is ("Citrix NetScaler 13.1-48.47 is in 13.1 ≤ v < 13.1-51.15 (patch scheme; ...),
    from the CNA record"); how the product was found is the finding's ``identified``."""
    row = f"{hit.component.product_name} {hit.component.version or ''}".strip()
    if hit.matched:
        return f"{row} is {'' if hit.matched.startswith(OUTSIDE) else 'in '}{hit.matched}"
    return f"{row} is affected according to {hit.decided_by}"


def _kev_and_epss(
    conn: Connection, cve_ids: Sequence[str]
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """The KEV entry and the EPSS score of each of ``cve_ids`` that has one."""
    kev: dict[str, dict[str, Any]] = {}
    epss: dict[str, dict[str, Any]] = {}
    k, e = t.kev_entries, t.epss_scores
    for chunk in in_chunks(cve_ids):
        for row in conn.execute(select(k).where(k.c.cve_id.in_(chunk))):
            # plain str keys: SQLAlchemy's quoted_name keys trip orjson
            kev[row.cve_id] = {str(k): v for k, v in row._mapping.items() if k != "digest"}
        for row in conn.execute(
            select(e.c.cve_id, e.c.epss, e.c.percentile, e.c.model_version, e.c.score_date).where(
                e.c.cve_id.in_(chunk)
            )
        ):
            epss[row.cve_id] = {
                "score": row.epss,
                "percentile": row.percentile,
                "model_version": row.model_version,
                "date": iso(row.score_date),
            }
    return kev, epss


def _take_kev_and_epss(
    finding: Finding, kev: dict[str, dict[str, Any]], epss: dict[str, dict[str, Any]]
) -> None:
    """The first of the finding's CVEs (in `Finding.cve_ids`' order) with a KEV entry, and
    with an EPSS score, gives it its own."""
    finding.kev = next((kev[cve] for cve in finding.cve_ids if cve in kev), None)
    finding.epss = next((epss[cve] for cve in finding.cve_ids if cve in epss), None)


def refresh_kev_and_epss(conn: Connection, findings: Sequence[Finding]) -> None:
    """Give findings matched before the KEV entry and EPSS score the knowledge base has for
    them now, as matching attaches them (`build_findings`): a KEV or EPSS change re-decides a
    finding without matching it again (`aicc.pipeline.scan.redecide`)."""
    kev, epss = _kev_and_epss(conn, [c for f in findings for c in f.cve_ids])
    for finding in findings:
        _take_kev_and_epss(finding, kev, epss)


def _attach_cve_evidence(conn: Connection, findings: list[Finding]) -> None:
    cve_ids = [c for f in findings for c in f.cve_ids]
    kev, epss = _kev_and_epss(conn, cve_ids)
    metrics: dict[str, list[CvssScore]] = defaultdict(list)
    m, n = t.cve_metrics, t.nvd_cves
    for chunk in in_chunks(cve_ids):
        for row in conn.execute(
            select(
                m.c.cve_id,
                m.c.provider,
                m.c.cvss_version,
                m.c.vector,
                m.c.base_score,
                m.c.base_severity,
            ).where(m.c.cve_id.in_(chunk))
        ):
            metrics[row.cve_id].append(
                CvssScore(
                    row.provider, row.cvss_version, row.vector, row.base_score, row.base_severity
                )
            )
        for cve_id, data in conn.execute(
            select(n.c.cve_id, n.c.metrics).where(n.c.cve_id.in_(chunk))
        ):
            for key, version in _NVD_METRICS.items():
                for metric in (data or {}).get(key) or []:
                    vector = (metric.get("cvssData") or {}).get("vectorString")
                    if isinstance(vector, str):
                        score, level, _error = score_vector(version, vector)
                        metrics[cve_id].append(
                            CvssScore(
                                str(metric.get("source", "nvd")), version, vector, score, level
                            )
                        )
    for finding in findings:
        _take_kev_and_epss(finding, kev, epss)
        for cve in finding.cve_ids:
            finding.cvss += metrics.get(cve, [])


def build_findings(
    conn: Connection, package_hits: Sequence[PackageHit], appliance_hits: Sequence[ApplianceHit]
) -> list[Finding]:
    """Findings for all hits, one per vulnerability per component, with their evidence."""
    findings = _package_findings(conn, package_hits) + _appliance_findings(conn, appliance_hits)
    _attach_cve_evidence(conn, findings)
    return findings
