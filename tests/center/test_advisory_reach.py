"""Published advisories reaching new uploads (`aicc.center.advisories.reach`): an upload (or a
re-check) of an organisation that a published advisory now concerns adds it to the audience and
queues ``advisory_published`` for it, in the upload's transaction, with the advisories' own
audience code; on SQLite and PostgreSQL, with real appliance lists through the pipeline."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from sqlalchemy import Engine, select

from aicc.center import Principal, create_organisation, upload_inventory
from aicc.center.advisories.authoring import create_advisory, publish_advisory
from aicc.center.advisories.document import Publisher
from aicc.center.advisories.reach import reach_organisation
from aicc.center.advisories.views import advisory_audit
from aicc.core.times import utcnow
from aicc.store.advisory_tables import center_advisory_audience
from aicc.store.center_tables import inventories
from aicc.store.locks import CENTER_LOCK, writing
from aicc.store.notification_tables import notification_events
from tests.center.notify_support import add_subscription

ANALYST = Principal("tok_c", "analyst", agency="CISA")
PUBLISHER = Publisher("AICC test center", "https://aicc.example")
HEADER = "name,vendor,product,version,exposure\n"


def _hospital(engine: Engine, name: str) -> Principal:
    made = create_organisation(engine, name=name, sector="hospital")
    return Principal(
        f"tok_{made['id']}", "admin", organisation_id=made["id"], organisation_name=name
    )


def _upload(engine: Engine, who: Principal, rows: str, asset: str = "ward") -> dict[str, Any]:
    return upload_inventory(
        engine, who, asset=asset, filename="devices.csv", content=(HEADER + rows).encode()
    )


def _advisory(engine: Engine, vendor: str, *, tlp: str = "AMBER") -> dict[str, Any]:
    form = {
        "title": f"{vendor} InfusionHub: authentication bypass",
        "tlp": tlp,
        "cves": ["CVE-2026-10001"],
        "products": [
            {"vendor": vendor, "product": "InfusionHub", "affected": "<3.5.0", "fixed": "3.5.0"}
        ],
        "summary": "An unauthenticated user on the network can change pump settings.",
        "mitigation": "Keep the hub on an isolated clinical network.",
    }
    made = create_advisory(engine, ANALYST, form, publisher=PUBLISHER)
    publish_advisory(engine, ANALYST, made["id"], publisher=PUBLISHER)
    return made


def _audience(engine: Engine, advisory_id: str) -> list[str]:
    aa = center_advisory_audience
    with engine.connect() as conn:
        found = conn.execute(
            select(aa.c.organisation_id).where(aa.c.advisory_id == advisory_id)
        ).scalars()
        return sorted(found)


def _told(engine: Engine, organisation_id: str) -> list[str]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(notification_events.c.payload).where(
                notification_events.c.kind == "advisory_published",
                notification_events.c.organisation_id == organisation_id,
            )
        ).scalars()
        return [p["advisory_id"] for p in rows]


def test_an_upload_that_lists_an_affected_product_joins_the_audience(engine: Engine) -> None:
    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    early = _hospital(engine, "Early Hospital")
    _upload(engine, early, f"Ward pumps,{vendor},InfusionHub,3.2.1,small\n")
    advisory = _advisory(engine, vendor)
    late = _hospital(engine, "Late Hospital")
    assert late.organisation_id is not None and early.organisation_id is not None
    add_subscription(engine, "sub_late", late.organisation_id, events=("advisory_published",))

    fixed = _upload(engine, late, f"Ward pumps,{vendor},InfusionHub,3.5.0,small\n")
    assert fixed["advisories"] == [] and _told(engine, late.organisation_id) == []

    affected = _upload(engine, late, f"Ward pumps,{vendor},InfusionHub,3.4,small\n", "icu")
    assert affected["advisories"] == [
        {
            "advisory": advisory["id"],
            "tracking_id": advisory["tracking_id"],
            "title": f"{vendor} InfusionHub: authentication bypass",
            "matched": [
                {
                    "asset": "icu",
                    "component": "Ward pumps",
                    "version": "3.4",
                    "product": f"{vendor} InfusionHub",
                    "vulnerabilities": ["CVE-2026-10001"],
                }
            ],
        }
    ]
    assert _audience(engine, advisory["id"]) == sorted(
        [early.organisation_id, late.organisation_id]
    )
    assert _told(engine, late.organisation_id) == [advisory["id"]]
    audit = advisory_audit(engine, ANALYST, advisory["id"])["events"]
    assert [e["action"] for e in audit] == ["created", "published", "reached"]
    assert audit[-1]["actor"] == f"inventory upload {affected['id']}"  # not who uploaded
    assert audit[-1]["audience"] == 2 and audit[-1]["sha256"] == audit[-2]["sha256"]

    again = _upload(engine, late, f"Ward pumps,{vendor},InfusionHub,3.4.1,small\n", "icu")
    assert again["advisories"] == []  # in the audience already: told once
    assert _told(engine, late.organisation_id) == [advisory["id"]]
    assert _told(engine, early.organisation_id) == [advisory["id"]]  # at publishing only


def test_a_version_that_cannot_be_placed_is_named_for_a_public_advisory_only(
    engine: Engine,
) -> None:
    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    public = _advisory(engine, vendor, tlp="CLEAR")
    _advisory(engine, f"{vendor} Amber")
    who = _hospital(engine, "Odd Hospital")
    rows = (
        f"Ward pumps,{vendor},InfusionHub,build-ninety,small\n"
        f"ICU pumps,{vendor} Amber,InfusionHub,build-ninety,small\n"
    )
    done = _upload(engine, who, rows)
    assert done["advisories"] == []
    [undecided] = done["advisories_undecided"]
    assert undecided["advisory"] == public["tracking_id"]  # the AMBER one is not named
    assert undecided["component"] == "Ward pumps" and undecided["version"] == "build-ninety"
    assert undecided["reason"]


def test_a_failed_upload_reaches_nobody(engine: Engine) -> None:
    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    advisory = _advisory(engine, vendor)
    who = _hospital(engine, "Careful Hospital")
    assert who.organisation_id is not None
    asset_id = _asset(engine, who, vendor)
    with (
        pytest.raises(RuntimeError, match="rolled back"),
        writing(engine, lock=CENTER_LOCK) as conn,  # the upload's transaction, failing late
    ):
        conn.execute(
            inventories.insert().values(
                id="inv_rolled",
                asset_id=asset_id,
                version=2,
                uploaded_at=utcnow(),
                uploaded_by="test",
                filename="devices.csv",
                format="appliance-csv",
                digest="0" * 64,
                size=1,
                content=b"x",
                components=[
                    {
                        "name": "Ward pumps",
                        "vendor": vendor,
                        "product": "InfusionHub",
                        "version": "3.0",
                    }
                ],
                skipped=[],
                unmatched=[],
            )
        )
        joined = reach_organisation(
            conn, who.organisation_id, now=utcnow(), actor="test", why="test"
        )["joined"]
        assert [j["advisory"] for j in joined] == [advisory["id"]]
        raise RuntimeError("rolled back")
    assert _audience(engine, advisory["id"]) == []
    assert _told(engine, who.organisation_id) == []


def _asset(engine: Engine, who: Principal, vendor: str) -> str:
    """An asset of ``who`` with a first inventory that lists nothing affected."""
    done = _upload(engine, who, f"Ward pumps,{vendor},InfusionHub,9.0,small\n")
    return str(done["asset"]["id"])


def test_a_recheck_reaches_an_organisation_whose_upload_was_stored_before(
    engine: Engine,
) -> None:
    from aicc.center.recheck_runner import InProcessRunner, recheck_now

    vendor = f"Acme {uuid.uuid4().hex[:8]}"
    advisory = _advisory(engine, vendor)
    who = _hospital(engine, "Old Hospital")
    assert who.organisation_id is not None
    _upload(engine, who, f"Ward pumps,{vendor},InfusionHub,3.0,small\n")
    aa = center_advisory_audience
    with engine.begin() as conn:  # as a store holds it whose upload came before uploads reached
        conn.execute(aa.delete().where(aa.c.organisation_id == who.organisation_id))
    [run] = recheck_now(engine, InProcessRunner(engine), trigger="manual", full=True)
    assert run["state"] == "done"
    assert _audience(engine, advisory["id"]) == [who.organisation_id]
    assert _told(engine, who.organisation_id) == [advisory["id"], advisory["id"]]
    audit = advisory_audit(engine, ANALYST, advisory["id"])["events"]
    assert [(e["action"], e["actor"]) for e in audit][-2:] == [
        ("reached", f"inventory upload {_only_inventory(engine)}"),
        ("reached", f"re-check {run['id']}"),
    ]
    recheck_now(engine, InProcessRunner(engine), trigger="manual", full=True)
    assert len(_told(engine, who.organisation_id)) == 2  # in the audience now: not again


def _only_inventory(engine: Engine) -> str:
    with engine.connect() as conn:
        return str(conn.execute(select(inventories.c.id)).scalar_one())
