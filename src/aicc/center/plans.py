"""An organisation's patch plan, made by the pipeline from the latest inventory of each asset.

The plan is ``aicc plan --no-reachability --format json`` over those files, laid out as
``<asset>/<file>`` with each asset's settings (`aicc.center.workspace`), under the
organisation's sector profile: one action covers a package at one version however many assets
list it, as the command line does across inventories. Before the first upload the plan is
empty.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select

from aicc.center.access import Principal, scope
from aicc.center.errors import InvalidInput
from aicc.center.inventories import asset_settings
from aicc.center.organisations import organisation_row
from aicc.center.workspace import workspace
from aicc.core.times import utcnow
from aicc.prioritize.profiles import ProfileError, load_profile
from aicc.store.center_tables import assets, inventories


def organisation_plan(
    engine: Engine,
    principal: Principal,
    *,
    organisation: str | None = None,
    as_of: date | None = None,
) -> dict[str, Any]:
    """The plan of the caller's organisation (a center token names one: id or name), as
    ``aicc plan --format json`` gives it; dated ``as_of`` (today by default).

    NotFound for an organisation the caller may not see; InvalidInput when a center token names
    none, or the organisation's profile cannot be loaded.
    """
    from aicc.pipeline import plan_paths
    from aicc.report.plan import plan_dict

    with engine.connect() as conn:
        organisation_id = scope(conn, principal, organisation)
        if organisation_id is None:
            raise InvalidInput("organization: a center token names the organization to plan for")
        found = organisation_row(conn, id_or_name=organisation_id)
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
    try:
        profile = load_profile(found["profile"])
    except ProfileError as exc:
        raise InvalidInput(f"the organization's profile cannot be used: {exc}") from exc
    with workspace() as work:
        paths = [
            work.add(row["name"], row["filename"], row["content"], asset_settings(row))
            for row in rows
        ]
        plan = plan_paths(engine, paths, profile=profile, as_of=as_of or utcnow().date())
        return dict(work.relative(plan_dict(plan)))
