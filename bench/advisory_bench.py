"""Benchmark publishing an advisory: its audience computed over every stored inventory and the
organisations it concerns notified, for 1,000 of 10,000 organisations.

Prints one JSON line. Target (issue 14): the audience computed and the notifications queued in
at most 10 s. Each organisation has one asset whose latest inventory lists ``--components``
appliances; the first ``--audience`` run an affected version of the advisory's product. Every
organisation subscribes a webhook to ``advisory_published`` and every tenth also an e-mail
daily digest, so the timed publication records an event and queues a delivery for each
subscription of the audience (``deliveries``), and none for the others; the run fails unless
the counts are exactly those. Sending the deliveries is not timed here (see the outbox worker's
figures).

    python bench/advisory_bench.py [--organisations 10000] [--audience 1000] [--database-url URL]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import tempfile
import time
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from aicc.center.access import Principal
from aicc.center.advisories import Publisher, create_advisory, publish_advisory
from aicc.center.subscriptions import SECRET_PREFIX
from aicc.core.times import utcnow
from aicc.store.center_tables import assets, inventories, organisations
from aicc.store.db import open_store
from aicc.store.locks import CENTER_LOCK, writing
from aicc.store.notification_tables import (
    notification_deliveries,
    notification_events,
    notification_subscriptions,
)

VENDOR = "Benchmark Medical"


def _component(i: int, version: str, product: str) -> dict[str, Any]:
    return {
        "name": f"device {i}",
        "version": version,
        "vendor": VENDOR if product == "InfusionHub" else f"Vendor {i}",
        "product": product,
        "cpe": None,
        "exposure": "controlled",
        "asset_class": None,
        "safety_critical": False,
        "source": "devices.csv",
        "location": f"line {i + 2}",
    }


def _subscriptions(n: int, org: str, now: Any) -> list[dict[str, Any]]:
    """Organisation ``n``'s subscriptions: a webhook, and every tenth an e-mail digest."""
    made = [
        {
            "id": f"sub_bench{n:08d}w",
            "organisation_id": org,
            "channel": "webhook",
            "target": f"https://hooks.example.org/bench/{n}",
            "secret": f"{SECRET_PREFIX}bench{n:08d}",
            "events": ["advisory_published"],
            "digest": "immediate",
            "created_at": now,
            "created_by": "bench",
            "deleted_at": None,
            "campaign_due_days": None,
        }
    ]
    if n % 10 == 0:
        made.append(
            made[0]
            | {
                "id": f"sub_bench{n:08d}e",
                "channel": "email",
                "target": f"security{n}@example.org",
                "secret": None,
                "digest": "daily",
            }
        )
    return made


def expected_deliveries(audience: int) -> int:
    """The deliveries the publication must queue: one per subscription of the audience."""
    return audience + len(range(0, audience, 10))


def seed(engine: Any, organisations_n: int, audience: int, components: int) -> None:
    """``organisations_n`` organisations with one inventory and their subscriptions each, in
    one transaction."""
    now = utcnow()
    orgs, items, invs, subs = [], [], [], []
    for n in range(organisations_n):
        org, asset = f"org_bench{n:08d}", f"ast_bench{n:08d}"
        orgs.append(
            {
                "id": org,
                "name": f"Bench {n}",
                "sector": "hospital",
                "region": "Iowa",
                "profile": "hospital",
                "created_at": now,
            }
        )
        items.append(
            {
                "id": asset,
                "organisation_id": org,
                "name": "ward",
                "kind": "appliance",
                "exposure": None,
                "asset_class": None,
                "safety_critical": False,
                "created_at": now,
            }
        )
        listed = [_component(i, f"2.{i}", f"Product {i}") for i in range(components - 1)]
        listed.append(_component(components, "3.2.1" if n < audience else "3.6.0", "InfusionHub"))
        subs += _subscriptions(n, org, now)
        invs.append(
            {
                "id": f"inv_bench{n:08d}",
                "asset_id": asset,
                "version": 1,
                "uploaded_at": now,
                "uploaded_by": "bench",
                "filename": "devices.csv",
                "format": "appliance-csv",
                "digest": hashlib.sha256(str(n).encode()).hexdigest(),
                "size": 1,
                "content": b"x",
                "components": listed,
                "skipped": [],
                "unmatched": [],
            }
        )
    with writing(engine, lock=CENTER_LOCK) as conn:
        conn.execute(organisations.insert(), orgs)
        conn.execute(assets.insert(), items)
        conn.execute(inventories.insert(), invs)
        conn.execute(notification_subscriptions.insert(), subs)


def _count(engine: Any, table: Any) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=10_000)
    parser.add_argument("--audience", type=int, default=1_000)
    parser.add_argument("--components", type=int, default=20)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'bench.db'}"
        engine = open_store(url)
        seed(engine, args.organisations, args.audience, args.components)
        analyst = Principal(token_id="tok_bench", role="analyst", agency="CISA")
        publisher = Publisher("AICC benchmark", "https://aicc.example.org")
        form = {
            "title": "Benchmark Medical InfusionHub: authentication bypass",
            "tlp": "AMBER",
            "cves": ["CVE-2026-10001"],
            "products": [
                {"vendor": VENDOR, "product": "InfusionHub", "affected": "<3.5.0", "fixed": "3.5.0"}
            ],
            "summary": "An unauthenticated user can change pump settings.",
        }
        made = create_advisory(engine, analyst, form, publisher=publisher)
        started = time.perf_counter()
        done = publish_advisory(engine, analyst, made["id"], publisher=publisher)
        seconds = time.perf_counter() - started
        events = _count(engine, notification_events)
        deliveries = _count(engine, notification_deliveries)
        subscriptions = _count(engine, notification_subscriptions)
        engine.dispose()
    queued = events == args.audience and deliveries == expected_deliveries(args.audience)
    print(
        json.dumps(
            {
                "bench": "advisory_publish",
                "backend": url.split(":", 1)[0],
                "organisations": args.organisations,
                "components": done["audience"]["components_checked"],
                "audience": done["audience"]["organizations"],
                "subscriptions": subscriptions,
                "events": events,
                "deliveries_queued": deliveries,
                "deliveries_expected": expected_deliveries(args.audience),
                "seconds": round(seconds, 2),
                "target_seconds": 10,
                "met": seconds <= 10
                and done["audience"]["organizations"] == args.audience
                and queued,
            }
        )
    )


if __name__ == "__main__":
    main()
