"""``recheck_finished`` (`aicc.center.recheck_notices`): when a re-check run ends, each
organisation it found new findings for is told once, with its counts, in the transaction that
finishes the run; on SQLite and PostgreSQL, over a real feed update of the sample knowledge base
as the re-check's own tests make it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from aicc.center.notifications import describe
from aicc.center.recheck import finish_run
from aicc.center.recheck_runner import InProcessRunner, recheck_now
from aicc.store.importer import import_path
from aicc.store.notification_tables import notification_deliveries, notification_events
from tests.center.notify_support import add_subscription
from tests.center.test_recheck import _center
from tests.support.recheck_feeds import changes


def _told(engine: Engine) -> list[tuple[str, dict[str, Any]]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(notification_events.c.organisation_id, notification_events.c.payload)
            .where(notification_events.c.kind == "recheck_finished")
            .order_by(notification_events.c.id)
        ).all()
    return [(r[0], r[1]) for r in rows]


def test_each_organisation_with_new_findings_is_told_once_with_its_counts(
    engine: Engine, tmp_path: Path
) -> None:
    center = _center(engine)
    mercy, bank = center["mercy"].organisation_id, center["bank"].organisation_id
    assert mercy is not None and bank is not None
    add_subscription(engine, "sub_mercy", mercy, events=("recheck_finished",))
    add_subscription(engine, "sub_bank", bank, events=("recheck_finished",))
    for path in changes(tmp_path):
        import_path(engine, path)

    [run] = recheck_now(engine, InProcessRunner(engine))
    assert run["state"] == "done"
    # Mercy's portal has a new (exploited) finding and two closed; the bank has no new finding
    # but one it had is now known exploited (its CVE joined KEV): both are told
    counts = {"run_id": run["id"], "trigger": "import", "found_again": 0}
    told = dict(_told(engine))
    assert len(_told(engine)) == 2
    assert told == {
        mercy: counts | {"new_findings": 1, "new_exploited": 1, "joined_kev": 0, "closed": 2},
        bank: counts | {"new_findings": 0, "new_exploited": 1, "joined_kev": 1, "closed": 0},
    }
    assert describe("recheck_finished", told[mercy]) == (
        "Re-check finished: 1 new findings, 1 known exploited"
    )
    assert describe("recheck_finished", told[bank]) == (
        "Re-check finished: 0 new findings, 1 known exploited (1 found before, now in KEV)"
    )
    assert run["new_exploited"] == 2
    with engine.connect() as conn:
        queued = conn.execute(
            select(notification_deliveries.c.subscription_id).order_by(
                notification_deliveries.c.subscription_id
            )
        ).scalars()
        assert list(queued) == ["sub_bank", "sub_mercy"]

    assert finish_run(engine, run["id"])  # finished again: nothing more
    [full] = recheck_now(engine, InProcessRunner(engine), trigger="manual", full=True)
    assert full["findings"]["new"] == 0
    assert len(_told(engine)) == 2
