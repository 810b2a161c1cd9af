"""Shared by the campaign tests of the server: an organisation with the demo's appliances
uploaded, and a campaign over a region's hospitals made through the API."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from tests.server.conftest import Center, upload

APPLIANCES = (
    Path(__file__).resolve().parents[2] / "src/aicc/data/demo/rural-hospital/appliances.csv"
)


def organisation(center: Center, sector: str, region: str) -> tuple[str, str, str]:
    """A new organisation in ``region`` with the demo's appliances uploaded: (id, name, token)."""
    name = f"{sector.title()} {uuid.uuid4().hex[:8]}"
    made = center.admin_json("org", "create", name, "--sector", sector, "--region", region)
    token = center.admin_json("token", "create", "--org", name, "--role", "admin")["token"]
    with center.client(token) as client:
        assert upload(client, APPLIANCES, asset="edge").status_code == 201
    return made["id"], name, str(token)


def campaign(center: Center, region: str, **changes: Any) -> dict[str, Any]:
    """A Fortinet campaign over the hospitals of ``region``, due in 10 days."""
    body = {
        "title": f"FortiOS {region}",
        "kev": {"vendor": "Fortinet", "product": "FortiOS"},
        "sectors": ["hospital"],
        "regions": [region],
        "due": (date.today() + timedelta(days=10)).isoformat(),
    } | changes
    with center.client(center.center_token()) as client:
        made = client.post("/api/campaigns", json=body)
    assert made.status_code == 201, made.text
    return dict(made.json())
