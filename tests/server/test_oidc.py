"""Single sign-on through a real local OpenID Connect provider (tests/server/oidc_provider.py),
against a real server on SQLite and PostgreSQL: the code flow with PKCE, state and nonce; the ID
token's signature, audience and expiry checked; a replayed state refused; users linked by a
verified e-mail or by an admin, never made by the provider."""

from __future__ import annotations

import html
import re
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import httpx
import pytest
from sqlalchemy import Engine, func, select

from aicc.center import InvalidInput
from aicc.center.oidc import OidcConfig, SingleSignOnError, begin
from aicc.core.settings import Settings
from aicc.server.app import create_app
from aicc.store.center_auth_tables import oidc_links, oidc_requests
from aicc.store.center_tables import users
from tests.conftest import BACKENDS
from tests.server.conftest import Center, _own_database, serve
from tests.server.oidc_provider import (
    CLIENT_ID,
    CLIENT_SECRET,
    Identity,
    Provider,
    running_provider,
)
from tests.server.test_pages import PASSWORD


@dataclass
class Sso:
    center: Center
    provider: Provider
    engine: Engine


@pytest.fixture(scope="module", params=BACKENDS)
def sso(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    postgres_url: str | None,
) -> Iterator[Sso]:
    """A center whose log-in page offers single sign-on with a provider started here."""
    home = tmp_path_factory.mktemp("sso")
    if request.param == "sqlite":
        url = f"sqlite:///{home / 'aicc.db'}"
    else:
        assert postgres_url is not None
        url = _own_database(postgres_url, "oidc")
    with running_provider() as provider:
        env = {
            "AICC_HOME": str(home),
            "AICC_DATABASE_URL": url,
            "AICC_OIDC_ISSUER": provider.issuer,
            "AICC_OIDC_CLIENT_ID": CLIENT_ID,
            "AICC_OIDC_CLIENT_SECRET": CLIENT_SECRET,
            "AICC_OIDC_NAME": "Test IdP",
        }
        app = create_app(Settings.from_env(env), env)
        try:
            with serve(app) as base_url:
                yield Sso(Center(base_url, env), provider, app.state.center.engine)
        finally:
            app.state.center.engine.dispose()


def _user(sso: Sso, email: str, *scope: str, role: str = "member") -> None:
    if not scope:
        name = f"Mercy {uuid.uuid4().hex[:8]}"
        sso.center.admin_json("org", "create", name, "--sector", "hospital")
        scope = ("--org", name)
    made = sso.center.aicc("admin", "user", "create", email, *scope, "--role", role, input=PASSWORD)
    assert made.exit_code == 0, made.stderr


def _at_provider(provider_url: str) -> str:
    """The provider's page, and the person pressing Continue: the callback URL it redirects to."""
    with httpx.Client(timeout=30) as idp:
        page = idp.get(provider_url)
        assert page.status_code == 200, page.text
        fields = dict(re.findall(r'name="([^"]+)" value="([^"]*)"', page.text))
        fields = {k: html.unescape(v) for k, v in fields.items()}
        approved = idp.post(provider_url.split("?")[0], data=fields)
        assert approved.status_code == 302
        return approved.headers["location"]


def _sso_log_in(sso: Sso, client: httpx.Client, next: str = "/") -> tuple[httpx.Response, str]:
    """Log in with the provider in ``client``: the center's answer to the callback, and its URL."""
    started = client.get("/login/oidc", params={"next": next})
    assert started.status_code == 303, started.text
    assert started.headers["location"].startswith(sso.provider.issuer + "/authorize?")
    callback = _at_provider(started.headers["location"])
    return client.get(callback), callback


def _said(answer: httpx.Response) -> str:
    found = re.search(r'id="sso-error">([^<]*)<', answer.text)
    assert found, answer.text
    return html.unescape(found.group(1))


def _browser(sso: Sso) -> httpx.Client:
    return httpx.Client(base_url=sso.center.url, timeout=60)


def _count_users(sso: Sso) -> int:
    with sso.engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(users)).scalar_one())


def _as(sso: Sso, **identity: object) -> str:
    """The provider's next identity (a new subject each time); its e-mail."""
    email = f"sso-{uuid.uuid4().hex[:8]}@example.org"
    sso.provider.identity = Identity(subject=f"sub-{uuid.uuid4().hex}", email=email)
    for name, value in identity.items():
        setattr(sso.provider.identity, name, value)
    return str(sso.provider.identity.email)


def test_the_log_in_page_offers_single_sign_on(sso: Sso) -> None:
    with _browser(sso) as client:
        page = client.get("/login", params={"next": "/upload"})
        assert 'href="/login/oidc?next=/upload">Log in with Test IdP</a>' in page.text


def test_a_verified_email_links_its_user_once_and_the_link_is_kept(sso: Sso) -> None:
    email = _as(sso)
    _user(sso, email)
    with _browser(sso) as client:
        answer, _ = _sso_log_in(sso, client, next="/upload")
        assert answer.status_code == 303, answer.text
        assert answer.headers["location"] == "/upload"
        home = client.get("/")
        assert home.status_code == 200 and email in home.text
    with sso.engine.connect() as conn:
        link = conn.execute(select(oidc_links)).mappings().all()
    mine = [row for row in link if row["subject"] == sso.provider.identity.subject]
    assert len(mine) == 1 and mine[0]["issuer"] == sso.provider.issuer
    assert "verified e-mail" in mine[0]["linked_by"]
    sso.provider.identity.email_verified = False  # the link decides from now on
    sso.provider.identity.email = "someone-else@example.org"
    with _browser(sso) as client:
        answer, _ = _sso_log_in(sso, client)
        assert answer.status_code == 303, answer.text
        assert email in client.get("/").text


def test_an_unverified_or_unknown_email_is_refused_and_no_user_is_made(sso: Sso) -> None:
    before = _count_users(sso)
    email = _as(sso, email_verified=False)
    _user(sso, email)
    with _browser(sso) as client:
        answer, _ = _sso_log_in(sso, client)
        assert answer.status_code == 401
        assert "the identity provider did not say its e-mail is verified" in _said(answer)
        assert "aicc admin user link EMAIL --subject sub-" in _said(answer)
        assert client.get("/").status_code == 303  # not logged in
    _as(sso)  # verified, but nobody has it
    with _browser(sso) as client:
        answer, _ = _sso_log_in(sso, client)
        assert answer.status_code == 401 and "No AICC user has the e-mail" in _said(answer)
    assert _count_users(sso) == before + 1  # only the one made here by the operator


def test_an_admin_links_an_identity_without_an_email(sso: Sso) -> None:
    email = f"ops-{uuid.uuid4().hex[:8]}@example.org"
    _user(sso, email, "--center", "CISA", role="analyst")
    _as(sso, email=None)
    subject = sso.provider.identity.subject
    with _browser(sso) as client:
        answer, _ = _sso_log_in(sso, client)
        assert answer.status_code == 401 and "is not linked to an AICC user" in _said(answer)
    linked = sso.center.admin_json("user", "link", email, "--subject", subject)
    assert linked == {
        "email": email,
        "issuer": sso.provider.issuer,
        "subject": subject,
        "linked_by": "the operator (aicc admin user link)",
    }
    with _browser(sso) as client:
        answer, _ = _sso_log_in(sso, client)
        assert answer.status_code == 303, answer.text
        home = client.get("/")
        assert email in home.text and "CISA" in home.text  # the user's own scope and role
    other = f"ops-{uuid.uuid4().hex[:8]}@example.org"
    _user(sso, other)
    taken = sso.center.aicc("admin", "user", "link", other, "--subject", subject)
    assert taken.exit_code == 2 and "is linked to another user" in taken.stderr


SIGNATURE = "The ID token's signature does not verify with the identity provider's keys"
AUDIENCE = "The ID token is for another client (audience 'another-client', not 'aicc-center')"
SEVERAL = "The ID token names several audiences and its azp is None, not 'aicc-center'"


@pytest.mark.parametrize(
    ("bent", "message"),
    [
        ({"forge": True}, SIGNATURE),
        ({"audience": "another-client"}, AUDIENCE),
        ({"audience": ["another-client", CLIENT_ID]}, SEVERAL),
        ({"lifetime": -600}, "The ID token expired at "),
    ],
)
def test_a_bad_id_token_is_refused(sso: Sso, bent: dict[str, object], message: str) -> None:
    email = _as(sso, **bent)
    _user(sso, email)
    with _browser(sso) as client:
        answer, _ = _sso_log_in(sso, client)
        assert answer.status_code == 401
        assert message in _said(answer)
        assert client.get("/").status_code == 303  # no session
    with sso.engine.connect() as conn:
        linked = conn.execute(
            select(oidc_links).where(oidc_links.c.subject == sso.provider.identity.subject)
        ).first()
    assert linked is None


def test_a_replayed_state_is_refused(sso: Sso) -> None:
    email = _as(sso)
    _user(sso, email)
    with _browser(sso) as client:
        started = client.get("/login/oidc")
        state = client.cookies.get("aicc_oidc_state")
        callback = _at_provider(started.headers["location"])
        assert client.get(callback).status_code == 303
    asked = sso.provider.token_requests
    with _browser(sso) as replayer:  # the same answer again, with the state's cookie
        replayer.cookies.set("aicc_oidc_state", state or "", path="/login/oidc")
        again = replayer.get(callback)
        assert again.status_code == 401
        assert _said(again) == (
            "This log-in's answer was already used once (a replayed state): start again."
        )
        assert replayer.get("/").status_code == 303
    assert sso.provider.token_requests == asked  # the code was not sent again


def test_an_answer_for_another_browser_is_refused(sso: Sso) -> None:
    email = _as(sso)
    _user(sso, email)
    with _browser(sso) as victim, _browser(sso) as attacker:
        started = attacker.get("/login/oidc")
        callback = _at_provider(started.headers["location"])
        forced = victim.get(callback)  # the attacker's answer, sent to the victim's browser
        assert forced.status_code == 401
        assert "not for a log-in started in this browser" in _said(forced)
        assert victim.get("/").status_code == 303


def test_an_error_from_the_provider_is_shown(sso: Sso) -> None:
    with _browser(sso) as client:
        answer = client.get(
            "/login/oidc/callback",
            params={"error": "access_denied", "error_description": "the user said no"},
        )
        assert answer.status_code == 401
        assert _said(answer) == "The identity provider answered access_denied: the user said no."


def test_the_configuration_is_checked() -> None:
    assert OidcConfig.from_env({}) is None
    made = OidcConfig.from_env(
        {"AICC_OIDC_ISSUER": "https://login.example.gov/", "AICC_OIDC_CLIENT_ID": "aicc"}
    )
    assert made is not None and made.issuer == "https://login.example.gov"
    assert made.scopes == "openid email profile" and made.client_secret is None
    for env, message in (
        ({"AICC_OIDC_ISSUER": "https://login.example.gov"}, "AICC_OIDC_CLIENT_ID: single"),
        (
            {"AICC_OIDC_ISSUER": "http://login.example.gov", "AICC_OIDC_CLIENT_ID": "a"},
            "AICC_OIDC_ISSUER: 'http://login.example.gov' is not an https:// address",
        ),
        (
            {
                "AICC_OIDC_ISSUER": "https://x.example",
                "AICC_OIDC_CLIENT_ID": "a",
                "AICC_OIDC_SCOPES": "email",
            },
            "AICC_OIDC_SCOPES: 'email' must include openid",
        ),
    ):
        with pytest.raises(InvalidInput, match=re.escape(message)):
            OidcConfig.from_env(env)


def test_nothing_is_set_up_without_an_issuer(center: Center) -> None:
    with httpx.Client(base_url=center.url, timeout=60) as client:
        assert "Log in with" not in client.get("/login").text
        assert client.get("/login/oidc").status_code == 404


def test_a_provider_that_cannot_be_reached_is_named(engine: Engine) -> None:
    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        issuer = f"http://127.0.0.1:{closed.getsockname()[1]}"
    config = OidcConfig(issuer=issuer, client_id=CLIENT_ID)
    with pytest.raises(SingleSignOnError) as refused:
        begin(engine, config, redirect_url="http://127.0.0.1/login/oidc/callback")
    assert refused.value.message.startswith(
        f"the identity provider's discovery document at {issuer}/.well-known/openid-configuration "
        "could not be read: "
    )
    with engine.connect() as conn:  # nothing was kept
        assert conn.execute(select(func.count()).select_from(oidc_requests)).scalar_one() == 0
