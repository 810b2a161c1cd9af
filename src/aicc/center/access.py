"""Who is asking, and what they may see and do.

A caller is a `Principal`: an organisation's token (roles ``admin``, ``member``: that
organisation only) or a center token (roles ``admin``, ``analyst``, ``read-only``, on behalf of
an agency: every organisation). Something of another organisation reads exactly as something
that does not exist (`NotFound`), so a token never learns what other organisations hold; a role
that may see a thing but not change it gets `Forbidden`. A center token or user may be limited
to sectors and regions (`aicc.center.grants`): `granted` is the condition every view puts on its
organisations, and an organisation outside the grant is `NotFound` too.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Connection, or_, select, true

from aicc.center.errors import Forbidden, NotFound
from aicc.store.center_tables import organisations

# Who may change a finding's analysis state (and upload, for an organisation).
TRIAGE_ROLES = {"organisation": ("admin", "member"), "center": ("admin", "analyst")}


@dataclass(frozen=True)
class Principal:
    """The holder of one API token, or a person logged in to the web pages."""

    token_id: str
    role: str
    organisation_id: str | None = None  # an organisation's token
    organisation_name: str | None = None
    agency: str | None = None  # a center token, on behalf of this agency
    user: str | None = None  # a person logged in to the pages (their e-mail); token_id: usr_...
    sectors: tuple[str, ...] | None = None  # a center caller limited to these sectors
    regions: tuple[str, ...] | None = None  # ... and these regions (None: any)

    @property
    def is_center(self) -> bool:
        return self.agency is not None

    @property
    def actor(self) -> str:
        """How the audit trail names the caller: ``CISA analyst (token tok_...)``, or
        ``CISA analyst ana@cisa.example (user usr_...)`` for a person logged in."""
        holder = f"{self.agency or self.organisation_name} {self.role}"
        if self.user is not None:
            return f"{holder} {self.user} (user {self.token_id})"
        return f"{holder} (token {self.token_id})"

    @property
    def can_triage(self) -> bool:
        return self.role in TRIAGE_ROLES["center" if self.is_center else "organisation"]


def require_triage(principal: Principal) -> None:
    """Forbidden unless the caller may change findings (a read-only center token may not)."""
    if not principal.can_triage:
        raise Forbidden(f"the {principal.role} role may read findings but not change them")


def require_center(principal: Principal, what: str) -> None:
    """Forbidden unless the caller holds a center token."""
    if not principal.is_center:
        raise Forbidden(f"{what} is for the center's roles, not an organisation's token")


def granted(principal: Principal, organisation_id: ColumnElement[Any]) -> ColumnElement[bool]:
    """The condition on an organisation id column that keeps what the caller may see: its own
    organisation, every one (the center), or those of the center caller's sectors and regions."""
    if not principal.is_center:
        return organisation_id == principal.organisation_id
    conditions = []
    if principal.sectors is not None:
        conditions.append(organisations.c.sector.in_(principal.sectors))
    if principal.regions is not None:
        conditions.append(organisations.c.region.in_(principal.regions))
    if not conditions:
        return true()
    return organisation_id.in_(select(organisations.c.id).where(*conditions).correlate(None))


def scope(conn: Connection, principal: Principal, requested: str | None) -> str | None:
    """The organisation id a request is about: an organisation's token always its own (naming
    another is `NotFound`); a center token the one ``requested`` by id or name (in its grant), or
    None (all it may see: the caller's query still filters by `granted`).
    """
    if requested is None or not requested.strip():
        return principal.organisation_id
    wanted = requested.strip()
    if not principal.is_center:
        if wanted in (principal.organisation_id, principal.organisation_name):
            return principal.organisation_id
        raise NotFound(f"organization {wanted!r}: not found")
    found = conn.execute(
        select(organisations.c.id).where(
            or_(organisations.c.id == wanted, organisations.c.name == wanted),
            granted(principal, organisations.c.id),
        )
    ).scalar()
    if found is None:
        raise NotFound(f"organization {wanted!r}: not found")
    return str(found)
