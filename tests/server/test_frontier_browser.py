"""The frontier program's forms in a real browser (Debian's chromium, driven by Playwright): a
lab submits a model and proposes a partner, the center confirms the grant and starts an
evaluation run, all through plain HTML forms (the pages carry no script). Skipped when no
browser can be driven, unless AICC_REQUIRE_CHROMIUM=1 (CI: `tests.server.browser`)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from tests.conftest import BACKENDS
from tests.server.browser import CHROMIUM, needs_browser, sync_api
from tests.server.frontier_helpers import PASSWORD, Program, finished, new_person, serve_program

pytestmark = needs_browser


@pytest.fixture(scope="module", params=BACKENDS)
def program(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_url: str | None,
) -> Iterator[Program]:
    """Two labs and a partner registered by the center, and an organisation outside it."""
    home = tmp_path_factory.mktemp("frontier-browser")
    with serve_program(request.param, home, postgres_url, "frontier_browser") as served:
        yield served


def test_a_submission_from_form_to_evaluation_in_a_browser(
    program: Program, tmp_path: Path
) -> None:
    shots = Path(os.environ.get("AICC_SCREENSHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    lab = new_person(program, org="Lab A")
    admin = new_person(program, center="admin")
    release = (date.today() + timedelta(days=10)).isoformat()  # the window is open today
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.set_default_timeout(60_000)  # a loaded machine renders slowly
        scripts: list[str] = []
        page.on("request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None)

        def log_in(email: str) -> None:
            page.goto(program.url + "/login")
            page.get_by_label("E-mail address").fill(email)
            page.get_by_label("Password").fill(PASSWORD)
            with page.expect_navigation():
                page.get_by_role("button", name="Log in").click()

        log_in(lab)
        page.goto(program.url + "/frontier")
        with page.expect_navigation():
            page.get_by_role("link", name="Submit a model").click()
        page.get_by_label("Model name").fill("falcon-browser")
        page.get_by_label("Version").fill("1")
        page.get_by_label("Planned release date").fill(release)
        page.get_by_label("An Inspect model string").fill("mockllm/model")
        page.screenshot(path=shots / "frontier-1-submit.png", full_page=True)
        with page.expect_navigation():
            page.get_by_role("button", name="Submit the model").click()
        assert page.get_by_role("heading", name="falcon-browser 1").is_visible()
        submission_url = page.url
        page.get_by_label("Partner (as the center vetted it)").fill("red team")
        page.get_by_label("it may use the model").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Propose this partner").click()
        assert "Red Team: proposed" in page.locator("ul.grants").inner_text()
        assert page.get_by_role("button", name="Start the evaluation").count() == 0
        page.screenshot(path=shots / "frontier-2-proposed.png", full_page=True)
        with page.expect_navigation():
            page.get_by_role("button", name="Log out").click()

        log_in(admin)
        page.goto(submission_url)
        with page.expect_navigation():
            page.get_by_role("button", name="Confirm Red Team").click()
        assert "Red Team: active" in page.locator("ul.grants").inner_text()
        page.get_by_label("knowledge").check()
        page.get_by_label("Epochs").fill("1")
        with page.expect_navigation():
            page.get_by_role("button", name="Start the evaluation").click()
        notice = page.get_by_role("status").inner_text()
        started = re.search(r"Evaluation (\S+) started", notice)
        assert started, notice
        assert page.locator("#evaluations ~ table tbody tr").count() == 1
        page.screenshot(path=shots / "frontier-3-evaluation.png", full_page=True)
        browser.close()
    assert scripts == []  # plain HTML forms: no script is loaded
    ref = submission_url.rsplit("/", 1)[1]
    with program.client("admin") as api:  # the run ends before the server stops
        assert finished(api, ref, started.group(1))["settings"]["tiers"] == ["knowledge"]
