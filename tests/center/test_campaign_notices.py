"""Campaign notifications (`aicc.center.campaign_notices`): ``campaign_assigned`` queued with the
campaign for each organisation in its scope, ``campaign_due`` and ``campaign_overdue`` found by
the periodic check, each once per organisation and campaign, on SQLite and PostgreSQL.

Real uploads through the pipeline over the shipped sample knowledge base, as the campaigns'
own tests do (the demo hospital's VPN gateway runs FortiOS, in KEV).
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, select
from typer.testing import CliRunner

from aicc.center import Conflict, InvalidInput, Principal
from aicc.center.campaign_changes import edit_campaign
from aicc.center.campaign_notices import check_campaign_deadlines, warn_days_from_env
from aicc.center.campaigns import create_campaign
from aicc.center.organisations import create_organisation
from aicc.cli.main import app
from aicc.core.errors import ConfigError
from aicc.core.times import utcnow
from aicc.store.campaign_tables import campaigns
from aicc.store.notification_tables import notification_deliveries, notification_events
from tests.center.notify_support import add_subscription
from tests.center.test_campaigns import (
    ANALYST,
    FORTIOS,
    WITHOUT_VPN,
    _upload,
    _vpn_campaign,
    center,  # noqa: F401  (the fixture: two hospitals and a bank, each with the demo's appliances)
    store_url,  # noqa: F401  (the fixture: a copy of the sample store)
)


def _events(engine: Engine, kind: str) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(notification_events)
            .where(notification_events.c.kind == kind)
            .order_by(notification_events.c.organisation_id, notification_events.c.id)
        ).mappings()
        return [{"organisation": r["organisation_id"], **r["payload"]} for r in rows]


def _deliveries(engine: Engine, subscription_id: str) -> int:
    with engine.connect() as conn:
        found = conn.execute(
            select(notification_deliveries.c.id).where(
                notification_deliveries.c.subscription_id == subscription_id
            )
        )
        return len(found.all())


def test_a_new_campaign_is_announced_to_each_organisation_in_its_scope(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    quiet = create_organisation(engine, name="Quiet Clinic", sector="hospital", region="Iowa")
    mercy = center["mercy"].organisation_id
    assert mercy is not None
    add_subscription(engine, "sub_campaigns", mercy, events=("campaign_assigned",))
    due = utcnow().date() + timedelta(days=14)
    made = _vpn_campaign(engine, due=due)
    assigned = _events(engine, "campaign_assigned")
    # every hospital in scope: the exposed two and the clinic with nothing uploaded; no bank
    assert sorted(e["organisation"] for e in assigned) == sorted(
        [mercy, center["st_luke"].organisation_id, quiet["id"]]
    )
    by_org = {e["organisation"]: e for e in assigned}
    assert by_org[mercy] == {
        "organisation": mercy,
        "campaign_id": made["id"],
        "title": "Fortinet VPNs",
        "due": due.isoformat(),
        "due_kind": "date",
        "vulnerabilities": made["vulnerabilities"],
        "exposed_findings": 1,
    }
    assert by_org[quiet["id"]]["exposed_findings"] == 0
    assert _deliveries(engine, "sub_campaigns") == 1  # queued in the outbox with the campaign
    with pytest.raises(Conflict):  # refused: no campaign, and nobody hears of it
        _vpn_campaign(engine, due=due)
    assert len(_events(engine, "campaign_assigned")) == 3


def test_a_bod_campaign_says_no_single_date_but_the_first_deadline_known(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    made = create_campaign(
        engine,
        ANALYST,
        title="KEV by BOD 26-04",
        vulnerabilities=[FORTIOS],
        organizations=["Mercy Hospital"],
        bod_26_04=True,
    )
    [event] = _events(engine, "campaign_assigned")
    [entry] = made["entries"]
    assert event["due"] is None and event["due_kind"] == "bod-26-04"
    assert event["first_due"] == entry["due"] is not None


def test_due_and_overdue_are_sent_once_per_organisation_and_campaign(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    mercy, st_luke = center["mercy"].organisation_id, center["st_luke"].organisation_id
    assert mercy is not None and st_luke is not None
    add_subscription(engine, "sub_due", mercy, events=("campaign_due", "campaign_overdue"))
    due = utcnow().date() + timedelta(days=14)
    made = _vpn_campaign(engine, due=due)

    assert check_campaign_deadlines(engine, due - timedelta(days=8))["queued"] == []
    first = check_campaign_deadlines(engine, due - timedelta(days=7))
    assert [(q["event"], q["organization"]["id"]) for q in first["queued"]] == [
        ("campaign_due", mercy),
        ("campaign_due", st_luke),
    ]
    [told] = [e for e in _events(engine, "campaign_due") if e["organisation"] == mercy]
    assert told == {
        "organisation": mercy,
        "campaign_id": made["id"],
        "title": "Fortinet VPNs",
        "due": due.isoformat(),
        "days_left": 7,
        "open_findings": 1,
    }
    again = check_campaign_deadlines(engine, due - timedelta(days=3))
    assert again["queued"] == [] and again["already_sent"] == 2

    _upload(engine, center["st_luke"], WITHOUT_VPN)  # St Luke fixed it: nothing more for it
    late = check_campaign_deadlines(engine, due + timedelta(days=1))
    assert [(q["event"], q["organization"]["id"]) for q in late["queued"]] == [
        ("campaign_overdue", mercy)
    ]
    assert check_campaign_deadlines(engine, due + timedelta(days=5))["queued"] == []
    assert [e["organisation"] for e in _events(engine, "campaign_overdue")] == [mercy]
    assert _deliveries(engine, "sub_due") == 2  # due, then overdue


def test_a_due_date_moved_later_is_told_again_when_it_comes_due(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    mercy = center["mercy"].organisation_id
    assert mercy is not None
    add_subscription(engine, "sub_due", mercy, events=("campaign_due",))
    due = utcnow().date() + timedelta(days=14)
    made = _vpn_campaign(engine, due=due)
    first = check_campaign_deadlines(engine, due - timedelta(days=7))
    assert ("campaign_due", mercy) in [
        (q["event"], q["organization"]["id"]) for q in first["queued"]
    ]
    later = due + timedelta(days=21)
    edit_campaign(engine, ANALYST, made["id"], reason="the vendor's fix slipped", due=later)

    quiet = check_campaign_deadlines(engine, later - timedelta(days=8))
    assert quiet["queued"] == []  # the new date is not close yet, and nothing is overdue
    again = check_campaign_deadlines(engine, later - timedelta(days=7))
    told = [q for q in again["queued"] if q["organization"]["id"] == mercy]
    assert [(q["event"], q["due"]) for q in told] == [("campaign_due", later.isoformat())]
    assert _deliveries(engine, "sub_due") == 2
    assert check_campaign_deadlines(engine, later - timedelta(days=2))["queued"] == []


def test_an_entry_first_checked_when_late_hears_only_that_it_is_overdue(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    due = utcnow().date() + timedelta(days=2)
    _vpn_campaign(engine, due=due)
    report = check_campaign_deadlines(engine, due + timedelta(days=3), warn_days=7)
    assert {q["event"] for q in report["queued"]} == {"campaign_overdue"}
    assert _events(engine, "campaign_due") == []


def test_two_checks_at_once_queue_each_notice_once(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    due = utcnow().date() + timedelta(days=3)
    _vpn_campaign(engine, due=due)
    with ThreadPoolExecutor(max_workers=2) as pool:
        reports = list(pool.map(lambda _: check_campaign_deadlines(engine, due), range(2)))
    assert sorted(len(r["queued"]) for r in reports) == [0, 2]
    assert len(_events(engine, "campaign_due")) == 2


def test_warn_days_come_from_the_environment_or_are_refused_by_name() -> None:
    assert warn_days_from_env({}) == 7
    assert warn_days_from_env({"AICC_CAMPAIGN_DUE_DAYS": "3"}) == 3
    with pytest.raises(ConfigError, match="AICC_CAMPAIGN_DUE_DAYS must be a whole number"):
        warn_days_from_env({"AICC_CAMPAIGN_DUE_DAYS": "soon"})


def test_a_negative_warning_is_refused(engine: Engine) -> None:
    with pytest.raises(InvalidInput, match="warn_days: -1 is negative"):
        check_campaign_deadlines(engine, date(2027, 1, 1), warn_days=-1)


def test_aicc_center_deliver_queues_the_due_notices_first(
    tmp_path: Path,
    store_url: str,  # noqa: F811
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    made = _vpn_campaign(engine, due=utcnow().date() + timedelta(days=2))
    env = {"AICC_HOME": str(tmp_path / "home"), "AICC_DATABASE_URL": store_url}
    done = CliRunner().invoke(app, ["center", "deliver"], env=env)
    assert done.exit_code == 0, done.stderr
    assert done.stdout.splitlines() == [
        f"queued campaign_due for {name}: Fortinet VPNs (due {made['due']})"
        for name in ("Mercy Hospital", "St Luke Hospital")
    ] + ["0 sent, 0 to be retried, 0 failed"]
    again = CliRunner().invoke(app, ["center", "deliver"], env=env)
    assert again.stdout == "0 sent, 0 to be retried, 0 failed\n"
    refused = CliRunner().invoke(
        app, ["center", "deliver"], env=env | {"AICC_CAMPAIGN_DUE_DAYS": "-2"}
    )
    assert refused.exit_code == 2
    assert "AICC_CAMPAIGN_DUE_DAYS must be a whole number of days: '-2'" in refused.stderr
    with engine.connect() as conn:
        assert conn.execute(select(campaigns.c.id)).scalars().all() == [made["id"]]


def test_the_outbox_thread_of_aicc_serve_runs_the_check(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    import time

    from aicc.center.delivery import DeliverySettings
    from aicc.server.outbox_worker import OutboxWorker

    _vpn_campaign(engine, due=utcnow().date() + timedelta(days=2))
    worker = OutboxWorker(engine, DeliverySettings(interval=0.02), campaign_every=3600)
    worker.start()
    deadline = time.monotonic() + 30
    while worker.rounds < 3:
        assert time.monotonic() < deadline
        time.sleep(0.02)
    worker.stop()
    assert worker.last_campaign_check is not None
    assert len(worker.last_campaign_check["queued"]) == 2
    assert len(_events(engine, "campaign_due")) == 2  # once: not again each round
