"""The re-check after feed updates (`aicc.center.recheck`): a changed knowledge base re-matches
exactly the stored components it can touch, with the upload's own pipeline, and upserts the
findings, keeping their triage.

The knowledge base is the shipped sample; the changes are real OSV records and a KEV catalogue
written as the feeds publish them: a new advisory (its CVE in KEV) for a package one
organisation runs, a narrowed range, a withdrawn advisory and a KEV addition.
"""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, func, select

from aicc.center import (
    Principal,
    change_state,
    create_organisation,
    recheck_chunk,
    upload_inventory,
)
from aicc.center.recheck import plan_run, start_run
from aicc.center.recheck_chunk import run_chunk
from aicc.center.recheck_runner import InProcessRunner, recheck_now
from aicc.center.recheck_views import get_run
from aicc.feeds.sample import SAMPLE, sample_paths
from aicc.prioritize.profiles import PROFILES
from aicc.store.center_tables import finding_events, findings, inventories
from aicc.store.importer import import_path
from aicc.store.notification_tables import notification_events
from aicc.store.recheck_tables import knowledge_changes, recheck_chunks, recheck_findings
from tests.support.recheck_feeds import changes, sample_osv, write_osv

PORTAL = b"flask==2.2.2\njinja2==2.11.2\npyyaml==5.3\n"
BILLING = b"django==4.2.10\n"
WEB = b"requests==2.25.0\nurllib3==1.26.5\n"
ANALYST = Principal("tok_c", "analyst", agency="CISA")


def _organisation(engine: Engine, name: str, sector: str) -> Principal:
    made = create_organisation(engine, name=name, sector=sector)
    return Principal(f"tok_{sector}", "admin", organisation_id=made["id"], organisation_name=name)


def _upload(engine: Engine, who: Principal, asset: str, content: bytes) -> str:
    done = upload_inventory(engine, who, asset=asset, filename="requirements.txt", content=content)
    return str(done["id"])


def _center(engine: Engine) -> dict[str, Any]:
    for path in sample_paths():
        import_path(engine, path)
    mercy = _organisation(engine, "Mercy Hospital", "hospital")
    bank = _organisation(engine, "Prairie Bank", "bank")
    return {
        "mercy": mercy,
        "bank": bank,
        "portal": _upload(engine, mercy, "portal", PORTAL),
        "billing": _upload(engine, mercy, "billing", BILLING),
        "web": _upload(engine, bank, "web", WEB),
    }


def _finding(engine: Engine, asset_inventory: str, vulnerability: str) -> dict[str, Any]:
    with engine.connect() as conn:
        asset = select(inventories.c.asset_id).where(inventories.c.id == asset_inventory)
        row = (
            conn.execute(
                select(findings).where(
                    findings.c.asset_id == asset.scalar_subquery(),
                    findings.c.vulnerability_id == vulnerability,
                )
            )
            .mappings()
            .one()
        )
    return dict(row)


def _events(engine: Engine, finding_id: str) -> list[tuple[str | None, str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(finding_events.c.from_state, finding_events.c.to_state, finding_events.c.reason)
            .where(finding_events.c.finding_id == finding_id)
            .order_by(finding_events.c.id)
        )
        return [(r[0], r[1], r[2]) for r in rows]


def _snapshot(engine: Engine) -> tuple[list[Any], int]:
    with engine.connect() as conn:
        rows = [tuple(r) for r in conn.execute(select(findings).order_by(findings.c.id))]
        events = conn.execute(select(func.count()).select_from(finding_events)).scalar_one()
    return rows, events


def test_a_feed_update_rematches_only_what_it_touches(engine: Engine, tmp_path: Path) -> None:
    center = _center(engine)
    flask = _finding(engine, center["portal"], "CVE-2023-30861")
    jinja = _finding(engine, center["portal"], "CVE-2020-28493")
    for finding in (flask, jinja):
        change_state(
            engine, center["mercy"], finding["id"], state="exploitable", reason="reachable"
        )
    flask_trail = _events(engine, flask["id"])
    billing_before = _finding(engine, center["billing"], "CVE-2024-45230")
    requests_before = _finding(engine, center["web"], "CVE-2023-32681")
    assert not requests_before["kev"]

    osv, kev = changes(tmp_path)
    import_path(engine, osv)
    import_path(engine, kev)
    with engine.connect() as conn:
        logged = conn.execute(
            select(knowledge_changes.c.source, knowledge_changes.c.key, knowledge_changes.c.change)
            .where(knowledge_changes.c.run_id.is_(None))
            .order_by(knowledge_changes.c.source, knowledge_changes.c.key)
        ).all()
    # the KEV change kept is the one a stored finding names; the new CVE has no finding yet
    assert [tuple(r) for r in logged] == [
        ("kev", "CVE-2023-32681", "added"),
        ("osv", "PYSEC-2020-96", "updated"),
        ("osv", "PYSEC-2021-66", "updated"),
        ("osv", "PYSEC-2026-1", "added"),
    ]

    [run] = recheck_now(engine, InProcessRunner(engine))
    assert run["state"] == "done" and run["trigger"] == "import"
    assert run["changes"] == {"kev": {"added": 1}, "osv": {"added": 1, "updated": 2}}
    assert run["findings"] == {"new": 1, "closed": 2, "again": 0, "redecided": 1}
    # new and in KEV, or found before and now in KEV: both newly exploited
    assert run["new_exploited"] == 2
    assert run["new_exploited_vulnerabilities"] == ["CVE-2023-32681", "CVE-2026-0001"]
    # the KEV addition re-matches nothing: a chunk of its own re-decides the finding it names
    assert (run["inventories"], run["components"]) == (1, 3)
    assert run["progress"] == {"chunks_done": 2, "chunks_total": 2}
    with engine.connect() as conn:
        items, redecided = conn.execute(
            select(recheck_chunks.c.work).order_by(recheck_chunks.c.seq)
        ).scalars()
    rematched = {item["inventory"]: sorted(item["names"]) for item in items}
    assert rematched == {center["portal"]: ["flask", "jinja2", "pyyaml"]}
    assert redecided == [{"inventory": center["web"], "findings": [requests_before["id"]]}]

    new = _finding(engine, center["portal"], "CVE-2026-0001")
    assert (new["state"], new["present"], new["kev"]) == ("in_triage", True, True)
    with engine.connect() as conn:  # the organisations are told, as after an upload
        told = conn.execute(
            select(notification_events.c.organisation_id, notification_events.c.payload)
            .where(notification_events.c.kind == "new_kev_finding")
            .order_by(notification_events.c.id)
        ).all()
    assert sorted(
        (o, p["vulnerability_id"], p.get("joined_kev", False)) for o, p in told
    ) == sorted(
        [
            (center["mercy"].organisation_id, "CVE-2026-0001", False),
            (center["bank"].organisation_id, "CVE-2023-32681", True),  # found before
        ]
    )
    closed = _finding(engine, center["portal"], "CVE-2020-28493")
    assert (closed["state"], closed["present"]) == ("exploitable", False)
    assert _events(engine, closed["id"])[-1] == (
        "exploitable",
        "exploitable",
        f"closed by re-check {run['id']}: PYSEC-2021-66 was withdrawn on 2026-12-01",
    )
    narrowed = _finding(engine, center["portal"], "CVE-2020-1747")
    assert not narrowed["present"]
    assert "no longer lists pyyaml 5.3 as affected" in _events(engine, narrowed["id"])[-1][2]
    assert _finding(engine, center["portal"], "CVE-2020-14343")["present"]
    kept = _finding(engine, center["portal"], "CVE-2023-30861")
    assert kept["state"] == "exploitable"
    assert _events(engine, kept["id"]) == flask_trail  # re-matched, nothing new to say
    redecided = _finding(engine, center["web"], "CVE-2023-32681")
    assert redecided["kev"] and redecided["id"] == requests_before["id"]
    assert redecided["record"]["kev"]["cve_id"] == "CVE-2023-32681"
    assert _finding(engine, center["billing"], "CVE-2024-45230") == billing_before

    # idempotent: a chunk run again, the same files imported again, a full re-check
    before = _snapshot(engine)
    assert run_chunk(engine, run["id"], 0)["new"] == 1
    assert run_chunk(engine, run["id"], 1)["redecided"] == 1
    import_path(engine, osv)
    import_path(engine, kev)
    assert start_run(engine) is None
    [full] = recheck_now(engine, InProcessRunner(engine), trigger="manual", full=True)
    assert full["findings"] == {"new": 0, "closed": 0, "again": 0, "redecided": 0}
    assert (full["inventories"], full["components"]) == (3, 6)
    assert _snapshot(engine) == before

    # the withdrawal is taken back: the finding comes back with its whole history
    back = sample_osv("PYSEC-2021-66")
    back["modified"] = "2026-12-02T00:00:00Z"
    again = tmp_path / "again"
    again.mkdir()
    write_osv(again, back)
    import_path(engine, again)
    [third] = recheck_now(engine, InProcessRunner(engine))
    assert third["findings"] == {"new": 0, "closed": 0, "again": 1, "redecided": 0}
    returned = _finding(engine, center["portal"], "CVE-2020-28493")
    assert (returned["id"], returned["state"], returned["present"]) == (
        jinja["id"],
        "exploitable",
        True,
    )
    trail = _events(engine, jinja["id"])
    assert [e[1] for e in trail] == ["in_triage", "exploitable", "exploitable", "exploitable"]
    assert trail[-1][2].startswith(f"found again in re-check {third['id']}")
    with engine.connect() as conn:
        changed = conn.execute(
            select(recheck_findings.c.change).where(recheck_findings.c.run_id == third["id"])
        ).scalars()
        assert list(changed) == ["again"]
    assert get_run(engine, ANALYST, third["id"])["state"] == "done"


def test_a_feed_update_finds_its_packages_however_the_file_spells_them(
    engine: Engine, tmp_path: Path
) -> None:
    """PEP 503 takes Flask, Jinja2 and PyYAML for flask, jinja2 and pyyaml: the incremental plan
    (picked by the store on PostgreSQL) re-matches them as it does the lower-case spelling."""
    center = _center(engine)
    clinic = _organisation(engine, "Lakeside Clinic", "hospital")
    spelled = _upload(engine, clinic, "portal", b"Flask==2.2.2\nJinja2==2.11.2\nPyYAML==5.3\n")
    osv, _kev = changes(tmp_path)
    import_path(engine, osv)
    [run] = recheck_now(engine, InProcessRunner(engine))
    with engine.connect() as conn:
        [items] = conn.execute(select(recheck_chunks.c.work)).scalars()
    rematched = {item["inventory"]: sorted(item["names"]) for item in items}
    assert rematched[spelled] == ["Flask", "Jinja2", "PyYAML"]
    assert rematched[center["portal"]] == ["flask", "jinja2", "pyyaml"]
    assert run["findings"]["new"] == 2  # the new Flask advisory, in both portals


def test_nothing_is_recorded_while_the_center_holds_no_inventory(
    engine: Engine, tmp_path: Path
) -> None:
    for path in sample_paths():
        import_path(engine, path)
    osv, kev = changes(tmp_path)
    import_path(engine, osv)
    import_path(engine, kev)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(knowledge_changes)).scalar() == 0
    assert start_run(engine) is None


def test_a_run_cut_into_chunks_resumes_where_it_stopped(engine: Engine, tmp_path: Path) -> None:
    center = _center(engine)
    osv, kev = changes(tmp_path)
    import_path(engine, osv)
    import_path(engine, kev)
    run_id = start_run(engine)
    assert run_id is not None
    assert plan_run(engine, run_id, chunk_size=1) == 4
    with engine.connect() as conn:
        *work, redecide = conn.execute(
            select(recheck_chunks.c.work).order_by(recheck_chunks.c.seq)
        ).scalars()
        order = [(w[0]["inventory"], w[0]["rows"][0]["name"]) for w in work]
    assert order == [  # by component key: the package as the matcher looks it up
        (center["portal"], "flask"),
        (center["portal"], "jinja2"),
        (center["portal"], "pyyaml"),
    ]
    # then the findings the KEV addition names, re-decided (requests is not re-matched)
    assert [item["inventory"] for item in redecide] == [center["web"]]
    # the process stops after two chunks: the run is left running, and picked up again
    assert run_chunk(engine, run_id, 0)["new"] == 1
    assert run_chunk(engine, run_id, 2)["closed"] == 1
    assert get_run(engine, ANALYST, run_id)["state"] == "running"
    with engine.connect() as conn:
        kept = {r.seq: r.work for r in conn.execute(select(recheck_chunks))}
    assert kept[0] == [{"inventory": center["portal"], "names": ["flask"]}]  # done: rows dropped
    assert kept[1][0]["rows"][0]["name"] == "jinja2"  # to do: its rows still carried
    [run] = recheck_now(engine, InProcessRunner(engine))
    assert run["id"] == run_id and run["state"] == "done"
    assert run["progress"] == {"chunks_done": 4, "chunks_total": 4}
    assert run["findings"] == {"new": 1, "closed": 2, "again": 0, "redecided": 1}


APPLIANCES = (
    "name,vendor,product,version,cpe,exposure,notes\n"
    "plc,Siemens,SIMATIC S7-1500 CPU 1518-4 PN/DP MFP,V3.0.3,,controlled,\n"
    "edge,Palo Alto Networks,PAN-OS,10.2.7,"
    "cpe:2.3:o:paloaltonetworks:pan-os:10.2.7:*:*:*:*:*:*:*,open,\n"
)


def test_a_csaf_advisory_rematches_the_appliances_it_names(engine: Engine, fixtures: Path) -> None:
    for path in sample_paths():
        import_path(engine, path)
    grid = _organisation(engine, "Prairie Power", "utility")
    made = upload_inventory(
        engine, grid, asset="substation", filename="appliances.csv", content=APPLIANCES.encode()
    )
    [unmatched] = made["unmatched"]  # no data names the PLC yet
    assert unmatched["component"].startswith("Siemens SIMATIC S7-1500")

    import_path(engine, fixtures / "csaf" / "siemens-ssa-398330.json")
    [run] = recheck_now(engine, InProcessRunner(engine))
    assert run["changes"] == {"csaf": {"added": 1}}
    with engine.connect() as conn:
        [work] = conn.execute(select(recheck_chunks.c.work)).scalars()
    assert work[0]["names"] == ["plc"]  # not the firewall
    assert run["findings"]["new"] == 1
    plc = _finding(engine, made["id"], "CVE-2022-40303")
    assert plc["record"]["component"]["name"] == "plc"
    assert plc["record"]["fixed_versions"] == ["3.1.0"]
    with engine.connect() as conn:  # no longer a row to fix
        stored = select(inventories.c.unmatched).where(inventories.c.id == made["id"])
        assert conn.execute(stored).scalar_one() == []


def test_what_cannot_be_rechecked_is_named_with_the_reason(engine: Engine, tmp_path: Path) -> None:
    for path in sample_paths():
        import_path(engine, path)
    own = tmp_path / "our-profile.yaml"
    own.write_text(PROFILES.joinpath("hospital.yaml").read_text())
    made = create_organisation(engine, name="Lakeside Clinic", sector="hospital", profile=str(own))
    who = Principal("tok_l", "admin", organisation_id=made["id"], organisation_name="Lakeside")
    inventory = _upload(engine, who, "portal", PORTAL)
    own.unlink()  # the organisation's own profile is gone when the feeds change
    before = _snapshot(engine)
    osv, _kev = changes(tmp_path)
    import_path(engine, osv)
    [run] = recheck_now(engine, InProcessRunner(engine))
    assert (run["state"], run["inventories"]) == ("done", 1)
    [problem] = run["problems"]
    assert (problem["stage"], problem["source"]) == ("recheck", inventory)
    assert problem["reason"].startswith("the organization's profile:")
    assert str(own) in problem["reason"]
    assert _snapshot(engine) == before


def test_a_run_that_fails_says_why_and_can_be_run_again(engine: Engine, tmp_path: Path) -> None:
    _center(engine)
    osv, _kev = changes(tmp_path)
    import_path(engine, osv)
    run_id = start_run(engine)
    assert run_id is not None
    plan_run(engine, run_id)
    with engine.begin() as conn:  # a chunk this version cannot read (written by a newer one)
        [work] = conn.execute(select(recheck_chunks.c.work)).scalars()
        conn.execute(recheck_chunks.update().values(work=[{"inventory": work[0]["inventory"]}]))
    assert InProcessRunner(engine).run(run_id)["state"] == "failed"
    failed = get_run(engine, ANALYST, run_id)
    assert (failed["state"], failed["reason"]) == ("failed", "KeyError: 'components'")
    assert recheck_now(engine, InProcessRunner(engine)) == []  # not retried by itself
    with engine.begin() as conn:
        conn.execute(recheck_chunks.update().values(work=work))
    [again] = recheck_now(engine, InProcessRunner(engine), retry_failed=True)
    assert (again["id"], again["state"], again["reason"]) == (run_id, "done", None)
    assert again["findings"]["new"] == 1


def test_an_epss_update_refreshes_the_findings_it_names_only(
    engine: Engine, tmp_path: Path
) -> None:
    center = _center(engine)
    daily = tmp_path / "epss_scores-2026-12-01.csv"
    daily.write_text(
        "#model_version:v2025.03.14,score_date:2026-12-01T00:00:00+0000\n"
        "cve,epss,percentile\n"
        "CVE-2023-32681,0.61234,0.97801\n"
        "CVE-2099-0001,0.00100,0.10000\n"  # no finding names it: not logged
    )
    import_path(engine, daily)
    [run] = recheck_now(engine, InProcessRunner(engine))
    assert run["changes"] == {"epss": {"added": 1}}
    assert (run["inventories"], run["components"]) == (0, 0)  # re-decided, not re-matched
    requests = _finding(engine, center["web"], "CVE-2023-32681")
    assert requests["record"]["epss"]["score"] == 0.61234
    assert not _finding(engine, center["portal"], "CVE-2023-30861")["record"]["epss"]


def test_a_chunk_run_twice_at_once_is_written_once(engine: Engine, tmp_path: Path) -> None:
    _center(engine)
    osv, kev = changes(tmp_path)
    import_path(engine, osv)
    import_path(engine, kev)
    run_id = start_run(engine)
    assert run_id is not None and plan_run(engine, run_id) == 2  # re-match, re-decide
    answers: dict[int, list[dict[str, Any]]] = {0: [], 1: []}

    def work(seq: int) -> None:
        answers[seq].append(run_chunk(engine, run_id, seq))

    workers = [threading.Thread(target=work, args=(seq,)) for seq in (0, 1, 0, 1)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert all(len(a) == 2 and a[0] == a[1] for a in answers.values())
    assert answers[0][0]["new"] == 1 and answers[0][0]["closed"] == 2
    assert answers[1][0]["redecided"] == 1
    with engine.connect() as conn:
        logged = conn.execute(select(func.count()).select_from(recheck_findings)).scalar()
        events = conn.execute(
            select(func.count())
            .select_from(finding_events)
            .where(finding_events.c.actor == f"re-check {run_id}")
        ).scalar()
    assert (logged, events) == (4, 3)  # new, 2 closed, 1 re-decided; 3 of them audited
    assert get_run(engine, ANALYST, run_id)["progress"]["chunks_done"] == 2


def test_an_inventory_uploaded_again_meanwhile_is_left_to_its_upload(
    engine: Engine, tmp_path: Path
) -> None:
    center = _center(engine)
    osv, _kev = changes(tmp_path)
    import_path(engine, osv)
    run_id = start_run(engine)
    assert run_id is not None and plan_run(engine, run_id) == 1
    # the portal is uploaded again before the chunk runs: that upload saw the new advisories
    _upload(engine, center["mercy"], "portal", b"flask==2.2.2\n")
    counts = run_chunk(engine, run_id, 0)
    assert (counts["superseded"], counts["inventories"], counts["new"]) == (1, 0, 0)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(recheck_findings)).scalar() == 0
    assert _finding(engine, center["portal"], "CVE-2026-0001")["inventory_id"] != center["portal"]


def test_a_cve_record_that_narrows_its_range_closes_the_appliance_finding(
    engine: Engine, tmp_path: Path
) -> None:
    for path in sample_paths():
        import_path(engine, path)
    grid = _organisation(engine, "Prairie Power", "utility")
    made = upload_inventory(
        engine, grid, asset="substation", filename="appliances.csv", content=APPLIANCES.encode()
    )
    edge = _finding(engine, made["id"], "CVE-2024-3400")
    assert edge["present"] and edge["kev"]

    record = json.loads(SAMPLE.joinpath("cve/2024/3xxx/CVE-2024-3400.json").read_text())
    record["cveMetadata"]["dateUpdated"] = "2026-12-01T00:00:00.000Z"
    cna = record["containers"]["cna"]
    cna["providerMetadata"]["dateUpdated"] = "2026-12-01T00:00:00.000Z"
    for entry in cna["affected"][0]["versions"]:  # the vendor: 10.2 is fixed from 10.2.7
        if entry.get("version") == "10.2.0":
            entry["lessThan"] = entry["changes"][0]["at"] = "10.2.7"
    changed = tmp_path / "CVE-2024-3400.json"
    changed.write_text(json.dumps(record))
    import_path(engine, changed)
    [run] = recheck_now(engine, InProcessRunner(engine))
    assert run["changes"] == {"cve": {"updated": 1}}
    with engine.connect() as conn:
        [work] = conn.execute(select(recheck_chunks.c.work)).scalars()
    # the firewall the record names, and the PLC no product named (the catalogue changed)
    assert sorted(work[0]["names"]) == ["edge", "plc"]
    assert run["findings"] == {"new": 0, "closed": 1, "again": 0, "redecided": 0}
    closed = _finding(engine, made["id"], "CVE-2024-3400")
    assert not closed["present"]
    assert _events(engine, closed["id"])[-1][2] == (
        f"closed by re-check {run['id']}: the knowledge base no longer lists "
        "Palo Alto Networks PAN-OS 10.2.7 (edge) as affected by CVE-2024-3400"
    )


def test_a_run_keeps_its_first_problems_and_counts_the_rest(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(recheck_chunk, "MAX_PROBLEMS", 2)
    run_id = start_run(engine, trigger="manual", full=True)
    assert run_id is not None
    counts = dict.fromkeys(recheck_chunk.COUNTERS, 0)
    for batch in (["a", "b", "c"], ["d", "e"]):  # two chunks' problems
        problems = [
            {"stage": "recheck", "source": s, "location": None, "reason": "x"} for s in batch
        ]
        with engine.begin() as conn:
            recheck_chunk._add_progress(conn, run_id, counts, problems)
    kept = get_run(engine, ANALYST, run_id)["problems"]
    assert [p["source"] for p in kept] == ["a", "b", run_id]
    assert kept[-1]["reason"] == "3 more problems not kept"
