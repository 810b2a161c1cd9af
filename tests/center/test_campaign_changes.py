"""Changing and closing a campaign (`aicc.center.campaign_changes`) on SQLite and PostgreSQL:
audited with a reason, told to the organisations assigned before and assigned to those new to
the scope; the board follows; a closed campaign keeps its final numbers and sends no deadline
notice; an organisation's caller gets NotFound. Real uploads, as the campaigns' tests do."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, select

from aicc.center import Conflict, Forbidden, InvalidInput, NotFound, Principal
from aicc.center.campaign_board import campaign_progress
from aicc.center.campaign_changes import close_campaign, edit_campaign
from aicc.center.campaign_notices import check_campaign_deadlines
from aicc.center.campaigns import campaign_audit, list_campaigns, show_campaign
from aicc.core.times import utcnow
from aicc.store.campaign_tables import campaigns
from aicc.store.notification_tables import notification_events
from tests.center.test_campaigns import (
    ANALYST,
    READER,
    WITHOUT_VPN,
    _upload,
    _vpn_campaign,
    center,  # noqa: F401  (the fixture: two hospitals and a bank, each with the demo's appliances)
    store_url,  # noqa: F401  (the fixture: a copy of the sample store)
)


def _assigned(engine: Engine) -> list[tuple[str, dict[str, Any]]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(notification_events.c.organisation_id, notification_events.c.payload)
            .where(notification_events.c.kind == "campaign_assigned")
            .order_by(notification_events.c.created_at, notification_events.c.id)
        ).all()
    return [(org, dict(payload)) for org, payload in rows]


def test_a_new_due_date_and_scope_are_audited_told_and_shown(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    mercy, st_luke, bank = (str(center[k].organisation_id) for k in ("mercy", "st_luke", "bank"))
    made = _vpn_campaign(engine, sectors=["hospital"])
    before = len(_assigned(engine))
    new_due = utcnow().date() + timedelta(days=30)
    changed = edit_campaign(
        engine, ANALYST, made["id"], reason="banks run the same VPNs; vendor fix is late",
        due=new_due, sectors=["hospital", "bank"],
    )  # fmt: skip
    assert changed["due"] == new_due.isoformat()
    assert changed["scope"]["sectors"] == ["bank", "hospital"]
    assert sorted(e["organization"]["name"] for e in changed["entries"]) == [
        "Mercy Hospital", "Prairie Bank", "St Luke Hospital"
    ]  # fmt: skip
    told = _assigned(engine)[before:]
    by_org = {org: payload for org, payload in told}
    assert set(by_org) == {mercy, st_luke, bank}
    for hospital in (mercy, st_luke):  # assigned before: told what changed and why
        assert by_org[hospital]["changes"]["due"] == {
            "from": made["due"], "to": new_due.isoformat()
        }  # fmt: skip
        assert by_org[hospital]["changes"]["scope"] == {"changed": True}
        assert by_org[hospital]["reason"] == "banks run the same VPNs; vendor fix is late"
        assert by_org[hospital]["removed"] is False
    assert "changes" not in by_org[bank] and by_org[bank]["exposed_findings"] == 1  # assigned
    [edited] = [e for e in campaign_audit(engine, ANALYST, made["id"])["events"] if
                e["action"] == "edited"]  # fmt: skip
    assert edited["reason"] == "banks run the same VPNs; vendor fix is late"
    assert edited["detail"]["added"] == [bank] and edited["detail"]["removed"] == []
    assert edited["detail"]["changes"]["due"]["to"] == new_due.isoformat()
    board = campaign_progress(engine, ANALYST, made["id"])
    assert [s["sector"] for s in board["sectors"]] == ["bank", "hospital"]
    assert board["totals"]["organizations"] == 3

    narrowed = edit_campaign(
        engine, ANALYST, made["id"], reason="the bank is covered elsewhere", sectors=["hospital"],
        title="Fortinet VPNs (hospitals)",
    )  # fmt: skip
    assert narrowed["title"] == "Fortinet VPNs (hospitals)"
    last = {org: payload for org, payload in _assigned(engine)[before + 3 :]}
    assert last[bank]["removed"] is True and last[mercy]["removed"] is False
    assert last[mercy]["changes"]["title"]["to"] == "Fortinet VPNs (hospitals)"


def test_an_analyst_limited_to_a_sector_keeps_the_named_organisations_it_cannot_see(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    mercy, bank = (str(center[k].organisation_id) for k in ("mercy", "bank"))
    made = _vpn_campaign(engine, sectors=[], organizations=[mercy, bank])
    hospitals_only = Principal("tok_h", "analyst", agency="CISA", sectors=("hospital",))
    # the board's form lists only the organisations this analyst sees: Mercy, not the bank
    changed = edit_campaign(
        engine, hospitals_only, made["id"], reason="add St Luke",
        organizations=[mercy, str(center["st_luke"].organisation_id)],
    )  # fmt: skip
    assert bank in show_campaign(engine, ANALYST, made["id"])["scope"]["organisations"]
    assert "St Luke Hospital" in [e["organization"]["name"] for e in changed["entries"]]


def test_a_bad_edit_is_refused_by_name_and_changes_nothing(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    made = _vpn_campaign(engine)
    other = _vpn_campaign(engine, title="Other")
    told = len(_assigned(engine))
    today = utcnow().date()
    cases: list[tuple[type[Exception], str, dict[str, Any]]] = [
        (InvalidInput, "reason: ", {"reason": " ", "due": today}),
        (InvalidInput, "nothing changes", {"reason": "r", "due": today + timedelta(days=14)}),
        (InvalidInput, "before the campaign starts", {"reason": "r", "due": today - timedelta(1)}),
        (InvalidInput, "sectors: 'mars'", {"reason": "r", "sectors": ["mars"]}),
        (InvalidInput, "organizations: 'Nobody'", {"reason": "r", "organizations": ["Nobody"]}),
        (InvalidInput, "scope: name sectors", {"reason": "r", "sectors": []}),
        (Conflict, "'Other' exists already", {"reason": "r", "title": other["title"]}),
    ]  # fmt: skip
    for error, said, given in cases:
        with pytest.raises(error, match=said):
            edit_campaign(engine, ANALYST, made["id"], **given)
    after = show_campaign(engine, ANALYST, made["id"])
    assert (after["title"], after["due"], after["scope"]) == (
        made["title"], made["due"], made["scope"]
    )  # fmt: skip
    assert len(_assigned(engine)) == told  # nobody told of a refused change
    actions = [e["action"] for e in campaign_audit(engine, ANALYST, made["id"])["events"]]
    assert actions == ["created"]


def test_an_organisation_gets_not_found_and_a_reader_is_forbidden(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    made = _vpn_campaign(engine)
    with pytest.raises(NotFound):
        edit_campaign(engine, center["mercy"], made["id"], reason="r", title="Mine")
    with pytest.raises(NotFound):
        close_campaign(engine, center["mercy"], made["id"], reason="r")
    with pytest.raises(NotFound):
        close_campaign(engine, ANALYST, "cmp_nothing", reason="r")
    with pytest.raises(Forbidden):
        close_campaign(engine, READER, made["id"], reason="r")


def test_a_closed_campaign_keeps_its_final_numbers_and_sends_no_deadline_notice(
    engine: Engine,
    center: dict[str, Principal],  # noqa: F811
) -> None:
    due = utcnow().date() + timedelta(days=3)
    made = _vpn_campaign(engine, due=due)
    _upload(engine, center["st_luke"], WITHOUT_VPN)  # St Luke fixed it
    closed = close_campaign(engine, ANALYST, made["id"], reason="the vendor's fix is everywhere")
    final = closed["closed"]["final_counts"]
    assert (final["organizations"], final["fixed"], final["open"]) == (2, 1, 1)
    assert closed["closed"]["by"] == ANALYST.actor
    _upload(engine, center["mercy"], WITHOUT_VPN)  # fixed after closing: the final numbers stay
    board = campaign_progress(engine, ANALYST, made["id"], as_of=due + timedelta(days=10))
    assert board["closed"]["final_counts"] == final
    # no notice for a closed campaign, even long overdue
    assert check_campaign_deadlines(engine, due + timedelta(days=10))["queued"] == []
    # counted as of the closing day when no day is asked: nothing turns overdue after
    listed = {c["id"]: c for c in list_campaigns(engine, ANALYST)}
    assert listed[made["id"]]["closed"]["final_counts"] == final
    with pytest.raises(Conflict, match="was closed on"):
        close_campaign(engine, ANALYST, made["id"], reason="again")
    with pytest.raises(Conflict, match="was closed on"):
        edit_campaign(engine, ANALYST, made["id"], reason="later", title="New")
    mine = show_campaign(engine, center["mercy"], made["id"])
    assert mine["closed"]["by"] is None and mine["closed"]["final_counts"] == final
    with engine.connect() as conn:
        assert conn.execute(select(campaigns.c.closed_at)).scalar() is not None
    [event] = [e for e in campaign_audit(engine, ANALYST, made["id"])["events"] if
               e["action"] == "closed"]  # fmt: skip
    assert event["reason"] == "the vendor's fix is everywhere"
    assert event["detail"]["final"] == final
