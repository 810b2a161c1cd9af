"""The web pages in a real browser (Debian's chromium, driven by Playwright): log in, upload an
SBOM, see the plan's cards, triage a finding, log out; another organisation's user gets 404.

Screenshots go to ``AICC_SCREENSHOTS`` (a folder) when it is set, else to the test's tmp folder.
Skipped when Playwright or chromium is missing, failed instead with
AICC_REQUIRE_CHROMIUM=1 (CI: `tests.server.browser`).
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.server.browser import CHROMIUM, needs_browser, sync_api
from tests.server.conftest import Center, upload
from tests.server.test_api import APPLIANCES
from tests.server.test_pages import PASSWORD, SBOM, user

pytestmark = needs_browser


def test_log_in_upload_triage_and_tenancy_in_a_browser(center: Center, tmp_path: Path) -> None:
    shots = Path(os.environ.get("AICC_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    _, mercy, _ = center.organisation("hospital")
    _, bank, _ = center.organisation("bank")
    nurse, teller = user(center, "--org", mercy), user(center, "--org", bank)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)  # a loaded CI machine renders slowly
        page.goto(center.url + "/")
        assert page.url.endswith("/login?next=/")
        page.get_by_label("E-mail address").fill(nurse)
        page.get_by_label("Password").fill(PASSWORD)
        page.screenshot(path=shots / "1-login.png")
        with page.expect_navigation():  # read the page the click leads to, not the last
            page.get_by_role("button", name="Log in").click()
        assert "Nothing uploaded yet" in page.content()

        with page.expect_navigation():  # read the page the click leads to, not the last
            page.get_by_role("link", name="Upload an inventory").click()
        page.get_by_label("Asset name").fill("patient-portal")
        page.get_by_label("How reachable is it?").select_option("open")
        page.get_by_label("What kind of asset is it?").select_option("application")
        page.get_by_label("Is it safety-critical?").select_option("no")
        assert page.get_by_label("Asset class").get_attribute("list") == "asset-classes"
        page.screenshot(path=shots / "1b-upload-form.png", full_page=True)
        notes = tmp_path / "NOTES.txt"
        notes.write_text("patched every Tuesday\n")
        page.get_by_label("Files").set_input_files([SBOM, notes])  # the field takes several
        page.get_by_role("button", name="Upload and scan").click()
        page.get_by_role("status").wait_for()
        assert "patient-portal: version 1 scanned" in page.content()
        told = page.locator("#upload-files li").all_inner_texts()
        assert told == [
            "sbom.cdx.json: read, the inventory (cyclonedx-json)",
            "NOTES.txt: not read: not an inventory aicc reads, and the inventory does not use it",
        ]
        page.screenshot(path=shots / "2-uploaded.png", full_page=True)

        with page.expect_navigation():  # read the page the click leads to, not the last
            page.get_by_role("link", name="See the plan and the findings").click()
        assert page.get_by_role("heading", name="Do this first").is_visible()
        assert page.locator("article.card").count() >= 1
        page.screenshot(path=shots / "3-home.png", full_page=True)

        with page.expect_navigation():  # read the page the click leads to, not the last
            page.locator("#findings").get_by_role("link", name="CVE-2023-49083").click()
        finding_url = page.url
        page.get_by_label("State").select_option("not_affected")
        page.get_by_label("Justification").select_option("vulnerable_code_not_in_execute_path")
        page.get_by_label("Reason").fill("PKCS7 loading is never called by the portal")
        page.screenshot(path=shots / "4-triage.png", full_page=True)
        page.get_by_role("button", name="Save the analysis").click()
        page.get_by_role("status").wait_for()
        audit = page.locator("#audit").inner_text()
        assert "PKCS7 loading is never called by the portal" in audit and nurse in audit
        page.screenshot(path=shots / "5-triaged.png", full_page=True)

        with page.expect_navigation():  # read the page the click leads to, not the last
            page.get_by_role("button", name="Log out").click()
        assert "You are logged out" in page.content()
        page.get_by_label("E-mail address").fill(teller)
        page.get_by_label("Password").fill(PASSWORD)
        with page.expect_navigation():  # read the page the click leads to, not the last
            page.get_by_role("button", name="Log in").click()
        answer = page.goto(finding_url)
        assert answer is not None and answer.status == 404
        assert "CVE-2023-49083" not in page.content()
        page.screenshot(path=shots / "6-other-organisation.png", full_page=True)
        browser.close()


def test_the_center_sees_its_portfolio_in_a_browser(center: Center, tmp_path: Path) -> None:
    shots = Path(os.environ.get("AICC_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    for sector in ("hospital", "bank"):
        _, _, token = center.organisation(sector)
        with center.client(token) as client:
            assert upload(client, APPLIANCES, asset="devices").status_code == 201
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
        assert page.get_by_role("heading", name="The center's portfolio").is_visible()
        page.get_by_label("Count overdue as of").fill("2027-12-31")  # their due dates passed
        with page.expect_navigation():
            page.get_by_role("button", name="Show").click()
        assert "2027-12-31" in page.url
        assert page.get_by_role("img", name="Open and KEV findings by sector").is_visible()
        assert page.get_by_role("img", name="Overdue findings by region").is_visible()
        assert page.get_by_role("table").count() >= 2
        page.screenshot(path=shots / "7-portfolio.png", full_page=True)
        browser.close()
