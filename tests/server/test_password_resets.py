"""Password resets over a real server on SQLite and PostgreSQL: a one-time link from the
operator's command line or a center admin, kept hashed, valid for a time, used once; setting the
password ends every session of the user. Who may reset whom: a center admin, for the
organisations of its grant and its own agency's users."""

from __future__ import annotations

import hashlib
import json
import re
import uuid
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import Engine, select

from aicc.center import NotFound, create_organisation, create_user
from aicc.center.resets import issue_reset, reset_email, use_reset
from aicc.core.times import utcnow
from aicc.store.center_auth_tables import password_resets
from tests.server.conftest import Center
from tests.server.test_pages import PASSWORD, csrf_of, log_in, user

NEW = "a whole new passphrase for me"


def _form(client: httpx.Client, path: str, **fields: str) -> httpx.Response:
    page = client.get(path)
    assert page.status_code == 200, page.text
    return client.post(path, data={"csrf": csrf_of(page.text), **fields})


def _attempt(center: Center, email: str, password: str) -> int:
    with httpx.Client(base_url=center.url, timeout=60) as client:
        form = client.get("/login")
        done = client.post(
            "/login", data={"email": email, "password": password, "csrf": csrf_of(form.text)}
        )
        return done.status_code


def test_the_operators_link_sets_a_new_password_once_and_ends_the_sessions(
    center: Center,
) -> None:
    _, name, _ = center.organisation()
    email = user(center, "--org", name)
    with log_in(center, email) as old_browser:
        assert old_browser.get("/").status_code == 200
        made = center.aicc("admin", "user", "reset", email, "--base-url", center.url + "/")
        assert made.exit_code == 0, made.stderr
        shown = json.loads(made.stdout)
        assert shown["email"] == email and shown["link"].startswith(center.url + "/reset/")
        path = shown["link"][len(center.url) :]
        with httpx.Client(base_url=center.url, timeout=60) as client:
            form = client.get(path)
            assert form.status_code == 200 and email in form.text
            assert 'autocomplete="new-password"' in form.text
            differ = client.post(
                path, data={"csrf": csrf_of(form.text), "password": NEW, "again": NEW + "!"}
            )
            assert differ.status_code == 422 and "the two passwords differ" in differ.text
            short = client.post(
                path, data={"csrf": csrf_of(form.text), "password": "short", "again": "short"}
            )
            assert short.status_code == 422 and "needs 12 to 1024 characters" in short.text
            done = client.post(
                path, data={"csrf": csrf_of(form.text), "password": NEW, "again": NEW}
            )
            assert done.status_code == 200 and "Your new password is set" in done.text
            again = client.get(path)
            assert again.status_code == 404 and "already used" in again.text
            replay = client.post(
                path, data={"csrf": csrf_of(form.text), "password": NEW, "again": NEW}
            )
            assert replay.status_code == 404 and "already used" in replay.text
        ended = old_browser.get("/")
        assert ended.status_code == 303 and ended.headers["location"].startswith("/login")
    assert _attempt(center, email, PASSWORD) == 401
    assert _attempt(center, email, NEW) == 303


def test_the_reset_form_needs_its_csrf_cookie(center: Center) -> None:
    _, name, _ = center.organisation()
    email = user(center, "--org", name)
    link = json.loads(center.aicc("admin", "user", "reset", email).stdout)["link"]
    assert link.startswith("/reset/")
    with httpx.Client(base_url=center.url, timeout=60) as client:
        forged = client.post(link, data={"csrf": "x", "password": NEW, "again": NEW})
        assert forged.status_code == 403
    assert _attempt(center, email, PASSWORD) == 303  # nothing was changed


def test_an_unknown_user_is_refused_at_the_command_line(center: Center) -> None:
    refused = center.aicc("admin", "user", "reset", "nobody@example.org")
    assert refused.exit_code == 2 and "user 'nobody@example.org': not found" in refused.stderr


def _center_user(center: Center, agency: str, role: str, *grant: str) -> str:
    email = f"c-{uuid.uuid4().hex[:8]}@example.org"
    made = center.aicc(
        "admin", "user", "create", email, "--center", agency, "--role", role, *grant,
        input=PASSWORD,
    )  # fmt: skip
    assert made.exit_code == 0, made.stderr
    return email


def _token(center: Center, agency: str, role: str, *grant: str) -> str:
    made = center.admin_json("token", "create", "--center", agency, "--role", role, *grant)
    return str(made["token"])


def test_center_admins_reset_whom_their_grant_covers(center: Center) -> None:
    _, hospital, _ = center.organisation("hospital")
    _, bank, bank_token = center.organisation("bank")
    nurse, teller = user(center, "--org", hospital), user(center, "--org", bank)
    colleague = _center_user(center, "HHS", "analyst")
    stranger = _center_user(center, "CISA", "analyst")

    def ask(token: str, email: str) -> httpx.Response:
        with center.client(token) as client:
            return client.post("/api/users/reset", json={"email": email, "hours": 2})

    limited = _token(center, "HHS", "admin", "--sector", "hospital")
    made = ask(limited, nurse)
    assert made.status_code == 201, made.text
    assert made.json()["link"].startswith(center.url + "/reset/")
    assert ask(limited, colleague).status_code == 201  # its own agency's user
    for outside in (teller, stranger, "nobody@example.org"):  # all read the same
        refused = ask(limited, outside)
        assert refused.status_code == 404, outside
        assert refused.json()["detail"] == f"user {outside!r}: not found"
    assert ask(_token(center, "CISA", "admin"), teller).status_code == 201  # the whole portfolio
    assert ask(_token(center, "HHS", "analyst"), nurse).status_code == 403
    assert ask(bank_token, teller).status_code == 403
    with center.client(limited) as client:
        bad = client.post("/api/users/reset", json={"email": nurse, "hours": 1000})
        assert bad.status_code == 422 and "hours" in bad.text


def test_the_admin_page_makes_a_link(center: Center) -> None:
    _, hospital, _ = center.organisation("hospital")
    nurse = user(center, "--org", hospital)
    admin = _center_user(center, "HHS", "admin")
    with log_in(center, admin) as browser:
        shown = _form(browser, "/admin/reset", email=nurse)
        assert shown.status_code == 201, shown.text
        link = re.search(r'id="reset-link">([^<]+)<', shown.text)
        assert link and link.group(1).startswith(center.url + "/reset/")
        unknown = _form(browser, "/admin/reset", email="nobody@example.org")
        assert unknown.status_code == 404 and "not found" in unknown.text
    with log_in(center, nurse) as browser:
        assert browser.get("/admin/reset").status_code == 403


def test_links_are_kept_hashed_expire_and_a_newer_one_voids_the_older(engine: Engine) -> None:
    create_organisation(engine, name="Mercy", sector="hospital")
    create_user(
        engine, email="n@mercy.example", password=PASSWORD, role="admin", organisation="Mercy"
    )
    first = issue_reset(engine, email="N@Mercy.example", issued_by="test", hours=1)
    token = first["path"].removeprefix("/reset/")
    with engine.connect() as conn:
        stored = conn.execute(select(password_resets)).mappings().one()
    assert stored["id"] == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(dict(stored))
    assert reset_email(engine, token) == "n@mercy.example"
    second = issue_reset(engine, email="n@mercy.example", issued_by="test")
    with pytest.raises(NotFound, match="already used, or a newer one was issued"):
        reset_email(engine, token)
    newer = second["path"].removeprefix("/reset/")
    with engine.begin() as conn:
        conn.execute(password_resets.update().values(expires_at=utcnow() - timedelta(minutes=1)))
    with pytest.raises(NotFound, match=r"this reset link expired at .* UTC"):
        use_reset(engine, newer, NEW)
    with pytest.raises(NotFound, match="is not known"):
        reset_email(engine, "not-a-token")
