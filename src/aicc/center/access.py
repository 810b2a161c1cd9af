"""Who is asking, and what they may see and do.

A caller is a `Principal`: an organisation's token (roles ``admin``, ``member``: that
organisation only) or a center token (roles ``admin``, ``analyst``, ``read-only``, on behalf of
an agency: every organisation). Something of another organisation reads exactly as something
that does not exist (`NotFound`), so a token never learns what other organisations hold; a role
that may see a thing but not change it gets `Forbidden`.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection, or_, select

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


def scope(conn: Connection, principal: Principal, requested: str | None) -> str | None:
    """The organisation id a request is about: an organisation's token always its own (naming
    another is `NotFound`); a center token the one ``requested`` by id or name, or None (all).
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
            or_(organisations.c.id == wanted, organisations.c.name == wanted)
        )
    ).scalar()
    if found is None:
        raise NotFound(f"organization {wanted!r}: not found")
    return str(found)
