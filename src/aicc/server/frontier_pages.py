"""The frontier program's web pages: a lab follows its submissions and withdraws one, a
partner sees what its grants allow, the center sees every submission (the forms that submit,
grant and start evaluations are `aicc.server.frontier_forms`).

Each page calls what the API calls (`aicc.server.frontier`, over `aicc.frontier`), as the person
logged in: the same actor, roles, audit and 404 for what is not theirs.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from aicc.core.times import utcnow
from aicc.frontier import records
from aicc.frontier.access import Role
from aicc.frontier.meaning import COVERED, FOLLOWS
from aicc.frontier.suites.builtin import TIERS
from aicc.frontier.suites.registry import suite_names
from aicc.server.api import CenterDep
from aicc.server.frontier import FrontierState, _acting, _visible
from aicc.server.pages import CsrfField, ViewerDep, _check_csrf, error_page, page

router = APIRouter(include_in_schema=False)


def _program(request: Request) -> FrontierState | None:
    state: FrontierState = request.app.state.frontier
    return state if state.cipher is not None else None


def _unavailable(request: Request, viewer: object) -> HTMLResponse:
    state: FrontierState = request.app.state.frontier
    return page(
        "error.html.j2",
        503,
        title="Frontier program unavailable",
        message=f"The frontier program is not available on this server: {state.reason}",
        viewer=viewer,
    )


@router.get("/frontier")
def frontier_list(request: Request, state: CenterDep, viewer: ViewerDep) -> HTMLResponse:
    """The submissions the person may see, newest first, and what covered means."""
    program = _program(request)
    if program is None:
        return _unavailable(request, viewer)
    today = utcnow().date()
    with _acting(state, viewer.principal, program) as acting:
        found = records.list_submissions(acting.conn, actor=acting.actor, as_of=today)
        actor = acting.actor
    return page(
        "frontier_list.html.j2",
        viewer=viewer,
        actor=str(actor),
        can_submit=actor.role in (Role.developer, Role.admin),
        submissions=found,
        covered=COVERED,
        follows=FOLLOWS,
    )


@router.get("/frontier/{ref}")
def frontier_submission(
    request: Request, state: CenterDep, viewer: ViewerDep, ref: str, started: str | None = None
) -> HTMLResponse:
    """One submission: its window, release dates, partners, files, evaluations and
    withdrawal, with the forms the person may send (`aicc.server.frontier_forms`)."""
    from aicc.frontier.evaluations import list_evaluations

    program = _program(request)
    if program is None:
        return _unavailable(request, viewer)
    today: date = utcnow().date()
    with _acting(state, viewer.principal, program, ref) as acting:
        sub = _visible(acting, ref)
        found = records.submission_status(acting.conn, actor=acting.actor, ref=sub, as_of=today)
        runs = list_evaluations(acting.conn, actor=acting.actor, ref=sub, as_of=today)
        role = acting.actor.role
    open_ = found.withdrawn is None
    return page(
        "frontier_submission.html.j2",
        viewer=viewer,
        found=found,
        evaluations=runs,
        started=started,
        can_withdraw=role is Role.developer and open_,
        can_propose=role is Role.developer and open_,
        can_confirm=role is Role.admin,
        can_revoke=role in (Role.admin, Role.developer),
        can_evaluate=role in (Role.admin, Role.evaluator, Role.partner) and open_,
        suites=suite_names(),
        tiers=TIERS,
        covered=COVERED,
        follows=FOLLOWS,
    )


@router.post("/frontier/{ref}/withdraw")
def frontier_withdraw(
    request: Request,
    state: CenterDep,
    viewer: ViewerDep,
    ref: str,
    csrf: CsrfField = None,
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """A lab withdraws its own submission from the page (CSRF-checked, audited)."""
    _check_csrf(viewer, csrf)
    program = _program(request)
    if program is None:
        return _unavailable(request, viewer)
    with _acting(state, viewer.principal, program, ref) as acting:
        sub = _visible(acting, ref)
        if acting.actor.role is not Role.developer:
            return error_page(403, "only the lab that submitted it withdraws a submission", viewer)
        records.withdraw_submission(
            acting.conn, actor=acting.actor, ref=sub, reason=reason or None, as_of=utcnow().date()
        )
    return RedirectResponse(f"/frontier/{sub}", status_code=303)


REPORT_HEADERS = {  # the report is one self-contained document: its own inline styles, no script
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
    "form-action 'none'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


@router.get("/frontier/{ref}/report")
def frontier_report(
    request: Request, state: CenterDep, viewer: ViewerDep, ref: str
) -> HTMLResponse:
    """The developer's report of the latest finished evaluation, as `aicc frontier report
    --format html` writes it (the same reading is audited)."""
    from aicc.frontier import evaluations
    from aicc.frontier.report import report_dict
    from aicc.frontier.report_html import report_html

    program = _program(request)
    if program is None:
        return _unavailable(request, viewer)
    today = utcnow().date()
    with _acting(state, viewer.principal, program, ref) as acting:
        sub = _visible(acting, ref)
        found = records.submission_status(acting.conn, actor=acting.actor, ref=sub, as_of=today)
        inputs = evaluations.report_inputs(
            acting.conn, actor=acting.actor, ref=sub, cipher=acting.cipher, as_of=today
        )
    data = report_dict(
        found, inputs.evaluation, inputs.results, inputs.determination, notes=inputs.notes
    )
    return HTMLResponse(report_html(data), headers=REPORT_HEADERS)
