"""The portfolio's trend chart in a real browser (Debian's chromium, driven by Playwright): a
month of daily snapshots, one day missing, drawn as three lines on the portfolio page.

The month before today is written into the store as snapshots (only the present can be counted,
so a test cannot wait a month); today's is taken by the page. Screenshots go to
``AICC_SCREENSHOTS`` (a folder) when it is set, else to the test's tmp folder. Skipped when
Playwright or chromium is missing, failed instead with AICC_REQUIRE_CHROMIUM=1 (CI:
`tests.server.browser`).
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from aicc.core.times import utcnow
from aicc.store.center_admin_tables import portfolio_snapshots
from aicc.store.db import open_store
from tests.server.browser import CHROMIUM, needs_browser, sync_api
from tests.server.conftest import Center, upload
from tests.server.test_api import APPLIANCES
from tests.server.test_pages import PASSWORD, user

pytestmark = needs_browser


def _history(center: Center) -> None:
    """30 days of snapshots before today: open findings falling, overdue rising, day 10 absent."""
    now = utcnow()
    rows = []
    for back in range(30, 0, -1):
        if back == 10:
            continue
        rows.append(
            {
                "day": now.date() - timedelta(days=back),
                "sector": "hospital",
                "region": "Iowa",
                "organisations": 2,
                "open_findings": 20 + back,
                "kev_findings": 4 + back // 10,
                "overdue_findings": max(0, 12 - back // 3),
                "taken_at": now - timedelta(days=back),
            }
        )
    engine = open_store(center.env["AICC_DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(portfolio_snapshots.insert(), rows)
    engine.dispose()


def test_the_trend_chart_in_a_browser(center: Center, tmp_path: Path) -> None:
    shots = Path(os.environ.get("AICC_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    _, _, token = center.organisation("hospital")
    with center.client(token) as client:
        assert upload(client, APPLIANCES, asset="devices").status_code == 201
    _history(center)
    analyst = user(center, "--center", "CISA", role="analyst")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)
        page.goto(center.url + "/login")
        page.get_by_label("E-mail address").fill(analyst)
        page.get_by_label("Password").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
        with page.expect_navigation():
            page.get_by_role("link", name="Portfolio").click()
        chart = page.get_by_role("img", name="The portfolio from")
        assert chart.is_visible()
        assert "open findings 50 on" in (chart.get_attribute("aria-label") or "")
        assert page.locator("svg.trend polyline.trend-line").count() == 3
        assert page.locator("svg.trend circle.trend-dot").count() == 3 * 30  # 29 past + today
        said = page.locator("figure.trend").inner_text()
        assert "60 of the 90 days have no snapshot" in said, said
        page.get_by_role("heading", name="Over time").scroll_into_view_if_needed()
        page.screenshot(path=shots / "8-portfolio-trend.png", full_page=True)
        browser.close()
