"""Benchmark a campaign's board over many organisations.

Prints one JSON line. Target (issue 14): the board of a campaign over 1,000 organisations
renders in at most 300 ms. Each organisation has one asset whose inventory holds the campaign's
three CVEs (one already gone from the latest inventory, one resolved, one open); half have
said "in progress". The board page is asked of the real application in process (Starlette's test
client, a logged-in analyst's session), the median of several fetches after one warm-up.

    python bench/campaign_bench.py [--organisations 1000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient

from aicc.center import Principal, create_user, log_in
from aicc.center.campaign_board import campaign_progress
from aicc.center.campaigns import create_campaign
from aicc.core.settings import Settings
from aicc.server.app import create_app
from aicc.server.pages import SESSION_COOKIE
from aicc.store.campaign_tables import campaign_entries
from aicc.store.center_tables import assets, findings, inventories, organisations
from aicc.store.db import open_store

CVES = ("CVE-2024-21762", "CVE-2024-3400", "CVE-2023-34362")
ANALYST = Principal("tok_bench", "analyst", agency="CISA")
SECTORS = ("federal", "hospital", "bank", "utility")


def _populate(url: str, count: int) -> None:
    """``count`` organisations, each with one asset, an inventory and three findings."""
    engine = open_store(url)
    now = datetime(2026, 11, 1, 9, 0)
    orgs, asset_rows, inventory_rows, finding_rows = [], [], [], []
    for n in range(count):
        org = f"org_{n:020d}"
        orgs.append(
            {
                "id": org,
                "name": f"Organisation {n:05d}",
                "sector": SECTORS[n % 4],
                "region": f"Region {n % 10}",
                "profile": "default",
                "created_at": now,
            }
        )
        asset_rows.append(
            {
                "id": f"ast_{n:020d}",
                "organisation_id": org,
                "name": "edge",
                "kind": "appliance",
                "safety_critical": False,
                "created_at": now,
            }
        )
        inventory_rows.append(
            {
                "id": f"inv_{n:020d}",
                "asset_id": f"ast_{n:020d}",
                "version": 1,
                "uploaded_at": now,
                "uploaded_by": "bench",
                "filename": "appliances.csv",
                "format": "appliance-csv",
                "digest": "0" * 64,
                "size": 1,
                "content": b"-",
                "components": [],
                "skipped": [],
                "unmatched": [],
            }
        )
        for k, cve in enumerate(CVES):
            finding_rows.append(
                {
                    "id": f"fnd_{n:017d}_{k:02d}",
                    "organisation_id": org,
                    "asset_id": f"ast_{n:020d}",
                    "key": f"{n}-{k}",
                    "vulnerability_id": cve,
                    "aliases": [],
                    "record": {"id": cve, "component": {"name": "appliance", "version": "1"}},
                    "kev": True,
                    "priority": 0,
                    "due": date(2026, 11, 4),
                    "state": "resolved" if k == 1 else "in_triage",
                    "justification": None,
                    "first_seen": now,
                    "last_seen": now,
                    "present": k != 0,
                    "inventory_id": f"inv_{n:020d}",
                }
            )
    with engine.begin() as conn:
        conn.execute(organisations.insert(), orgs)
        conn.execute(assets.insert(), asset_rows)
        conn.execute(inventories.insert(), inventory_rows)
        conn.execute(findings.insert(), finding_rows)
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--organisations", type=int, default=1000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        url = args.database_url or f"sqlite:///{Path(home) / 'aicc.db'}"
        _populate(url, args.organisations)
        engine = open_store(url)
        started = time.perf_counter()
        made = create_campaign(
            engine,
            ANALYST,
            title="Edge devices on KEV",
            vulnerabilities=list(CVES),
            sectors=list(SECTORS),
            due=date.today() + timedelta(days=14),
        )
        create_s = time.perf_counter() - started
        with engine.begin() as conn:
            conn.execute(
                campaign_entries.insert(),
                [
                    {
                        "campaign_id": made["id"],
                        "organisation_id": f"org_{n:020d}",
                        "progress": "in_progress",
                        "note": "patching",
                        "updated_by": "bench",
                        "updated_at": datetime(2026, 11, 2),
                    }
                    for n in range(0, args.organisations, 2)
                ],
            )
        started = time.perf_counter()
        board = campaign_progress(engine, ANALYST, made["id"])
        library_s = time.perf_counter() - started
        create_user(
            engine, email="bench@cisa.example", password="x" * 16, role="analyst", agency="CISA"
        )
        session = log_in(engine, email="bench@cisa.example", password="x" * 16)["session"]
        env = {"AICC_HOME": home, "AICC_DATABASE_URL": url}
        app = create_app(Settings.from_env(env), env)
        timings: list[float] = []
        client = TestClient(app, cookies={SESSION_COOKIE: session})  # no lifespan: no threads
        for _ in range(6):
            started = time.perf_counter()
            page = client.get(f"/campaigns/{made['id']}")
            timings.append(time.perf_counter() - started)
            assert page.status_code == 200, page.text[:500]
        app.state.center.engine.dispose()
        engine.dispose()
    result: dict[str, Any] = {
        "organisations": args.organisations,
        "exposed": board["totals"]["organizations"],
        "create_campaign_s": round(create_s, 3),
        "progress_library_s": round(library_s, 3),
        "board_page_ms": round(statistics.median(timings[1:]) * 1000, 1),
        "target_board_page_ms": 300,
        "page_bytes": len(page.content),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
