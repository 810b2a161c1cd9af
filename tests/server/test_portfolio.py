"""The center's portfolio summary over HTTP: ``GET /api/portfolio/summary`` and the ``/portfolio``
page, checked against two organisations built here; an organisation gets 403 on both, as on the
other center-only views."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

from tests.server.conftest import Center, upload
from tests.server.test_api import APPLIANCES, SBOM
from tests.server.test_pages import log_in, user

OPEN = ("in_triage", "exploitable")
LONG_AGO, FAR_AHEAD = "2000-01-01", "2100-01-01"


def _organisation(center: Center, sector: str) -> tuple[str, str, str, str]:
    """A new organisation in a region of its own: (id, name, region, token)."""
    name, region = f"{sector.title()} {uuid.uuid4().hex[:8]}", f"Region {uuid.uuid4().hex[:8]}"
    made = center.admin_json("org", "create", name, "--sector", sector, "--region", region)
    token = center.admin_json("token", "create", "--org", name, "--role", "admin")["token"]
    return made["id"], name, region, token


def _findings(client: httpx.Client, organisation: str) -> list[dict[str, Any]]:
    found = client.get("/api/findings", params={"organization": organisation, "limit": 500})
    return list(found.json()["items"])


def _by(summary: dict[str, Any], key: str) -> dict[str, dict[str, Any]]:
    return {row[key]: row for row in summary[key + "s"]}


def test_the_summary_counts_the_portfolio_by_sector_and_region(center: Center) -> None:
    with center.client(center.center_token("read-only")) as client:
        before = client.get("/api/portfolio/summary", params={"as_of": FAR_AHEAD}).json()
    mercy, mercy_name, mercy_region, mercy_token = _organisation(center, "hospital")
    bank, _, bank_region, bank_token = _organisation(center, "bank")
    with center.client(mercy_token) as client:
        assert upload(client, SBOM, asset="patient-portal").status_code == 201
        assert upload(client, APPLIANCES, asset="devices").status_code == 201
    with center.client(bank_token) as client:
        assert upload(client, APPLIANCES, asset="devices").status_code == 201
    with center.client(center.center_token("analyst")) as client:
        [decided] = [f for f in _findings(client, mercy) if f["vulnerability"] == "CVE-2023-49083"]
        changed = client.patch(
            f"/api/findings/{decided['id']}",
            json={
                "state": "not_affected",
                "reason": "never loads PKCS7",
                "justification": "vulnerable_code_not_in_execute_path",
            },
        )
        assert changed.status_code == 200, changed.text
        expected = {}
        for org, region in ((mercy, mercy_region), (bank, bank_region)):
            items = [f for f in _findings(client, org) if f["state"] in OPEN]
            expected[region] = {
                "open_findings": len(items),
                "kev_findings": sum(f["kev"] for f in items),
                "overdue_findings": sum(f["due"] is not None for f in items),
            }
        assert decided["id"] not in {
            f["id"] for f in _findings(client, mercy) if f["state"] in OPEN
        }
        assert expected[bank_region]["kev_findings"] >= 1  # the firewall: CVE-2024-3400
        assert expected[mercy_region]["open_findings"] > expected[bank_region]["open_findings"]

        late = client.get("/api/portfolio/summary", params={"as_of": FAR_AHEAD})
        assert late.status_code == 200, late.text
        summary = late.json()
        regions = _by(summary, "region")
        assert regions[mercy_region] == {
            "region": mercy_region,
            "organizations": 1,
            "assets": 2,
            **expected[mercy_region],
        }
        assert regions[bank_region] == {
            "region": bank_region,
            "organizations": 1,
            "assets": 1,
            **expected[bank_region],
        }
        for sector, region in (("hospital", mercy_region), ("bank", bank_region)):
            now, then = _by(summary, "sector")[sector], _by(before, "sector").get(sector, {})
            for key, value in regions[region].items():
                if key != "region":
                    assert now[key] - then.get(key, 0) == value, (sector, key)
        [listed] = [o for o in summary["most_overdue"] if o["id"] == mercy] or [None]
        if listed is not None:  # among the ten most overdue of the whole store
            assert listed["name"] == mercy_name and listed["sector"] == "hospital"
            assert listed["overdue_findings"] == expected[mercy_region]["overdue_findings"]

        early = _by(
            client.get("/api/portfolio/summary", params={"as_of": LONG_AGO}).json(), "region"
        )
        assert (
            early[mercy_region]["overdue_findings"] == early[bank_region]["overdue_findings"] == 0
        )
        assert early[mercy_region]["open_findings"] == expected[mercy_region]["open_findings"]

    with center.client(mercy_token) as client:  # center roles only: as for no such route
        refused = client.get("/api/portfolio/summary")
        assert refused.status_code == 403 and mercy_region not in refused.text

    with log_in(center, user(center, "--center", "CISA", role="read-only")) as client:
        home = client.get("/").text
        assert 'href="/portfolio"' in home
        shown = client.get("/portfolio", params={"as_of": FAR_AHEAD})
        assert shown.status_code == 200
        html = shown.text
        assert "<script" not in html and mercy_region in html and bank_region in html
        assert (
            html.count('role="img"') == 2 and 'aria-label="Open and KEV findings by sector' in html
        )
        assert f"{mercy_region}: {expected[mercy_region]['overdue_findings']} overdue" in html
    with log_in(center, user(center, "--org", mercy_name)) as client:
        home = client.get("/").text
        assert 'href="/portfolio"' not in home
        refused_page = client.get("/portfolio")
        assert refused_page.status_code == 403 and mercy_region not in refused_page.text
