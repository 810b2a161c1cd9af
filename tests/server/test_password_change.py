"""A logged-in person changes their own password, over a real server on SQLite and PostgreSQL:
the page (with its CSRF token) and ``POST /api/me/password`` (session cookie and X-CSRF-Token),
the current password checked under the log-in limits, the other sessions ended, the change in
the audit log, which another organisation's admin does not see."""

from __future__ import annotations

from typing import Any

import httpx

from tests.server.conftest import Center
from tests.server.test_pages import PASSWORD, csrf_of, log_in, user

NEW = "a brand new passphrase of mine"


def _attempt(center: Center, email: str, password: str) -> int:
    with httpx.Client(base_url=center.url, timeout=60) as client:
        form = client.get("/login")
        done = client.post(
            "/login", data={"email": email, "password": password, "csrf": csrf_of(form.text)}
        )
        return done.status_code


def _change(client: httpx.Client, current: str, password: str, again: str) -> httpx.Response:
    form = client.get("/account/password")
    assert form.status_code == 200, form.text
    fields = {"csrf": csrf_of(form.text), "current": current, "password": password}
    return client.post("/account/password", data=fields | {"again": again})


def _audit(center: Center, token: str) -> list[dict[str, Any]]:
    with center.client(token) as client:
        found = client.get("/api/audit", params={"action": "password_changed"})
    assert found.status_code == 200, found.text
    return list(found.json())


def test_the_page_changes_the_password_and_ends_the_other_sessions(center: Center) -> None:
    _, name, org_token = center.organisation()
    _, _, other_token = center.organisation()
    email = user(center, "--org", name, role="member")
    with log_in(center, email) as browser, log_in(center, email) as elsewhere:
        home = browser.get("/")
        assert 'href="/account/password"' in home.text  # the menu leads there
        wrong = _change(browser, "not my password at all", NEW, NEW)
        assert wrong.status_code == 422 and "not your current password" in wrong.text
        differ = _change(browser, PASSWORD, NEW, NEW + "!")
        assert differ.status_code == 422 and "the two new passwords differ" in differ.text
        short = _change(browser, PASSWORD, "short", "short")
        assert short.status_code == 422 and "The new password: needs 12 to 1024" in short.text
        same = _change(browser, PASSWORD, PASSWORD, PASSWORD)
        assert same.status_code == 422 and "the same as the current one" in same.text
        no_csrf = browser.post(
            "/account/password", data={"current": PASSWORD, "password": NEW, "again": NEW}
        )
        assert no_csrf.status_code == 403
        done = _change(browser, PASSWORD, NEW, NEW)
        assert done.status_code == 200, done.text
        assert "Your new password is set" in done.text and "1 other session" in done.text
        assert browser.get("/").status_code == 200  # this session stays
        ended = elsewhere.get("/")
        assert ended.status_code == 303 and ended.headers["location"].startswith("/login")
    assert _attempt(center, email, PASSWORD) == 401
    assert _attempt(center, email, NEW) == 303

    entries = [e for e in _audit(center, org_token) if e["subject"] == email]
    assert len(entries) == 1 and email in entries[0]["actor"]
    assert entries[0]["detail"]["other_sessions_ended"] == 1
    admin = center.center_token(role="admin")
    assert [e["subject"] for e in _audit(center, admin)].count(email) == 1
    assert all(e["subject"] != email for e in _audit(center, other_token))  # another tenant
    with center.client(center.center_token(role="analyst")) as client:
        assert client.get("/api/audit").status_code == 403


def test_the_api_route_takes_the_session_and_its_csrf_token(center: Center) -> None:
    _, name, org_token = center.organisation()
    email = user(center, "--org", name)
    body = {"current_password": PASSWORD, "new_password": NEW}
    with center.client() as anonymous:
        assert anonymous.post("/api/me/password", json=body).status_code == 401
    with center.client(org_token) as token_holder:
        refused = token_holder.post("/api/me/password", json=body)
        assert refused.status_code == 403 and "API tokens have none" in refused.json()["detail"]
    with log_in(center, email) as browser:
        csrf = csrf_of(browser.get("/").text)
        missing = browser.post("/api/me/password", json=body)
        assert missing.status_code == 403 and "X-CSRF-Token" in missing.json()["detail"]
        short = browser.post(
            "/api/me/password",
            json=body | {"new_password": "short"},
            headers={"X-CSRF-Token": csrf},
        )
        assert short.status_code == 422 and short.json()["detail"].startswith("new_password")
        done = browser.post("/api/me/password", json=body, headers={"X-CSRF-Token": csrf})
        assert done.status_code == 200, done.text
        assert done.json() == {"email": email, "other_sessions_ended": 0}
    assert _attempt(center, email, NEW) == 303


def test_wrong_current_passwords_meet_the_log_in_limit(center: Center) -> None:
    _, name, _ = center.organisation()
    email = user(center, "--org", name)
    with log_in(center, email) as browser:
        csrf = {"X-CSRF-Token": csrf_of(browser.get("/").text)}
        for n in range(5):  # the default limit: 5 failures of one account in 15 minutes
            wrong = {"current_password": f"a wrong guess number {n}", "new_password": NEW}
            answer = browser.post("/api/me/password", json=wrong, headers=csrf)
            assert answer.status_code == 422, answer.text
        right = {"current_password": PASSWORD, "new_password": NEW}
        limited = browser.post("/api/me/password", json=right, headers=csrf)
        assert limited.status_code == 429 and int(limited.headers["Retry-After"]) > 0
        assert "too many failed log-ins" in limited.json()["detail"]
        page = _change(browser, PASSWORD, NEW, NEW)
        assert page.status_code == 429 and "Too many failed log-ins" in page.text
    assert _attempt(center, email, PASSWORD) == 429  # the same count as the log-in's
