"""Single sign-on pages: ``/login/oidc`` sends the browser to the identity provider, and
``/login/oidc/callback`` takes its answer (`aicc.center.oidc` does the protocol).

The request's ``state`` is also set as a cookie of this browser (HttpOnly, SameSite=Lax, so it
comes back on the provider's redirect); the answer must carry the same, so an answer started in
another browser (a forced log-in) is refused. A refusal shows the log-in page with the reason.
"""

from __future__ import annotations

import secrets

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from aicc.center import same_secret
from aicc.center.errors import NotFound
from aicc.center.oidc import REQUEST_MINUTES, OidcConfig, SingleSignOnError, begin, finish
from aicc.server.api import CenterDep
from aicc.server.pages import LOGIN_CSRF_COOKIE, _cookie_secure, _safe_next, logged_in, page

STATE_COOKIE = "aicc_oidc_state"
CALLBACK = "/login/oidc/callback"

router = APIRouter(include_in_schema=False)


def sso_of(request: Request) -> OidcConfig | None:
    """The single sign-on the server was started with (None: passwords only)."""
    config: OidcConfig | None = getattr(request.app.state, "oidc", None)
    return config


def _config(request: Request) -> OidcConfig:
    config = sso_of(request)
    if config is None:
        raise NotFound("single sign-on is not set up on this server (AICC_OIDC_ISSUER)")
    return config


def _redirect_url(request: Request, config: OidcConfig) -> str:
    return config.redirect_url or str(request.base_url).rstrip("/") + CALLBACK


def _refused(request: Request, config: OidcConfig, message: str) -> HTMLResponse:
    """The log-in page, saying why single sign-on did not complete."""
    token = secrets.token_urlsafe(32)
    response = page(
        "login.html.j2",
        401,
        csrf=token,
        next="/",
        error=None,
        email="",
        out=False,
        sso=config,
        sso_error=message[:1].upper() + message[1:] + ".",
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=_cookie_secure(request),
        path="/login",
    )
    response.delete_cookie(STATE_COOKIE, path="/login/oidc")
    return response


@router.get("/login/oidc")
def oidc_start(request: Request, state: CenterDep, next: str | None = None) -> Response:
    """Send the browser to the identity provider."""
    config = _config(request)
    try:
        started = begin(
            state.engine,
            config,
            redirect_url=_redirect_url(request, config),
            next=_safe_next(next),
            timeout=state.store_timeout,
        )
    except SingleSignOnError as exc:
        return _refused(request, config, exc.message)
    response = RedirectResponse(started["url"], status_code=303)
    response.set_cookie(
        STATE_COOKIE,
        started["state"],
        max_age=REQUEST_MINUTES * 60,
        httponly=True,
        samesite="lax",
        secure=_cookie_secure(request),
        path="/login/oidc",
    )
    return response


@router.get(CALLBACK)
def oidc_callback(
    request: Request,
    state: CenterDep,
    code: str | None = None,
    error: str | None = None,
    error_description: str | None = None,
) -> Response:
    """The identity provider's answer: log the linked user in, or say why not."""
    config = _config(request)
    given = request.query_params.get("state")
    if error:
        said = f": {error_description}" if error_description else ""
        return _refused(request, config, f"the identity provider answered {error}{said}")
    if not given or not code:
        return _refused(request, config, "the identity provider's answer has no state or code")
    if not same_secret(request.cookies.get(STATE_COOKIE), given):
        return _refused(
            request,
            config,
            "this answer is not for a log-in started in this browser (its state is not this "
            "browser's): start again",
        )
    try:
        made = finish(
            state.engine,
            config,
            state=given,
            code=code,
            redirect_url=_redirect_url(request, config),
            timeout=state.store_timeout,
        )
    except SingleSignOnError as exc:
        return _refused(request, config, exc.message)
    response = logged_in(request, made, made["next"])
    response.delete_cookie(STATE_COOKIE, path="/login/oidc")
    return response
