"""The limit on failed log-ins, over a real server on SQLite and PostgreSQL: per account and per
client address, with the time to wait, the same for an account that does not exist, and shared
by two server processes over one store.

The client's address is set with ``X-Forwarded-For``, which uvicorn takes from 127.0.0.1 (a proxy
in front of the center does the same), so each test has addresses of its own.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

import httpx
import pytest
from sqlalchemy import Engine

from aicc.center import InvalidInput, create_organisation, create_user
from aicc.center.errors import Unauthenticated
from aicc.center.login_limits import LoginLimits, TooManyAttempts, check, limited_log_in
from aicc.core.settings import Settings
from aicc.core.times import utcnow
from aicc.server.app import create_app
from tests.server.conftest import Center, serve
from tests.server.test_pages import PASSWORD, csrf_of, user

WRONG = "not the password at all"


def _address() -> str:
    """A client address of its own: the store is shared by the tests of one worker, and the
    address limit counts across them (uvicorn takes the right-most of the forwarded list)."""
    bits = uuid.uuid4().int
    return f"198.51.100.7, 10.{bits >> 16 & 255}.{bits >> 8 & 255}.{bits & 255 or 1}"


@contextmanager
def _browser(url: str, address: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=url, timeout=60, headers={"X-Forwarded-For": address}) as client:
        yield client


def _attempt(client: httpx.Client, email: str, password: str) -> httpx.Response:
    form = client.get("/login")
    return client.post(
        "/login", data={"email": email, "password": password, "csrf": csrf_of(form.text)}
    )


def _fail(client: httpx.Client, email: str, times: int) -> None:
    for _ in range(times):
        answer = _attempt(client, email, WRONG)
        assert answer.status_code == 401, answer.text
        assert "wrong e-mail or password" in answer.text.lower()


def _refusal(answer: httpx.Response) -> str:
    assert answer.status_code == 429, answer.text
    assert 850 <= int(answer.headers["retry-after"]) <= 900
    start = answer.text.index('id="login-error">') + len('id="login-error">')
    return answer.text[start : answer.text.index("</p>", start)]


def test_an_account_is_limited_and_an_unknown_one_reads_the_same(center: Center) -> None:
    _, name, _ = center.organisation()
    email = user(center, "--org", name)
    nobody = f"nobody-{uuid.uuid4().hex[:8]}@example.org"
    said = []
    for who in (email, nobody):
        with _browser(center.url, _address()) as client:
            _fail(client, who, 5)
            said.append(_refusal(_attempt(client, who, PASSWORD)))  # even the right password
    assert said[0] == said[1]  # an account that exists is not told apart
    assert said[0] == (
        "Too many failed log-ins for this e-mail address: wait 15 minutes and try again (at most "
        "5 in 15 minutes)."
    )
    with _browser(center.url, _address()) as client:  # another address: still the account's
        assert _attempt(client, email, PASSWORD).status_code == 429


def test_an_address_is_limited_across_accounts(center: Center) -> None:
    _, name, _ = center.organisation()
    email = user(center, "--org", name)
    busy = _address()
    with _browser(center.url, busy) as client:
        for n in range(20):  # 4 each of 5 accounts: none over its own limit
            _fail(client, f"guess-{n % 5}-{busy[:14]}@example.org", 1)
        refused = _refusal(_attempt(client, email, PASSWORD))
        assert "from your network address" in refused
    with _browser(center.url, _address()) as client:  # the account itself is fine
        assert _attempt(client, email, PASSWORD).status_code == 303


def test_a_log_in_clears_the_accounts_failures(center: Center) -> None:
    _, name, _ = center.organisation()
    email = user(center, "--org", name)
    with _browser(center.url, _address()) as client:
        _fail(client, email, 4)
        assert _attempt(client, email, PASSWORD).status_code == 303
    with _browser(center.url, _address()) as client:
        _fail(client, email, 4)
        assert _attempt(client, email, PASSWORD).status_code == 303


def test_two_server_processes_count_the_same_failures(center: Center) -> None:
    _, name, _ = center.organisation()
    email = user(center, "--org", name)
    second = create_app(Settings.from_env(center.env), center.env)
    try:
        with serve(second) as other_url:
            with _browser(center.url, _address()) as client:
                _fail(client, email, 3)
            with _browser(other_url, _address()) as client:
                _fail(client, email, 2)
                assert _attempt(client, email, PASSWORD).status_code == 429
            with _browser(center.url, _address()) as client:
                assert _attempt(client, email, PASSWORD).status_code == 429
    finally:
        second.state.center.engine.dispose()


def test_the_wait_ends_when_the_oldest_failure_leaves_the_window(engine: Engine) -> None:
    create_organisation(engine, name="Mercy", sector="hospital")
    create_user(
        engine, email="n@mercy.example", password=PASSWORD, role="admin", organisation="Mercy"
    )
    limits = LoginLimits(account=3, address=100, window=timedelta(minutes=10))
    for _ in range(3):
        with pytest.raises(Unauthenticated):
            limited_log_in(
                engine, email="N@mercy.example", password=WRONG, address="10.0.0.1", limits=limits
            )
    with pytest.raises(TooManyAttempts) as refused:
        limited_log_in(
            engine, email="n@mercy.example", password=PASSWORD, address="10.0.0.2", limits=limits
        )
    assert 590 <= refused.value.retry_after <= 600
    now = utcnow()
    with engine.connect() as conn:
        with pytest.raises(TooManyAttempts, match="wait 4 minutes"):
            check(
                conn,
                limits,
                email="n@mercy.example",
                address=None,
                now=now + timedelta(minutes=6, seconds=30),
            )
        check(conn, limits, email="n@mercy.example", address=None, now=now + timedelta(minutes=11))


def test_the_limits_come_from_the_environment() -> None:
    assert LoginLimits.from_env({}) == LoginLimits()
    limits = LoginLimits.from_env(
        {"AICC_LOGIN_ACCOUNT_FAILURES": "3", "AICC_LOGIN_WINDOW_MINUTES": "60"}
    )
    assert (limits.account, limits.address, limits.window) == (3, 20, timedelta(hours=1))
    with pytest.raises(InvalidInput, match="AICC_LOGIN_ADDRESS_FAILURES: 'many' is not a whole"):
        LoginLimits.from_env({"AICC_LOGIN_ADDRESS_FAILURES": "many"})
