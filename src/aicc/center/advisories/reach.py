"""Published advisories reaching an organisation after they were published: its upload lists an
affected product that no inventory of its listed before.

`reach_organisation` is called in the upload's transaction (`aicc.center.inventories`) and in the
transaction that finishes a re-check run, for the organisations whose inventories it re-matched
(`aicc.center.recheck.finish_run`; an advisory's audience depends on the inventories only, so
a re-check reaches those whose uploads were stored before uploads did this). For each published
advisory whose audience does not hold the organisation yet, the advisory's own audience code
(`audience.compute_audience`, limited to the organisation, and `authoring._store_audience`)
decides; a match adds the organisation to the audience, queues ``advisory_published`` for it,
and records a ``reached`` event in the advisory's audit trail (who uploaded is not named there:
a center analyst limited to some sectors reads that trail too). Nobody leaves an audience here.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, select

from aicc.center.advisories.audience import compute_audience
from aicc.center.advisories.authoring import _store_audience, digest
from aicc.center.notifications import make_event, notify
from aicc.store.advisory_tables import (
    center_advisories,
    center_advisory_audience,
    center_advisory_events,
)

ACTION = "reached"


def reach_organisation(
    conn: Connection, organisation_id: str, *, now: datetime, actor: str, why: str
) -> dict[str, list[dict[str, Any]]]:
    """Add the organisation to the audience of each published advisory that now concerns it
    (see the module's docstring), inside the caller's transaction. Returns ``joined``: the
    advisories it joined, with what of its matched; ``undecided``: its components whose version
    could not be placed in a published advisory's ranges, with the reason."""
    aa = center_advisory_audience
    heard = select(aa.c.advisory_id).where(aa.c.organisation_id == organisation_id)
    published = conn.execute(
        select(center_advisories)
        .where(center_advisories.c.status == "final", center_advisories.c.id.not_in(heard))
        .order_by(center_advisories.c.published_at, center_advisories.c.id)
    ).mappings()
    joined: list[dict[str, Any]] = []
    undecided: list[dict[str, Any]] = []
    for advisory in list(published):
        audience = compute_audience(conn, advisory["document"], organisation_id=organisation_id)
        undecided += [
            {
                "advisory": advisory["tracking_id"],
                "tlp": advisory["tlp"],
                **{k: v for k, v in u.items() if k != "organisation"},
            }
            for u in audience.undecided
        ]
        if organisation_id not in audience.matched:
            continue
        _store_audience(conn, advisory["id"], audience, advisory["version"], now)
        event = make_event(
            "advisory_published",
            organisation_id,
            advisory_id=advisory["id"],
            title=advisory["title"],
        )
        notify(conn, event, now=now)
        conn.execute(
            center_advisory_events.insert().values(
                advisory_id=advisory["id"],
                actor=actor,
                at=now,
                action=ACTION,
                version=advisory["version"],
                status=advisory["status"],
                digest=digest(advisory["document"]),
                audience=conn.execute(
                    select(func.count()).select_from(aa).where(aa.c.advisory_id == advisory["id"])
                ).scalar_one(),
                summary=why,
            )
        )
        joined.append(
            {
                "advisory": advisory["id"],
                "tracking_id": advisory["tracking_id"],
                "title": advisory["title"],
                "matched": audience.matched[organisation_id],
            }
        )
    return {"joined": joined, "undecided": undecided}
