"""A person changes their own password in a real browser (Debian's chromium, driven by
Playwright): from their name in the header to the form, a wrong current password refused with
the reason, then the change; the old password no longer logs in.

Screenshots go to ``AICC_SCREENSHOTS`` (a folder) when it is set, else to the test's tmp folder.
Skipped when Playwright or chromium is missing, failed instead with
AICC_REQUIRE_CHROMIUM=1 (CI: `tests.server.browser`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from tests.server.browser import CHROMIUM, needs_browser, sync_api
from tests.server.conftest import Center
from tests.server.test_pages import PASSWORD, user

pytestmark = needs_browser
NEW = "a brand new passphrase of mine"


def _log_in(page: Any, url: str, email: str, password: str) -> None:
    page.goto(url + "/login")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()


def test_a_password_change_in_a_browser(center: Center, tmp_path: Path) -> None:
    shots = Path(os.environ.get("AICC_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    _, name, _ = center.organisation()
    email = user(center, "--org", name, role="member")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)
        _log_in(page, center.url, email, PASSWORD)
        page.get_by_role("link", name=f"{email} (member)").click()
        assert page.get_by_role("heading", name="Change your password").is_visible()
        page.get_by_label("Current password").fill("not my password at all")
        page.get_by_label("New password", exact=True).fill(NEW)
        page.get_by_label("The same new password again").fill(NEW)
        page.get_by_role("button", name="Change the password").click()
        refused = page.get_by_role("alert").inner_text()
        assert "not your current password" in refused
        page.screenshot(path=shots / "password-1-refused.png", full_page=True)
        page.get_by_label("Current password").fill(PASSWORD)
        page.get_by_label("New password", exact=True).fill(NEW)
        page.get_by_label("The same new password again").fill(NEW)
        page.get_by_role("button", name="Change the password").click()
        assert "Your new password is set" in page.get_by_role("status").inner_text()
        page.screenshot(path=shots / "password-2-changed.png", full_page=True)

        other = browser.new_context().new_page()
        other.set_default_timeout(60_000)
        _log_in(other, center.url, email, PASSWORD)
        assert "wrong e-mail or password" in other.get_by_role("alert").inner_text().lower()
        browser.close()
