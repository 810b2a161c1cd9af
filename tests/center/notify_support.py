"""Shared by the notification tests: organisations and subscriptions in a store, a real HTTP
receiver that checks the signature, and a real SMTP server (aiosmtpd)."""

from __future__ import annotations

import ipaddress
import json
import socket
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from sqlalchemy import Engine

from aicc.center.webhook_signature import HEADER, SignatureError, verify
from aicc.store.center_tables import organisations
from aicc.store.notification_tables import notification_subscriptions

NOW = datetime(2026, 12, 7, 9, 0)
SECRET = "whsec_test-secret-of-the-receiver"


def add_organisation(engine: Engine, organisation_id: str, name: str) -> None:
    with engine.begin() as conn:
        conn.execute(
            organisations.insert().values(
                id=organisation_id, name=name, sector="hospital", profile="hospital", created_at=NOW
            )
        )


def add_subscription(
    engine: Engine,
    subscription_id: str,
    organisation_id: str,
    *,
    channel: str = "webhook",
    target: str = "http://127.0.0.1:9/hook",
    events: tuple[str, ...] = ("new_kev_finding",),
    digest: str = "immediate",
) -> None:
    with engine.begin() as conn:
        conn.execute(
            notification_subscriptions.insert().values(
                id=subscription_id,
                organisation_id=organisation_id,
                channel=channel,
                target=target,
                secret=SECRET if channel == "webhook" else None,
                events=list(events),
                digest=digest,
                created_at=NOW,
                created_by="test",
            )
        )


@dataclass
class Receiver:
    """A webhook receiver: answers the first ``fail_first`` requests of each delivery with 503,
    then 204; keeps every request's body, headers and whether its signature verified with
    ``secret`` (set it to the one a subscription's creation gave)."""

    url: str
    secret: str
    fail_first: int = 0
    redirect_to: str | None = None  # answer 302 with this Location instead
    requests: list[dict[str, Any]] = field(default_factory=list)

    @property
    def accepted(self) -> list[dict[str, Any]]:
        return [r for r in self.requests if 200 <= r["status"] < 300]

    def tries(self, delivery: str) -> int:
        return sum(1 for r in self.requests if r["headers"].get("X-AICC-Delivery") == delivery)


@contextmanager
def webhook_receiver(
    fail_first: int = 0,
    secret: str = SECRET,
    redirect_to: str | None = None,
    *,
    keep_alive: bool = False,
    answer: bytes = b"",
) -> Iterator[Receiver]:
    """A real HTTP server on 127.0.0.1 checking ``X-AICC-Signature`` as a receiver would;
    ``keep_alive``: HTTP/1.1, a connection serves many requests (each request keeps its
    ``peer``, the client's address and port); ``answer``: a 200 with this body instead of 204."""
    receiver = Receiver("", secret, fail_first, redirect_to)
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1" if keep_alive else "HTTP/1.0"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            try:
                verify(receiver.secret, self.headers.get(HEADER), body)
                verified: str | None = None
            except SignatureError as exc:
                verified = str(exc)
            with lock:
                failing = receiver.tries(self.headers.get("X-AICC-Delivery", "")) < (
                    receiver.fail_first
                )
                status = 401 if verified else 503 if failing else 204
                if receiver.redirect_to:
                    status = 302
                receiver.requests.append(
                    {
                        "status": status,
                        "signature_error": verified,
                        "headers": dict(self.headers),
                        "json": json.loads(body),
                        "path": self.path,
                        "peer": self.client_address,
                    }
                )
            payload = b"try again later" if status == 503 else b""
            if status == 204 and answer:
                status, payload = 200, answer
                receiver.requests[-1]["status"] = status
            self.send_response(status)
            if status == 302:
                self.send_header("Location", receiver.redirect_to or "")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    receiver.url = f"http://127.0.0.1:{server.server_address[1]}/aicc-hook"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield receiver
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Mailbox:
    """What a real SMTP server received: each message with its envelope."""

    port: int
    messages: list[tuple[str, list[str], EmailMessage]] = field(default_factory=list)


class _Collect:
    def __init__(self, box: Mailbox, refuse: set[str]) -> None:
        self.box = box
        self.refuse = refuse

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 no such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        mail = message_from_bytes(envelope.content, policy=policy.default)
        self.box.messages.append((envelope.mail_from, list(envelope.rcpt_tos), mail))
        return "250 Message accepted for delivery"


def self_signed(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 (its own CA) and its key, as PEM files in ``folder``."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "aicc test mail server")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5))
        .not_valid_after(now + timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "smtp-cert.pem", folder / "smtp-key.pem"
    cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_file, key_file


@contextmanager
def smtp_server(
    refuse: tuple[str, ...] = (), tls: tuple[Path, Path] | None = None
) -> Iterator[Mailbox]:
    """aiosmtpd on a free port of 127.0.0.1; ``refuse``: addresses answered 550; ``tls``: a
    certificate and key, and STARTTLS required before any mail."""
    with socket.socket() as probe:  # aiosmtpd connects to its own port to see it started
        probe.bind(("127.0.0.1", 0))
        box = Mailbox(probe.getsockname()[1])
    options: dict[str, Any] = {}
    if tls is not None:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(*tls)
        options = {"tls_context": context, "require_starttls": True}
    controller = Controller(
        _Collect(box, set(refuse)), hostname="127.0.0.1", port=box.port, **options
    )
    controller.start()
    try:
        yield box
    finally:
        controller.stop()
