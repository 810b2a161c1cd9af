"""The campaign board in a real browser (Debian's chromium, driven by Playwright): an analyst
starts a campaign with the form and reads the board; a hospital's user finds the card on its
home, opens it and says the work is in progress; the board then shows it.

Screenshots go to ``AICC_SCREENSHOTS`` (a folder) when it is set, else to the test's tmp folder.
Skipped when Playwright or chromium is missing, failed instead with
AICC_REQUIRE_CHROMIUM=1 (CI: `tests.server.browser`).
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

from tests.server.browser import CHROMIUM, needs_browser, sync_api
from tests.server.conftest import Center
from tests.server.test_campaign_pages import _hospital
from tests.server.test_pages import PASSWORD, user

pytestmark = needs_browser


def test_the_campaign_board_in_a_browser(center: Center, tmp_path: Path) -> None:
    shots = Path(os.environ.get("AICC_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    region = f"Region {uuid.uuid4().hex[:6]}"
    nurse = _hospital(center, region)
    _hospital(center, region)
    analyst = user(center, "--center", "CISA", role="analyst")
    title = f"Fortinet VPNs in {region}"
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)  # a loaded machine renders slowly

        def log_in(email: str) -> None:
            page.goto(center.url + "/login")
            page.get_by_label("E-mail address").fill(email)
            page.get_by_label("Password").fill(PASSWORD)
            with page.expect_navigation():
                page.get_by_role("button", name="Log in").click()

        log_in(analyst)
        with page.expect_navigation():
            page.get_by_role("link", name="Campaigns").click()
        with page.expect_navigation():
            page.get_by_role("link", name="Start a campaign").click()
        page.get_by_label("Title").fill(title)
        page.get_by_label("What and why").fill("Every hospital patches its FortiOS SSL-VPN")
        page.get_by_label("or KEV entries of this vendor").fill("Fortinet")
        page.get_by_label("hospital").check()
        page.get_by_label("Regions (one per line)").fill(region)
        page.get_by_label("Due date").fill("2031-01-31")
        with page.expect_navigation():
            page.get_by_role("button", name="Start the campaign").click()
        board_url = page.url
        assert page.get_by_role("heading", name=title).is_visible()
        assert page.get_by_role("img", name="Findings still open each day").is_visible()
        assert page.locator("svg.burn-down polyline.curve").count() == 1
        assert page.locator("#by-region tbody tr").count() == 1
        page.screenshot(path=shots / "campaign-1-board.png", full_page=True)
        with page.expect_navigation():
            page.get_by_role("button", name="Log out").click()

        log_in(nurse)
        card = page.locator("#campaigns article.card")
        assert card.count() == 1 and title in card.inner_text()
        page.screenshot(path=shots / "campaign-2-home-card.png", full_page=True)
        with page.expect_navigation():
            card.get_by_role("link", name=title).click()
        page.get_by_label("Status").select_option("in_progress")
        page.get_by_label("Why (the center reads it)").fill("change window on Friday night")
        with page.expect_navigation():
            page.get_by_role("button", name="Save").click()
        assert page.get_by_role("status").is_visible()
        assert "In progress" in page.content()
        page.screenshot(path=shots / "campaign-3-entry.png", full_page=True)
        with page.expect_navigation():
            page.get_by_role("button", name="Log out").click()

        log_in(analyst)
        page.goto(board_url)
        assert "change window on Friday night" in page.locator("#claims").inner_text()
        assert page.locator("#by-region tbody tr td").nth(2).inner_text() == "1"  # in progress
        page.screenshot(path=shots / "campaign-4-board-after.png", full_page=True)
        browser.close()
