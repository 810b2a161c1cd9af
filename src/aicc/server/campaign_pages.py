"""The campaigns' web pages: the center's list, a campaign's board (progress by sector and
region, who is late, the burn-down drawn here as SVG), the form that makes a campaign; an
organisation's campaigns, its own entry and the form that updates it; the card on its home.

Every page calls `aicc.center.campaigns` with the logged-in user as the `Principal`, as the API
does, so the tenancy is the same: a campaign outside an organisation's scope is a 404.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Form, Query
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import Engine

from aicc.center import Conflict, InvalidInput, Principal
from aicc.center.access import require_center
from aicc.center.campaign_board import campaign_progress
from aicc.center.campaign_changes import close_campaign, edit_campaign
from aicc.center.campaigns import (
    create_campaign,
    decide_claim,
    list_campaigns,
    show_campaign,
    update_entry,
)
from aicc.report.html import Box
from aicc.server.api import CenterDep
from aicc.server.pages import CsrfField, Viewer, ViewerDep, _check_csrf, page
from aicc.store.center_tables import SECTORS

STATUS_LABELS = {
    "open": "Open",
    "acknowledged": "Acknowledged",
    "in_progress": "In progress",
    "overdue": "Overdue",
    "fixed": "Fixed",
    "not_exposed": "Not exposed",
}
FORM_FIELDS = (  # the create form's text fields, empty on a new form
    "title",
    "description",
    "vulnerabilities",
    "kev_vendor",
    "kev_product",
    "regions",
    "organizations",
    "due",
)
BOARD_ROWS = 200  # the board lists this many entries; the API and `aicc admin` list them all
router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class BurnDown:
    """The burn-down's layout: findings open each day, and the straight line to the deadline."""

    box: Box
    scale: int
    line: str  # SVG polyline points of the open findings
    last: tuple[float, float, int]  # the latest day's point (x, y) and its count
    ideal: str | None  # from the first day's count to zero on the due date
    y_ticks: tuple[tuple[int, float], ...]  # (count, y)
    x_ticks: tuple[tuple[str, float], ...]  # (day label, x)
    today_x: float
    label: str  # the text alternative: what the chart shows, in numbers


def burn_down_chart(
    points: list[dict[str, Any]], start: date, today: date, due: date | None
) -> BurnDown:
    """Lay out ``points`` (day, open) from ``start`` to the later of today and the due date."""
    box = Box(width=640, height=280, left=48, right=24, top=24, bottom=44)
    end = max(today, due or today, start)
    span = max((end - start).days, 1)
    largest = max((p["open"] for p in points), default=0)
    scale = max(4, -(-largest // 4) * 4)

    def x(day: date) -> float:
        return box.left + box.inner_width * (day - start).days / span

    def y(count: int) -> float:
        return box.top + box.inner_height * (1 - count / scale)

    line = " ".join(f"{x(date.fromisoformat(p['day'])):.1f},{y(p['open']):.1f}" for p in points)
    ideal = None
    if due is not None and points:
        ideal = f"{x(start):.1f},{y(points[0]['open']):.1f} {x(due):.1f},{y(0):.1f}"
    days = sorted({start, today, *([due] if due else [])})
    now = points[-1]["open"] if points else 0
    first = points[0]["open"] if points else 0
    said = f"{first} open on {start.isoformat()}, {now} open on {today.isoformat()}"
    if due is not None:
        said += f"; due {due.isoformat()}"
    return BurnDown(
        box=box,
        scale=scale,
        line=line,
        ideal=ideal,
        y_ticks=tuple((scale * k // 4, y(scale * k // 4)) for k in range(5)),
        x_ticks=tuple((d.strftime("%d %b"), x(d)) for d in days),
        today_x=x(today),
        last=(x(today), y(now), now),
        label=f"Findings still open each day: {said}.",
    )


def campaign_cards(engine: Engine, principal: Principal) -> list[dict[str, Any]]:
    """The campaigns an organisation's home shows: those it is exposed to and has not fixed."""
    if principal.is_center:
        return []
    return [
        c for c in list_campaigns(engine, principal) if c["status"] not in ("fixed", "not_exposed")
    ]


@router.get("/campaigns")
def campaigns_page(state: CenterDep, viewer: ViewerDep) -> HTMLResponse:
    """The center's campaigns with their progress; an organisation's, with its entry's status."""
    found = list_campaigns(state.engine, viewer.principal)
    return page(
        "campaigns.html.j2",
        viewer=viewer,
        campaigns=found,
        labels=STATUS_LABELS,
        as_date=date.fromisoformat,
    )


@router.get("/campaigns/new")
def new_campaign_form(viewer: ViewerDep) -> HTMLResponse:
    """The form that makes a campaign (the center's admins and analysts)."""
    require_center(viewer.principal, "a campaign")
    form = dict.fromkeys(FORM_FIELDS, "") | {"sectors": [], "bod_26_04": False}
    return page("campaign_form.html.j2", viewer=viewer, form=form, error=None, sectors=SECTORS)


def _lines(text: str) -> list[str]:
    return [part.strip() for part in text.replace(",", "\n").splitlines() if part.strip()]


@router.post("/campaigns/new")
def create_from_form(
    state: CenterDep,
    viewer: ViewerDep,
    csrf: CsrfField = None,
    title: Annotated[str, Form()] = "",
    description: Annotated[str, Form()] = "",
    vulnerabilities: Annotated[str, Form()] = "",
    kev_vendor: Annotated[str, Form()] = "",
    kev_product: Annotated[str, Form()] = "",
    sectors: Annotated[list[str] | None, Form()] = None,
    regions: Annotated[str, Form()] = "",
    organizations: Annotated[str, Form()] = "",
    due: Annotated[str, Form()] = "",
    bod_26_04: Annotated[bool, Form()] = False,
) -> Response:
    """Make the campaign and open its board; a bad field gives the form back, saying which."""
    _check_csrf(viewer, csrf)
    form = {
        "title": title,
        "description": description,
        "vulnerabilities": vulnerabilities,
        "kev_vendor": kev_vendor,
        "kev_product": kev_product,
        "sectors": sectors or [],
        "regions": regions,
        "organizations": organizations,
        "due": due,
        "bod_26_04": bod_26_04,
    }
    try:
        try:
            deadline = date.fromisoformat(due) if due.strip() else None
        except ValueError as exc:
            raise InvalidInput(f"due: {due!r} is not a date (YYYY-MM-DD)") from exc
        kev = {k: v for k, v in (("vendor", kev_vendor), ("product", kev_product)) if v.strip()}
        made = create_campaign(
            state.engine,
            viewer.principal,
            title=title,
            description=description,
            vulnerabilities=_lines(vulnerabilities),
            kev=kev or None,
            sectors=sectors or [],
            regions=_lines(regions),
            organizations=_lines(organizations),
            due=deadline,
            bod_26_04=bod_26_04,
            timeout=state.store_timeout,
        )
    except InvalidInput as exc:
        return page(
            "campaign_form.html.j2",
            422,
            viewer=viewer,
            form=form,
            error=exc.message,
            sectors=SECTORS,
        )
    return RedirectResponse(f"/campaigns/{quote(made['id'])}", status_code=303)


@router.get("/campaigns/{campaign_id}")
def campaign_page(
    state: CenterDep,
    viewer: ViewerDep,
    campaign_id: str,
    as_of: Annotated[date | None, Query()] = None,
    saved: bool = False,
) -> HTMLResponse:
    """The center: the campaign's board. An organisation: its own entry and the update form."""
    return _campaign_view(state.engine, viewer, campaign_id, as_of=as_of, saved=saved)


def _campaign_view(
    engine: Engine,
    viewer: Viewer,
    campaign_id: str,
    *,
    as_of: date | None = None,
    saved: bool = False,
    error: str | None = None,
    status: int = 200,
) -> HTMLResponse:
    """The campaign's page as ``viewer`` sees it (the board, or the organisation's entry)."""
    principal = viewer.principal
    if principal.is_center:
        shown = campaign_progress(engine, principal, campaign_id, as_of=as_of, with_entries=True)
    else:
        shown = show_campaign(engine, principal, campaign_id, as_of=as_of)
    context: dict[str, Any] = {
        "viewer": viewer,
        "campaign": shown,
        "labels": STATUS_LABELS,
        "as_date": date.fromisoformat,
        "saved": saved,
        "error": error,
    }
    if not principal.is_center:
        return page("campaign_entry.html.j2", status, entry=shown["entries"][0], **context)
    board = shown
    today = date.fromisoformat(board["as_of"])
    chart = burn_down_chart(
        board["burn_down"],
        date.fromisoformat(board["created_at"][:10]),
        today,
        date.fromisoformat(board["due"]) if board["due"] else None,
    )
    listed = sorted(board["entries"], key=_attention)[:BOARD_ROWS]
    return page(
        "campaign_board.html.j2",
        status,
        board=board,
        chart=chart,
        today=today,
        listed=listed,
        sectors=SECTORS,
        **context,
    )


@router.post("/campaigns/{campaign_id}/edit")
def edit_from_form(
    state: CenterDep,
    viewer: ViewerDep,
    campaign_id: str,
    csrf: CsrfField = None,
    title: Annotated[str, Form()] = "",
    due: Annotated[str, Form()] = "",
    sectors: Annotated[list[str] | None, Form()] = None,
    regions: Annotated[str, Form()] = "",
    organizations: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    """An analyst changes the campaign from its board; a bad field gives the board back with
    the reason, nothing changed."""
    _check_csrf(viewer, csrf)
    try:
        try:
            deadline = date.fromisoformat(due) if due.strip() else None
        except ValueError as exc:
            raise InvalidInput(f"due: {due!r} is not a date (YYYY-MM-DD)") from exc
        edit_campaign(
            state.engine,
            viewer.principal,
            campaign_id,
            reason=reason,
            title=title or None,
            due=deadline,
            sectors=sectors or [],
            regions=_lines(regions),
            organizations=_lines(organizations),
            timeout=state.store_timeout,
        )
    except (InvalidInput, Conflict) as exc:
        code = 409 if isinstance(exc, Conflict) else 422
        return _campaign_view(state.engine, viewer, campaign_id, error=exc.message, status=code)
    return RedirectResponse(f"/campaigns/{quote(campaign_id)}?saved=1", status_code=303)


@router.post("/campaigns/{campaign_id}/close")
def close_from_form(
    state: CenterDep,
    viewer: ViewerDep,
    campaign_id: str,
    csrf: CsrfField = None,
    reason: Annotated[str, Form()] = "",
) -> Response:
    """An analyst closes the campaign from its board, with a reason."""
    _check_csrf(viewer, csrf)
    try:
        close_campaign(
            state.engine, viewer.principal, campaign_id, reason=reason, timeout=state.store_timeout
        )
    except (InvalidInput, Conflict) as exc:
        code = 409 if isinstance(exc, Conflict) else 422
        return _campaign_view(state.engine, viewer, campaign_id, error=exc.message, status=code)
    return RedirectResponse(f"/campaigns/{quote(campaign_id)}?saved=1#closed", status_code=303)


def _attention(entry: dict[str, Any]) -> tuple[int, int, str]:
    """Claims to decide first, then the latest, then by name: the board's order."""
    order = ("overdue", "open", "acknowledged", "in_progress", "fixed")
    status = entry["status"]
    rank = order.index(status) if status in order else len(order)
    return (-entry["pending_claims"], rank, entry["organization"]["name"])


@router.post("/campaigns/{campaign_id}/entry")
def update_from_form(
    state: CenterDep,
    viewer: ViewerDep,
    campaign_id: str,
    csrf: CsrfField = None,
    status: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    """An organisation's user says where its entry stands."""
    _check_csrf(viewer, csrf)
    try:
        update_entry(
            state.engine,
            viewer.principal,
            campaign_id,
            progress=status,
            reason=reason,
            timeout=state.store_timeout,
        )
    except InvalidInput as exc:
        shown = show_campaign(state.engine, viewer.principal, campaign_id)
        return page(
            "campaign_entry.html.j2",
            422,
            viewer=viewer,
            campaign=shown,
            entry=shown["entries"][0],
            labels=STATUS_LABELS,
            as_date=date.fromisoformat,
            saved=False,
            error=exc.message,
        )
    return RedirectResponse(f"/campaigns/{quote(campaign_id)}?saved=1", status_code=303)


@router.post("/campaigns/{campaign_id}/claims/{finding_id}")
def decide_from_form(
    state: CenterDep,
    viewer: ViewerDep,
    campaign_id: str,
    finding_id: str,
    csrf: CsrfField = None,
    decision: Annotated[str, Form()] = "",
    reason: Annotated[str, Form()] = "",
) -> Response:
    """An analyst accepts or rejects a not_affected claim from the board."""
    _check_csrf(viewer, csrf)
    decide_claim(
        state.engine,
        viewer.principal,
        campaign_id,
        finding_id,
        decision=decision,
        reason=reason,
        timeout=state.store_timeout,
    )
    return RedirectResponse(f"/campaigns/{quote(campaign_id)}?saved=1#claims", status_code=303)


def campaign_context(engine: Engine, principal: Principal) -> dict[str, Any]:
    """What an organisation's home needs for its campaign cards."""
    return {"campaigns": campaign_cards(engine, principal), "campaign_labels": STATUS_LABELS}
