"""The web pages: people log in with a password and see their organisation, or the center's view.

Server-rendered (Jinja2, `aicc.report.html`'s environment and the plan report's look), plain
HTML forms, no script and nothing fetched from elsewhere: the center may be air-gapped. Every
page calls `aicc.center` as the API does, with the logged-in user as the `Principal`, so the
tenancy rules are the same: another organisation's finding is the same 404 as a missing one.

A session is an HttpOnly, SameSite=Lax cookie (``Secure`` with ``AICC_SECURE_COOKIES=1``, behind
a proxy that terminates TLS); the store keeps its hash (`aicc.center.users`). Every POST form
carries the session's CSRF token, and the log-in form a random one it also set as a cookie
(double submit); a form without the right one is refused with 403 before anything is read.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from aicc import center
from aicc.center import CenterError, InvalidInput, Principal, Unauthenticated
from aicc.center.access import require_center
from aicc.center.login_limits import TooManyAttempts, limited_log_in
from aicc.center.own_profiles import profile_classes
from aicc.center.portfolio_trends import snapshot_if_stale, trends
from aicc.core.times import utcnow
from aicc.core.vex import JUSTIFICATIONS
from aicc.report.html import BarChart, BarValue, Box, bar_chart, render
from aicc.server.api import CenterDep, CenterState, read_parts
from aicc.server.trend_chart import trend_chart
from aicc.store.center_tables import STATES

SESSION_COOKIE = "aicc_session"
LOGIN_CSRF_COOKIE = "aicc_login_csrf"
SECURITY_HEADERS = {
    # Nothing but this server's own stylesheet and forms: no script runs on any page.
    "Content-Security-Policy": "default-src 'none'; style-src 'self'; img-src 'self' data:; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}
STATE_LABELS = {
    "in_triage": "In triage",
    "exploitable": "Exploitable",
    "not_affected": "Not affected",
    "false_positive": "False positive",
    "resolved": "Resolved",
}
JUSTIFICATION_LABELS = {j: j.replace("_", " ").capitalize() for j in JUSTIFICATIONS}
CARDS = 3  # the plan's first actions shown as cards on the home page


class LoginRequired(Exception):
    """No valid session: the page answers with a redirect to the log-in page."""

    def __init__(self, path: str) -> None:
        super().__init__(path)
        self.path = path


class CsrfRefused(Exception):
    """A POST form without the session's CSRF token."""


@dataclass(frozen=True)
class Viewer:
    """The person logged in: who they are to the library, and their session's CSRF token."""

    principal: Principal
    csrf: str


def _viewer(request: Request, state: CenterDep) -> Viewer:
    try:
        principal, csrf, _ = center.session_user(state.engine, request.cookies.get(SESSION_COOKIE))
    except Unauthenticated as exc:
        raise LoginRequired(request.url.path) from exc
    return Viewer(principal, csrf)


ViewerDep = Annotated[Viewer, Depends(_viewer)]
CsrfField = Annotated[str | None, Form(alias="csrf")]


def _check_csrf(viewer: Viewer, given: str | None) -> None:
    if not center.same_secret(given, viewer.csrf):
        raise CsrfRefused


def page(template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """A template of ``aicc/data/templates/server`` as a response, with the security headers."""
    context.setdefault("viewer", None)
    context.setdefault("today", utcnow().date())
    context.setdefault("state_labels", STATE_LABELS)
    html = render(f"server/{template}", **context)
    return HTMLResponse(html, status_code=status, headers=SECURITY_HEADERS)


def error_page(status: int, message: str, viewer: Viewer | None = None) -> HTMLResponse:
    """The page for a refusal: 404 says no more than that nothing is there."""
    titles = {403: "Not allowed", 404: "Not found", 413: "File too large", 422: "Cannot use this"}
    return page(
        "error.html.j2",
        status,
        title=titles.get(status, "Something went wrong"),
        message=message,
        viewer=viewer,
    )


def _cookie_secure(request: Request) -> bool:
    state: CenterState = request.app.state.center
    return state.secure_cookies


def _safe_next(target: str | None) -> str:
    """Only a path of this site: an open redirect would make the log-in page a phishing aid."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


router = APIRouter(include_in_schema=False)


@router.get("/static/aicc.css")
def stylesheet() -> Response:
    css = render("plan.css") + render("server/server.css")
    return Response(css, media_type="text/css", headers={"Cache-Control": "max-age=3600"})


@router.get("/login")
def login_form(request: Request, next: str | None = None, out: bool = False) -> HTMLResponse:
    token = secrets.token_urlsafe(32)
    response = page(
        "login.html.j2",
        csrf=token,
        next=_safe_next(next),
        error=None,
        email="",
        out=out,
        sso=getattr(request.app.state, "oidc", None),  # single sign-on (aicc.server.oidc_pages)
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        httponly=True,
        samesite="lax",
        secure=_cookie_secure(request),
        path="/login",
    )
    return response


@router.post("/login")
def login(
    request: Request,
    state: CenterDep,
    email: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
    csrf: CsrfField = None,
    next: Annotated[str, Form()] = "/",
) -> Response:
    expected = request.cookies.get(LOGIN_CSRF_COOKIE)
    if expected is None or not center.same_secret(csrf, expected):
        raise CsrfRefused
    try:
        made = limited_log_in(
            state.engine,
            email=email,
            password=password,
            address=request.client.host if request.client else None,
            limits=getattr(request.app.state, "login_limits", None),
        )
    except (Unauthenticated, TooManyAttempts) as exc:
        limited = isinstance(exc, TooManyAttempts)
        refused = page(
            "login.html.j2",
            429 if limited else 401,
            csrf=expected,
            next=_safe_next(next),
            error=exc.message,
            email=email,
            out=False,
            limited=limited,
            sso=getattr(request.app.state, "oidc", None),
        )
        if isinstance(exc, TooManyAttempts):
            refused.headers["Retry-After"] = str(exc.retry_after)
        return refused
    response = logged_in(request, made, next)
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


def logged_in(request: Request, made: dict[str, Any], target: str | None) -> RedirectResponse:
    """The redirect after a log-in (by password or single sign-on), setting the session cookie
    (``made`` is what the log-in returned: the session and its expiry)."""
    response = RedirectResponse(_safe_next(target), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        made["session"],
        max_age=int((made["expires_at"] - utcnow()).total_seconds()),
        httponly=True,
        samesite="lax",
        secure=_cookie_secure(request),
    )
    return response


@router.post("/logout")
def logout(
    request: Request, state: CenterDep, viewer: ViewerDep, csrf: CsrfField = None
) -> Response:
    _check_csrf(viewer, csrf)
    center.log_out(state.engine, request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/login?out=1", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response


def _finding_ids(
    state: CenterState, principal: Principal, organisation: str | None
) -> dict[str, str]:
    """Each vulnerability and alias of the organisation's present findings → a finding's id."""
    found = center.list_findings(state.engine, principal, organisation=organisation, limit=500)[
        "items"
    ]
    ids: dict[str, str] = {}
    for item in found:
        for name in (item["vulnerability"], *item["aliases"]):
            ids.setdefault(name, item["id"])
    return ids


@router.get("/")
def home(
    state: CenterDep,
    viewer: ViewerDep,
    organization: Annotated[str | None, Query()] = None,
) -> HTMLResponse:
    """An organisation's home: its plan's first actions, what is due this week, what to fix in
    its inventories. The center's users see the organisations first, then one's home."""
    principal = viewer.principal
    if principal.is_center and not organization:
        return page(
            "center.html.j2",
            viewer=viewer,
            organisations=center.list_organisations(state.engine, principal),
        )
    plan = center.organisation_plan(state.engine, principal, organisation=organization)
    today = date.fromisoformat(plan["as_of"])
    week = center.list_findings(
        state.engine,
        principal,
        organisation=organization,
        states=("in_triage", "exploitable"),
        due_before=today + timedelta(days=8),
        limit=100,
    )
    listed = center.list_findings(state.engine, principal, organisation=organization, limit=200)
    organisation = center.list_organisations(state.engine, principal)
    if organization:
        organisation = [o for o in organisation if organization in (o["id"], o["name"])]
    from aicc.server.advisory_pages import home_advisories  # it imports this module
    from aicc.server.campaign_pages import campaign_context  # it imports this module

    return page(
        "home.html.j2",
        viewer=viewer,
        advisories=home_advisories(state, principal, organization),
        organisation=organisation[0] if organisation else None,
        plan=plan,
        cards=plan["actions"][:CARDS],
        week=week,
        findings=listed,
        finding_ids=_finding_ids(state, principal, organization),
        today=today,
        week_end=today + timedelta(days=7),
        as_date=date.fromisoformat,
        **campaign_context(state.engine, principal),
    )


@router.get("/findings/{finding_id}")
def finding_page(
    state: CenterDep, viewer: ViewerDep, finding_id: str, saved: bool = False
) -> HTMLResponse:
    """One finding: evidence, decisions with due dates, the audit trail and the triage form."""
    return _finding(state, viewer, finding_id, saved=saved)


def _finding(
    state: CenterState,
    viewer: Viewer,
    finding_id: str,
    *,
    status: int = 200,
    error: str | None = None,
    form: dict[str, str] | None = None,
    saved: bool = False,
    work: dict[str, Any] | None = None,
) -> HTMLResponse:
    from aicc.server.finding_work_pages import work_context  # it imports this module

    found = center.get_finding(state.engine, viewer.principal, finding_id)
    audit = center.finding_audit(state.engine, viewer.principal, finding_id)
    return page(
        "finding.html.j2",
        status,
        viewer=viewer,
        finding=found,
        record=found["record"],
        events=audit["events"],
        states=STATES,
        justifications=JUSTIFICATION_LABELS,
        error=error,
        form=form
        or {"state": found["state"], "reason": "", "justification": found["justification"] or ""},
        saved=saved,
        as_date=date.fromisoformat,
        work=work or work_context(state, viewer.principal, finding_id),
    )


@router.post("/findings/{finding_id}/triage")
def triage(
    state: CenterDep,
    viewer: ViewerDep,
    finding_id: str,
    csrf: CsrfField = None,
    new_state: Annotated[str, Form(alias="state")] = "",
    reason: Annotated[str, Form()] = "",
    justification: Annotated[str, Form()] = "",
) -> Response:
    """Change the finding's analysis state; the audit trail records who, when and why."""
    _check_csrf(viewer, csrf)
    try:
        center.change_state(
            state.engine,
            viewer.principal,
            finding_id,
            state=new_state,
            reason=reason,
            justification=justification or None,
            timeout=state.store_timeout,
        )
    except InvalidInput as exc:
        form = {"state": new_state, "reason": reason, "justification": justification}
        return _finding(state, viewer, finding_id, status=422, error=exc.message, form=form)
    return RedirectResponse(f"/findings/{quote(finding_id)}?saved=1#audit", status_code=303)


SAFETY_CHOICES = {"": None, "yes": True, "no": False}  # "": keep the asset's (new: no)
UPLOAD_FIELDS = ("asset", "kind", "exposure", "asset_class", "safety_critical")


def _upload_page(
    state: CenterState, viewer: Viewer, status: int = 200, **context: Any
) -> HTMLResponse:
    """The upload page, offering the classes of the organisation's profile."""
    context.setdefault("error", None)
    context.setdefault("problems", [])
    context.setdefault("result", None)
    context["form"] = dict.fromkeys(UPLOAD_FIELDS, "") | context.get("form", {})
    classes = profile_classes(state.engine, viewer.principal)
    return page("upload.html.j2", status, viewer=viewer, classes=classes, **context)


def _safety_critical(value: str) -> bool | None:
    """The form's safety-critical choice; InvalidInput for anything but the three offered."""
    chosen = value.strip().lower()
    if chosen not in SAFETY_CHOICES:
        raise InvalidInput(f"safety_critical: {value!r} is not yes, no or empty (keep it)")
    return SAFETY_CHOICES[chosen]


@router.get("/upload")
def upload_form(state: CenterDep, viewer: ViewerDep) -> HTMLResponse:
    """The form to upload an asset's inventory (an organisation's users only)."""
    return _upload_page(state, viewer)


@router.post("/upload")
def upload(
    state: CenterDep,
    viewer: ViewerDep,
    file: Annotated[list[UploadFile], File()],
    asset: Annotated[str, Form()] = "",
    kind: Annotated[str, Form()] = "",
    exposure: Annotated[str, Form()] = "",
    asset_class: Annotated[str, Form()] = "",
    safety_critical: Annotated[str, Form()] = "",
    csrf: CsrfField = None,
) -> HTMLResponse:
    """Scan the files as the asset's next inventory, and say what it found. The asset's kind,
    exposure, class and safety-critical flag, when chosen, are kept for its later uploads, as
    the API's ``POST /api/inventories`` keeps them (the same checks, in `aicc.center`)."""
    _check_csrf(viewer, csrf)
    form = dict(
        zip(UPLOAD_FIELDS, (asset, kind, exposure, asset_class, safety_critical), strict=True)
    )
    try:
        result = center.upload_inventory(
            state.engine,
            viewer.principal,
            asset=asset,
            filename=None,
            content=b"",
            files=read_parts(file, state.max_upload_bytes),
            kind=kind or None,
            exposure=exposure or None,
            asset_class=asset_class or None,
            safety_critical=_safety_critical(safety_critical),
            max_bytes=state.max_upload_bytes,
            timeout=state.store_timeout,
        )
    except InvalidInput as exc:
        return _upload_page(state, viewer, 422, error=exc.message, problems=exc.problems, form=form)
    return _upload_page(state, viewer, 201, result=result)


@router.get("/affected")
def affected(
    state: CenterDep,
    viewer: ViewerDep,
    vulnerability: Annotated[str | None, Query(alias="id")] = None,
) -> HTMLResponse:
    """The center's "who is affected by CVE-X": every organisation and asset with it."""
    require_center(viewer.principal, "who is affected")
    result = None
    if vulnerability and vulnerability.strip():
        result = center.affected_by(state.engine, viewer.principal, vulnerability)
    return page(
        "affected.html.j2",
        viewer=viewer,
        query=vulnerability or "",
        result=result,
        as_date=date.fromisoformat,
    )


@dataclass(frozen=True)
class CountChart:
    """A bar chart of counts: `bar_chart` lays out shares of ``scale``, a round number at least
    the largest count, so that its four grid steps are whole numbers."""

    layout: BarChart
    scale: int
    series: dict[str, str]  # a bar's series → its legend label
    label: str  # the chart's text alternative: every number it draws


def count_chart(
    title: str, groups: list[tuple[str, dict[str, int]]], series: dict[str, str]
) -> CountChart:
    """Bars of ``series`` (name → label) in each group (label, series name → count)."""
    largest = max((n for _label, counts in groups for n in counts.values()), default=0)
    scale = max(4, -(-largest // 4) * 4)  # a multiple of 4 at least the largest count
    box = Box(width=max(440.0, 64.0 + 110.0 * len(groups)), height=280, left=44, bottom=40)
    layout = bar_chart(
        [
            (label, [BarValue(name, counts[name] / scale) for name in series], None)
            for label, counts in groups
        ],
        len(series),
        box,
    )
    said = "; ".join(
        f"{label}: " + ", ".join(f"{counts[name]} {text.lower()}" for name, text in series.items())
        for label, counts in groups
    )
    return CountChart(layout, scale, series, f"{title}. {said or 'No organisation yet'}.")


TREND_DAYS = 90  # the portfolio page's trend; GET /api/portfolio/trends takes up to 366
TREND_SERIES = {
    "open_findings": "Open findings",
    "kev_findings": "Open KEV findings",
    "overdue_findings": "Overdue findings",
}


@router.get("/portfolio")
def portfolio(
    state: CenterDep,
    viewer: ViewerDep,
    as_of: Annotated[date | None, Query()] = None,
) -> HTMLResponse:
    """The center's portfolio: exposure by sector and region, KEV and overdue findings, the
    most overdue organisations, as tables and charts drawn here (SVG, no script)."""
    found = center.summary(state.engine, viewer.principal, as_of)
    if as_of is None:
        snapshot_if_stale(state.engine, timeout=state.store_timeout)
    trend = trends(state.engine, viewer.principal, days=TREND_DAYS, as_of=as_of)
    trend_points = trend["series"][0]["points"] if trend["series"] else []
    by_sector = count_chart(
        "Open and KEV findings by sector",
        [
            (s["sector"], {"open": s["open_findings"], "kev": s["kev_findings"]})
            for s in found["sectors"]
        ],
        {"open": "Open findings", "kev": "Open KEV findings"},
    )
    by_region = count_chart(
        "Overdue findings by region",
        [
            (r["region"] or "No region", {"overdue": r["overdue_findings"]})
            for r in found["regions"]
        ],
        {"overdue": "Overdue findings"},
    )
    return page(
        "portfolio.html.j2",
        viewer=viewer,
        summary=found,
        by_sector=by_sector,
        by_region=by_region,
        trend=trend,
        trend_chart=trend_chart(
            trend_points,
            date.fromisoformat(trend["from"]),
            date.fromisoformat(trend["to"]),
            TREND_SERIES,
        ),
        as_of=date.fromisoformat(found["as_of"]),
        as_date=date.fromisoformat,
    )


def page_error(request: Request, exc: CenterError, status: int) -> HTMLResponse:
    """A library refusal on a page (the API answers JSON)."""
    viewer = None
    try:
        principal, csrf, _ = center.session_user(
            request.app.state.center.engine, request.cookies.get(SESSION_COOKIE)
        )
        viewer = Viewer(principal, csrf)
    except Unauthenticated:
        pass
    return error_page(status, exc.message, viewer)


def login_redirect(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    return RedirectResponse(f"/login?next={quote(exc.path)}", status_code=303)


def csrf_refused(_request: Request, _exc: Exception) -> HTMLResponse:
    return error_page(
        403,
        "This form was not sent by a page of this server, or your session changed since it was "
        "opened. Nothing was changed: go back, reload the page and send it again.",
    )
