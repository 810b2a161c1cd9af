"""``GET /api/portfolio/trends`` and the portfolio page's trend chart over a real server, on
SQLite and PostgreSQL: today's snapshot is taken when asked, a sector grant sees its sector's
counts only, an organisation's token is refused."""

from __future__ import annotations

import httpx

from aicc.core.times import utcnow
from tests.server.conftest import Center, upload
from tests.server.test_api import APPLIANCES
from tests.server.test_pages import log_in, user


def _trend(client: httpx.Client, **params: str) -> httpx.Response:
    return client.get("/api/portfolio/trends", params=params)


def test_the_trend_has_todays_snapshot_for_the_callers_grant(center: Center) -> None:
    _, _, hospital = center.organisation("hospital")
    _, _, bank = center.organisation("bank")
    for token in (hospital, bank):
        with center.client(token) as client:
            assert upload(client, APPLIANCES, asset="devices").status_code == 201
    today = utcnow().date().isoformat()
    with center.client(center.center_token("analyst")) as analyst:
        total = _trend(analyst, days="7")
        assert total.status_code == 200, total.text
        found = total.json()
        assert found["to"] == today and today not in found["missing"]
        assert len(found["missing"]) == 6  # no earlier day has a snapshot
        (series,) = found["series"]
        point = series["points"][-1]
        assert point["day"] == today and point["organizations"] >= 2
        summary = analyst.get("/api/portfolio/summary").json()["totals"]
        assert {k: point[k] for k in ("open_findings", "kev_findings", "overdue_findings")} == {
            k: summary[k] for k in ("open_findings", "kev_findings", "overdue_findings")
        }
        by_sector = _trend(analyst, days="1", by="sector").json()
        assert {"bank", "hospital"} <= {s["key"] for s in by_sector["series"]}
        assert _trend(analyst, days="0").status_code == 422
        assert _trend(analyst, by="asset").status_code == 422
    limited = center.admin_json(
        "token", "create", "--center", "CISA", "--role", "analyst", "--sector", "bank"
    )["token"]
    with center.client(limited) as banks:
        (only,) = _trend(banks, days="1", by="sector").json()["series"]
        assert only["key"] == "bank"
    with center.client(hospital) as organisation:
        refused = _trend(organisation)
        assert refused.status_code == 403 and "center's roles" in refused.json()["detail"]


def test_the_portfolio_page_draws_the_trend(center: Center) -> None:
    analyst = user(center, "--center", "CISA", role="analyst")
    with log_in(center, analyst) as browser:
        page = browser.get("/portfolio")
        assert page.status_code == 200, page.text
        assert '<svg class="chart trend"' in page.text
        assert page.text.count('class="trend-line"') == 3
        assert "The portfolio from " in page.text and "open findings" in page.text
        past = browser.get("/portfolio", params={"as_of": "2020-01-31"})
        assert "No snapshot of the portfolio yet" in past.text
