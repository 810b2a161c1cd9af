"""Changing and closing a campaign through the real server (SQLite and PostgreSQL): the API
(``PATCH /api/campaigns/{id}``, ``POST .../close``), the board's forms (CSRF-checked) and a
look in a real browser; an organisation's token and user get 404, a read-only center token 403.

Screenshots go to ``AICC_SCREENSHOTS`` (a folder) when it is set, else to the test's tmp folder.
"""

from __future__ import annotations

import os
import uuid
from datetime import date, timedelta
from pathlib import Path

from tests.server.browser import CHROMIUM, needs_browser, sync_api
from tests.server.campaign_helpers import campaign, organisation
from tests.server.conftest import Center
from tests.server.test_pages import PASSWORD, csrf_of, log_in, user


def test_an_analyst_changes_and_closes_a_campaign_through_the_api(center: Center) -> None:
    region = f"Region {uuid.uuid4().hex[:6]}"
    _, _, hospital_token = organisation(center, "hospital", region)
    bank_id, _, bank_token = organisation(center, "bank", region)
    made = campaign(center, region)
    url = f"/api/campaigns/{made['id']}"
    new_due = (date.today() + timedelta(days=40)).isoformat()
    body = {"reason": "banks too", "due": new_due, "sectors": ["hospital", "bank"]}
    for token in (hospital_token, bank_token):  # an organisation: the same 404 as nothing
        with center.client(token) as client:
            assert client.patch(url, json=body).status_code == 404
            assert client.post(f"{url}/close", json={"reason": "x"}).status_code == 404
    with center.client(center.center_token(role="read-only")) as client:
        assert client.patch(url, json=body).status_code == 403
    with center.client(center.center_token()) as client:
        refused = client.patch(url, json={"reason": "r", "sectors": ["mars"]})
        assert refused.status_code == 422 and refused.json()["detail"].startswith("sectors: 'mars'")
        assert client.patch(url, json={"due": new_due}).status_code == 422  # no reason
        changed = client.patch(url, json=body)
        assert changed.status_code == 200, changed.text
        assert changed.json()["due"] == new_due and changed.json()["closed"] is None
        assert bank_id in {e["organization"]["id"] for e in changed.json()["entries"]}
        audit = client.get(f"{url}/audit").json()["events"]
        assert [e["action"] for e in audit] == ["created", "edited"]
        assert audit[-1]["reason"] == "banks too"
        closed = client.post(f"{url}/close", json={"reason": "done"})
        assert closed.status_code == 200
        final = closed.json()["closed"]["final_counts"]
        assert final["organizations"] == 2 and final["as_of"] == date.today().isoformat()
        assert client.post(f"{url}/close", json={"reason": "again"}).status_code == 409
        assert client.patch(url, json={"reason": "r", "title": "New"}).status_code == 409
        board = client.get(f"{url}/progress").json()
        assert board["closed"]["final_counts"] == final
    with center.client(bank_token) as client:  # the bank sees it closed, not who closed it
        shown = client.get(url).json()
        assert shown["closed"]["by"] is None and shown["closed"]["final_counts"] == final


def test_the_board_changes_and_closes_a_campaign_with_its_forms(center: Center) -> None:
    region = f"Region {uuid.uuid4().hex[:6]}"
    organisation(center, "hospital", region)
    made = campaign(center, region)
    analyst = user(center, "--center", "CISA", role="analyst")
    page_url = f"/campaigns/{made['id']}"
    with log_in(center, analyst) as browser:
        board = browser.get(page_url)
        assert 'action="/campaigns/' + made["id"] + '/edit"' in board.text
        csrf = csrf_of(board.text)
        fields = {
            "title": made["title"] + " (extended)",
            "due": made["due"],
            "sectors": "hospital",
            "regions": region,
            "organizations": "",
            "reason": "more time",
        }
        assert browser.post(f"{page_url}/edit", data=fields).status_code == 403  # no CSRF
        bad = browser.post(f"{page_url}/edit", data=fields | {"csrf": csrf, "due": "soon"})
        assert bad.status_code == 422 and "Nothing was changed: due: &#39;soon&#39;" in bad.text
        done = browser.post(f"{page_url}/edit", data=fields | {"csrf": csrf})
        assert done.status_code == 303
        assert made["title"] + " (extended)" in browser.get(page_url).text
        closed = browser.post(f"{page_url}/close", data={"csrf": csrf, "reason": "all fixed"})
        assert closed.status_code == 303
        after = browser.get(page_url).text
        assert "Closed on " + date.today().isoformat() in after
        assert f'action="/campaigns/{made["id"]}/edit"' not in after  # no more forms
        assert "closed " + date.today().isoformat() in browser.get("/campaigns").text


def test_an_organisations_user_gets_404_on_the_forms(center: Center) -> None:
    region = f"Region {uuid.uuid4().hex[:6]}"
    _, name, _ = organisation(center, "hospital", region)
    made = campaign(center, region)
    nurse = user(center, "--org", name, role="admin")
    with log_in(center, nurse) as browser:
        page = browser.get(f"/campaigns/{made['id']}")
        assert page.status_code == 200 and "/edit" not in page.text
        csrf = csrf_of(page.text)
        edit = browser.post(
            f"/campaigns/{made['id']}/edit", data={"csrf": csrf, "reason": "r", "title": "Mine"}
        )
        assert edit.status_code == 404
        shut = browser.post(f"/campaigns/{made['id']}/close", data={"csrf": csrf, "reason": "r"})
        assert shut.status_code == 404


@needs_browser
def test_closing_a_campaign_in_a_browser(center: Center, tmp_path: Path) -> None:
    shots = Path(os.environ.get("AICC_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    region = f"Region {uuid.uuid4().hex[:6]}"
    organisation(center, "hospital", region)
    made = campaign(center, region)
    analyst = user(center, "--center", "CISA", role="analyst")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 1400})
        page.set_default_timeout(60_000)
        page.goto(center.url + "/login")
        page.get_by_label("E-mail address").fill(analyst)
        page.get_by_label("Password").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
        page.goto(center.url + f"/campaigns/{made['id']}")
        later = (date.today() + timedelta(days=60)).isoformat()
        page.get_by_label("Due date").fill(later)
        page.get_by_label("Why", exact=True).fill("the vendor's fix came late")
        with page.expect_navigation():
            page.get_by_role("button", name="Save the change").click()
        assert f"due {later}" in page.inner_text("body")
        page.screenshot(path=str(shots / "campaign-change.png"), full_page=True)
        page.get_by_label("Why close it").fill("every hospital has patched")
        with page.expect_navigation():
            page.get_by_role("button", name="Close the campaign").click()
        text = page.inner_text("body")
        assert "Closed on" in text and "no more due or overdue notices" in text
        assert page.get_by_role("button", name="Close the campaign").count() == 0
        page.screenshot(path=str(shots / "campaign-closed.png"), full_page=True)
        browser.close()
