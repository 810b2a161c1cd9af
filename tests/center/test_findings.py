"""Findings kept across uploads (`aicc.center.findings.store_findings`): one row per
vulnerability and component, found again by its key or, when the knowledge base renamed it,
by its aliases; the same finding twice in one file is one row."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Engine, select

from aicc.center.findings import ScannedFinding, store_findings
from aicc.store.center_tables import assets, finding_events, findings, inventories, organisations

NOW = datetime(2026, 12, 1, 9, 0)
JINJA = {"name": "jinja2", "version": "3.1.2", "ecosystem": "PyPI", "purl": "pkg:pypi/jinja2@3.1.2"}


def _scanned(
    vulnerability: str, aliases: Sequence[str], component: dict[str, Any]
) -> ScannedFinding:
    record = {"id": vulnerability, "aliases": list(aliases), "component": component}
    return ScannedFinding(vulnerability, list(aliases), record, False, 2, None)


def _setup(engine: Engine) -> None:
    with engine.begin() as conn:
        conn.execute(
            organisations.insert().values(
                id="org_1", name="Mercy", sector="hospital", profile="hospital", created_at=NOW
            )
        )
        conn.execute(
            assets.insert().values(
                id="ast_1",
                organisation_id="org_1",
                name="portal",
                kind="application",
                safety_critical=False,
                created_at=NOW,
            )
        )
        for version in (1, 2, 3):
            conn.execute(
                inventories.insert().values(
                    id=f"inv_{version}",
                    asset_id="ast_1",
                    version=version,
                    uploaded_at=NOW,
                    uploaded_by="test",
                    filename="sbom.json",
                    format="cyclonedx-json",
                    digest="0" * 64,
                    size=1,
                    content=b"{}",
                    components=[],
                    skipped=[],
                    unmatched=[],
                )
            )


def _store(engine: Engine, version: int, scanned: Sequence[ScannedFinding]) -> dict[str, int]:
    with engine.begin() as conn:
        return store_findings(
            conn,
            organisation_id="org_1",
            asset_id="ast_1",
            inventory_id=f"inv_{version}",
            inventory_label=f"inventory {version}",
            scanned=scanned,
            actor="Mercy admin (token tok_1)",
            now=NOW,
        )


def test_a_finding_that_gets_its_cve_keeps_its_row(engine: Engine) -> None:
    _setup(engine)
    assert _store(engine, 1, [_scanned("GHSA-h5c8-rqwp-cp95", [], JINJA)])["new"] == 1
    with engine.connect() as conn:
        [first] = conn.execute(select(findings.c.id, findings.c.key)).all()
        conn.execute(findings.update().values(state="exploitable"))
        conn.commit()
    # the knowledge base learned the CVE: the finding is now named by it
    renamed = _scanned("CVE-2024-22195", ["GHSA-h5c8-rqwp-cp95"], JINJA)
    assert _store(engine, 2, [renamed]) == {
        "total": 1,
        "new": 0,
        "again": 0,
        "reopened": 0,
        "gone": 0,
    }
    with engine.connect() as conn:
        [row] = conn.execute(select(findings)).mappings().all()
    assert row["id"] == first.id and row["key"] != first.key
    assert (row["vulnerability_id"], row["state"]) == ("CVE-2024-22195", "exploitable")


def test_one_finding_twice_in_a_file_is_one_row(engine: Engine) -> None:
    _setup(engine)
    twice = [
        _scanned("CVE-2024-22195", [], JINJA),
        _scanned("CVE-2024-22195", [], JINJA | {"location": "x"}),
    ]
    assert _store(engine, 1, twice)["total"] == 1
    other_version = JINJA | {"version": "3.1.3", "purl": "pkg:pypi/jinja2@3.1.3"}
    counts = _store(engine, 2, [_scanned("CVE-2024-22195", [], other_version)])
    assert counts == {"total": 1, "new": 1, "again": 0, "reopened": 0, "gone": 1}
    with engine.connect() as conn:
        rows = conn.execute(select(findings.c.present).order_by(findings.c.first_seen)).all()
        events = conn.execute(select(finding_events.c.reason).order_by(finding_events.c.id)).all()
    assert sorted(r.present for r in rows) == [False, True]
    assert [e.reason for e in events] == [
        "found in inventory 1",
        "found in inventory 2",
        "not in inventory 2",
    ]
