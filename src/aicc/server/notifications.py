"""The notification routes under ``/api/notifications/``: an organisation's admin manages its
subscriptions and sees its deliveries; the center's admins see every organisation's.

Each route authenticates, calls `aicc.center` (`subscriptions`, `delivery_log`) and answers; the
webhook deny-list is the one the server was started with (``AICC_WEBHOOK_DENY``).
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request
from pydantic import BaseModel, ConfigDict, Field, model_validator

from aicc.center import delivery_log, subscriptions
from aicc.center.delivery import DeliverySettings
from aicc.server.api import ERRORS, CenterDep, OrganizationQuery, PrincipalDep

EventKind = Literal[
    "new_kev_finding",
    "advisory_published",
    "campaign_assigned",
    "campaign_due",
    "campaign_overdue",
    "recheck_finished",
]
DeliveryStatus = Literal["pending", "sending", "sent", "failed", "cancelled"]
DUE_DAYS = (
    "days (0 to 365) before a campaign's due date to hear campaign_due; "
    "null: the center's AICC_CAMPAIGN_DUE_DAYS (7 unless set)"
)


class SubscriptionCreate(BaseModel):
    """A webhook (``url``) or an e-mail address (``email``), the events, the digest."""

    model_config = ConfigDict(extra="forbid")

    channel: Literal["webhook", "email"]
    url: str | None = Field(default=None, description="for a webhook: an http(s) URL")
    email: str | None = Field(default=None, description="for e-mail: one address")
    events: list[EventKind] = Field(min_length=1)
    digest: Literal["immediate", "daily"] = Field(
        default="immediate", description="daily: one message after each UTC day with its events"
    )
    campaign_due_days: int | None = Field(default=None, description=DUE_DAYS)

    @model_validator(mode="after")
    def _one_target(self) -> SubscriptionCreate:
        wanted, other = ("url", "email") if self.channel == "webhook" else ("email", "url")
        if getattr(self, wanted) is None:
            raise ValueError(f"a {self.channel} subscription needs {wanted!r}")
        if getattr(self, other) is not None:
            raise ValueError(f"a {self.channel} subscription takes no {other!r}")
        return self


class SubscriptionChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    events: list[EventKind] | None = Field(default=None, min_length=1)
    digest: Literal["immediate", "daily"] | None = None
    campaign_due_days: int | None = Field(
        default=None, description=DUE_DAYS + "; null sets it back, absent leaves it"
    )


class Subscription(BaseModel):
    id: str
    organization: str
    channel: Literal["webhook", "email"]
    url: str | None
    email: str | None
    events: list[EventKind]
    digest: Literal["immediate", "daily"]
    campaign_due_days: int | None = Field(description=DUE_DAYS)
    created_at: str
    created_by: str
    deleted_at: str | None


class SubscriptionCreated(Subscription):
    secret: str | None = Field(
        default=None,
        description="a webhook's signing secret: shown here once, never again",
    )
    warnings: list[str]


class SubscriptionDeleted(BaseModel):
    id: str
    deleted_at: str
    cancelled_deliveries: int


class Attempt(BaseModel):
    at: str
    status_code: int | None = Field(description="the HTTP status, or the mail server's reply")
    error: str | None = Field(description="null: delivered")
    duration_ms: int


class DeliveredEvent(BaseModel):
    id: str
    type: EventKind
    created_at: str
    summary: str
    data: dict[str, Any]


class DeliveryTarget(BaseModel):
    id: str
    channel: Literal["webhook", "email"]
    target: str
    deleted: bool


class Delivery(BaseModel):
    id: str
    organization: str
    subscription: DeliveryTarget
    digest_day: str | None
    status: DeliveryStatus
    attempts: list[Attempt]
    next_attempt_at: str | None
    created_at: str
    finished_at: str | None
    last_error: str | None = Field(
        description="why the last attempt failed, or why it was given up"
    )
    events: list[DeliveredEvent]


router = APIRouter(prefix="/api/notifications", responses=ERRORS, tags=["notifications"])


def _denied(request: Request) -> DeliverySettings:
    settings: DeliverySettings = request.app.state.delivery
    return settings


@router.post("/subscriptions", status_code=201, response_model=SubscriptionCreated)
def create_subscription(
    request: Request, state: CenterDep, principal: PrincipalDep, made: SubscriptionCreate
) -> dict[str, Any]:
    """An organization's admin: subscribe to events by webhook or e-mail. A webhook's signing
    secret is in this answer only."""
    return subscriptions.create_subscription(
        state.engine,
        principal,
        channel=made.channel,
        target=(made.url if made.channel == "webhook" else made.email) or "",
        events=made.events,
        digest=made.digest,
        campaign_due_days=made.campaign_due_days,
        denied=_denied(request).denied,
        timeout=state.store_timeout,
    )


@router.get("/subscriptions", response_model=list[Subscription])
def list_subscriptions(
    state: CenterDep, principal: PrincipalDep, organization: OrganizationQuery = None
) -> list[dict[str, Any]]:
    """The organization's subscriptions (a center admin: every organization's)."""
    return subscriptions.list_subscriptions(state.engine, principal, organisation=organization)


@router.get("/subscriptions/{subscription_id}", response_model=Subscription)
def get_subscription(
    state: CenterDep, principal: PrincipalDep, subscription_id: str
) -> dict[str, Any]:
    """One subscription (never its secret)."""
    return subscriptions.get_subscription(state.engine, principal, subscription_id)


@router.patch("/subscriptions/{subscription_id}", response_model=Subscription)
def change_subscription(
    state: CenterDep, principal: PrincipalDep, subscription_id: str, change: SubscriptionChange
) -> dict[str, Any]:
    """Change the events, the digest or the campaign warning period of a subscription, from
    the next event on."""
    return subscriptions.update_subscription(
        state.engine,
        principal,
        subscription_id,
        events=change.events,
        digest=change.digest,
        campaign_due_days=change.campaign_due_days
        if "campaign_due_days" in change.model_fields_set
        else subscriptions.UNSET,
        timeout=state.store_timeout,
    )


@router.post("/subscriptions/{subscription_id}/secret", response_model=SubscriptionCreated)
def rotate_secret(
    state: CenterDep, principal: PrincipalDep, subscription_id: str
) -> dict[str, Any]:
    """A new signing secret for a webhook, shown in this answer only; the old one stops at once."""
    return subscriptions.rotate_secret(
        state.engine, principal, subscription_id, timeout=state.store_timeout
    )


@router.delete("/subscriptions/{subscription_id}", response_model=SubscriptionDeleted)
def delete_subscription(
    state: CenterDep, principal: PrincipalDep, subscription_id: str
) -> dict[str, Any]:
    """Remove a subscription; what still waits to be sent to it is cancelled."""
    return subscriptions.delete_subscription(
        state.engine, principal, subscription_id, timeout=state.store_timeout
    )


@router.get("/deliveries", response_model=list[Delivery])
def list_deliveries(
    state: CenterDep,
    principal: PrincipalDep,
    organization: OrganizationQuery = None,
    status: Annotated[
        list[DeliveryStatus], Query(description="any of these statuses (failed: to act on)")
    ] = [],  # noqa: B006  (FastAPI copies a default list per request)
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> list[dict[str, Any]]:
    """The newest deliveries, each with its events and every attempt's status and error."""
    return delivery_log.list_deliveries(
        state.engine, principal, organisation=organization, statuses=status, limit=limit
    )


@router.get("/deliveries/{delivery_id}", response_model=Delivery)
def get_delivery(state: CenterDep, principal: PrincipalDep, delivery_id: str) -> dict[str, Any]:
    """One delivery with its events and attempts."""
    return delivery_log.get_delivery(state.engine, principal, delivery_id)


@router.post("/deliveries/{delivery_id}/retry", response_model=Delivery)
def retry_delivery(state: CenterDep, principal: PrincipalDep, delivery_id: str) -> dict[str, Any]:
    """Send a failed delivery again (an organization's admin, once the cause is mended)."""
    return delivery_log.retry_delivery(
        state.engine, principal, delivery_id, timeout=state.store_timeout
    )
