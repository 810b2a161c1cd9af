"""A KEV or EPSS change re-decides the findings of the CVEs it names without matching anything
again (`aicc.center.recheck_plan.redecide_chunks`, `aicc.center.recheck_chunk`): the finding is
rebuilt from its stored record, its KEV entry and EPSS score read again, and it is decided from
its first sighting (or the KEV listing, when later) under its organisation's profile; the record
written is the one a full re-match of the same store gives.

The knowledge base is the shipped sample; the uploads are real requirements files dated before
the KEV listing (``now``), the KEV catalogue and the EPSS file are written as the feeds publish
them.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from aicc.center import Principal, change_state, create_organisation, upload_inventory
from aicc.center.notifications import describe
from aicc.center.recheck import plan_run, start_run
from aicc.center.recheck_chunk import run_chunk
from aicc.center.recheck_runner import InProcessRunner, recheck_now
from aicc.feeds.sample import sample_paths
from aicc.prioritize.profiles import load_profile
from aicc.store.center_tables import finding_events, findings, inventories
from aicc.store.importer import import_path
from aicc.store.notification_tables import notification_events
from aicc.store.recheck_tables import recheck_chunks, recheck_findings
from tests.support.recheck_feeds import changes, kev_catalogue

PORTAL = b"flask==2.2.2\njinja2==2.11.2\npyyaml==5.3\n"
WEB = b"requests==2.25.0\nurllib3==1.26.5\n"
FIRST_SEEN = datetime(2026, 11, 2, 9, 30)  # a month before the KEV listing (2026-12-01)
LISTED = date(2026, 12, 1)
REQUESTS_CVE = "CVE-2023-32681"  # requests 2.25.0, the bank's web server


def _center(engine: Engine) -> dict[str, Any]:
    for path in sample_paths():
        import_path(engine, path)
    made: dict[str, Any] = {}
    for name, sector, asset, content in (
        ("Mercy Hospital", "hospital", "portal", PORTAL),
        ("Prairie Bank", "bank", "web", WEB),
    ):
        organisation = create_organisation(engine, name=name, sector=sector)
        who = Principal(f"tok_{sector}", "admin", organisation_id=organisation["id"])
        upload = upload_inventory(
            engine, who, asset=asset, filename="requirements.txt", content=content, now=FIRST_SEEN
        )
        made[asset] = upload["id"]
        made[sector] = who
        made[f"{sector}_profile"] = organisation["profile"]
    return made


def _finding(engine: Engine, inventory_id: str, vulnerability: str) -> dict[str, Any]:
    with engine.connect() as conn:
        asset = select(inventories.c.asset_id).where(inventories.c.id == inventory_id)
        query = select(findings).where(
            findings.c.asset_id == asset.scalar_subquery(),
            findings.c.vulnerability_id == vulnerability,
        )
        return dict(conn.execute(query).mappings().one())


def _snapshot(engine: Engine) -> tuple[list[Any], int]:
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(select(findings).order_by(findings.c.id))]
        events = conn.execute(select(func.count()).select_from(finding_events)).scalar_one()
    return rows, events


def _chunks(engine: Engine, run_id: str) -> list[Any]:
    with engine.connect() as conn:
        query = select(recheck_chunks.c.work).where(recheck_chunks.c.run_id == run_id)
        return list(conn.execute(query.order_by(recheck_chunks.c.seq)).scalars())


def _full_recheck_changes_nothing(engine: Engine) -> None:
    """A full re-match of the same store gives the records the re-decide wrote."""
    before = _snapshot(engine)
    [full] = recheck_now(engine, InProcessRunner(engine), trigger="manual", full=True)
    assert full["state"] == "done" and full["components"] == 5
    assert full["findings"] == {"new": 0, "closed": 0, "again": 0, "redecided": 0}
    assert _snapshot(engine) == before


def test_a_kev_addition_redecides_the_finding_and_rematches_nothing(
    engine: Engine, tmp_path: Path
) -> None:
    center = _center(engine)
    before = _finding(engine, center["web"], REQUESTS_CVE)
    assert not before["kev"] and before["record"]["evidence"]["exploitation"]["value"] == "none"
    change_state(engine, center["bank"], before["id"], state="exploitable", reason="reachable")
    untouched = _finding(engine, center["portal"], "CVE-2023-30861")

    import_path(engine, kev_catalogue(tmp_path, REQUESTS_CVE))
    [run] = recheck_now(engine, InProcessRunner(engine))

    assert run["state"] == "done" and run["changes"] == {"kev": {"added": 1}}
    # nothing re-matched: one chunk re-decides the one finding the listing names
    assert (run["inventories"], run["components"]) == (0, 0)
    assert run["progress"] == {"chunks_done": 1, "chunks_total": 1}
    [work] = _chunks(engine, run["id"])
    assert work == [{"inventory": center["web"], "findings": [before["id"]]}]
    # a decision changed, no finding is new: it is re-decided, and newly exploited (the bank
    # had it before its CVE joined KEV), and the bank is told so
    assert run["findings"] == {"new": 0, "closed": 0, "again": 0, "redecided": 1}
    assert (run["new_exploited"], run["new_exploited_vulnerabilities"]) == (1, [REQUESTS_CVE])
    rf = recheck_findings
    with engine.connect() as conn:
        logged = conn.execute(
            select(rf.c.finding_id, rf.c.change, rf.c.kev, rf.c.joined_kev, rf.c.reason)
        ).all()
        told = conn.execute(
            select(notification_events.c.organisation_id, notification_events.c.payload).where(
                notification_events.c.kind == "new_kev_finding"
            )
        ).all()
    [(finding_id, change, kev, joined, reason)] = logged
    assert (finding_id, change, kev, joined) == (before["id"], "redecided", True, True)
    assert reason.endswith(f"{REQUESTS_CVE} joined CISA's KEV catalogue")
    [(organisation, payload)] = told
    assert organisation == center["bank"].organisation_id
    assert payload["finding_id"] == before["id"] and payload["joined_kev"] is True
    assert describe("new_kev_finding", payload).startswith(
        f"{REQUESTS_CVE} in requests 2.25.0 on asset web is now known exploited (added to CISA KEV)"
    )

    after = _finding(engine, center["web"], REQUESTS_CVE)
    assert (after["id"], after["state"], after["present"]) == (before["id"], "exploitable", True)
    assert after["first_seen"] == before["first_seen"] and after["key"] == before["key"]
    assert after["kev"] and after["record"]["kev"]["cve_id"] == REQUESTS_CVE
    evidence = after["record"]["evidence"]
    assert evidence["in_kev"] and evidence["exploitation"]["value"] == "active"
    assert after["priority"] < before["priority"]  # active exploitation: more urgent
    # the deadlines count from the listing, a month after the first sighting
    profile = load_profile(center["bank_profile"])
    decisions = after["record"]["decisions"]
    dues = [profile.due(d["table"], d["outcome"], LISTED) for d in decisions]
    assert [d["due"] for d in decisions] == [d.isoformat() if d else None for d in dues]
    assert after["due"] == min(d for d in dues if d is not None)
    assert after["due"] != before["due"]
    # the rest of the record is the one the upload stored
    kept = ("id", "aliases", "summary", "component", "cvss", "advisories", "match", "epss")
    assert {k: after["record"][k] for k in kept} == {k: before["record"][k] for k in kept}
    assert _finding(engine, center["portal"], "CVE-2023-30861") == untouched

    # run twice: nothing changes
    snapshot = _snapshot(engine)
    assert run_chunk(engine, run["id"], 0) == {
        "inventories": 0,
        "components": 0,
        "superseded": 0,
        "new": 0,
        "closed": 0,
        "again": 0,
        "redecided": 1,
        "new_exploited": 1,
    }
    import_path(engine, kev_catalogue(tmp_path, REQUESTS_CVE))
    assert start_run(engine) is None
    assert _snapshot(engine) == snapshot
    _full_recheck_changes_nothing(engine)


def test_an_epss_change_redecides_without_rematching(engine: Engine, tmp_path: Path) -> None:
    center = _center(engine)
    daily = tmp_path / "epss_scores-2026-12-01.csv"
    daily.write_text(
        "#model_version:v2025.03.14,score_date:2026-12-01T00:00:00+0000\n"
        "cve,epss,percentile\n"
        f"{REQUESTS_CVE},0.61234,0.97801\n"
    )
    import_path(engine, daily)
    [run] = recheck_now(engine, InProcessRunner(engine))
    assert run["changes"] == {"epss": {"added": 1}}
    assert (run["inventories"], run["components"], run["progress"]["chunks_total"]) == (0, 0, 1)
    # the score is part of the record, not of a decision: written, not counted
    assert run["findings"] == {"new": 0, "closed": 0, "again": 0, "redecided": 0}
    requests = _finding(engine, center["web"], REQUESTS_CVE)
    assert requests["record"]["epss"] == {
        "score": 0.61234,
        "percentile": 0.97801,
        "model_version": "v2025.03.14",
        "date": "2026-12-01T00:00:00Z",
    }
    assert requests["record"]["evidence"]["in_kev"] is False
    _full_recheck_changes_nothing(engine)


def test_a_finding_whose_component_is_rematched_is_not_redecided_too(
    engine: Engine, tmp_path: Path
) -> None:
    center = _center(engine)
    osv, _kev = changes(tmp_path)  # among them a new advisory for flask
    import_path(engine, osv)
    listing = tmp_path / "kev"
    listing.mkdir()
    import_path(engine, kev_catalogue(listing, "CVE-2023-30861", REQUESTS_CVE))  # flask, requests
    [run] = recheck_now(engine, InProcessRunner(engine))
    *rematched, redecided = _chunks(engine, run["id"])
    names = {item["inventory"]: sorted(item["names"]) for work in rematched for item in work}
    assert names == {center["portal"]: ["flask", "jinja2", "pyyaml"]}
    requests = _finding(engine, center["web"], REQUESTS_CVE)
    assert redecided == [{"inventory": center["web"], "findings": [requests["id"]]}]
    # both decided with their listing, each once
    flask = _finding(engine, center["portal"], "CVE-2023-30861")
    assert flask["kev"] and requests["kev"]
    assert run["findings"] == {"new": 1, "closed": 2, "again": 0, "redecided": 2}
    _full_recheck_changes_nothing(engine)


def test_a_finding_closed_or_uploaded_again_meanwhile_is_left_alone(
    engine: Engine, tmp_path: Path
) -> None:
    center = _center(engine)
    import_path(engine, kev_catalogue(tmp_path, REQUESTS_CVE, "CVE-2023-30861"))  # and flask's
    run_id = start_run(engine)
    assert run_id is not None and plan_run(engine, run_id) == 1
    [work] = _chunks(engine, run_id)
    assert {item["inventory"] for item in work} == {center["portal"], center["web"]}
    # before the chunk runs: the portal is uploaded again (that upload decides its findings
    # with the listing) and the web finding is closed (as another run would close it)
    upload_inventory(
        engine,
        center["hospital"],
        asset="portal",
        filename="requirements.txt",
        content=PORTAL,
        now=datetime(2026, 12, 2, 8, 0),
    )
    assert _finding(engine, center["portal"], "CVE-2023-30861")["kev"]
    requests = _finding(engine, center["web"], REQUESTS_CVE)
    with engine.begin() as conn:
        conn.execute(findings.update().where(findings.c.id == requests["id"]).values(present=False))
    before = _snapshot(engine)
    counts = run_chunk(engine, run_id, 0)
    assert counts["superseded"] == 1
    assert (counts["redecided"], counts["again"], counts["new"]) == (0, 0, 0)
    assert _snapshot(engine) == before  # nothing reopened, nothing decided twice
