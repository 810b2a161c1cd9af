"""A re-check decides an organisation's findings with its own copy of a profile
(`aicc.center.own_profiles`), read from the store: the copy's clocks give the findings' due
dates, counted from their first sighting. Real stores (SQLite and PostgreSQL), the shipped
sample knowledge base, a real requirements file."""

from __future__ import annotations

import json
from datetime import timedelta

from sqlalchemy import Engine, select

from aicc.center import Principal, create_organisation, upload_inventory
from aicc.center.own_profiles import set_own_profile
from aicc.center.recheck import plan_run, start_run
from aicc.center.recheck_chunk import run_chunk
from aicc.center.recheck_views import get_run
from aicc.feeds.sample import sample_paths
from aicc.store.center_tables import findings
from aicc.store.importer import import_path

SLOW = 365
COPY = {
    "name": "mercy-slow",
    "human_impact": {"default": "medium"},
    "mission_impact": {"default": "medium"},
    "clocks": {
        "ssvc:DT_DP:1.0.0": {
            "days": {"Immediate": SLOW, "Out-of-Cycle": SLOW, "Scheduled": SLOW, "Defer": SLOW}
        },
        "cisa:DT_BOD2604:1.0.0": {
            "days": {"3DF": SLOW, "3D": SLOW, "14D": SLOW, "60D": SLOW, "FSU": SLOW}
        },
    },
}


def test_a_recheck_uses_the_organisations_own_profile(engine: Engine) -> None:
    for path in sample_paths():
        import_path(engine, path)
    made = create_organisation(engine, name="Mercy Hospital", sector="hospital")
    mercy = Principal("tok_m", "admin", organisation_id=made["id"], organisation_name="Mercy")
    upload_inventory(
        engine,
        mercy,
        asset="portal",
        filename="requirements.txt",
        content=b"flask==2.2.2\njinja2==2.11.2\npyyaml==5.3\n",
    )
    with engine.connect() as conn:
        before = conn.execute(select(findings.c.due, findings.c.first_seen)).all()
    assert before and all(due < first.date() + timedelta(days=SLOW) for due, first in before)

    set_own_profile(engine, mercy, json.dumps(COPY).encode())
    run = start_run(engine, full=True)
    assert run is not None
    for chunk in range(plan_run(engine, run)):
        run_chunk(engine, run, chunk)
    assert get_run(engine, Principal("tok_c", "admin", agency="CISA"), run)["problems"] == []
    with engine.connect() as conn:
        after = conn.execute(select(findings.c.due, findings.c.first_seen)).all()
    assert len(after) == len(before)
    assert all(due == first.date() + timedelta(days=SLOW) for due, first in after)
