"""Sector grants: a center user or token of an agency may be limited to some sectors and regions.

An agency's analysts may serve only the hospitals, or only one state's utilities. A center user or
token then carries ``grants`` (``{"sectors": [...], "regions": [...]}``; either may be missing:
any sector, any region; no grants at all: the whole portfolio). Every center view filters its
organisations through `granted` (`aicc.center.access`), so an organisation outside the grant reads
exactly as one that does not exist. An organisation's users and tokens see their own only and
take no grants. A user's grants change with `set_user_grants` (``aicc admin user grant``); a
token's with `aicc.center.tokens.change_token` (``aicc admin token grant``, ``PATCH
/api/tokens/{id}``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Engine, select

from aicc.center.errors import InvalidInput, NotFound
from aicc.center.names import organisation_name
from aicc.store.center_tables import SECTORS, users
from aicc.store.locks import CENTER_LOCK, DEFAULT_TIMEOUT, writing


def make_grants(
    sectors: Sequence[str] | None, regions: Sequence[str] | None, *, center: bool
) -> dict[str, list[str]] | None:
    """The ``grants`` value to store for these sectors and regions (None: the whole portfolio).

    InvalidInput for a sector that is none of the center's, an empty region, or grants given to
    an organisation's user or token (it sees its own organisation only).
    """
    sectors = [s.strip().lower() for s in sectors or ()]
    regions = [organisation_name(r, "region") for r in regions or ()]
    if not sectors and not regions:
        return None
    if not center:
        raise InvalidInput(
            "sector, region: only the center's users and tokens are limited to sectors and "
            "regions; an organization's see their own organization"
        )
    for sector in sectors:
        if sector not in SECTORS:
            raise InvalidInput(f"sector: {sector!r} is not one of {', '.join(SECTORS)}")
    grants: dict[str, list[str]] = {}
    if sectors:
        grants["sectors"] = sorted(set(sectors))
    if regions:
        grants["regions"] = sorted(set(regions))
    return grants


def grant_fields(stored: Any) -> tuple[tuple[str, ...] | None, tuple[str, ...] | None]:
    """A stored ``grants`` value as `Principal`'s ``sectors`` and ``regions`` (None: any)."""
    stored = stored or {}
    sectors, regions = stored.get("sectors"), stored.get("regions")
    return (
        tuple(sectors) if sectors is not None else None,
        tuple(regions) if regions is not None else None,
    )


def grants_dict(stored: Any) -> dict[str, list[str]] | None:
    """How ``aicc admin`` and the API show a user's or token's grants (None: everything)."""
    return dict(stored) if stored else None


def set_user_grants(
    engine: Engine,
    *,
    email: str,
    sectors: Sequence[str] | None,
    regions: Sequence[str] | None,
    timeout: float = DEFAULT_TIMEOUT,
) -> dict[str, Any]:
    """Limit a center user to ``sectors`` and ``regions`` from its next request on (both empty:
    the whole portfolio again). NotFound for an unknown user; InvalidInput for an organisation's
    user or a bad sector or region."""
    address = email.strip().lower()
    with writing(engine, lock=CENTER_LOCK, timeout=timeout) as conn:
        row = conn.execute(select(users.c.id, users.c.agency).where(users.c.email == address))
        found = row.first()
        if found is None:
            raise NotFound(f"user {address!r}: not found")
        grants = make_grants(sectors, regions, center=found[1] is not None)
        conn.execute(users.update().where(users.c.id == found[0]).values(grants=grants))
    return {"email": address, "center": found[1], "grants": grants_dict(grants)}
