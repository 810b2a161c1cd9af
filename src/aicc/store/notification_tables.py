"""Tables of the center's notifications (``aicc.center.notifications`` and ``.delivery``).

- ``notification_subscriptions``: where an organisation wants to hear of which events (a webhook
  URL with its signing secret, or an e-mail address), immediately or as a daily digest;
- ``notification_events``: what happened, for which organisation (append-only);
- ``notification_deliveries``: the outbox. One row is one message to send to one subscription:
  an event, or a digest's day of events (``notification_delivery_events`` links them). Rows are
  written in the transaction of the change that caused them, so a rolled-back change sends
  nothing and a crash loses nothing;
- ``notification_attempts``: every try of a delivery, its HTTP status or SMTP answer and error.

A webhook's secret is kept as it was made: the center signs with it, so a hash would not do (as
Stripe and GitHub keep theirs); it is never shown again after the subscription is created.
Times are naive UTC.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from aicc.store.tables import Json, metadata, one_of

EVENT_KINDS = (
    "new_kev_finding",
    "advisory_published",
    "campaign_assigned",
    "campaign_due",
    "campaign_overdue",
    "recheck_finished",
)
CHANNELS = ("webhook", "email")
DIGESTS = ("immediate", "daily")
# pending: waits for next_attempt_at; sending: claimed by a sender until claimed_until;
# sent, failed (attempts used up, or a refusal no retry mends), cancelled (subscription removed)
DELIVERY_STATUSES = ("pending", "sending", "sent", "failed", "cancelled")


notification_subscriptions = Table(
    "notification_subscriptions",
    metadata,
    Column("id", String(32), primary_key=True),  # sub_...
    Column(
        "organisation_id", String(32), ForeignKey("organisations.id"), nullable=False, index=True
    ),
    Column("channel", String(16), nullable=False),
    Column("target", Text, nullable=False),  # the webhook's URL or the e-mail address
    Column("secret", Text),  # a webhook's signing secret; None for e-mail
    Column("events", Json, nullable=False),  # the event kinds, a list
    Column("digest", String(16), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("created_by", Text, nullable=False),  # the actor (see aicc.center.access)
    Column("deleted_at", DateTime),  # kept for its deliveries' history
    # days before a campaign's due date for its "due soon" notice; None: AICC_CAMPAIGN_DUE_DAYS
    Column("campaign_due_days", Integer),
    one_of("channel", CHANNELS, "ck_notification_subscriptions_channel"),
    one_of("digest", DIGESTS, "ck_notification_subscriptions_digest"),
)

notification_events = Table(  # append-only
    "notification_events",
    metadata,
    Column("id", String(32), primary_key=True),  # nev_...
    Column("organisation_id", String(32), ForeignKey("organisations.id"), nullable=False),
    Column("kind", String(32), nullable=False),
    Column("payload", Json, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Index(None, "organisation_id", "created_at"),
    one_of("kind", EVENT_KINDS, "ck_notification_events_kind"),
)

notification_deliveries = Table(  # the outbox
    "notification_deliveries",
    metadata,
    Column("id", String(32), primary_key=True),  # ndl_...
    Column(
        "subscription_id",
        String(32),
        ForeignKey("notification_subscriptions.id"),
        nullable=False,
    ),
    Column("organisation_id", String(32), ForeignKey("organisations.id"), nullable=False),
    Column("digest_day", Date),  # a daily digest's day; None: one event, sent at once
    Column("status", String(16), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("next_attempt_at", DateTime, nullable=False),
    Column("claimed_until", DateTime),  # a sender's lease while status is sending
    Column("created_at", DateTime, nullable=False),
    Column("finished_at", DateTime),  # sent, failed or cancelled
    Column("last_error", Text),  # why the last attempt failed; for failed: why it was given up
    Index(None, "status", "next_attempt_at"),  # what is due
    Index(None, "organisation_id", "status", "created_at"),  # an organisation's list
    Index(None, "subscription_id", "digest_day"),  # the open digest of a day
    one_of("status", DELIVERY_STATUSES, "ck_notification_deliveries_status"),
)

notification_delivery_events = Table(
    "notification_delivery_events",
    metadata,
    Column(
        "delivery_id",
        String(32),
        ForeignKey("notification_deliveries.id"),
        primary_key=True,
    ),
    Column(
        "event_id", String(32), ForeignKey("notification_events.id"), primary_key=True, index=True
    ),
)

notification_attempts = Table(  # append-only: every try of a delivery
    "notification_attempts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "delivery_id",
        String(32),
        ForeignKey("notification_deliveries.id"),
        nullable=False,
        index=True,
    ),
    Column("at", DateTime, nullable=False),
    Column("duration_ms", Integer, nullable=False),
    Column("status_code", Integer),  # the HTTP status, or the SMTP server's reply code
    Column("error", Text),  # None: delivered
)
