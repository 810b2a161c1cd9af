"""Benchmark notifications: queueing an advisory's events for 1,000 of 10,000 organisations,
then sending the webhooks to a local receiver.

Prints one JSON line. Targets (issue 14): the notifications of 1,000 organisations queued in at
most 10 s; webhook deliveries at 200 or more a second to a local receiver. Every organisation
has a webhook subscription; the receiver (on 127.0.0.1, so the deny-list is off) checks each
signature and answers 204 over keep-alive connections (HTTP/1.1), as a web server would.

    python bench/notify_bench.py [--organisations 10000] [--audience 1000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import tempfile
import time
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aicc.center.delivery import DeliverySettings, deliver_due
from aicc.center.notifications import make_event, notify
from aicc.center.webhook_signature import HEADER, verify
from aicc.store.center_tables import organisations
from aicc.store.db import open_store
from aicc.store.locks import CENTER_LOCK, writing
from aicc.store.notification_tables import notification_subscriptions

SECRET = "whsec_bench"


def _serve(port: Any, ok: Any, bad: Any) -> None:
    """The receiver, in a process of its own as a real one would be: checks each signature,
    answers 204 (401 for a bad one), keeps connections alive."""

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            try:
                verify(SECRET, self.headers.get(HEADER), body)
                good = True
            except ValueError:
                good = False
            counter = ok if good else bad
            with counter.get_lock():
                counter.value += 1
            self.send_response(204 if good else 401)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *_args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    port.value = server.server_address[1]
    server.serve_forever()


def _receiver() -> tuple[multiprocessing.Process, int, Any]:
    port, ok, bad = (multiprocessing.Value("i", 0) for _ in range(3))
    process = multiprocessing.Process(target=_serve, args=(port, ok, bad), daemon=True)
    process.start()
    deadline = time.monotonic() + 30
    while not port.value:
        assert time.monotonic() < deadline, "the receiver did not start"
        time.sleep(0.05)
    return process, int(port.value), ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--audience", type=int, default=1_000)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    process, port, verified = _receiver()
    url = f"http://127.0.0.1:{port}/hook"
    now = datetime(2026, 12, 7, 9, 0)
    with tempfile.TemporaryDirectory() as tmp:
        engine = open_store(args.database_url or f"sqlite:///{Path(tmp) / 'aicc.db'}")
        with engine.begin() as conn:
            conn.execute(
                organisations.insert(),
                [
                    {
                        "id": f"org_{i:020d}",
                        "name": f"Organisation {i}",
                        "sector": "hospital",
                        "profile": "hospital",
                        "created_at": now,
                    }
                    for i in range(args.organisations)
                ],
            )
            conn.execute(
                notification_subscriptions.insert(),
                [
                    {
                        "id": f"sub_{i:020d}",
                        "organisation_id": f"org_{i:020d}",
                        "channel": "webhook",
                        "target": url,
                        "secret": SECRET,
                        "events": ["advisory_published"],
                        "digest": "immediate",
                        "created_at": now,
                        "created_by": "bench",
                    }
                    for i in range(args.organisations)
                ],
            )
        step = max(1, args.organisations // args.audience)
        audience = [f"org_{i:020d}" for i in range(0, args.organisations, step)][: args.audience]
        started = time.perf_counter()
        with writing(engine, lock=CENTER_LOCK) as conn:  # as a publication would: one transaction
            for organisation_id in audience:
                event = make_event(
                    "advisory_published",
                    organisation_id,
                    advisory_id="AICC-2026-0001",
                    title="PAN-OS GlobalProtect command injection",
                )
                notify(conn, event)
        queued_s = time.perf_counter() - started
        settings = DeliverySettings(denied=(), timeout=10.0)
        started, cpu = time.perf_counter(), time.process_time()
        report = deliver_due(engine, settings, limit=len(audience) * 2)
        sent_s, sent_cpu = time.perf_counter() - started, time.process_time() - cpu
        engine.dispose()
    process.terminate()
    print(
        json.dumps(
            {
                "benchmark": "notify",
                "organisations": args.organisations,
                "audience": len(audience),
                "queued_s": round(queued_s, 2),
                "target_queued_s": 10.0,
                "sent": report["sent"],
                "failed": report["failed"] + report["retrying"],
                "receiver_verified": verified.value,
                "deliveries_per_s": round(report["sent"] / sent_s, 1),
                # the sender's own CPU per delivery: what the rate is bound by on a busy machine
                "sender_cpu_ms_per_delivery": round(1000 * sent_cpu / max(1, report["sent"]), 2),
                "target_deliveries_per_s": 200,
                "load_average": round(os.getloadavg()[0], 1),  # the rate is wall time: say how busy
            }
        )
    )


if __name__ == "__main__":
    main()
