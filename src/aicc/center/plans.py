"""An organisation's patch plan, made by the pipeline from the latest inventory of each asset.

The plan is ``aicc plan --no-reachability --format json`` over those files, laid out as
``<asset>/<file>`` with each asset's settings (`aicc.center.workspace`), under the
organisation's sector profile: one action covers a package at one version however many assets
list it, as the command line does across inventories. Before the first upload the plan is
empty. A finding already stored keeps its due dates: they count from when it was first seen
(`aicc.center.clocks`), as the findings list shows them.

Findings suppressed today (`aicc.center.suppressions`) are left out of the plan unless asked
for; ``suppressed_findings`` then lists their ids (the key is there only when some are).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from aicc.center.access import Principal, scope
from aicc.center.clocks import first_sightings, record_starts, redated
from aicc.center.errors import InvalidInput
from aicc.center.inventories import asset_settings
from aicc.center.organisations import organisation_row
from aicc.center.own_profiles import load_center_profile
from aicc.center.suppressions import suppressed_in, without_suppressed
from aicc.center.workspace import workspace
from aicc.core.times import utcnow
from aicc.prioritize.profiles import ProfileError
from aicc.store.center_tables import assets, inventories


def organisation_plan(
    engine: Engine,
    principal: Principal,
    *,
    organisation: str | None = None,
    as_of: date | None = None,
    include_suppressed: bool = False,
) -> dict[str, Any]:
    """The plan of the caller's organisation (a center token names one: id or name), as
    ``aicc plan --format json`` gives it; dated ``as_of`` (today by default).

    NotFound for an organisation the caller may not see; InvalidInput when a center token names
    none, or the organisation's profile cannot be loaded.
    """
    from aicc.pipeline import plan_result, scan
    from aicc.report.plan import plan_dict

    with engine.connect() as conn:
        organisation_id = scope(conn, principal, organisation)
        if organisation_id is None:
            raise InvalidInput("organization: a center token names the organization to plan for")
        found = organisation_row(conn, id_or_name=organisation_id)
        hidden = suppressed_in(conn, organisation_id, utcnow().date())
        latest = (
            select(inventories.c.asset_id, func.max(inventories.c.version).label("version"))
            .group_by(inventories.c.asset_id)
            .subquery()
        )
        rows = list(
            conn.execute(
                select(
                    assets,
                    inventories.c.filename,
                    inventories.c.content,
                    inventories.c.files,
                )
                .join(latest, latest.c.asset_id == assets.c.id)
                .join(
                    inventories,
                    (inventories.c.asset_id == latest.c.asset_id)
                    & (inventories.c.version == latest.c.version),
                )
                .where(assets.c.organisation_id == organisation_id)
                .order_by(assets.c.name)
            ).mappings()
        )
        clocks = first_sightings(conn, [row["id"] for row in rows])
        try:
            profile = load_center_profile(conn, found["profile"])
        except ProfileError as exc:
            raise InvalidInput(f"the organization's profile cannot be used: {exc}") from exc
    day = as_of or utcnow().date()
    with workspace() as work:
        paths = {
            work.add(
                row["name"], row["filename"], row["content"], asset_settings(row), row["files"]
            ): row["id"]
            for row in rows
        }
        result = scan(engine, list(paths), profile=profile, as_of=day)
        folders = {path.parent: asset_id for path, asset_id in paths.items()}
        starts = record_starts(
            result.records,
            clocks,
            lambda r: folders.get(Path(r.finding.component.source or "").parent),
        )
        result.records = redated(result.records, starts, profile, day)
        kept, left_out = without_suppressed(result.records, hidden, folders)
        if not include_suppressed:
            result.records = kept
        plan = plan_result(engine, result, profile=profile, as_of=day)
        data = dict(work.relative(plan_dict(plan)))
    if left_out:  # else the plan is exactly the command line's
        data["suppressed_findings"] = {"shown": include_suppressed, "findings": left_out}
    return data
