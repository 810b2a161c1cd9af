"""Organisations: who the center serves, with the sector profile their findings are decided by."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, RowMapping, select

from aicc.center.access import Principal, granted
from aicc.center.errors import Conflict, InvalidInput, NotFound
from aicc.center.names import new_id, organisation_name
from aicc.core.times import utcnow
from aicc.prioritize.profiles import ProfileError, load_profile, shipped
from aicc.store.center_tables import SECTORS, organisations
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing


def default_profile(sector: str) -> str:
    """The shipped profile of a sector (``hospital``...), else ``default``."""
    return sector if sector in shipped() else "default"


def organisation_dict(row: RowMapping) -> dict[str, Any]:
    """An organisation as the API and ``aicc admin`` show it."""
    return {
        "id": row["id"],
        "name": row["name"],
        "sector": row["sector"],
        "region": row["region"],
        "profile": row["profile"],
        "created_at": row["created_at"].isoformat(),
    }


def create_organisation(
    engine: Engine,
    *,
    name: str,
    sector: str,
    region: str | None = None,
    profile: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Add an organisation; its ``profile`` (a shipped one's name or a file) must load.

    InvalidInput for a bad sector or profile, Conflict when the name is taken.
    """
    name = organisation_name(name)
    if sector not in SECTORS:
        raise InvalidInput(f"sector: {sector!r} is not one of {', '.join(SECTORS)}")
    chosen = (profile or "").strip() or default_profile(sector)
    if Path(chosen).suffix.lower() in (".yaml", ".yml"):  # an own copy: kept by its full path
        chosen = str(Path(chosen).resolve())
    try:
        load_profile(chosen)
    except ProfileError as exc:
        raise InvalidInput(f"profile: {exc}") from exc
    row = {
        "id": new_id("org"),
        "name": name,
        "sector": sector,
        "region": (region or "").strip() or None,
        "profile": chosen,
        "created_at": utcnow(),
    }
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        taken = conn.execute(select(organisations.c.id).where(organisations.c.name == name))
        if taken.first() is not None:
            raise Conflict(f"organization {name!r} exists already")
        conn.execute(organisations.insert().values(row))
    return organisation_dict(row)  # type: ignore[arg-type]


def list_organisations(engine: Engine, principal: Principal | None = None) -> list[dict[str, Any]]:
    """Every organisation (for ``aicc admin``), those the caller's grant covers (the center), or
    only the caller's own."""
    query = select(organisations).order_by(organisations.c.name)
    if principal is not None:
        query = query.where(granted(principal, organisations.c.id))
    with engine.connect() as conn:
        return [organisation_dict(r) for r in conn.execute(query).mappings()]


def organisation_row(conn: Connection, *, id_or_name: str) -> RowMapping:
    """One organisation by id or name; NotFound otherwise."""
    found = (
        conn.execute(
            select(organisations).where(
                (organisations.c.id == id_or_name) | (organisations.c.name == id_or_name)
            )
        )
        .mappings()
        .first()
    )
    if found is None:
        raise NotFound(f"organization {id_or_name!r}: not found")
    return found
