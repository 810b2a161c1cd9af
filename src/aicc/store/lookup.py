"""Everything the knowledge base holds on one vulnerability, across its aliases."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, select

from aicc.core.times import iso
from aicc.store import tables as t
from aicc.store.knowledge import related_ids


def _rows(conn: Connection, query: Any) -> list[dict[str, Any]]:
    return [dict(row._mapping) for row in conn.execute(query)]


def describe(conn: Connection, vuln_id: str) -> dict[str, Any] | None:
    """Advisories, CVE records, KEV entries and EPSS scores for ``vuln_id`` and its aliases.

    None when the knowledge base has nothing under any of the names.
    """
    vuln_id = vuln_id.strip()
    aliases = related_ids(conn, vuln_id)
    ids = [vuln_id, *aliases]
    cve_ids = [i for i in ids if i.upper().startswith("CVE-")]
    advisories = []
    for row in _rows(
        conn,
        select(
            t.advisories.c.id,
            t.advisories.c.summary,
            t.advisories.c.modified,
            t.advisories.c.withdrawn,
        )
        .where(t.advisories.c.id.in_(ids))
        .order_by(t.advisories.c.id),
    ):
        packages = _rows(
            conn,
            select(
                t.affected_packages.c.ecosystem,
                t.affected_packages.c.name,
                t.affected_packages.c.purl,
            ).where(t.affected_packages.c.advisory_id == row["id"]),
        )
        advisories.append(
            {
                **row,
                "modified": iso(row["modified"]),
                "withdrawn": iso(row["withdrawn"]),
                "packages": packages,
            }
        )
    cves = []
    for row in _rows(conn, select(t.cve_records).where(t.cve_records.c.cve_id.in_(cve_ids))):
        metrics = _rows(
            conn,
            select(
                t.cve_metrics.c.provider,
                t.cve_metrics.c.cvss_version,
                t.cve_metrics.c.vector,
                t.cve_metrics.c.base_score,
            ).where(t.cve_metrics.c.cve_id == row["cve_id"]),
        )
        ssvc = {
            k: row[f"ssvc_{k}"]
            for k in ("exploitation", "automatable", "technical_impact")
            if row[f"ssvc_{k}"]
        }
        cves.append(
            {
                "cve_id": row["cve_id"],
                "state": row["state"],
                "title": row["title"],
                "description": row["description"],
                "cwes": row["cwes"],
                "date_updated": iso(row["date_updated"]),
                "ssvc": ssvc,
                "metrics": metrics,
            }
        )
    kev = _rows(conn, select(t.kev_entries).where(t.kev_entries.c.cve_id.in_(cve_ids)))
    for entry in kev:
        entry.pop("digest", None)
    epss = [
        {**r, "score_date": iso(r["score_date"])}
        for r in _rows(
            conn,
            select(
                t.epss_scores.c.cve_id,
                t.epss_scores.c.epss,
                t.epss_scores.c.percentile,
                t.epss_scores.c.model_version,
                t.epss_scores.c.score_date,
            ).where(t.epss_scores.c.cve_id.in_(cve_ids)),
        )
    ]
    nvd = _rows(
        conn,
        select(t.nvd_cves.c.cve_id, t.nvd_cves.c.vuln_status, t.nvd_cves.c.description).where(
            t.nvd_cves.c.cve_id.in_(cve_ids)
        ),
    )
    if not (advisories or cves or kev or epss or nvd):
        return None
    return {
        "id": vuln_id,
        "aliases": aliases,
        "advisories": advisories,
        "cves": cves,
        "kev": kev,
        "epss": epss,
        "nvd": nvd,
    }
