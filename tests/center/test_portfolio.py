"""The center's portfolio summary (`aicc.center.portfolio.summary`): organisations, assets, open,
KEV and overdue findings by sector and region, and the most overdue organisations."""

from __future__ import annotations

from datetime import date, datetime

import pytest
from sqlalchemy import Engine

from aicc.center import Forbidden, Principal, summary
from aicc.store.center_tables import assets, findings, inventories, organisations

NOW = datetime(2026, 12, 1, 9, 0)
CENTER = Principal("tok_c", "read-only", agency="CISA")


def _organisation(engine: Engine, org: str, sector: str, region: str | None, n_assets: int) -> None:
    with engine.begin() as conn:
        conn.execute(
            organisations.insert().values(
                id=org,
                name=org.title(),
                sector=sector,
                region=region,
                profile=sector,
                created_at=NOW,
            )
        )
        for n in range(n_assets):
            conn.execute(
                assets.insert().values(
                    id=f"{org}_a{n}",
                    organisation_id=org,
                    name=f"asset {n}",
                    kind="application",
                    safety_critical=False,
                    created_at=NOW,
                )
            )
            conn.execute(
                inventories.insert().values(
                    id=f"{org}_i{n}",
                    asset_id=f"{org}_a{n}",
                    version=1,
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


def _finding(
    engine: Engine,
    org: str,
    n: int,
    *,
    kev: bool = False,
    due: date | None = None,
    state: str = "in_triage",
    present: bool = True,
) -> None:
    with engine.begin() as conn:
        conn.execute(
            findings.insert().values(
                id=f"{org}_f{n}",
                organisation_id=org,
                asset_id=f"{org}_a0",
                key=f"{org}{n}",
                vulnerability_id=f"CVE-2026-{n:04d}",
                aliases=[],
                record={},
                kev=kev,
                priority=1,
                due=due,
                state=state,
                first_seen=NOW,
                last_seen=NOW,
                present=present,
                inventory_id=f"{org}_i0",
            )
        )


def test_the_summary_counts_open_kev_and_overdue_by_sector_and_region(engine: Engine) -> None:
    _organisation(engine, "mercy", "hospital", "Iowa", 2)
    _organisation(engine, "first", "bank", "Ohio", 1)
    _organisation(engine, "grace", "hospital", None, 0)
    _finding(engine, "mercy", 1, kev=True, due=date(2026, 11, 20))  # open, KEV, overdue
    _finding(engine, "mercy", 2, due=date(2026, 12, 10), state="exploitable")  # open, not late
    _finding(engine, "mercy", 3, kev=True, due=date(2026, 11, 1), state="not_affected")
    _finding(engine, "mercy", 4, kev=True, due=date(2026, 11, 1), present=False)  # gone
    _finding(engine, "first", 1, due=date(2026, 11, 25))  # open, overdue
    _finding(engine, "first", 2, due=date(2026, 11, 28))  # open, overdue
    _finding(engine, "first", 3)  # open, no due date

    got = summary(engine, CENTER, date(2026, 12, 1))

    assert got["as_of"] == "2026-12-01"
    assert got["totals"] == {
        "organizations": 3,
        "assets": 3,
        "open_findings": 5,
        "kev_findings": 1,
        "overdue_findings": 3,
    }
    assert got["sectors"] == [
        {"sector": "bank", "organizations": 1, "assets": 1, "open_findings": 3,
         "kev_findings": 0, "overdue_findings": 2},
        {"sector": "hospital", "organizations": 2, "assets": 2, "open_findings": 2,
         "kev_findings": 1, "overdue_findings": 1},
    ]  # fmt: skip
    assert [(r["region"], r["open_findings"], r["overdue_findings"]) for r in got["regions"]] == [
        ("Iowa", 2, 1),
        ("Ohio", 3, 2),
        (None, 0, 0),
    ]
    assert got["most_overdue"] == [
        {"id": "first", "name": "First", "sector": "bank", "region": "Ohio",
         "overdue_findings": 2, "oldest_due": "2026-11-25"},
        {"id": "mercy", "name": "Mercy", "sector": "hospital", "region": "Iowa",
         "overdue_findings": 1, "oldest_due": "2026-11-20"},
    ]  # fmt: skip
    # a day before the first due date, nothing is overdue
    later = summary(engine, CENTER, date(2026, 11, 20))
    assert later["totals"]["overdue_findings"] == 0 and later["most_overdue"] == []


def test_an_organisation_gets_not_found(engine: Engine) -> None:
    with pytest.raises(Forbidden):
        summary(engine, Principal("tok_o", "admin", organisation_id="org_1"))
