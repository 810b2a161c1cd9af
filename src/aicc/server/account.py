"""A person's own account over HTTP: change one's password (the ``/account/password`` page, and
``POST /api/me/password``), and the center's audit log of account and organisation changes
(``GET /api/audit``). Everything is done by `aicc.center.passwords` and `aicc.center.audit_log`.

The API route is a logged-in person's, not a token's: it takes the session cookie and the
session's CSRF token in the ``X-CSRF-Token`` header (a token holder has no password: 403).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Header, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from aicc import center
from aicc.center.audit_log import audit_entries
from aicc.center.errors import Forbidden, InvalidInput, Unauthenticated
from aicc.center.login_limits import TooManyAttempts
from aicc.center.passwords import change_password
from aicc.server.api import ERRORS, CenterDep, CenterState, PrincipalDep
from aicc.server.pages import SESSION_COOKIE, CsrfField, ViewerDep, _check_csrf, page


class PasswordChange(BaseModel):
    current_password: str = Field(description="the password you log in with now")
    new_password: str = Field(description="12 to 1024 characters")


class PasswordChanged(BaseModel):
    email: str
    other_sessions_ended: int = Field(description="your other sessions, ended by the change")


class AuditEntry(BaseModel):
    at: str
    actor: str
    organization: str | None
    action: str
    subject: str
    detail: dict[str, Any]


api = APIRouter(prefix="/api", responses=ERRORS)
router = APIRouter(include_in_schema=False)


def _address(request: Request) -> str | None:
    return request.client.host if request.client else None


def _change(request: Request, state: CenterState, principal: center.Principal, **asked: str) -> Any:
    return change_password(
        state.engine,
        principal,
        session=request.cookies.get(SESSION_COOKIE),
        address=_address(request),
        limits=getattr(request.app.state, "login_limits", None),
        timeout=state.store_timeout,
        **asked,
    )


def _said(message: str) -> str:
    """A refusal as the page says it: the API's field names read as words."""
    return message.replace("current_password: ", "").replace("new_password:", "the new password:")


def _too_many(exc: TooManyAttempts) -> JSONResponse:
    return JSONResponse(
        {"detail": exc.message}, status_code=429, headers={"Retry-After": str(exc.retry_after)}
    )


@api.post(
    "/me/password",
    response_model=PasswordChanged,
    responses={429: {"description": "too many wrong passwords lately: wait Retry-After"}},
)
def change_my_password(
    request: Request,
    state: CenterDep,
    asked: PasswordChange,
    x_csrf_token: Annotated[str | None, Header(description="the session's CSRF token")] = None,
) -> Any:
    """Change your own password, giving the current one (log in first: the session cookie and
    its CSRF token). Your other sessions end; a wrong current password counts as a failed
    log-in."""
    session = request.cookies.get(SESSION_COOKIE)
    if session is None:
        if request.headers.get("authorization"):
            raise Forbidden("a password is a user's: API tokens have none (log in to change yours)")
        raise Unauthenticated("log in first")
    principal, csrf, _ = center.session_user(state.engine, session)
    if not center.same_secret(x_csrf_token, csrf):
        raise Forbidden("X-CSRF-Token: missing or not this session's")
    try:
        return _change(
            request,
            state,
            principal,
            current=asked.current_password,
            new=asked.new_password,
        )
    except TooManyAttempts as exc:
        return _too_many(exc)


@api.get("/audit", response_model=list[AuditEntry])
def audit_log(
    state: CenterDep,
    principal: PrincipalDep,
    action: Annotated[str | None, Query(description="only this action")] = None,
) -> list[dict[str, Any]]:
    """Admins: the account and organisation changes they may see (an organization's own, or
    those of the organizations a center grant covers), oldest first."""
    if principal.role != "admin":
        raise Forbidden("the audit log is for admins")
    return audit_entries(state.engine, principal, action=action)


@router.get("/account/password")
def password_form(viewer: ViewerDep) -> HTMLResponse:
    """The form to change one's password."""
    return page("account_password.html.j2", viewer=viewer, done=None, error=None, nav="account")


@router.post("/account/password")
def password_change(
    request: Request,
    state: CenterDep,
    viewer: ViewerDep,
    current: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    again: Annotated[str, Form()] = "",
    csrf: CsrfField = None,
) -> Response:
    """Set the new password; the other sessions end, this one stays."""
    _check_csrf(viewer, csrf)
    try:
        if password != again:
            raise InvalidInput("new_password: the two new passwords differ")
        done = _change(request, state, viewer.principal, current=current, new=password)
    except (InvalidInput, TooManyAttempts) as exc:
        limited = isinstance(exc, TooManyAttempts)
        refused = page(
            "account_password.html.j2",
            429 if limited else 422,
            viewer=viewer,
            done=None,
            error=_said(exc.message),
            nav="account",
        )
        if isinstance(exc, TooManyAttempts):
            refused.headers["Retry-After"] = str(exc.retry_after)
        return refused
    return page("account_password.html.j2", viewer=viewer, done=done, error=None, nav="account")
