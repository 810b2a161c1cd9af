"""The advisories' pages over HTTP and in a real browser (Debian's chromium through Playwright):
an analyst writes a draft in the form, publishes it, and the organisation it concerns finds it
on its home page; another organisation's user gets the same 404 as for nothing, title unseen.

Screenshots go to ``AICC_SCREENSHOTS`` (a folder) when it is set, else to the test's tmp folder.
"""

from __future__ import annotations

import os
import uuid
from pathlib import Path

import httpx

from tests.server.browser import CHROMIUM, needs_browser, sync_api
from tests.server.conftest import Center
from tests.server.test_advisories import NOTHING, _organisation_with
from tests.server.test_pages import PASSWORD, csrf_of, log_in, user


def _draft_fields(vendor: str, csrf: str) -> dict[str, str]:
    return {
        "csrf": csrf,
        "title": f"{vendor} InfusionHub: authentication bypass",
        "tlp": "AMBER",
        "cves": "CVE-2026-10001, CVE-2026-10002",
        "summary": "An unauthenticated user on the network can change pump settings.",
        "p0_vendor": vendor,
        "p0_product": "InfusionHub",
        "p0_affected": "<3.5.0",
        "p0_fixed": "3.5.0",
        "mitigation": "Keep the hub on an isolated clinical network.",
    }


def test_the_form_writes_a_draft_that_publishing_shows_to_its_audience(
    center: Center, tmp_path: Path
) -> None:
    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    _organisation_with(center, tmp_path, vendor, "3.2.1")
    _, concerned, _ = center.organisation("hospital")  # its own upload, below
    _, elsewhere, _ = center.organisation("bank")
    analyst = user(center, "--center", "CISA", role="analyst")
    with log_in(center, analyst) as client:
        form = client.get("/advisories/new")
        assert form.status_code == 200 and 'name="p4_affected"' in form.text
        bad = client.post(
            "/advisories/new",
            data={**_draft_fields(vendor, csrf_of(form.text)), "p0_affected": ">4.2"},
        )
        assert bad.status_code == 422 and "products.0" in bad.text
        assert "Nothing was saved" in bad.text and vendor in bad.text  # the form kept
        made = client.post("/advisories/new", data=_draft_fields(vendor, csrf_of(form.text)))
        assert made.status_code == 303, made.text
        url = made.headers["location"].split("?")[0]
        draft = client.get(url)
        assert "Draft saved" in client.get(made.headers["location"]).text
        refused = client.post(f"{url}/publish", data={"csrf": "forged"})
        assert refused.status_code == 403
        published = client.post(f"{url}/publish", data={"csrf": csrf_of(draft.text)})
        assert published.status_code == 200 and "Published: version 1" in published.text
        assert "It reaches 1 organisation" in published.text
        again = client.post(f"{url}/audience", data={"csrf": csrf_of(draft.text)})
        assert again.status_code == 200 and "Matched again" in again.text
        audit = again.text.split('id="audit"', 1)[1]
        assert "<strong>rematched</strong> version 1" in audit
        assert "<strong>created</strong> version 1 by CISA analyst" in audit
        assert "<strong>published</strong> version 1" in audit and analyst in audit
    nurse = user(center, "--org", concerned)
    banker = user(center, "--org", elsewhere)
    with log_in(center, nurse) as client:  # not in the audience (nothing uploaded) yet
        assert client.get(url).status_code == 404
    with log_in(center, banker) as client:
        answer, nothing = client.get(url), client.get(f"/advisories/{NOTHING}")
        assert answer.status_code == nothing.status_code == 404
        assert vendor not in answer.text and vendor not in client.get("/advisories").text
        assert vendor not in client.get(f"{url}/csaf.json").text
        csrf = csrf_of(client.get("/advisories").text)
        for path in (url, f"/advisories/{NOTHING}"):  # writing is the center's: 403 for both
            assert client.get(f"{path}/edit").status_code == 403
            for action in ("publish", "audience"):
                refused = client.post(f"{path}/{action}", data={"csrf": csrf})
                assert refused.status_code == 403 and vendor not in refused.text
            refused = client.post(f"{path}/edit", data=_draft_fields(vendor, csrf))
            assert refused.status_code == 403
        assert client.get("/advisories/new").status_code == 403


@needs_browser
def test_an_analyst_writes_and_publishes_in_a_browser(center: Center, tmp_path: Path) -> None:
    shots = Path(os.environ.get("AICC_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    _, name, token = center.organisation("hospital")
    with center.client(token) as client:
        path = tmp_path / "devices.csv"
        path.write_text(f"name,vendor,product,version\nWard pumps,{vendor},InfusionHub,3.2.1\n")
        files = {"file": ("devices.csv", path.read_bytes(), "text/csv")}
        assert client.post("/api/inventories", data={"asset": "ward"}, files=files).is_success
    analyst = user(center, "--center", "CISA", role="analyst")
    nurse = user(center, "--org", name)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.set_default_timeout(60_000)
        page.goto(center.url + "/advisories/new")
        page.get_by_label("E-mail address").fill(analyst)
        page.get_by_label("Password").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
        assert page.get_by_role("heading", name="Write an advisory").is_visible()
        page.get_by_label("Title").fill(f"{vendor} InfusionHub: authentication bypass")
        page.get_by_label("Who may see it (TLP)").select_option("AMBER")
        page.get_by_label("CVE ids").fill("CVE-2026-10001")
        page.get_by_label("Summary").fill("An unauthenticated user can change pump settings.")
        page.get_by_label("Product 1: Vendor").fill(vendor)
        page.get_by_label("Product 1: Product", exact=True).fill("InfusionHub")
        page.get_by_label("Product 1: Affected versions").fill("<3.5.0")
        page.get_by_label("Product 1: Fixed in").fill("3.5.0")
        page.get_by_label("Until it is fixed").fill("Keep the hub on an isolated network.")
        page.screenshot(path=shots / "advisory-1-form.png", full_page=True)
        with page.expect_navigation():
            page.get_by_role("button", name="Save the draft").click()
        assert "Draft saved" in page.content()
        with page.expect_navigation():
            page.get_by_role("button", name="Publish to the organisations it concerns").click()
        page.get_by_role("status").wait_for()
        assert "It reaches 1 organisation" in page.content()
        assert name in page.locator("table").last.inner_text()
        page.screenshot(path=shots / "advisory-2-published.png", full_page=True)
        with page.expect_navigation():
            page.get_by_role("button", name="Log out").click()

        page.get_by_label("E-mail address").fill(nurse)
        page.get_by_label("Password").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
        section = page.locator("#advisories")
        assert vendor in section.inner_text() and "TLP:AMBER" in section.inner_text()
        page.screenshot(path=shots / "advisory-3-home.png", full_page=True)
        with page.expect_navigation():
            section.get_by_role("link").first.click()
        assert "Ward pumps 3.2.1 in asset ward" in page.locator("main").inner_text()
        page.screenshot(path=shots / "advisory-4-organisation.png", full_page=True)
        with page.expect_navigation():
            page.get_by_role("navigation").get_by_role("link", name="Advisories").click()
        row = page.get_by_role("row").filter(has_text=vendor)
        assert "Yes: Ward pumps 3.2.1" in row.inner_text()
        page.screenshot(path=shots / "advisory-5-list.png", full_page=True)
        browser.close()
    assert httpx.get(f"{center.url}/advisories").status_code == 303  # to the log-in page
