"""Remediation campaigns (`aicc.center.campaigns`): who is exposed, fixed by a re-scan or by an
accepted VEX claim, overdue from the date, the organisations' own updates and the audit trail.

Real uploads through the pipeline over the shipped sample knowledge base (its KEV catalogue
holds Fortinet's FortiOS CVE-2024-21762, which the demo hospital's VPN gateway runs).
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from aicc.center import Forbidden, InvalidInput, NotFound, Principal, change_state
from aicc.center.campaign_board import burn_down, campaign_progress
from aicc.center.campaign_status import CampaignFinding, Entry
from aicc.center.campaigns import (
    campaign_audit,
    campaign_deadlines,
    create_campaign,
    decide_claim,
    list_campaigns,
    show_campaign,
    update_entry,
)
from aicc.center.inventories import upload_inventory
from aicc.center.organisations import create_organisation
from aicc.core.times import utcnow
from aicc.store.campaign_tables import campaign_events, campaigns
from aicc.store.center_tables import findings

APPLIANCES = (
    Path(__file__).resolve().parents[2] / "src/aicc/data/demo/rural-hospital/appliances.csv"
).read_bytes()
WITHOUT_VPN = b"\n".join(line for line in APPLIANCES.splitlines() if b"FortiOS" not in line)
ANALYST = Principal("tok_c", "analyst", agency="CISA")
READER = Principal("tok_r", "read-only", agency="CISA")
FORTIOS = "CVE-2024-21762"


def _org(engine: Engine, name: str, sector: str, region: str) -> Principal:
    made = create_organisation(engine, name=name, sector=sector, region=region)
    return Principal(
        f"tok_{name[:4].lower()}", "member", organisation_id=made["id"], organisation_name=name
    )


def _upload(engine: Engine, who: Principal, content: bytes = APPLIANCES) -> dict[str, Any]:
    return upload_inventory(engine, who, asset="edge", filename="appliances.csv", content=content)


@pytest.fixture
def store_url(sample_store_url: str) -> str:
    """Every test here starts from the sample knowledge base (a copy of one imported once)."""
    return sample_store_url


@pytest.fixture
def center(engine: Engine) -> dict[str, Principal]:
    """Two hospitals (Iowa, Ohio) and a bank, each running the demo's appliances."""
    found = {
        "mercy": _org(engine, "Mercy Hospital", "hospital", "Iowa"),
        "st_luke": _org(engine, "St Luke Hospital", "hospital", "Ohio"),
        "bank": _org(engine, "Prairie Bank", "bank", "Iowa"),
    }
    for who in found.values():
        _upload(engine, who)
    return found


def _vpn_campaign(engine: Engine, **changes: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": "Fortinet VPNs",
        "kev": {"vendor": "fortinet"},
        "sectors": ["hospital"],
        "due": utcnow().date() + timedelta(days=14),
    }
    return create_campaign(engine, ANALYST, **(values | changes))


def _names(shown: dict[str, Any]) -> list[str]:
    return [e["organization"]["name"] for e in shown["entries"]]


def test_a_kev_filter_and_a_sector_give_the_exposed_organisations_and_assets(
    engine: Engine, center: dict[str, Principal]
) -> None:
    made = _vpn_campaign(engine)
    # the filter chose Fortinet's KEV entries of the sample catalogue, the findings FortiOS
    assert made["vulnerabilities"] == [
        "CVE-2022-40684", "CVE-2023-27997", "CVE-2023-48788", FORTIOS
    ]  # fmt: skip
    assert _names(made) == ["Mercy Hospital", "St Luke Hospital"]  # not the bank
    for entry in made["entries"]:
        assert entry["status"] == "open"
        assert [a["name"] for a in entry["assets"]] == ["edge"]
        assert [f["vulnerability"] for f in entry["findings"]] == [FORTIOS]
    assert made["counts"]["organizations"] == 2 and made["counts"]["open_findings"] == 2
    by_region = create_campaign(
        engine,
        ANALYST,
        title="Iowa",
        vulnerabilities=[FORTIOS],
        regions=["Iowa"],
        due=date(2027, 1, 1),
    )
    assert _names(by_region) == ["Mercy Hospital", "Prairie Bank"]
    named = create_campaign(
        engine,
        ANALYST,
        title="One bank",
        vulnerabilities=["cve-2024-21762"],
        organizations=["Prairie Bank"],
        due=date(2027, 1, 1),
    )
    assert named["vulnerabilities"] == [FORTIOS] and _names(named) == ["Prairie Bank"]


def test_a_rescan_without_the_component_fixes_the_entry(
    engine: Engine, center: dict[str, Principal]
) -> None:
    made = _vpn_campaign(engine)
    _upload(engine, center["mercy"], WITHOUT_VPN)
    shown = show_campaign(engine, ANALYST, made["id"])
    mercy, st_luke = shown["entries"]
    assert mercy["status"] == "fixed" and mercy["fixed_on"] == utcnow().date().isoformat()
    assert mercy["findings"][0]["fixed"] == "gone" and not mercy["findings"][0]["present"]
    assert st_luke["status"] == "open"
    assert shown["counts"]["fixed"] == 1 and shown["counts"]["open_findings"] == 1
    # the VPN is back in the next inventory: not fixed any more
    _upload(engine, center["mercy"])
    assert show_campaign(engine, ANALYST, made["id"])["entries"][0]["status"] == "open"


def test_overdue_comes_from_the_date_and_the_deadlines_say_what_changed(
    engine: Engine, center: dict[str, Principal]
) -> None:
    due = utcnow().date() + timedelta(days=14)
    made = _vpn_campaign(engine, due=due)
    update_entry(
        engine, center["mercy"], made["id"], progress="in_progress", reason="change booked"
    )
    late = show_campaign(engine, ANALYST, made["id"], as_of=due + timedelta(days=3))
    assert [(e["status"], e["progress"], e["days_late"]) for e in late["entries"]] == [
        ("overdue", "in_progress", 3),
        ("overdue", "open", 3),
    ]
    board = campaign_progress(engine, ANALYST, made["id"], as_of=due + timedelta(days=3))
    assert [e["organization"]["name"] for e in board["late"]] == [
        "Mercy Hospital",
        "St Luke Hospital",
    ]
    assert board["totals"]["overdue"] == 2
    assert campaign_deadlines(
        engine, since=due - timedelta(days=8), until=due - timedelta(days=6)
    ) == [
        {
            "kind": "due_soon",
            "on": (due - timedelta(days=7)).isoformat(),
            "campaign": {"id": made["id"], "title": "Fortinet VPNs"},
            "organization": {"id": e["organization"]["id"], "name": e["organization"]["name"]},
            "due": due.isoformat(),
            "open_findings": 1,
        }
        for e in made["entries"]
    ]
    _upload(engine, center["st_luke"], WITHOUT_VPN)  # fixed: no longer news
    overdue = campaign_deadlines(engine, since=due, until=due + timedelta(days=1))
    assert [(o["kind"], o["organization"]["name"]) for o in overdue] == [
        ("overdue", "Mercy Hospital")
    ]
    assert (
        campaign_deadlines(engine, since=due + timedelta(days=1), until=due + timedelta(days=9))
        == []
    )


def test_bod_26_04_deadlines_follow_each_findings_timeline(
    engine: Engine, center: dict[str, Principal]
) -> None:
    start = utcnow().date()
    made = _vpn_campaign(engine, due=None, bod_26_04=True, starts=start)
    assert made["due"] is None and made["due_kind"] == "bod-26-04"
    for entry in made["entries"]:
        # FortiOS CVE-2024-21762: in KEV, on an internet-facing VPN gateway: 3 days
        assert entry["due"] == (start + timedelta(days=3)).isoformat()
    assert made["problems"] == []


def test_a_not_affected_claim_counts_once_an_analyst_accepts_it(
    engine: Engine, center: dict[str, Principal]
) -> None:
    made = _vpn_campaign(engine)
    finding = made["entries"][0]["findings"][0]["id"]
    mercy = center["mercy"]
    change_state(
        engine,
        mercy,
        finding,
        state="not_affected",
        reason="SSL-VPN is disabled on this gateway",
        justification="vulnerable_code_not_in_execute_path",
    )
    pending = show_campaign(engine, mercy, made["id"])["entries"][0]
    assert pending["status"] == "open" and pending["pending_claims"] == 1
    with pytest.raises(Forbidden):
        decide_claim(engine, mercy, made["id"], finding, decision="accepted", reason="mine")
    accepted = decide_claim(
        engine, ANALYST, made["id"], finding, decision="accepted", reason="config export checked"
    )
    entry = accepted["entries"][0]
    assert entry["status"] == "fixed" and entry["findings"][0]["fixed"] == "vex_accepted"
    assert entry["findings"][0]["claim"]["decided_by"] == ANALYST.actor
    # a different claim is a new one: the acceptance does not carry over
    change_state(
        engine,
        mercy,
        finding,
        state="not_affected",
        reason="now the component is said absent",
        justification="component_not_present",
    )
    again = show_campaign(engine, ANALYST, made["id"])["entries"][0]
    assert again["status"] == "open" and again["findings"][0]["claim"]["decision"] is None
    other = made["entries"][1]["findings"][0]["id"]
    with pytest.raises(InvalidInput, match="no VEX claim"):
        decide_claim(engine, ANALYST, made["id"], other, decision="accepted", reason="x")


def test_organisations_update_only_their_own_entry_and_everything_is_audited(
    engine: Engine, center: dict[str, Principal]
) -> None:
    made = _vpn_campaign(engine, description="every hospital patches FortiOS")
    mercy, bank = center["mercy"], center["bank"]
    shown = update_entry(
        engine, mercy, made["id"], progress="acknowledged", reason="seen, planning"
    )
    [entry] = shown["entries"]  # an organisation sees its own entry only
    assert entry["organization"]["name"] == "Mercy Hospital"
    assert (entry["status"], entry["note"], entry["updated_by"]) == (
        "acknowledged",
        "seen, planning",
        mercy.actor,
    )
    assert shown["created_by"] is None  # the center's people are not named to organisations
    with pytest.raises(Forbidden):
        update_entry(engine, ANALYST, made["id"], progress="acknowledged", reason="for them")
    with pytest.raises(NotFound):  # the bank is outside the scope: the campaign is not there
        update_entry(engine, bank, made["id"], progress="acknowledged", reason="x")
    with pytest.raises(NotFound):
        show_campaign(engine, bank, made["id"])
    with pytest.raises(NotFound):
        update_entry(
            engine,
            mercy,
            made["id"],
            progress="acknowledged",
            reason="x",
            organisation="Prairie Bank",
        )
    with pytest.raises(InvalidInput, match=r"status: 'fixed' .*re-scan"):
        update_entry(engine, mercy, made["id"], progress="fixed", reason="done")
    with pytest.raises(InvalidInput, match="reason"):
        update_entry(engine, mercy, made["id"], progress="in_progress", reason=" ")
    update_entry(engine, center["st_luke"], made["id"], progress="in_progress", reason="patching")
    audit = campaign_audit(engine, ANALYST, made["id"])["events"]
    assert [(e["action"], e["reason"]) for e in audit] == [
        ("created", "every hospital patches FortiOS"),
        ("acknowledged", "seen, planning"),
        ("in_progress", "patching"),
    ]
    assert audit[0]["actor"] == ANALYST.actor and audit[1]["actor"] == mercy.actor
    assert audit[1]["detail"] == {"from": "open", "to": "acknowledged"}
    own = campaign_audit(engine, mercy, made["id"])["events"]
    assert [(e["action"], e["actor"]) for e in own] == [
        ("created", "the center"),
        ("acknowledged", mercy.actor),
    ]  # never St Luke's update
    assert [c["title"] for c in list_campaigns(engine, bank)] == []
    [listed] = list_campaigns(engine, mercy)
    assert listed["status"] == "acknowledged" and listed["counts"]["organizations"] == 1
    assert list_campaigns(engine, READER)[0]["counts"]["organizations"] == 2


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"sectors": []}, "scope"),
        ({"sectors": ["hospitals"]}, "sectors"),
        ({"organizations": ["Nobody Clinic"]}, "organizations"),
        ({"kev": {"vendor": "no such vendor"}}, "kev"),
        ({"kev": {"vendor": "fortinet", "added_from": "2024-13-01"}}, "kev.added_from"),
        ({"kev": {"colour": "red"}}, "kev.colour"),
        ({"kev": None}, "vulnerabilities"),
        ({"kev": None, "vulnerabilities": ["CVE 2024 1"]}, r"vulnerabilities\[0\]"),
        ({"bod_26_04": True}, "due"),
        ({"due": None}, "due"),
        ({"due": date(2020, 1, 1)}, "due"),
        ({"title": " "}, "title"),
    ],
)
def test_bad_definitions_name_the_field_and_store_nothing(
    engine: Engine, center: dict[str, Principal], changes: dict[str, Any], field: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"^{field}:"):
        _vpn_campaign(engine, **changes)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(campaigns)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(campaign_events)).scalar() == 0


def test_only_the_centers_admins_and_analysts_make_campaigns(
    engine: Engine, center: dict[str, Principal]
) -> None:
    with pytest.raises(Forbidden):
        create_campaign(
            engine,
            READER,
            title="x",
            vulnerabilities=[FORTIOS],
            sectors=["bank"],
            due=date(2027, 1, 1),
        )
    with pytest.raises(Forbidden):
        create_campaign(
            engine,
            center["mercy"],
            title="x",
            vulnerabilities=[FORTIOS],
            sectors=["bank"],
            due=date(2027, 1, 1),
        )
    with pytest.raises(Forbidden):
        campaign_progress(engine, center["mercy"], _vpn_campaign(engine)["id"])


def _found(first_seen: date, fixed_at: date | None) -> CampaignFinding:
    return CampaignFinding(
        id="fnd_1",
        vulnerability=FORTIOS,
        asset_id="ast_1",
        asset="edge",
        state="in_triage",
        present=fixed_at is None,
        first_seen=datetime.combine(first_seen, datetime.min.time()),
        fixed="gone" if fixed_at else None,
        fixed_at=datetime.combine(fixed_at, datetime.min.time()) if fixed_at else None,
        due=None,
        claim=None,
    )


def test_the_burn_down_counts_what_is_open_at_the_end_of_each_day() -> None:
    start = date(2026, 12, 1)
    entry = Entry("org_1", "Mercy", "hospital", "Iowa")
    entry.findings = [
        _found(date(2026, 11, 1), date(2026, 12, 3)),  # there before the start, fixed on day 3
        _found(date(2026, 11, 1), None),
        _found(date(2026, 12, 2), date(2026, 12, 2)),  # found and fixed the same day
        _found(date(2026, 12, 4), None),  # found later
    ]
    assert [(p["day"][-2:], p["open"]) for p in burn_down([entry], start, date(2026, 12, 5))] == [
        ("01", 2),
        ("02", 2),
        ("03", 1),
        ("04", 2),
        ("05", 2),
    ]
    long = burn_down([entry], start, start + timedelta(days=400))
    assert len(long) <= 120 and long[-1]["day"] == (start + timedelta(days=400)).isoformat()


def test_a_center_caller_limited_to_sectors_sees_only_their_entries(
    engine: Engine, center: dict[str, Principal]
) -> None:
    made = create_campaign(
        engine,
        ANALYST,
        title="Iowa",
        vulnerabilities=[FORTIOS],
        regions=["Iowa"],
        due=date(2027, 1, 1),
    )
    banks = Principal("tok_b", "analyst", agency="Treasury", sectors=("bank",))
    shown = show_campaign(engine, banks, made["id"])
    assert _names(shown) == ["Prairie Bank"] and shown["counts"]["organizations"] == 1
    board = campaign_progress(engine, banks, made["id"])
    assert [s["sector"] for s in board["sectors"]] == ["bank"]
    update_entry(engine, center["mercy"], made["id"], progress="acknowledged", reason="seen")
    audit = campaign_audit(engine, banks, made["id"])["events"]
    assert [e["action"] for e in audit] == ["created"]  # not Mercy Hospital's update


def test_a_finding_without_a_bod_decision_is_named_not_dropped(
    engine: Engine, center: dict[str, Principal]
) -> None:
    with engine.begin() as conn:
        row = conn.execute(
            select(findings.c.id, findings.c.record).where(
                findings.c.vulnerability_id == FORTIOS,
                findings.c.organisation_id == center["mercy"].organisation_id,
            )
        ).one()
        undecided = {k: v for k, v in row.record.items() if k != "decisions"}
        conn.execute(findings.update().where(findings.c.id == row.id).values(record=undecided))
    made = _vpn_campaign(engine, due=None, bod_26_04=True)
    mercy = made["entries"][0]
    assert mercy["due"] is None and mercy["status"] == "open"  # never overdue, but listed
    assert made["problems"] == [
        {
            "organization": center["mercy"].organisation_id,
            "finding": row.id,
            "reason": "no BOD 26-04 decision is stored for this finding (it was not decided)",
        }
    ]
    assert made["entries"][1]["due"] is not None  # St Luke's finding has its timeline


def test_named_organisations_are_told_only_to_those_who_may_see_them(
    engine: Engine, center: dict[str, Principal]
) -> None:
    bank, mercy = center["bank"], center["mercy"]
    made = create_campaign(
        engine,
        ANALYST,
        title="Named",
        vulnerabilities=[FORTIOS],
        organizations=["Prairie Bank", "Mercy Hospital"],
        due=date(2027, 1, 1),
    )
    everyone = [bank.organisation_id, mercy.organisation_id]
    assert made["scope"]["organisations"] == everyone
    hospitals = Principal("tok_h", "analyst", agency="HHS", sectors=("hospital",))
    assert show_campaign(engine, hospitals, made["id"])["scope"]["organisations"] == [
        mercy.organisation_id
    ]
    assert campaign_progress(engine, hospitals, made["id"])["scope"]["organisations"] == [
        mercy.organisation_id
    ]
    assert show_campaign(engine, bank, made["id"])["scope"]["organisations"] == [
        bank.organisation_id
    ]
    [listed] = list_campaigns(engine, mercy)
    assert listed["scope"]["organisations"] == [mercy.organisation_id]
