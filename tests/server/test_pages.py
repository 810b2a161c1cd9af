"""The web pages over HTTP, as a browser speaks to them: log-in, sessions, CSRF, tenancy and
triage through the form, against a real server on SQLite and PostgreSQL."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from tests.server.conftest import Center

ROOT = Path(__file__).resolve().parents[2]
SBOM = (
    ROOT / "src" / "aicc" / "data" / "demo" / "rural-hospital" / "patient-portal" / "sbom.cdx.json"
)
PASSWORD = "correct horse battery staple"


def user(center: Center, *scope: str, role: str = "admin") -> str:
    """A new user of the scope (``--org NAME`` or ``--center AGENCY``); their e-mail."""
    email = f"it-{uuid.uuid4().hex[:8]}@example.org"
    made = center.aicc("admin", "user", "create", email, *scope, "--role", role, input=PASSWORD)
    assert made.exit_code == 0, made.stderr
    return email


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found, "the form carries no CSRF token"
    return found.group(1)


@contextmanager
def log_in(center: Center, email: str, password: str = PASSWORD) -> Iterator[httpx.Client]:
    """A browser-like client holding the session of ``email``."""
    with httpx.Client(base_url=center.url, timeout=60) as client:
        form = client.get("/login")
        done = client.post(
            "/login", data={"email": email, "password": password, "csrf": csrf_of(form.text)}
        )
        assert done.status_code == 303, done.text
        yield client


def upload_page(client: httpx.Client, asset: str = "patient-portal") -> httpx.Response:
    csrf = csrf_of(client.get("/upload").text)
    files = {"file": ("sbom.cdx.json", SBOM.read_bytes(), "application/json")}
    return client.post("/upload", data={"asset": asset, "csrf": csrf}, files=files)


def finding_url(client: httpx.Client, vulnerability: str) -> str:
    home = client.get("/")
    found = re.search(rf'href="(/findings/fnd_[0-9a-f]+)">{vulnerability}<', home.text)
    assert found, f"{vulnerability} is not on the home page"
    return found.group(1)


def test_every_page_needs_a_log_in(center: Center) -> None:
    with httpx.Client(base_url=center.url, timeout=60) as client:
        for path in ("/", "/upload", "/affected", "/findings/fnd_0000"):
            answer = client.get(path)
            assert answer.status_code == 303, path
            assert answer.headers["location"] == f"/login?next={path}"
        login = client.get("/login")
        assert login.status_code == 200 and '<label for="password">' in login.text
        assert "script" not in login.text  # no script, nothing from elsewhere
        assert "default-src 'none'" in login.headers["content-security-policy"]


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(center: Center) -> None:
    _, name, _ = center.organisation()
    email = user(center, "--org", name)
    answers = []
    with httpx.Client(base_url=center.url, timeout=60) as client:
        for who, password in ((email, "not the password!"), ("nobody@example.org", PASSWORD)):
            form = client.get("/login")
            answer = client.post(
                "/login", data={"email": who, "password": password, "csrf": csrf_of(form.text)}
            )
            assert answer.status_code == 401
            assert "aicc_session" not in answer.cookies
            answers.append(re.search(r'role="alert"[^>]*>([^<]+)<', answer.text).group(1))  # type: ignore[union-attr]
    assert answers[0] == answers[1] == "Wrong e-mail or password. Check both and try again."


def test_a_session_cookie_is_httponly_and_lax_and_ends_at_log_out(center: Center) -> None:
    _, name, _ = center.organisation()
    email = user(center, "--org", name)
    with httpx.Client(base_url=center.url, timeout=60) as client:
        form = client.get("/login?next=/upload")
        done = client.post(
            "/login",
            data={
                "email": email,
                "password": PASSWORD,
                "csrf": csrf_of(form.text),
                "next": "/upload",
            },
        )
        assert done.status_code == 303 and done.headers["location"] == "/upload"
        cookie = next(
            h for h in done.headers.get_list("set-cookie") if h.startswith("aicc_session=")
        )
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie and "Secure" not in cookie
        home = client.get("/")
        assert home.status_code == 200 and name in home.text and "Nothing uploaded yet" in home.text
        out = client.post("/logout", data={"csrf": csrf_of(home.text)})
        assert out.status_code == 303
        assert client.get("/").status_code == 303  # the session is gone from the store


def test_a_form_without_the_csrf_token_is_refused(center: Center) -> None:
    _, name, _ = center.organisation()
    with log_in(center, user(center, "--org", name)) as client:
        assert client.post("/logout").status_code == 403
        assert client.post("/logout", data={"csrf": "forged"}).status_code == 403
        files = {"file": ("sbom.cdx.json", SBOM.read_bytes(), "application/json")}
        refused = client.post("/upload", data={"asset": "portal"}, files=files)
        assert refused.status_code == 403 and "Nothing was changed" in refused.text
        assert "patient-portal" not in client.get("/").text
    with httpx.Client(base_url=center.url, timeout=60) as client:  # log-in, with no cookie
        answer = client.post("/login", data={"email": "a@b.org", "password": "x", "csrf": "y"})
        assert answer.status_code == 403


def test_upload_home_and_triage_through_the_forms(center: Center) -> None:
    _, name, _ = center.organisation()
    email = user(center, "--org", name, role="member")
    with log_in(center, email) as client:
        made = upload_page(client)
        assert made.status_code == 201, made.text
        assert "patient-portal: version 1 scanned" in made.text
        home = client.get("/").text
        assert "Do this first" in home and 'class="card decision-' in home
        assert "Due this week" in home and "All findings" in home
        url = finding_url(client, "CVE-2023-49083")
        page = client.get(url).text
        assert "Decisions and due dates" in page and "Evidence" in page and "Audit trail" in page
        csrf = csrf_of(page)
        missing = client.post(
            f"{url}/triage", data={"csrf": csrf, "state": "not_affected", "reason": "never called"}
        )
        assert missing.status_code == 422 and "needs a VEX justification" in missing.text
        saved = client.post(
            f"{url}/triage",
            data={
                "csrf": csrf,
                "state": "not_affected",
                "justification": "vulnerable_code_not_in_execute_path",
                "reason": "PKCS7 loading is never called",
            },
        )
        assert saved.status_code == 303
        after = client.get(saved.headers["location"]).text
        assert "Saved: the change is in the audit trail" in after
        assert f"{name} member {email} (user usr_" in after
        assert "PKCS7 loading is never called" in after
    token = center.admin_json("token", "create", "--org", name, "--role", "admin")["token"]
    with center.client(token) as api:
        trail = api.get(f"/api{url}/audit").json()["events"]
    assert trail[-1]["to_state"] == "not_affected"
    assert trail[-1]["actor"].startswith(f"{name} member {email} (user usr_")


def test_another_organisations_finding_page_is_404(center: Center) -> None:
    _, mercy, _ = center.organisation("hospital")
    _, bank, _ = center.organisation("bank")
    with log_in(center, user(center, "--org", mercy)) as client:
        assert upload_page(client).status_code == 201
        url = finding_url(client, "CVE-2023-49083")
    missing = url.rsplit("_", 1)[0] + "_00000000000000000000"
    with log_in(center, user(center, "--org", bank)) as client:
        theirs, nothing = client.get(url), client.get(missing)
        assert theirs.status_code == nothing.status_code == 404
        assert theirs.text.replace(url.rsplit("/", 1)[1], "X") == nothing.text.replace(
            missing.rsplit("/", 1)[1], "X"
        )
        csrf = csrf_of(client.get("/").text)
        triage = client.post(
            f"{url}/triage", data={"csrf": csrf, "state": "resolved", "reason": "x"}
        )
        assert triage.status_code == 404
        assert client.get("/", params={"organization": mercy}).status_code == 404
        assert client.get("/affected").status_code == 403


@pytest.mark.parametrize("role", ["analyst", "read-only"])
def test_the_center_sees_who_is_affected(center: Center, role: str) -> None:
    _, name, _ = center.organisation()
    with log_in(center, user(center, "--org", name)) as client:
        assert upload_page(client).status_code == 201
    with log_in(center, user(center, "--center", "CISA", role=role)) as client:
        home = client.get("/").text
        assert name in home and "Who is affected" in home
        found = client.get("/affected", params={"id": "CVE-2023-49083"})
        assert found.status_code == 200 and name in found.text
        url = re.search(r'href="(/findings/fnd_[0-9a-f]+)"', found.text).group(1)  # type: ignore[union-attr]
        page = client.get(url).text
        assert ("Save the analysis" in page) == (role == "analyst")
