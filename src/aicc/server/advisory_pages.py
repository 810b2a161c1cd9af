"""The advisories' web pages: the list, one advisory, and the analysts' form to write, publish
and revise one; each calls `aicc.center.advisories` with the logged-in person as the caller, so
the rules are the API's (an advisory an organisation may not read is the same 404 as none).

The form has a fixed number of product rows (no script runs on these pages); empty rows are
left out. CVE ids may be separated by spaces, commas or new lines.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from aicc.center import InvalidInput, Principal, advisories, same_secret
from aicc.center.advisories.authoring import AUTHOR_ROLES, document_bytes, require_author
from aicc.server.advisories import publisher_of
from aicc.server.api import CenterDep, CenterState
from aicc.server.pages import SECURITY_HEADERS, CsrfRefused, Viewer, ViewerDep, page

PRODUCT_ROWS = 5
PRODUCT_FIELDS = ("vendor", "product", "cpe", "purl", "affected", "fixed")
TEXT_FIELDS = ("title", "tlp", "summary", "mitigation", "fix_url", "cvss_v3", "revision_summary")
TLP_TEXT = {
    "CLEAR": "TLP:CLEAR: public, also in the center's CSAF feed",
    "GREEN": "TLP:GREEN: the organisations it concerns, and their community",
    "AMBER": "TLP:AMBER: only the organisations it concerns",
    "RED": "TLP:RED: only the organisations it concerns, for their named people",
}

router = APIRouter(include_in_schema=False)


def is_author(principal: Principal) -> bool:
    return principal.is_center and principal.role in AUTHOR_ROLES


def form_data(fields: dict[str, str]) -> dict[str, Any]:
    """The form's fields as the advisory's data: CVE ids split, empty product rows left out."""
    data: dict[str, Any] = {key: fields.get(key, "") for key in TEXT_FIELDS}
    data["cves"] = [c for c in re.split(r"[\s,;]+", fields.get("cves", "").strip()) if c]
    data["products"] = [
        row
        for i in range(PRODUCT_ROWS)
        if any((row := {k: fields.get(f"p{i}_{k}", "") for k in PRODUCT_FIELDS}).values())
    ]
    return data


def fields_of(form: dict[str, Any]) -> dict[str, str]:
    """A stored advisory's form as the page's fields, to edit it."""
    fields = {key: str(form.get(key) or "") for key in TEXT_FIELDS}
    fields["cves"] = " ".join(form.get("cves", []))
    for i, product in enumerate(form.get("products", [])[:PRODUCT_ROWS]):
        for key in PRODUCT_FIELDS:
            fields[f"p{i}_{key}"] = str(product.get(key) or "")
    return fields


async def _posted(request: Request, csrf: str) -> dict[str, str]:
    posted = await request.form()
    fields = {key: value for key, value in posted.items() if isinstance(value, str)}
    if not same_secret(fields.get("csrf"), csrf):
        raise CsrfRefused
    return fields


def _form_page(
    viewer: Viewer,
    *,
    fields: dict[str, str],
    action: str,
    advisory: dict[str, Any] | None = None,
    error: str | None = None,
    problems: list[dict[str, Any]] | None = None,
    status: int = 200,
) -> HTMLResponse:
    return page(
        "advisory_form.html.j2",
        status,
        viewer=viewer,
        fields=fields,
        action=action,
        advisory=advisory,
        error=error,
        problems=problems or [],
        rows=range(PRODUCT_ROWS),
        tlp_text=TLP_TEXT,
    )


@router.get("/advisories")
def advisory_list(state: CenterDep, viewer: ViewerDep) -> HTMLResponse:
    """Every advisory the person may read: theirs first for an organisation."""
    items = advisories.list_advisories(state.engine, viewer.principal)
    return page(
        "advisories.html.j2",
        viewer=viewer,
        items=items,
        author=is_author(viewer.principal),
        tlp_text=TLP_TEXT,
    )


@router.get("/advisories/new")
def new_advisory(viewer: ViewerDep) -> HTMLResponse:
    """The form to write an advisory (center admins and analysts)."""
    require_author(viewer.principal)
    return _form_page(viewer, fields={"tlp": "AMBER"}, action="/advisories/new")


@router.post("/advisories/new")
async def create(request: Request, state: CenterDep, viewer: ViewerDep) -> Response:
    """Save the form as a draft advisory."""
    fields = await _posted(request, viewer.csrf)
    try:
        made = await run_in_threadpool(
            advisories.create_advisory,
            state.engine,
            viewer.principal,
            form_data(fields),
            publisher=publisher_of(request),
            timeout=state.store_timeout,
        )
    except InvalidInput as exc:
        return _form_page(
            viewer,
            fields=fields,
            action="/advisories/new",
            error=exc.message,
            problems=exc.problems,
            status=422,
        )
    return RedirectResponse(f"/advisories/{quote(made['id'])}?saved=draft", status_code=303)


@router.get("/advisories/{advisory_id}")
def advisory_page(
    state: CenterDep, viewer: ViewerDep, advisory_id: str, saved: str | None = None
) -> HTMLResponse:
    """One advisory: what it says, whom it reached, its revisions."""
    return _advisory(state, viewer, advisory_id, saved=saved)


def _advisory(
    state: CenterState,
    viewer: Viewer,
    advisory_id: str,
    *,
    saved: str | None = None,
    result: dict[str, Any] | None = None,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    found = advisories.get_advisory(state.engine, viewer.principal, advisory_id)
    audit = None
    if viewer.principal.is_center:
        audit = advisories.advisory_audit(state.engine, viewer.principal, advisory_id)["events"]
    return page(
        "advisory.html.j2",
        status,
        viewer=viewer,
        audit=audit,
        error=error,
        advisory=found,
        tracking=found["document"]["document"]["tracking"],
        author=is_author(viewer.principal),
        saved=saved,
        result=result,
        tlp_text=TLP_TEXT,
    )


@router.get("/advisories/{advisory_id}/csaf.json")
def advisory_csaf(state: CenterDep, viewer: ViewerDep, advisory_id: str) -> Response:
    """The advisory's CSAF 2.0 document, for whoever may read the advisory."""
    document = advisories.advisory_document(state.engine, viewer.principal, advisory_id)
    headers = {**SECURITY_HEADERS, "Content-Disposition": "inline"}
    return Response(document_bytes(document), media_type="application/json", headers=headers)


@router.get("/advisories/{advisory_id}/edit")
def edit_form(state: CenterDep, viewer: ViewerDep, advisory_id: str) -> HTMLResponse:
    """The form, filled in: a draft changes in place, a published advisory gets a revision."""
    require_author(viewer.principal)
    found = advisories.get_advisory(state.engine, viewer.principal, advisory_id)
    return _form_page(
        viewer,
        fields=fields_of(found["form"]),
        action=f"/advisories/{quote(advisory_id)}/edit",
        advisory=found,
    )


@router.post("/advisories/{advisory_id}/edit")
async def edit(request: Request, state: CenterDep, viewer: ViewerDep, advisory_id: str) -> Response:
    """Save the changes (a published advisory: as its next revision, published at once)."""
    fields = await _posted(request, viewer.csrf)
    try:
        done = await run_in_threadpool(
            advisories.update_advisory,
            state.engine,
            viewer.principal,
            advisory_id,
            form_data(fields),
            publisher=publisher_of(request),
            timeout=state.store_timeout,
        )
    except InvalidInput as exc:
        found = advisories.get_advisory(state.engine, viewer.principal, advisory_id)
        return _form_page(
            viewer,
            fields=fields,
            action=f"/advisories/{quote(advisory_id)}/edit",
            advisory=found,
            error=exc.message,
            problems=exc.problems,
            status=422,
        )
    if done["status"] == "draft":
        return RedirectResponse(f"/advisories/{quote(advisory_id)}?saved=draft", status_code=303)
    return _advisory(state, viewer, advisory_id, result=done)


@router.post("/advisories/{advisory_id}/publish")
async def publish(
    request: Request, state: CenterDep, viewer: ViewerDep, advisory_id: str
) -> HTMLResponse:
    """Publish the draft and say whom it reached."""
    await _posted(request, viewer.csrf)
    try:
        done = await run_in_threadpool(
            advisories.publish_advisory,
            state.engine,
            viewer.principal,
            advisory_id,
            publisher=publisher_of(request),
            timeout=state.store_timeout,
        )
    except InvalidInput as exc:
        return _advisory(state, viewer, advisory_id, error=exc.message, status=422)
    return _advisory(state, viewer, advisory_id, result=done)


@router.post("/advisories/{advisory_id}/audience")
async def rematch(
    request: Request, state: CenterDep, viewer: ViewerDep, advisory_id: str
) -> HTMLResponse:
    """Match the published advisory again against the inventories stored now."""
    await _posted(request, viewer.csrf)
    try:
        done = await run_in_threadpool(
            advisories.refresh_audience,
            state.engine,
            viewer.principal,
            advisory_id,
            timeout=state.store_timeout,
        )
    except InvalidInput as exc:
        return _advisory(state, viewer, advisory_id, error=exc.message, status=422)
    return _advisory(state, viewer, advisory_id, result={**done, "rematched": True})


def home_advisories(
    state: CenterState, principal: Principal, organisation: str | None
) -> list[dict[str, Any]]:
    """The advisories an organisation's home lists: those that concern it."""
    return advisories.organisation_advisories(state.engine, principal, organisation)
