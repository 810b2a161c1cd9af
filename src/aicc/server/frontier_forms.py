"""The frontier program's forms: a lab submits a model and proposes a partner, the center
confirms or revokes a partner's grant (a lab revokes its own), and an evaluator starts an
evaluation run.

Each form is plain HTML (no script), sent with the session's CSRF token, and calls what the
API calls (`aicc.server.frontier`: `submit_model`, `propose_grant`, `change_grant_of`,
`start_evaluation`) as the person logged in: the same actor, roles, audit, and the same 404 for
a submission that is not theirs. A field the library cannot use answers 422 naming it.
"""

from __future__ import annotations

import json
from typing import Annotated, Any, TypeVar
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from pydantic import BaseModel, ValidationError

from aicc.center.errors import Conflict, InvalidInput, NotFound
from aicc.core.times import utcnow
from aicc.frontier.access import Role
from aicc.server.api import CenterDep
from aicc.server.frontier import (
    EvaluationRequest,
    GrantChange,
    GrantRequest,
    SubmissionRequest,
    _acting,
    _visible,
    change_grant_of,
    propose_grant,
    start_evaluation,
    submit_model,
)
from aicc.server.frontier_pages import _program, _unavailable
from aicc.server.pages import CsrfField, ViewerDep, _check_csrf, error_page, page

router = APIRouter(include_in_schema=False)
Text = Annotated[str, Form(max_length=5000)]
M = TypeVar("M", bound=BaseModel)

SUBMIT_FIELDS = (
    "developer",
    "model",
    "version",
    "release_date",
    "inspect_model",
    "endpoint",
    "api_key_env",
    "api_key_file",
    "declarations",
)


def _lines(text: str) -> list[str]:
    """A text box of names, one a line or separated by commas."""
    return [part.strip() for part in text.replace(",", "\n").splitlines() if part.strip()]


def _checked(kind: type[M], fields: dict[str, Any]) -> M:
    """``kind`` made of the form's fields; a field it refuses is a 422 naming it."""
    try:
        return kind(**fields)
    except ValidationError as exc:
        said = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ())) or 'form'}: {e.get('msg', 'invalid')}"
            for e in exc.errors()
        )
        raise InvalidInput(said) from exc


def _submission_request(form: dict[str, str]) -> SubmissionRequest:
    """The submission form as the API's request: empty fields left out, declarations JSON."""
    fields: dict[str, Any] = {k: v.strip() for k, v in form.items() if v.strip()}
    if "declarations" in fields:
        try:
            fields["declarations"] = json.loads(fields["declarations"])
        except json.JSONDecodeError as exc:
            raise InvalidInput(
                f"declarations: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
            ) from exc
    return _checked(SubmissionRequest, fields)


@router.get("/frontier/new")
def new_submission(request: Request, state: CenterDep, viewer: ViewerDep) -> HTMLResponse:
    """The form a lab submits a model with (the program's administrator names the lab)."""
    program = _program(request)
    if program is None:
        return _unavailable(request, viewer)
    with _acting(state, viewer.principal, program) as acting:
        role = acting.actor.role
    if role not in (Role.developer, Role.admin):
        return error_page(
            403, "a lab in the program submits its models (or the program's administrator)", viewer
        )
    form = dict.fromkeys(SUBMIT_FIELDS, "")
    return page("frontier_new.html.j2", viewer=viewer, form=form, error=None, role=role.value)


@router.post("/frontier/new")
def submit_from_form(
    request: Request,
    state: CenterDep,
    viewer: ViewerDep,
    csrf: CsrfField = None,
    developer: Text = "",
    model: Text = "",
    version: Text = "",
    release_date: Text = "",
    inspect_model: Text = "",
    endpoint: Text = "",
    api_key_env: Text = "",
    api_key_file: Text = "",
    declarations: Annotated[str, Form(max_length=100_000)] = "",
) -> Response:
    """Submit the model and open its page; a field the library refuses gives the form back
    saying which (a submission for another lab is refused as the API refuses it)."""
    _check_csrf(viewer, csrf)
    program = _program(request)
    if program is None:
        return _unavailable(request, viewer)
    form = {
        "developer": developer,
        "model": model,
        "version": version,
        "release_date": release_date,
        "inspect_model": inspect_model,
        "endpoint": endpoint,
        "api_key_env": api_key_env,
        "api_key_file": api_key_file,
        "declarations": declarations,
    }
    role = None
    try:
        body = _submission_request(form)
        with _acting(state, viewer.principal, program) as acting:
            role = acting.actor.role
            found = submit_model(acting, body, utcnow().date())
    except (InvalidInput, Conflict, NotFound) as exc:
        status = 422 if isinstance(exc, InvalidInput) else 409 if isinstance(exc, Conflict) else 404
        return page(
            "frontier_new.html.j2",
            status,
            viewer=viewer,
            form={**form, "api_key_env": "", "api_key_file": ""} if status == 422 else form,
            error=exc.message,
            role=(role or Role.developer).value,
        )
    return RedirectResponse(f"/frontier/{quote(found.submission.id)}", status_code=303)


@router.post("/frontier/{ref}/partners")
def propose_from_form(
    request: Request,
    state: CenterDep,
    viewer: ViewerDep,
    ref: str,
    csrf: CsrfField = None,
    partner: Text = "",
    model: Annotated[bool, Form()] = False,
    suites: Text = "",
    results: Text = "",
    until: Text = "",
) -> Response:
    """A lab proposes a vetted partner for its submission; the center confirms it."""
    _check_csrf(viewer, csrf)
    program = _program(request)
    if program is None:
        return _unavailable(request, viewer)
    body = _checked(
        GrantRequest,
        {
            "partner": partner.strip(),
            "model": model,
            "suites": _lines(suites),
            "results": _lines(results),
            "until": until.strip() or None,
        },
    )
    with _acting(state, viewer.principal, program, ref) as acting:
        sub = _visible(acting, ref)
        propose_grant(acting, sub, body, utcnow().date())
    return RedirectResponse(f"/frontier/{quote(sub)}", status_code=303)


@router.post("/frontier/{ref}/partners/{partner}")
def change_grant_from_form(
    request: Request,
    state: CenterDep,
    viewer: ViewerDep,
    ref: str,
    partner: str,
    csrf: CsrfField = None,
    action: Text = "",
    reason: Annotated[str, Form(max_length=2000)] = "",
) -> Response:
    """Confirm a proposed grant (the center) or revoke one (the center or the lab)."""
    _check_csrf(viewer, csrf)
    program = _program(request)
    if program is None:
        return _unavailable(request, viewer)
    body = _checked(GrantChange, {"action": action, "reason": reason.strip() or None})
    with _acting(state, viewer.principal, program, ref) as acting:
        sub = _visible(acting, ref)
        change_grant_of(acting, sub, partner, body, utcnow().date())
    return RedirectResponse(f"/frontier/{quote(sub)}", status_code=303)


@router.post("/frontier/{ref}/evaluations")
def evaluate_from_form(
    request: Request,
    state: CenterDep,
    viewer: ViewerDep,
    ref: str,
    csrf: CsrfField = None,
    suite: Text = "builtin",
    tiers: Annotated[list[str] | None, Form()] = None,
    references: Text = "",
    epochs: Text = "5",
) -> Response:
    """Start an evaluation run (the center's evaluators; a partner the suites its grant
    covers); it goes on in the background and its state shows on the submission's page."""
    _check_csrf(viewer, csrf)
    program = _program(request)
    if program is None:
        return _unavailable(request, viewer)
    body = _checked(
        EvaluationRequest,
        {
            "suite": suite.strip() or "builtin",
            "tiers": tiers or None,
            "references": _lines(references),
            "epochs": epochs.strip() or "5",
        },
    )
    with _acting(state, viewer.principal, program, ref) as acting:
        sub = _visible(acting, ref)
        actor = acting.actor
    started = start_evaluation(
        request.app, state.engine, program, actor, sub, body, utcnow().date()
    )
    return RedirectResponse(
        f"/frontier/{quote(sub)}?started={quote(started)}#evaluations", status_code=303
    )
