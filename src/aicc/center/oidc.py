"""Single sign-on with OpenID Connect: the authorization code flow with PKCE, ``state`` and
``nonce``, against the identity provider the environment names.

`begin` reads the provider's discovery document, keeps the request in the store (its state's
SHA-256, the nonce and the PKCE verifier: any server process may receive the answer) and gives
the address to send the browser to. `finish` takes the state and code the provider sent back: the
state is used up (a second time is a replay, refused), the code is exchanged at the token
endpoint with the verifier, and the ID token's signature is checked against the provider's JWKS
(`joserfc`; asymmetric algorithms only), then its issuer, audience, expiry and nonce. The person
is then an AICC user only through a link: one an admin made (`link_identity`, ``aicc admin user
link``), or, on a first log-in, a user whose e-mail the provider says it verified. The provider
never creates a user nor gives rights: the linked user's own scope and role apply.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import ipaddress
import os
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpx
from sqlalchemy import Connection, Engine, select

from aicc.center.errors import InvalidInput, NotFound, Unauthenticated
from aicc.center.users import open_session
from aicc.core.times import utcnow
from aicc.store.center_auth_tables import oidc_links, oidc_requests
from aicc.store.center_tables import users
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing

REQUEST_MINUTES = 10  # how long a log-in may take at the provider
LEEWAY = timedelta(seconds=60)  # clocks differ a little
CACHE_SECONDS = 3600  # the discovery document and the keys are read again after an hour
ALGORITHMS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"]
HTTP_SECONDS = 10.0


class SingleSignOnError(Unauthenticated):
    """A single sign-on that cannot complete: the message says why."""


@dataclass(frozen=True)
class OidcConfig:
    """The identity provider and this center's client at it."""

    issuer: str
    client_id: str
    client_secret: str | None = None
    redirect_url: str | None = None  # default: this server's /login/oidc/callback
    scopes: str = "openid email profile"
    name: str = "single sign-on"  # the log-in button says "Log in with NAME"
    link_by_email: bool = True  # a first log-in links the user of a verified e-mail

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> OidcConfig | None:
        """From ``AICC_OIDC_ISSUER``, ``AICC_OIDC_CLIENT_ID``, ``AICC_OIDC_CLIENT_SECRET``,
        ``AICC_OIDC_REDIRECT_URL``, ``AICC_OIDC_SCOPES``, ``AICC_OIDC_NAME`` and
        ``AICC_OIDC_LINK_BY_EMAIL`` (0 turns linking by e-mail off); None without an issuer.
        InvalidInput naming the variable that cannot be used."""
        environ = os.environ if env is None else env
        issuer = environ.get("AICC_OIDC_ISSUER", "").strip().rstrip("/")
        if not issuer:
            return None
        _check_url("AICC_OIDC_ISSUER", issuer)
        client_id = environ.get("AICC_OIDC_CLIENT_ID", "").strip()
        if not client_id:
            raise InvalidInput("AICC_OIDC_CLIENT_ID: single sign-on needs this center's client id")
        scopes = environ.get("AICC_OIDC_SCOPES", "").strip() or cls.scopes
        if "openid" not in scopes.split():
            raise InvalidInput(f"AICC_OIDC_SCOPES: {scopes!r} must include openid")
        redirect = environ.get("AICC_OIDC_REDIRECT_URL", "").strip() or None
        if redirect:
            _check_url("AICC_OIDC_REDIRECT_URL", redirect)
        return cls(
            issuer=issuer,
            client_id=client_id,
            client_secret=environ.get("AICC_OIDC_CLIENT_SECRET", "").strip() or None,
            redirect_url=redirect,
            scopes=scopes,
            name=environ.get("AICC_OIDC_NAME", "").strip() or cls.name,
            link_by_email=environ.get("AICC_OIDC_LINK_BY_EMAIL", "1").strip().lower()
            not in ("0", "false", "no"),
        )


def _check_url(name: str, url: str) -> None:
    """HTTPS, or HTTP to this machine only (a provider in a test, or on the same host)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    loopback = parts.hostname == "localhost"
    with contextlib.suppress(ValueError):
        loopback = loopback or ipaddress.ip_address(parts.hostname or "").is_loopback
    if parts.scheme == "http" and loopback:
        return
    raise InvalidInput(f"{name}: {url!r} is not an https:// address (http:// only to this machine)")


_cache: dict[str, tuple[float, Any]] = {}


def _fetch(http: httpx.Client, url: str, what: str, *, fresh: bool = False) -> Any:
    """A JSON document of the provider, kept for an hour (``fresh``: read again now)."""
    kept = _cache.get(url)
    if kept is not None and not fresh and time.monotonic() - kept[0] < CACHE_SECONDS:
        return kept[1]
    try:
        answer = http.get(url, headers={"Accept": "application/json"})
        answer.raise_for_status()
        document = answer.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise SingleSignOnError(
            f"the identity provider's {what} at {url} could not be read: {exc}"
        ) from exc
    if not isinstance(document, dict):
        raise SingleSignOnError(f"the identity provider's {what} at {url} is not a JSON object")
    _cache[url] = (time.monotonic(), document)
    return document


def discover(config: OidcConfig, http: httpx.Client) -> dict[str, Any]:
    """The provider's discovery document, checked for what the flow needs."""
    url = config.issuer + "/.well-known/openid-configuration"
    document: dict[str, Any] = _fetch(http, url, "discovery document")
    if document.get("issuer", "").rstrip("/") != config.issuer:
        raise SingleSignOnError(
            f"the discovery document at {url} names the issuer {document.get('issuer')!r}, not "
            f"{config.issuer!r} (AICC_OIDC_ISSUER)"
        )
    for field in ("authorization_endpoint", "token_endpoint", "jwks_uri"):
        if not isinstance(document.get(field), str):
            raise SingleSignOnError(f"the discovery document at {url} has no {field}")
    methods = document.get("code_challenge_methods_supported")
    if isinstance(methods, list) and "S256" not in methods:
        raise SingleSignOnError(f"the identity provider at {url} does not offer PKCE with S256")
    return document


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def _challenge(verifier: str) -> str:
    digest = hashlib.sha256(verifier.encode()).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def begin(
    engine: Engine,
    config: OidcConfig,
    *,
    redirect_url: str,
    next: str = "/",
    http: httpx.Client | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, str]:
    """Start a log-in: ``url`` to send the browser to, and its ``state`` (for the browser's
    cookie, which `finish` compares)."""
    with _client(http) as client:
        document = discover(config, client)
    state, nonce = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    verifier = secrets.token_urlsafe(64)
    now = utcnow()
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        conn.execute(oidc_requests.delete().where(oidc_requests.c.expires_at <= now - LEEWAY))
        conn.execute(
            oidc_requests.insert().values(
                id=_digest(state),
                nonce=nonce,
                code_verifier=verifier,
                next=next,
                created_at=now,
                expires_at=now + timedelta(minutes=REQUEST_MINUTES),
                used_at=None,
            )
        )
    query = {
        "response_type": "code",
        "client_id": config.client_id,
        "redirect_uri": redirect_url,
        "scope": config.scopes,
        "state": state,
        "nonce": nonce,
        "code_challenge": _challenge(verifier),
        "code_challenge_method": "S256",
    }
    endpoint = document["authorization_endpoint"]
    joiner = "&" if "?" in endpoint else "?"
    return {"url": f"{endpoint}{joiner}{urlencode(query)}", "state": state}


def _client(http: httpx.Client | None) -> contextlib.AbstractContextManager[httpx.Client]:
    """The caller's HTTP client (left open), or one of our own for this log-in."""
    if http is not None:
        return contextlib.nullcontext(http)
    return httpx.Client(timeout=HTTP_SECONDS, follow_redirects=False)


def _take_request(conn: Connection, state: str) -> dict[str, Any]:
    """The stored request of ``state``, used up now; refused when unknown, used or expired."""
    row = conn.execute(select(oidc_requests).where(oidc_requests.c.id == _digest(state)))
    found = row.mappings().first()
    if found is None:
        raise SingleSignOnError(
            "this log-in was not started here or is long over (unknown state): start again"
        )
    if found["used_at"] is not None:
        raise SingleSignOnError(
            "this log-in's answer was already used once (a replayed state): start again"
        )
    if found["expires_at"] <= utcnow():
        raise SingleSignOnError(
            f"the log-in took longer than {REQUEST_MINUTES} minutes at the identity provider: "
            "start again"
        )
    used = conn.execute(
        oidc_requests.update()
        .where(oidc_requests.c.id == found["id"], oidc_requests.c.used_at.is_(None))
        .values(used_at=utcnow())
    )
    if used.rowcount != 1:
        raise SingleSignOnError(
            "this log-in's answer was already used once (a replayed state): start again"
        )
    return dict(found)


def _exchange(
    config: OidcConfig,
    document: dict[str, Any],
    http: httpx.Client,
    *,
    code: str,
    verifier: str,
    redirect_url: str,
) -> str:
    """The ID token the token endpoint gives for the code."""
    form = {
        "grant_type": "authorization_code",
        "code": code,
        "redirect_uri": redirect_url,
        "code_verifier": verifier,
    }
    auth: tuple[str | bytes, str | bytes] | None = None
    methods = document.get("token_endpoint_auth_methods_supported") or ["client_secret_basic"]
    if config.client_secret and "client_secret_basic" in methods:
        auth = (config.client_id, config.client_secret)
    else:
        form["client_id"] = config.client_id
        if config.client_secret:
            form["client_secret"] = config.client_secret
    url = document["token_endpoint"]
    try:
        answer = (
            http.post(url, data=form, auth=auth, headers={"Accept": "application/json"})
            if auth
            else http.post(url, data=form, headers={"Accept": "application/json"})
        )
        body = answer.json()
    except (httpx.HTTPError, ValueError) as exc:
        raise SingleSignOnError(f"the identity provider's token endpoint {url}: {exc}") from exc
    if answer.status_code != 200 or not isinstance(body, dict):
        error = body.get("error", "?") if isinstance(body, dict) else "?"
        said = body.get("error_description", "") if isinstance(body, dict) else ""
        raise SingleSignOnError(
            f"the identity provider refused the code ({answer.status_code} {error}"
            f"{': ' + said if said else ''})"
        )
    id_token = body.get("id_token")
    if not isinstance(id_token, str):
        raise SingleSignOnError("the identity provider's token answer has no id_token")
    return id_token


def verify_id_token(
    config: OidcConfig,
    document: dict[str, Any],
    http: httpx.Client,
    id_token: str,
    *,
    nonce: str,
) -> dict[str, Any]:
    """The ID token's claims, once its signature (the provider's JWKS), issuer, audience,
    expiry and nonce are checked; SingleSignOnError saying which is wrong."""
    from joserfc import jwt
    from joserfc.errors import BadSignatureError, InvalidKeyIdError, JoseError
    from joserfc.jwk import KeySet

    jwks_url = document["jwks_uri"]

    def keys(fresh: bool) -> KeySet:
        try:
            return KeySet.import_key_set(_fetch(http, jwks_url, "keys (JWKS)", fresh=fresh))
        except (JoseError, ValueError, KeyError, TypeError) as exc:
            raise SingleSignOnError(f"the identity provider's keys at {jwks_url}: {exc}") from exc

    try:
        try:
            token = jwt.decode(id_token, keys(False), algorithms=ALGORITHMS)
        except InvalidKeyIdError:  # the provider rolled its keys: read them again, once
            token = jwt.decode(id_token, keys(True), algorithms=ALGORITHMS)
    except BadSignatureError as exc:
        raise SingleSignOnError(
            f"the ID token's signature does not verify with the identity provider's keys "
            f"({jwks_url}): refused"
        ) from exc
    except JoseError as exc:
        raise SingleSignOnError(f"the ID token cannot be read or verified: {exc}") from exc
    claims: dict[str, Any] = dict(token.claims)
    issuer = str(claims.get("iss", "")).rstrip("/")
    if issuer != config.issuer:
        raise SingleSignOnError(
            f"the ID token was issued by {claims.get('iss')!r}, not {config.issuer!r}"
        )
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if config.client_id not in audiences:
        raise SingleSignOnError(
            f"the ID token is for another client (audience {audience!r}, not {config.client_id!r})"
        )
    if len(audiences) > 1 and claims.get("azp") != config.client_id:
        raise SingleSignOnError(
            f"the ID token names several audiences and its azp is {claims.get('azp')!r}, not "
            f"{config.client_id!r}"
        )
    now = utcnow()
    expires = _time(claims, "exp")
    if expires + LEEWAY <= now:
        raise SingleSignOnError(f"the ID token expired at {expires.isoformat()} UTC")
    _time(claims, "iat")
    if not isinstance(claims.get("sub"), str) or not claims["sub"]:
        raise SingleSignOnError("the ID token names no subject (sub)")
    if claims.get("nonce") != nonce:
        raise SingleSignOnError("the ID token's nonce is not this log-in's: refused")
    return claims


def _time(claims: dict[str, Any], name: str) -> datetime:
    value = claims.get(name)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise SingleSignOnError(f"the ID token has no {name} time")
    return datetime.fromtimestamp(value, UTC).replace(tzinfo=None)


def finish(
    engine: Engine,
    config: OidcConfig,
    *,
    state: str,
    code: str,
    redirect_url: str,
    http: httpx.Client | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Complete a log-in: a new session (as `aicc.center.users.log_in` gives) with the user's
    ``email`` and the page to go to (``next``). SingleSignOnError says why it cannot."""
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        request = _take_request(conn, state)  # used up even if what follows fails
    with _client(http) as client:
        document = discover(config, client)
        id_token = _exchange(
            config,
            document,
            client,
            code=code,
            verifier=request["code_verifier"],
            redirect_url=redirect_url,
        )
        claims = verify_id_token(config, document, client, id_token, nonce=request["nonce"])
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        user = _linked_user(conn, config, claims)
    made = open_session(engine, user["id"], timeout=timeout)
    return made | {"email": user["email"], "next": request["next"]}


def _linked_user(conn: Connection, config: OidcConfig, claims: dict[str, Any]) -> dict[str, Any]:
    """The AICC user of the identity: by its link, or linked now by a verified e-mail."""
    subject = claims["sub"]
    linked = conn.execute(
        select(users)
        .join(oidc_links, oidc_links.c.user_id == users.c.id)
        .where(oidc_links.c.issuer == config.issuer, oidc_links.c.subject == subject)
    )
    user = linked.mappings().first()
    email = claims.get("email")
    shown = f"subject {subject!r}" + (f", e-mail {email}" if isinstance(email, str) else "")
    ask = f"ask the center's operator to link it (aicc admin user link EMAIL --subject {subject})"
    if user is None:
        if not config.link_by_email:
            raise SingleSignOnError(f"this identity ({shown}) is not linked to an AICC user: {ask}")
        if not isinstance(email, str) or claims.get("email_verified") is not True:
            raise SingleSignOnError(
                f"this identity ({shown}) is not linked to an AICC user, and the identity "
                f"provider did not say its e-mail is verified: {ask}"
            )
        by_email = conn.execute(select(users).where(users.c.email == email.strip().lower()))
        user = by_email.mappings().first()
        if user is None:
            raise SingleSignOnError(
                f"no AICC user has the e-mail {email}: the center's operator makes one "
                "(aicc admin user create)"
            )
        other = conn.execute(
            select(oidc_links.c.subject).where(
                oidc_links.c.issuer == config.issuer, oidc_links.c.user_id == user["id"]
            )
        ).first()
        if other is not None:
            raise SingleSignOnError(
                f"the AICC user {user['email']} is linked to another identity of this provider, "
                f"not to {shown}: {ask}"
            )
        conn.execute(
            oidc_links.insert().values(
                issuer=config.issuer,
                subject=subject,
                user_id=user["id"],
                linked_by=f"verified e-mail {user['email']} at the first log-in",
                created_at=utcnow(),
            )
        )
    if user["disabled_at"] is not None:
        raise SingleSignOnError(f"the AICC user linked to this identity ({shown}) is disabled")
    return dict(user)


def link_identity(
    engine: Engine,
    *,
    email: str,
    subject: str,
    issuer: str,
    linked_by: str,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Link the provider's identity ``subject`` (its ID tokens' ``sub``) to the user of
    ``email``; NotFound for an unknown user, InvalidInput for an empty subject or issuer or an
    identity linked to someone else already."""
    subject, issuer = subject.strip(), issuer.strip().rstrip("/")
    if not subject:
        raise InvalidInput("subject: give the identity's sub, as the provider's ID tokens carry it")
    if not issuer:
        raise InvalidInput("issuer: give it, or set AICC_OIDC_ISSUER")
    _check_url("issuer", issuer)
    address = email.strip().lower()
    now = utcnow()
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        user = conn.execute(select(users.c.id).where(users.c.email == address)).first()
        if user is None:
            raise NotFound(f"user {address!r}: not found")
        taken = conn.execute(
            select(oidc_links.c.user_id).where(
                oidc_links.c.issuer == issuer, oidc_links.c.subject == subject
            )
        ).first()
        if taken is not None and taken[0] != user[0]:
            raise InvalidInput(f"subject: {subject!r} of {issuer} is linked to another user")
        if taken is None:
            conn.execute(
                oidc_links.insert().values(
                    issuer=issuer,
                    subject=subject,
                    user_id=user[0],
                    linked_by=linked_by,
                    created_at=now,
                )
            )
    return {"email": address, "issuer": issuer, "subject": subject, "linked_by": linked_by}
