"""The web pages of the work on findings: suppressing a finding until a day and lifting it,
comments (both on the finding's page, `aicc.server.pages`), the findings suppressed today, and
an asset's page with what changed between two of its uploads.

The same `aicc.center` calls and tenancy as the API (`aicc.server.finding_work`); every form
carries the session's CSRF token; a refused value re-renders the finding's page with the
message beside the form and changes nothing.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from aicc import center
from aicc.center import InvalidInput, Principal
from aicc.center.comments import add_comment, list_comments
from aicc.center.diffs import asset_versions, inventory_diff
from aicc.center.suppressions import (
    DEFAULT_DAYS,
    MAX_DAYS,
    SUPPRESS_ROLES,
    lift_suppression,
    suppress_finding,
)
from aicc.core.times import utcnow
from aicc.server.api import CenterDep, CenterState
from aicc.server.pages import CsrfField, ViewerDep, _check_csrf, _finding, page

router = APIRouter(include_in_schema=False)


def work_context(
    state: CenterState,
    principal: Principal,
    finding_id: str,
    *,
    error: str | None = None,
    form: dict[str, str] | None = None,
) -> dict[str, Any]:
    """What the finding page's suppression and comment sections show (``work`` in its
    template): the comments, who may suppress, and a refused form with its message."""
    today = utcnow().date()
    kind = "center" if principal.is_center else "organisation"
    return {
        "comments": list_comments(state.engine, principal, finding_id)["comments"],
        "can_suppress": principal.role in SUPPRESS_ROLES[kind],
        "suppress_roles": SUPPRESS_ROLES[kind],
        "min_day": (today + timedelta(days=1)).isoformat(),
        "max_day": (today + timedelta(days=MAX_DAYS)).isoformat(),
        "error": error,
        "form": {
            "form": "",  # which form was refused: suppress, lift or comment
            "expires_on": (today + timedelta(days=DEFAULT_DAYS)).isoformat(),
            "reason": "",
            "body": "",
        }
        | (form or {}),
    }


def _refused(
    state: CenterState, viewer: Any, finding_id: str, exc: InvalidInput, form: dict[str, str]
) -> HTMLResponse:
    work = work_context(state, viewer.principal, finding_id, error=exc.message, form=form)
    return _finding(state, viewer, finding_id, status=422, work=work)


@router.post("/findings/{finding_id}/suppress")
def suppress(
    state: CenterDep,
    viewer: ViewerDep,
    finding_id: str,
    csrf: CsrfField = None,
    reason: Annotated[str, Form()] = "",
    expires_on: Annotated[str, Form()] = "",
) -> Response:
    """Suppress the finding until the day given; back on the finding's page."""
    _check_csrf(viewer, csrf)
    try:
        suppress_finding(
            state.engine,
            viewer.principal,
            finding_id,
            reason=reason,
            expires_on=expires_on,
            timeout=state.store_timeout,
        )
    except InvalidInput as exc:
        form = {"form": "suppress", "reason": reason, "expires_on": expires_on}
        return _refused(state, viewer, finding_id, exc, form)
    return RedirectResponse(f"/findings/{quote(finding_id)}?saved=1#suppression", status_code=303)


@router.post("/findings/{finding_id}/lift")
def lift(
    state: CenterDep,
    viewer: ViewerDep,
    finding_id: str,
    csrf: CsrfField = None,
    reason: Annotated[str, Form()] = "",
) -> Response:
    """Lift the finding's suppression before its day."""
    _check_csrf(viewer, csrf)
    try:
        lift_suppression(
            state.engine, viewer.principal, finding_id, reason=reason, timeout=state.store_timeout
        )
    except InvalidInput as exc:
        return _refused(state, viewer, finding_id, exc, {"form": "lift", "reason": reason})
    return RedirectResponse(f"/findings/{quote(finding_id)}?saved=1#suppression", status_code=303)


@router.post("/findings/{finding_id}/comments")
def comment(
    state: CenterDep,
    viewer: ViewerDep,
    finding_id: str,
    csrf: CsrfField = None,
    body: Annotated[str, Form()] = "",
) -> Response:
    """Add a comment to the finding."""
    _check_csrf(viewer, csrf)
    try:
        add_comment(
            state.engine, viewer.principal, finding_id, body=body, timeout=state.store_timeout
        )
    except InvalidInput as exc:
        return _refused(state, viewer, finding_id, exc, {"form": "comment", "body": body})
    return RedirectResponse(f"/findings/{quote(finding_id)}?saved=1#comments", status_code=303)


@router.get("/suppressed")
def suppressed(
    state: CenterDep,
    viewer: ViewerDep,
    organization: Annotated[str | None, Query()] = None,
) -> HTMLResponse:
    """The findings suppressed today, with why and until when."""
    found = center.list_findings(
        state.engine,
        viewer.principal,
        organisation=organization,
        suppressed=True,
        present=None,
        limit=500,
    )
    return page(
        "suppressed.html.j2",
        viewer=viewer,
        findings=found,
        organization=organization,
        as_date=date.fromisoformat,
    )


@router.get("/assets/{asset_id}")
def asset_page(
    state: CenterDep,
    viewer: ViewerDep,
    asset_id: str,
    from_: Annotated[str | None, Query(alias="from")] = None,
    to: Annotated[str | None, Query()] = None,
) -> HTMLResponse:
    """An asset: its uploads, and what changed between two of them (the latest two unless
    others are chosen)."""
    asset = asset_versions(state.engine, viewer.principal, asset_id)
    error = None
    diff = None
    try:
        chosen = [int(v) if v and v.strip() else None for v in (from_, to)]
    except ValueError:
        chosen = [None, None]
        error = f"from, to: {from_!r} and {to!r} must be version numbers"
    if asset["versions"] and error is None:
        try:
            diff = inventory_diff(
                state.engine,
                viewer.principal,
                asset_id,
                from_version=chosen[0],
                to_version=chosen[1],
            )
        except InvalidInput as exc:
            error = exc.message
    return page(
        "asset.html.j2",
        422 if error else 200,
        viewer=viewer,
        asset=asset,
        diff=diff,
        error=error,
        as_date=date.fromisoformat,
    )
