"""Due dates count from when a finding was first seen (`aicc.center.clocks`): a re-upload, a
re-check or a later plan request does not push a deadline forward; a new finding counts from its
own first upload; a finding that disappears and comes back keeps its first sighting.

The knowledge base is the shipped sample; the uploads are real requirements files; the clock is
given to each call (``now``/``as_of``), nothing sleeps.
"""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from aicc.center import (
    Principal,
    create_organisation,
    list_findings,
    organisation_plan,
    summary,
    upload_inventory,
)
from aicc.center.recheck import plan_run, start_run
from aicc.center.recheck_chunk import run_chunk
from aicc.feeds.sample import sample_paths
from aicc.prioritize.profiles import load_profile
from aicc.store.center_tables import findings
from aicc.store.importer import import_path

PORTAL = b"flask==2.2.2\njinja2==2.11.2\npyyaml==5.3\n"
WITHOUT_FLASK = b"jinja2==2.11.2\npyyaml==5.3\n"
WITH_DJANGO = PORTAL + b"django==4.2.10\n"
DAY0 = datetime(2026, 3, 2, 9, 30)
CENTER = Principal("tok_c", "read-only", agency="CISA")
SAMPLE_KEV = next(p for p in sample_paths() if p.name == "known_exploited_vulnerabilities.json")


def _center(engine: Engine) -> Principal:
    for path in sample_paths():
        import_path(engine, path)
    made = create_organisation(engine, name="Mercy Hospital", sector="hospital")
    return Principal("tok_m", "admin", organisation_id=made["id"], organisation_name="Mercy")


def _upload(engine: Engine, who: Principal, content: bytes, now: datetime) -> None:
    upload_inventory(
        engine, who, asset="portal", filename="requirements.txt", content=content, now=now
    )


def _dues(engine: Engine) -> dict[str, tuple[date | None, datetime, list[Any]]]:
    """Each finding's due date, first sighting and its record's decisions' due dates."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(
                findings.c.vulnerability_id,
                findings.c.due,
                findings.c.first_seen,
                findings.c.record,
            )
        ).all()
    return {
        r.vulnerability_id: (r.due, r.first_seen, [d["due"] for d in r.record["decisions"]])
        for r in rows
    }


def _record(engine: Engine, vulnerability: str) -> dict[str, Any]:
    with engine.connect() as conn:
        query = select(findings.c.record).where(findings.c.vulnerability_id == vulnerability)
        record: dict[str, Any] = conn.execute(query).scalar_one()
    return record


def test_a_reupload_keeps_the_due_dates_and_overdue_shows(engine: Engine) -> None:
    mercy = _center(engine)
    _upload(engine, mercy, PORTAL, DAY0)
    first = _dues(engine)
    assert first and all(due is not None for due, _, _ in first.values())
    assert all(seen == DAY0 for _, seen, _ in first.values())
    earliest = min(due for due, _, _ in first.values() if due is not None)
    assert earliest > DAY0.date()  # nothing is overdue on the day it is found
    assert summary(engine, CENTER, DAY0.date())["totals"]["overdue_findings"] == 0

    later = DAY0 + timedelta(days=40)
    _upload(engine, mercy, WITH_DJANGO, later)
    again = _dues(engine)
    for vulnerability, kept in first.items():
        assert again[vulnerability] == kept, vulnerability  # the dates did not move
    added = {v: d for v, d in again.items() if v not in first}
    assert added, "django 4.2.10 brings findings of its own"
    for due, seen, decisions in added.values():
        assert seen == later
        assert due is not None and due > later.date()  # counted from its own first sighting
        assert min(d for d in decisions if d) == due.isoformat()

    late = {v for v, (due, _, _) in first.items() if due is not None and due < later.date()}
    assert late, "the hospital clocks are at most 60 days: some are overdue 40 days on"
    totals = summary(engine, CENTER, later.date())["totals"]
    assert totals["overdue_findings"] == len(late)
    listed = list_findings(engine, mercy, due_before=later.date(), limit=500)
    assert {i["vulnerability"] for i in listed["items"]} == late

    plan = organisation_plan(engine, mercy, as_of=later.date())
    stored = {v: due for v, (due, _, _) in again.items() if due is not None}
    assert plan["actions"]
    for action in plan["actions"]:
        expected = min(stored[f["id"]] for f in action["fixes"])
        assert action["due"] == expected.isoformat(), action["title"]


def test_a_finding_that_comes_back_keeps_its_first_sighting(engine: Engine) -> None:
    mercy = _center(engine)
    _upload(engine, mercy, PORTAL, DAY0)
    first = _dues(engine)
    _upload(engine, mercy, WITHOUT_FLASK, DAY0 + timedelta(days=10))
    with engine.connect() as conn:
        gone = conn.execute(
            select(findings.c.vulnerability_id).where(findings.c.present.is_(False))
        ).all()
    assert gone, "flask's findings are gone from the second upload"
    _upload(engine, mercy, PORTAL, DAY0 + timedelta(days=20))
    assert _dues(engine) == first


def test_a_recheck_keeps_the_due_dates(engine: Engine) -> None:
    mercy = _center(engine)
    _upload(engine, mercy, PORTAL, DAY0)
    first = _dues(engine)
    _upload(engine, mercy, PORTAL, DAY0 + timedelta(days=40))  # the inventory re-checked
    # a full re-check run today (its day is the run's): every stored inventory re-matched
    run = start_run(engine, full=True)
    assert run is not None
    for chunk in range(plan_run(engine, run)):
        run_chunk(engine, run, chunk)
    assert _dues(engine) == first


def _kev_catalogue(path: Path, listed: dict[str, date]) -> Path:
    """The sample KEV catalogue with ``listed`` (CVE -> dateAdded) added to it."""
    catalogue = json.loads(SAMPLE_KEV.read_text())
    for cve, added in listed.items():
        catalogue["vulnerabilities"].append(
            {
                "cveID": cve,
                "vendorProject": "Pallets",
                "product": "Portal dependency",
                "vulnerabilityName": f"{cve} exploited",
                "dateAdded": added.isoformat(),
                "shortDescription": "Exploited in the wild.",
                "requiredAction": "Apply updates per vendor instructions.",
                "dueDate": (added + timedelta(days=21)).isoformat(),
                "knownRansomwareCampaignUse": "Unknown",
                "notes": "",
                "cwes": [],
            }
        )
    catalogue["count"] = len(catalogue["vulnerabilities"])
    path.write_text(json.dumps(catalogue))
    return path


def test_a_later_kev_listing_starts_the_clock_of_a_finding_seen_before(
    engine: Engine, tmp_path: Path
) -> None:
    mercy = _center(engine)
    _upload(engine, mercy, PORTAL, DAY0)
    first = _dues(engine)
    late_listed, early_listed = sorted(v for v in first if v.startswith("CVE-"))[:2]
    listed_on = DAY0.date() + timedelta(days=30)  # a month after the first sighting
    catalogue = {late_listed: listed_on, early_listed: DAY0.date() - timedelta(days=100)}
    import_path(engine, _kev_catalogue(tmp_path / "kev.json", catalogue), source="kev")
    hospital = load_profile("hospital")

    def expected(vulnerability: str, start: date) -> list[str | None]:
        decisions = _record(engine, vulnerability)["decisions"]
        dues = [hospital.due(d["table"], d["outcome"], start) for d in decisions]
        return [d.isoformat() if d else None for d in dues]

    later = DAY0 + timedelta(days=40)
    _upload(engine, mercy, PORTAL, later)  # decided again with the KEV listings
    again = _dues(engine)
    assert _record(engine, late_listed)["evidence"]["in_kev"] is True
    assert again[late_listed][2] == expected(late_listed, listed_on)  # from the listing
    due = again[late_listed][0]
    assert due is not None and due > listed_on  # not overdue the day it is listed
    assert again[early_listed][2] == expected(early_listed, DAY0.date())  # from first sight
    assert again[late_listed][2] != expected(late_listed, DAY0.date())  # it did change
    for vulnerability in set(first) - {late_listed, early_listed}:
        assert again[vulnerability] == first[vulnerability], vulnerability

    run = start_run(engine, full=True)  # a re-check decides the same
    assert run is not None
    for chunk in range(plan_run(engine, run)):
        run_chunk(engine, run, chunk)
    assert _dues(engine) == again
