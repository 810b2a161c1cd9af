"""Single sign-on and password resets in a real browser (Debian's chromium, driven by
Playwright): log in through the local OpenID Connect provider, and set a new password with a
reset link a center admin made on its page.

Screenshots go to ``AICC_SCREENSHOTS`` (a folder) when it is set, else to the test's tmp folder.
Skipped when Playwright or chromium is missing, failed instead with
AICC_REQUIRE_CHROMIUM=1 (CI: `tests.server.browser`).
"""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

from tests.server.browser import CHROMIUM, needs_browser, sync_api
from tests.server.test_oidc import Sso, _as, _user, sso  # noqa: F401  (the fixture)
from tests.server.test_pages import PASSWORD

pytestmark = needs_browser
NEW = "a whole new passphrase for me"


def _shots(tmp_path: Path) -> Path:
    shots = Path(os.environ.get("AICC_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    return shots


def test_single_sign_on_in_a_browser(sso: Sso, tmp_path: Path) -> None:  # noqa: F811
    shots = _shots(tmp_path)
    email = _as(sso)
    _user(sso, email)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)
        page.goto(sso.center.url + "/upload")
        assert "/login?next=/upload" in page.url
        page.screenshot(path=shots / "sso-1-login.png", full_page=True)
        with page.expect_navigation():
            page.get_by_role("link", name="Log in with Test IdP").click()
        assert page.url.startswith(sso.provider.issuer + "/authorize?")
        assert "code_challenge_method=S256" in page.url
        page.screenshot(path=shots / "sso-2-provider.png")
        with page.expect_navigation(url=re.compile(r".*/upload$")):
            page.get_by_role("button", name=f"Continue as {email}").click()
        assert page.get_by_role("heading", name="Upload an inventory").is_visible()
        assert email in page.locator("header").inner_text()
        page.screenshot(path=shots / "sso-3-logged-in.png", full_page=True)

        sso.provider.identity.forge = True  # an ID token signed with another key
        other = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        other.set_default_timeout(60_000)
        other.goto(sso.center.url + "/login")
        with other.expect_navigation():
            other.get_by_role("link", name="Log in with Test IdP").click()
        with other.expect_navigation(url=re.compile(r".*/login/oidc/callback.*")):
            other.get_by_role("button", name=f"Continue as {email}").click()
        refused = other.get_by_role("alert").inner_text()
        assert refused.startswith("The ID token's signature does not verify")
        other.screenshot(path=shots / "sso-4-forged.png", full_page=True)
        browser.close()


def test_a_reset_link_in_a_browser(sso: Sso, tmp_path: Path) -> None:  # noqa: F811
    shots = _shots(tmp_path)
    nurse = f"nurse-{uuid.uuid4().hex[:8]}@example.org"
    admin = f"admin-{uuid.uuid4().hex[:8]}@example.org"
    _user(sso, nurse)
    _user(sso, admin, "--center", "HHS", role="admin")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)
        page.goto(sso.center.url + "/login")
        page.get_by_label("E-mail address").fill(admin)
        page.get_by_label("Password").fill(PASSWORD)
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
        with page.expect_navigation():
            page.get_by_role("link", name="Reset a password").click()
        page.get_by_label("The user's e-mail address").fill(nurse)
        with page.expect_navigation():
            page.get_by_role("button", name="Make a reset link").click()
        link = page.locator("#reset-link").inner_text()
        assert link.startswith(sso.center.url + "/reset/")
        page.screenshot(path=shots / "reset-1-admin.png", full_page=True)

        person = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        person.set_default_timeout(60_000)
        person.goto(link)
        assert nurse in person.content()
        person.get_by_label("New password").fill(NEW)
        person.get_by_label("The same password again").fill(NEW)
        person.screenshot(path=shots / "reset-2-form.png", full_page=True)
        with person.expect_navigation():
            person.get_by_role("button", name="Set the password").click()
        assert person.get_by_role("status").inner_text().startswith("Your new password is set")
        person.screenshot(path=shots / "reset-3-done.png", full_page=True)
        with person.expect_navigation():
            person.get_by_role("link", name="Log in with the new password").click()
        person.get_by_label("E-mail address").fill(nurse)
        person.get_by_label("Password").fill(NEW)
        with person.expect_navigation():
            person.get_by_role("button", name="Log in").click()
        assert nurse in person.locator("header").inner_text()
        answer = person.goto(link)  # the link works once
        assert answer is not None and answer.status == 404
        assert "already used" in person.content()
        person.screenshot(path=shots / "reset-4-used.png", full_page=True)
        browser.close()
