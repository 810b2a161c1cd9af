"""Tables of the center's own administration: the audit log of account and organisation
changes, an organisation's own copy of a sector profile, and the portfolio's daily snapshots
(``aicc.center.audit_log``, ``aicc.center.own_profiles``, ``aicc.center.portfolio_trends`` read
and write them). Times are naive UTC.
"""

from __future__ import annotations

from sqlalchemy import Column, Date, DateTime, ForeignKey, Integer, String, Table, Text

from aicc.store.tables import Json, metadata

center_audit = Table(  # append-only: who changed what of an account or an organisation, and when
    "center_audit",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("actor", Text, nullable=False),
    Column("organisation_id", String(32), index=True),  # None: a center user's own change
    Column("action", String(40), nullable=False),  # password_changed, profile_set, ...
    Column("subject", Text, nullable=False),  # the user's e-mail, the organisation's name
    Column("detail", Json, nullable=False),
)

organisation_profiles = Table(  # an organisation's own copy of a sector profile
    "organisation_profiles",
    metadata,
    Column("organisation_id", String(32), ForeignKey("organisations.id"), primary_key=True),
    Column("text", Text, nullable=False),  # the document as it was given (YAML or JSON)
    Column("format", String(8), nullable=False),  # yaml or json
    Column("based_on", Text, nullable=False),  # the profile in use before the first copy
    Column("updated_at", DateTime, nullable=False),
    Column("updated_by", Text, nullable=False),
)

portfolio_snapshots = Table(  # the portfolio summary's counts, per day, sector and region
    "portfolio_snapshots",
    metadata,
    Column("day", Date, primary_key=True),
    Column("sector", String(16), primary_key=True),
    Column("region", Text, primary_key=True),  # "" for organisations without a region
    Column("organisations", Integer, nullable=False),
    Column("open_findings", Integer, nullable=False),
    Column("kev_findings", Integer, nullable=False),
    Column("overdue_findings", Integer, nullable=False),
    Column("taken_at", DateTime, nullable=False),
)
