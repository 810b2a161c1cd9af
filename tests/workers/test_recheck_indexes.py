"""The queries a re-check chunk and the matcher run for every component are served by an index
(issue 15), checked with the database's own planner: PostgreSQL's ``EXPLAIN`` with sequential
scans priced out (so the plan shows whether an index *can* serve the query, whatever the table
sizes of the test), SQLite's ``EXPLAIN QUERY PLAN``. A query that falls back to reading a whole
table fails here with its plan, before a portfolio of half a million components finds it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, text

from aicc.center.recheck_chunk import component_name
from aicc.store import tables as t
from aicc.store.center_tables import findings, inventories
from aicc.store.recheck_tables import knowledge_changes, recheck_chunks, recheck_findings

ap, rc, rf, kc = t.affected_packages, recheck_chunks, recheck_findings, knowledge_changes

# what the query is for -> (the query, the index on PostgreSQL, the index on SQLite)
QUERIES: dict[str, tuple[Any, str, str]] = {
    "the matcher's candidates for a package (aicc.match.packages)": (
        select(ap.c.advisory_id, ap.c.ranges, ap.c.versions)
        .join(t.advisories, t.advisories.c.id == ap.c.advisory_id)
        .where(
            t.advisories.c.withdrawn.is_(None),
            ap.c.ecosystem_base == "PyPI",
            ap.c.normalized_name.in_(["flask", "jinja2"]),
        ),
        "ix_affected_packages_ecosystem_base_normalized_name",
        "ix_affected_packages_ecosystem_base_normalized_name",
    ),
    "the packages a changed advisory names (recheck_plan.touched)": (
        select(ap.c.ecosystem_base, ap.c.normalized_name).where(
            ap.c.advisory_id.in_(["PYSEC-2026-1", "GHSA-xxxx"])
        ),
        "ix_affected_packages_advisory_id",
        "ix_affected_packages_advisory_id",
    ),
    "the aliases of a changed advisory (recheck_plan.touched)": (
        select(t.advisory_aliases.c.alias).where(
            t.advisory_aliases.c.advisory_id.in_(["PYSEC-2026-1"])
        ),
        "pk_advisory_aliases",
        "sqlite_autoindex_advisory_aliases_1",
    ),
    "the products a changed CVE names (recheck_plan.touched)": (
        select(t.cve_affected.c.vendor_key, t.cve_affected.c.product_key).where(
            t.cve_affected.c.cve_id.in_(["CVE-2026-0001"])
        ),
        "ix_cve_affected_cve_id",
        "ix_cve_affected_cve_id",
    ),
    "whether an inventory is still its asset's latest (recheck_chunk)": (
        select(func.max(inventories.c.version)).where(inventories.c.asset_id == "ast_1"),
        "uq_inventories_asset_id_version",
        "sqlite_autoindex_inventories_2",
    ),
    "an asset's findings, to upsert (findings.store_findings)": (
        select(findings.c.id, findings.c.key, findings.c.record).where(
            findings.c.asset_id == "ast_1"
        ),
        "uq_findings_asset_id_key",
        "sqlite_autoindex_findings_2",
    ),
    "a run's chunks still to do (recheck.pending_chunks)": (
        select(rc.c.seq).where(rc.c.run_id == "rck_1", rc.c.done_at.is_(None)).order_by(rc.c.seq),
        "pk_recheck_chunks",
        "sqlite_autoindex_recheck_chunks_1",
    ),
    "the changes no run has claimed (recheck.start_run)": (
        select(func.count()).select_from(kc).where(kc.c.run_id.is_(None)),
        "ix_knowledge_changes_run_id",
        "ix_knowledge_changes_run_id",
    ),
    "a run's new exploited findings (recheck_views.get_run)": (
        select(rf.c.vulnerability_id).where(
            rf.c.run_id == "rck_1", rf.c.change == "new", rf.c.kev.is_(True)
        ),
        "pk_recheck_findings",
        "sqlite_autoindex_recheck_findings_1",
    ),
    "a chunk's stored findings of its components, by name (recheck_chunk._stored_findings)": (
        None,  # written per dialect: see _query
        "ix_findings_component_name",
        "ix_findings_component_name",
    ),
    "who is affected by a CVE (the portfolio view)": (
        select(findings.c.asset_id).where(findings.c.vulnerability_id == "CVE-2026-0001"),
        "ix_findings_vulnerability_id",
        "ix_findings_vulnerability_id",
    ),
}


def _query(engine: Engine, query: Any) -> Any:
    if query is not None:
        return query
    name = component_name(engine.dialect.name)
    return select(findings.c.id, findings.c.record).where(name.in_(["flask", "jinja2"]))


def _plan(engine: Engine, query: Any) -> str:
    sql = str(query.compile(dialect=engine.dialect, compile_kwargs={"literal_binds": True}))
    with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("SET enable_seqscan = off"))
            return "\n".join(conn.execute(text(f"EXPLAIN {sql}")).scalars())
        return "\n".join(str(row[-1]) for row in conn.execute(text(f"EXPLAIN QUERY PLAN {sql}")))


@pytest.mark.parametrize("purpose", sorted(QUERIES))
def test_the_query_is_served_by_its_index(engine: Engine, purpose: str) -> None:
    query, on_postgres, on_sqlite = QUERIES[purpose]
    plan = _plan(engine, _query(engine, query))
    if engine.dialect.name == "postgresql":
        # Index Scan, Index Only Scan using it, or Bitmap Index Scan on it
        assert re.search(rf"Index (Only )?Scan (using|on) {on_postgres}\b", plan), plan
        assert "Seq Scan" not in plan, plan
    else:
        assert f"INDEX {on_sqlite}" in plan, plan
        assert not any(line.startswith("SCAN ") for line in plan.splitlines()), plan
