"""Sending what the outbox holds: signed webhooks and e-mail, retried with backoff.

`deliver_due` is the one entry point (the thread of ``aicc serve`` calls it every few seconds;
a Celery task can call it the same way). It claims the deliveries that are due, in batches,
under the center's write lock: a claimed delivery is ``sending`` for a lease, so two senders
never send it twice, and one whose sender died is claimed again when the lease runs out (so a
receiver may, rarely, get a delivery twice: ``X-AICC-Delivery`` is its id, to tell). Then it
sends them, outside any transaction, and records every attempt with its HTTP status or SMTP
reply and the error. A failed attempt is retried after ``backoff`` seconds, doubling each time
up to ``max_backoff``, until ``max_attempts``; then the delivery is ``failed``, with the reason,
for the organisation's admin to see. A refusal no retry mends (a webhook host in a denied
network, an address the mail server rejects for good with a 5xx) fails at once.

A round sends ``senders`` deliveries at once over one pool of keep-alive connections (a
receiver's answer is read to its end so that its connection serves the next delivery), looks
each webhook host up once, and writes a batch's attempts and statuses in one transaction of a
few statements: about 2 ms of the sender's CPU a delivery (bench/notify_bench.py).
"""

from __future__ import annotations

import os
import smtplib
import ssl
import time
from collections.abc import Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any

import httpx
import orjson
from sqlalchemy import Engine, and_, bindparam, or_, select

from aicc import __version__
from aicc.center.notifications import describe
from aicc.center.targets import (
    DeniedTarget,
    Network,
    Resolver,
    check_destination,
    denied_networks,
    resolve,
)
from aicc.center.webhook_signature import HEADER, sign
from aicc.core.errors import ConfigError
from aicc.core.times import iso, utcnow
from aicc.store.center_tables import organisations
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing
from aicc.store.notification_tables import (
    notification_attempts,
    notification_deliveries,
    notification_delivery_events,
    notification_events,
    notification_subscriptions,
)

_ERROR_BODY = 300  # characters of a receiver's error answer kept with the attempt
_ANSWER_READ = 65536  # bytes of an answer read so that its connection can be used again


@dataclass(frozen=True)
class DeliverySettings:
    """How deliveries are sent (``from_env`` reads them from ``AICC_*``)."""

    smtp_host: str | None = None  # AICC_SMTP_HOST; None: e-mail cannot be sent
    smtp_port: int = 25  # AICC_SMTP_PORT
    smtp_from: str = "aicc@localhost"  # AICC_SMTP_FROM
    smtp_starttls: bool = False  # AICC_SMTP_STARTTLS=1: TLS before anything is sent
    smtp_ca_file: str | None = None  # AICC_SMTP_CA_FILE: the CA that signed the server's cert
    smtp_user: str | None = None  # AICC_SMTP_USER, with AICC_SMTP_PASSWORD: log in
    smtp_password: str | None = None
    denied: tuple[Network, ...] = field(default_factory=lambda: denied_networks(None))
    max_attempts: int = 6  # AICC_NOTIFY_MAX_ATTEMPTS
    backoff: float = 30.0  # AICC_NOTIFY_BACKOFF: seconds before the 2nd attempt, then doubled
    max_backoff: float = 3600.0
    timeout: float = 10.0  # seconds a webhook or the mail server has to answer
    lease: float = 300.0  # seconds a claimed delivery is held before another sender retries it
    batch: int = 100  # deliveries claimed at once
    senders: int = 8  # deliveries sent at once
    interval: float = 5.0  # AICC_NOTIFY_INTERVAL: seconds between the server thread's rounds

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> DeliverySettings:
        """The settings of ``env`` (the process environment by default); ConfigError naming a
        variable that cannot be read."""
        env = os.environ if env is None else env

        def number(name: str, default: float) -> float:
            raw = env.get(name, "").strip()
            try:
                value = float(raw) if raw else default
            except ValueError as exc:
                raise ConfigError(f"{name} must be a number: {raw!r}") from exc
            if value < 0:
                raise ConfigError(f"{name} must not be negative: {raw!r}")
            return value

        return cls(
            smtp_host=env.get("AICC_SMTP_HOST", "").strip() or None,
            smtp_port=int(number("AICC_SMTP_PORT", 25)),
            smtp_from=env.get("AICC_SMTP_FROM", "").strip() or "aicc@localhost",
            smtp_starttls=env.get("AICC_SMTP_STARTTLS", "").strip().lower() in ("1", "true", "yes"),
            smtp_ca_file=env.get("AICC_SMTP_CA_FILE", "").strip() or None,
            smtp_user=env.get("AICC_SMTP_USER", "").strip() or None,
            smtp_password=env.get("AICC_SMTP_PASSWORD") or None,
            denied=denied_networks(env.get("AICC_WEBHOOK_DENY")),
            max_attempts=max(1, int(number("AICC_NOTIFY_MAX_ATTEMPTS", 6))),
            backoff=number("AICC_NOTIFY_BACKOFF", 30.0),
            interval=number("AICC_NOTIFY_INTERVAL", 5.0),
        )

    def delay(self, attempts: int) -> float:
        """Seconds to wait after the ``attempts``-th failed attempt."""
        return float(min(self.backoff * 2 ** (attempts - 1), self.max_backoff))


@dataclass(frozen=True)
class Message:
    """A claimed delivery, ready to send."""

    delivery_id: str
    attempts: int  # before this one
    channel: str
    target: str
    secret: str | None
    organisation: dict[str, str]
    digest_day: str | None
    events: list[dict[str, Any]]

    @property
    def kind(self) -> str:
        return "digest" if self.digest_day else self.events[0]["type"]

    def body(self) -> bytes:
        """The webhook's JSON: the delivery, the organisation and its events."""
        return orjson.dumps(
            {
                "delivery": self.delivery_id,
                "type": self.kind,
                "organization": self.organisation,
                "digest": self.digest_day,
                "events": self.events,
            }
        )


@dataclass(frozen=True)
class Outcome:
    """One attempt: the status (HTTP, or the SMTP reply code), the error, whether to retry."""

    status_code: int | None
    error: str | None  # None: delivered
    duration_ms: int
    permanent: bool = False  # no retry can mend it


def deliver_due(
    engine: Engine,
    settings: DeliverySettings | None = None,
    *,
    now: datetime | None = None,
    limit: int = 1000,
    resolver: Resolver = resolve,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Send up to ``limit`` deliveries that are due at ``now`` (see the module's docstring);
    returns how many were sent, will be retried and failed, and each failure's reason."""
    settings = settings or DeliverySettings.from_env()
    report: dict[str, Any] = {"sent": 0, "retrying": 0, "failed": 0, "problems": []}
    resolver = _remembered(resolver)  # a host looked up once a round, not once a delivery
    with (
        httpx.Client(timeout=settings.timeout, follow_redirects=False) as client,
        ThreadPoolExecutor(max_workers=max(1, settings.senders)) as pool,
    ):
        done = 0
        while done < limit:
            moment = now or utcnow()
            messages = _claim(engine, settings, moment, min(settings.batch, limit - done), timeout)
            if not messages:
                break
            outcomes = list(pool.map(lambda m: _send(m, settings, client, resolver), messages))
            _record(engine, settings, messages, outcomes, now or utcnow(), report)
            done += len(messages)
    return report


def _remembered(resolver: Resolver) -> Resolver:
    """``resolver``, keeping the addresses it found for the round (a failure is not kept)."""
    found: dict[tuple[str, int], list[str]] = {}

    def remembered(host: str, port: int) -> list[str]:
        key = (host, port)
        if key not in found:
            found[key] = resolver(host, port)
        return found[key]

    return remembered


def _claim(
    engine: Engine, settings: DeliverySettings, now: datetime, count: int, timeout: float
) -> list[Message]:
    d = notification_deliveries
    due = or_(
        and_(d.c.status == "pending", d.c.next_attempt_at <= now),
        and_(d.c.status == "sending", d.c.claimed_until < now),  # its sender died
    )
    with engine.connect() as conn:  # a look first: an idle round takes no write lock
        if conn.execute(select(d.c.id).where(due).limit(1)).first() is None:
            return []
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        rows = list(
            conn.execute(
                select(
                    d.c.id,
                    d.c.attempts,
                    d.c.digest_day,
                    notification_subscriptions.c.channel,
                    notification_subscriptions.c.target,
                    notification_subscriptions.c.secret,
                    organisations.c.id.label("organisation_id"),
                    organisations.c.name.label("organisation_name"),
                )
                .join(
                    notification_subscriptions,
                    notification_subscriptions.c.id == d.c.subscription_id,
                )
                .join(organisations, organisations.c.id == d.c.organisation_id)
                .where(due)
                .order_by(d.c.next_attempt_at, d.c.id)
                .limit(count)
            ).mappings()
        )
        if not rows:
            return []
        ids = [r["id"] for r in rows]
        conn.execute(
            d.update()
            .where(d.c.id.in_(ids))
            .values(status="sending", claimed_until=now + timedelta(seconds=settings.lease))
        )
        events: dict[str, list[dict[str, Any]]] = {i: [] for i in ids}
        for event in conn.execute(
            select(notification_delivery_events.c.delivery_id, notification_events)
            .join(
                notification_events,
                notification_events.c.id == notification_delivery_events.c.event_id,
            )
            .where(notification_delivery_events.c.delivery_id.in_(ids))
            .order_by(notification_events.c.created_at, notification_events.c.id)
        ).mappings():
            events[event["delivery_id"]].append(
                {
                    "id": event["id"],
                    "type": event["kind"],
                    "created_at": iso(event["created_at"]),
                    "summary": describe(event["kind"], event["payload"]),
                    "data": event["payload"],
                }
            )
    return [
        Message(
            delivery_id=r["id"],
            attempts=r["attempts"],
            channel=r["channel"],
            target=r["target"],
            secret=r["secret"],
            organisation={"id": r["organisation_id"], "name": r["organisation_name"]},
            digest_day=r["digest_day"].isoformat() if r["digest_day"] else None,
            events=events[r["id"]],
        )
        for r in rows
    ]


def _send(
    message: Message, settings: DeliverySettings, client: httpx.Client, resolver: Resolver
) -> Outcome:
    started = time.monotonic()
    try:
        if message.channel == "webhook":
            return send_webhook(message, settings, client, resolver, started)
        return send_email(message, settings, started)
    except Exception as exc:  # whatever went wrong is the attempt's error
        return Outcome(None, f"{type(exc).__name__}: {exc}", _ms(started))


def _ms(started: float) -> int:
    return int((time.monotonic() - started) * 1000)


def send_webhook(
    message: Message,
    settings: DeliverySettings,
    client: httpx.Client,
    resolver: Resolver,
    started: float,
) -> Outcome:
    """POST the message's JSON to its URL, signed (`aicc.center.webhook_signature`)."""
    try:
        check_destination(message.target, settings.denied, resolver)
    except DeniedTarget as exc:
        return Outcome(None, f"refused: {exc}", _ms(started), permanent=True)
    except OSError as exc:
        return Outcome(None, f"the host cannot be resolved: {exc}", _ms(started))
    body = message.body()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": f"AICC/{__version__} notifications",
        "X-AICC-Delivery": message.delivery_id,
        "X-AICC-Event": message.kind,
        HEADER: sign(message.secret or "", body, int(time.time())),
    }
    try:
        with client.stream("POST", message.target, content=body, headers=headers) as answer:
            status = answer.status_code
            # the answer read to its end (up to a bound) so that the connection goes back to
            # the pool and the next delivery to this receiver reuses it; a longer one is cut
            # and its connection closed
            said = b""
            for chunk in answer.iter_bytes():
                said += chunk
                if len(said) > _ANSWER_READ:
                    break
            location = answer.headers.get("location")
    except httpx.HTTPError as exc:
        return Outcome(None, f"{type(exc).__name__}: {exc or 'no answer'}", _ms(started))
    if 200 <= status < 300:
        return Outcome(status, None, _ms(started))
    if 300 <= status < 400:
        reason = f"HTTP {status}: redirected to {location or '(no Location)'}; not followed"
    else:
        text = " ".join(said.decode("utf-8", "replace").split())[:_ERROR_BODY]
        reason = f"HTTP {status}" + (f": {text}" if text else "")
    return Outcome(status, reason, _ms(started))


def email_message(message: Message, sender: str) -> EmailMessage:
    """The e-mail of a delivery: one event, or a day's digest, in plain text."""
    mail = EmailMessage()
    name = message.organisation["name"]
    lines = [f"{e['created_at']}  {e['summary']}" for e in message.events]
    if message.digest_day:
        count = len(message.events)
        mail["Subject"] = (
            f"[AICC] Daily digest for {name}, {message.digest_day}: "
            f"{count} event{'s' if count != 1 else ''}"
        )
        intro = f"What the coordination center saw for {name} on {message.digest_day} (UTC):"
    else:
        mail["Subject"] = f"[AICC] {message.events[0]['summary']}"
        intro = f"The coordination center has news for {name}:"
    details = [
        "\n".join(
            [f"- {e['summary']}"]
            + [f"    {key}: {value}" for key, value in e["data"].items() if value is not None]
        )
        for e in message.events
    ]
    mail["From"] = sender
    mail["To"] = message.target
    mail["Message-ID"] = f"<{message.delivery_id}@aicc>"  # the same on a retry
    mail["X-AICC-Delivery"] = message.delivery_id
    mail.set_content(
        "\n\n".join([intro, "\n".join(lines), *details])
        + f"\n\n(delivery {message.delivery_id}; your organization's admin manages these "
        "notifications)\n"
    )
    return mail


def send_email(message: Message, settings: DeliverySettings, started: float) -> Outcome:
    """Send the message's e-mail through ``AICC_SMTP_HOST`` (STARTTLS when set)."""
    if not settings.smtp_host:
        return Outcome(None, "no mail server is set (AICC_SMTP_HOST)", _ms(started))
    mail = email_message(message, settings.smtp_from)
    try:
        with smtplib.SMTP(settings.smtp_host, settings.smtp_port, timeout=settings.timeout) as smtp:
            if settings.smtp_starttls:  # the certificate and host name checked (smtplib's
                # own default context checks neither: anyone on the path could read the mail)
                smtp.starttls(context=ssl.create_default_context(cafile=settings.smtp_ca_file))
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password or "")
            refused = smtp.send_message(mail)
    except smtplib.SMTPRecipientsRefused as exc:
        code, said = next(iter(exc.recipients.values()))
        return _smtp_refusal(code, said, started)
    except smtplib.SMTPResponseException as exc:
        # refused before the recipient was named (530 STARTTLS or log-in required, a sender
        # refused): the center's settings, mended by its operator, so tried again
        final = isinstance(exc, smtplib.SMTPDataError)
        return _smtp_refusal(exc.smtp_code, exc.smtp_error, started, final=final)
    except (smtplib.SMTPException, OSError) as exc:
        return Outcome(None, f"{type(exc).__name__}: {exc}", _ms(started))
    if refused:
        code, said = next(iter(refused.values()))
        return _smtp_refusal(code, said, started)
    return Outcome(250, None, _ms(started))  # send_message returns only once the data is taken


def _smtp_refusal(code: int, said: bytes | str, started: float, *, final: bool = True) -> Outcome:
    """The server's refusal; a 5xx of the recipient or the message is for good, a 4xx for now."""
    text = said.decode("utf-8", "replace") if isinstance(said, bytes) else said
    return Outcome(
        code,
        f"the mail server answered {code} {' '.join(text.split())}",
        _ms(started),
        permanent=final and 500 <= code < 600,
    )


def _record(
    engine: Engine,
    settings: DeliverySettings,
    messages: list[Message],
    outcomes: list[Outcome],
    now: datetime,
    report: dict[str, Any],
) -> None:
    d = notification_deliveries
    with engine.begin() as conn:
        conn.execute(
            notification_attempts.insert(),
            [
                {
                    "delivery_id": m.delivery_id,
                    "at": now,
                    "duration_ms": o.duration_ms,
                    "status_code": o.status_code,
                    "error": o.error,
                }
                for m, o in zip(messages, outcomes, strict=True)
            ],
        )
        # one statement per kind of outcome, each with every delivery of that kind: a batch's
        # statuses are written in a few round trips, not one per delivery
        updates: dict[str, list[dict[str, Any]]] = {"sent": [], "failed": [], "pending": []}
        for message, outcome in zip(messages, outcomes, strict=True):
            attempts = message.attempts + 1
            values: dict[str, Any] = {
                "b_id": message.delivery_id,
                "attempts": attempts,
                "claimed_until": None,
            }
            if outcome.error is None:
                values |= {"status": "sent", "finished_at": now, "last_error": None}
                report["sent"] += 1
            elif outcome.permanent or attempts >= settings.max_attempts:
                why = "" if outcome.permanent else f"gave up after {attempts} attempts: "
                values |= {
                    "status": "failed",
                    "finished_at": now,
                    "last_error": why + outcome.error,
                }
                report["failed"] += 1
                report["problems"].append(
                    {
                        "stage": "notify",
                        "source": message.delivery_id,
                        "location": message.target,
                        "reason": why + outcome.error,
                    }
                )
            else:
                values |= {
                    "status": "pending",
                    "next_attempt_at": now + timedelta(seconds=settings.delay(attempts)),
                    "last_error": outcome.error,
                }
                report["retrying"] += 1
            updates[values["status"]].append(values)
        for rows in updates.values():
            if rows:
                conn.execute(d.update().where(d.c.id == bindparam("b_id")), rows)
