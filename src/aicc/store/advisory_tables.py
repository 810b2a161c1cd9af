"""Tables of the center's own CSAF 2.0 advisories (``aicc.center.advisories`` reads and writes
them); the vendors' advisories the knowledge base imports are ``csaf_documents`` instead.

``center_advisories`` keeps each advisory's form (what the analyst wrote) and the CSAF document
made from it, current version only; the document's revision history says what came before, and
``center_advisory_events`` (append-only) who created, changed and published each version, when,
with the SHA-256 of what was published. ``center_advisory_audience`` is who a published
advisory was shown to, with the components of theirs that matched. Times are naive UTC.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from aicc.store.tables import Json, metadata

TLP_LABELS = ("CLEAR", "GREEN", "AMBER", "RED")
ADVISORY_STATUSES = ("draft", "final")

center_advisories = Table(
    "center_advisories",
    metadata,
    Column("id", String(32), primary_key=True),  # adv_...
    Column("tracking_id", Text, nullable=False, unique=True),  # AICC-2026-1A2B3C4D
    Column("title", Text, nullable=False),
    Column("tlp", String(8), nullable=False),
    Column("status", String(8), nullable=False),
    Column("version", Integer, nullable=False),  # the CSAF tracking version (integer versioning)
    Column("form", Json, nullable=False),  # the fields the analyst gave
    Column("document", Json, nullable=False),  # the CSAF 2.0 document of this version
    Column("created_at", DateTime, nullable=False),
    Column("created_by", Text, nullable=False),
    Column("updated_at", DateTime, nullable=False),
    Column("published_at", DateTime),  # first published; None: a draft
    Column("released_at", DateTime),  # the current version's release (current_release_date)
    CheckConstraint("tlp IN ('CLEAR', 'GREEN', 'AMBER', 'RED')", name="ck_center_advisories_tlp"),
    CheckConstraint("status IN ('draft', 'final')", name="ck_center_advisories_status"),
    Index(None, "status", "tlp", "released_at"),  # the provider's feed
)

center_advisory_audience = Table(  # who a published advisory concerns, and by what
    "center_advisory_audience",
    metadata,
    Column("advisory_id", String(32), ForeignKey("center_advisories.id"), primary_key=True),
    Column(
        "organisation_id",
        String(32),
        ForeignKey("organisations.id"),
        primary_key=True,
        index=True,
    ),
    Column("matched", Json, nullable=False),  # [{asset, component, version, cve...}]
    Column("version", Integer, nullable=False),  # the advisory's version that first matched
    Column("added_at", DateTime, nullable=False),
)

center_advisory_events = Table(  # append-only: who did what to which version, when
    "center_advisory_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "advisory_id",
        String(32),
        ForeignKey("center_advisories.id"),
        nullable=False,
        index=True,
    ),
    Column("actor", Text, nullable=False),
    Column("at", DateTime, nullable=False),
    Column("action", String(16), nullable=False),  # created | edited | published | revised
    Column("version", Integer, nullable=False),
    Column("status", String(8), nullable=False),
    Column("digest", String(64), nullable=False),  # SHA-256 hex of the document as served
    Column("audience", Integer),  # organisations it concerns, for published and revised
    Column("summary", Text),  # the revision's summary
)
