"""Password resets over HTTP: center admins issue a one-time link (``POST /api/users/reset``, or
the ``/admin/reset`` page), and the person sets a new password on ``/reset/TOKEN``.

The reset page is for someone who cannot log in, so its form is protected as the log-in form is:
a random CSRF token set as a cookie and sent with the form (double submit). Everything is done by
`aicc.center.resets`.
"""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field

from aicc import center
from aicc.center.errors import Forbidden, InvalidInput, NotFound
from aicc.center.resets import DEFAULT_HOURS, MAX_HOURS, issue_reset, reset_email, use_reset
from aicc.server.api import ERRORS, CenterDep, PrincipalDep
from aicc.server.pages import CsrfField, CsrfRefused, ViewerDep, _check_csrf, _cookie_secure, page

RESET_CSRF_COOKIE = "aicc_reset_csrf"


class ResetRequest(BaseModel):
    email: str = Field(description="the user's e-mail address")
    hours: int = Field(DEFAULT_HOURS, ge=1, le=MAX_HOURS, description="how long the link works")


class ResetLink(BaseModel):
    email: str
    link: str = Field(description="the one-time link to pass on to the user: shown only now")
    expires_at: str


api = APIRouter(prefix="/api", responses=ERRORS)
router = APIRouter(include_in_schema=False)


def _link(request: Request, path: str) -> str:
    return str(request.base_url).rstrip("/") + path


@api.post("/users/reset", status_code=201, response_model=ResetLink)
def reset_link(
    request: Request, state: CenterDep, principal: PrincipalDep, asked: ResetRequest
) -> dict[str, Any]:
    """Center admins: a one-time link for a user to set a new password (older links of the user
    stop working; using it ends all the user's sessions). A user the admin may not reset is 404,
    as an unknown one."""
    made = issue_reset(
        state.engine,
        email=asked.email,
        issued_by=principal.actor,
        principal=principal,
        hours=asked.hours,
        timeout=state.store_timeout,
    )
    return {
        "email": made["email"],
        "link": _link(request, made["path"]),
        "expires_at": made["expires_at"],
    }


@router.get("/admin/reset")
def admin_reset_form(viewer: ViewerDep) -> HTMLResponse:
    """The center admin's form to issue a reset link."""
    if not viewer.principal.is_center or viewer.principal.role != "admin":
        raise Forbidden("password resets are for the center's admins")
    return page("admin_reset.html.j2", viewer=viewer, email="", made=None, error=None)


@router.post("/admin/reset")
def admin_reset(
    request: Request,
    state: CenterDep,
    viewer: ViewerDep,
    email: Annotated[str, Form()] = "",
    csrf: CsrfField = None,
) -> HTMLResponse:
    """Issue the link and show it, to pass on to the person."""
    _check_csrf(viewer, csrf)
    try:
        made = issue_reset(
            state.engine,
            email=email,
            issued_by=viewer.principal.actor,
            principal=viewer.principal,
            timeout=state.store_timeout,
        )
    except (InvalidInput, NotFound) as exc:
        status = 404 if isinstance(exc, NotFound) else 422
        return page(
            "admin_reset.html.j2", status, viewer=viewer, email=email, made=None, error=exc.message
        )
    made["link"] = _link(request, made["path"])
    return page("admin_reset.html.j2", 201, viewer=viewer, email="", made=made, error=None)


def _reset_page(request: Request, status: int, **context: Any) -> HTMLResponse:
    token = request.cookies.get(RESET_CSRF_COOKIE) or secrets.token_urlsafe(32)
    context.setdefault("error", None)
    response = page("reset.html.j2", status, csrf=token, **context)
    response.set_cookie(
        RESET_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="strict",
        secure=_cookie_secure(request),
        path="/reset",
    )
    return response


@router.get("/reset/{token}")
def reset_form(request: Request, state: CenterDep, token: str) -> HTMLResponse:
    """The form to set a new password, or why the link cannot be used."""
    try:
        email = reset_email(state.engine, token)
    except NotFound as exc:
        return _reset_page(request, 404, email=None, done=False, error=exc.message, usable=False)
    return _reset_page(request, 200, email=email, done=False, usable=True)


@router.post("/reset/{token}")
def reset(
    request: Request,
    state: CenterDep,
    token: str,
    password: Annotated[str, Form()] = "",
    again: Annotated[str, Form()] = "",
    csrf: CsrfField = None,
) -> Response:
    """Set the new password: the link is used up and every session of the user ends."""
    expected = request.cookies.get(RESET_CSRF_COOKIE)
    if expected is None or not center.same_secret(csrf, expected):
        raise CsrfRefused
    try:
        email = reset_email(state.engine, token)
    except NotFound as exc:
        return _reset_page(request, 404, email=None, done=False, error=exc.message, usable=False)
    try:
        if password != again:
            raise InvalidInput("password: the two passwords differ")
        use_reset(state.engine, token, password, timeout=state.store_timeout)
    except InvalidInput as exc:
        return _reset_page(request, 422, email=email, done=False, error=exc.message, usable=True)
    except NotFound as exc:
        return _reset_page(request, 404, email=None, done=False, error=exc.message, usable=False)
    response = _reset_page(request, 200, email=email, done=True, usable=False)
    response.delete_cookie(RESET_CSRF_COOKIE, path="/reset")
    return response
