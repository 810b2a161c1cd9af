"""The notifications page: an organisation's admin sees its subscriptions and what became of
its deliveries, the failed ones first with their reasons, and sends a failed one again once its
cause is mended, and sets each subscription's warning period for campaign deadlines; a center
admin sees every organisation's in its grant. Subscriptions are made and changed through the
API (``/api/notifications``)."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Query
from fastapi.responses import HTMLResponse, RedirectResponse

from aicc.center import delivery_log, subscriptions
from aicc.center.campaign_notices import warn_days_from_env
from aicc.center.errors import InvalidInput
from aicc.server.api import CenterDep
from aicc.server.pages import CsrfField, ViewerDep, _check_csrf, page

RECENT = 50  # deliveries listed below the failed ones

router = APIRouter(include_in_schema=False)


@router.get("/notifications")
def notifications_page(
    state: CenterDep,
    viewer: ViewerDep,
    organization: Annotated[str | None, Query()] = None,
    retried: Annotated[str | None, Query()] = None,
    changed: Annotated[str | None, Query()] = None,
) -> HTMLResponse:
    """Subscriptions, failed deliveries with their reasons, and the latest deliveries."""
    principal = viewer.principal
    listed = subscriptions.list_subscriptions(state.engine, principal, organisation=organization)
    failed = delivery_log.list_deliveries(
        state.engine, principal, organisation=organization, statuses=["failed"], limit=RECENT
    )
    recent = delivery_log.list_deliveries(
        state.engine, principal, organisation=organization, limit=RECENT
    )
    return page(
        "notifications.html.j2",
        viewer=viewer,
        subscriptions=listed,
        failed=failed,
        recent=recent,
        retried=retried,
        changed=changed,
        center_due_days=warn_days_from_env(),
    )


@router.post("/notifications/subscriptions/{subscription_id}/due-days")
def set_due_days(
    state: CenterDep,
    viewer: ViewerDep,
    subscription_id: str,
    days: Annotated[str, Form()] = "",
    csrf: CsrfField = None,
) -> RedirectResponse:
    """Set a subscription's campaign warning period (an organisation's admin); empty: the
    center's. A value that is not whole days from 0 to 365 is refused by name (422)."""
    _check_csrf(viewer, csrf)
    text = days.strip()
    try:
        period = int(text) if text else None
    except ValueError as exc:
        raise InvalidInput(f"campaign_due_days: {text!r} is not a whole number of days") from exc
    subscriptions.update_subscription(
        state.engine,
        viewer.principal,
        subscription_id,
        campaign_due_days=period,
        timeout=state.store_timeout,
    )
    return RedirectResponse(f"/notifications?changed={quote(subscription_id)}", status_code=303)


@router.post("/notifications/deliveries/{delivery_id}/retry")
def retry_delivery(
    state: CenterDep, viewer: ViewerDep, delivery_id: str, csrf: CsrfField = None
) -> RedirectResponse:
    """Send a failed delivery again (an organisation's admin)."""
    _check_csrf(viewer, csrf)
    delivery_log.retry_delivery(
        state.engine, viewer.principal, delivery_id, timeout=state.store_timeout
    )
    return RedirectResponse(f"/notifications?retried={quote(delivery_id)}", status_code=303)
