"""The finding page with a comment and a suppression, and an asset's page with what changed,
in a real browser (Debian's chromium, driven by Playwright), keyboard and labels as a user has
them. Screenshots go to ``AICC_SCREENSHOTS`` when it is set, else to the test's tmp folder.
Skipped when Playwright or chromium is missing, failed instead with
AICC_REQUIRE_CHROMIUM=1 (CI: `tests.server.browser`)."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

from aicc.core.times import utcnow
from tests.server.browser import CHROMIUM, needs_browser, sync_api
from tests.server.conftest import Center, upload
from tests.server.test_finding_work import _second_upload
from tests.server.test_pages import PASSWORD, SBOM, user

pytestmark = needs_browser


def test_comment_suppress_and_compare_uploads_in_a_browser(center: Center, tmp_path: Path) -> None:
    shots = Path(os.environ.get("AICC_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    _, name, token = center.organisation("hospital")
    with center.client(token) as client:
        upload(client, SBOM, asset="patient-portal")
        upload(client, _second_upload(tmp_path), asset="patient-portal")
    email = user(center, "--org", name)
    until = utcnow().date() + timedelta(days=21)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)
        page.goto(center.url + "/login")
        page.get_by_label("E-mail address").fill(email)
        page.get_by_label("Password").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()

        with page.expect_navigation():
            page.get_by_role("link", name="CVE-2023-30861").first.click()
        page.get_by_label("Add a comment").fill("Flask 2.2.5 is in the next release, Friday.")
        with page.expect_navigation():
            page.get_by_role("button", name="Add the comment").click()
        comments = page.locator("#comments")
        assert "Flask 2.2.5 is in the next release, Friday." in comments.inner_text()

        page.get_by_label("Back on").fill(until.isoformat())
        page.get_by_label("Why suppress it").fill("Session cookies are not cached by our proxy.")
        with page.expect_navigation():
            page.get_by_role("button", name="Suppress until that day").click()
        notice = page.locator("#suppression .notice")
        assert "Suppressed until" in notice.inner_text()
        assert "Session cookies are not cached by our proxy." in notice.inner_text()
        assert page.get_by_role("button", name="Lift the suppression").is_visible()
        audit = page.locator("#audit").inner_text()
        assert f"suppressed until {until.isoformat()} (back that day)" in audit
        page.screenshot(path=shots / "finding-work-1-finding.png", full_page=True)

        with page.expect_navigation():
            page.get_by_role("link", name="AICC").click()
        assert "1 suppressed finding" in page.content()
        with page.expect_navigation():
            page.get_by_role("link", name="1 suppressed finding").click()
        assert page.get_by_role("heading", name="Suppressed findings").is_visible()
        assert "CVE-2023-30861" in page.content()
        page.screenshot(path=shots / "finding-work-2-suppressed.png", full_page=True)

        with page.expect_navigation():
            page.get_by_role("link", name="patient-portal").first.click()
        assert page.get_by_role(
            "heading", name="What changed from version 1 to version 2"
        ).is_visible()
        assert "paramiko" in page.locator("#diff").inner_text()
        page.screenshot(path=shots / "finding-work-3-asset.png", full_page=True)
        browser.close()
