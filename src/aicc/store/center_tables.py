"""Tables of the coordination center: organisations, their tokens, assets, inventories, findings
and the findings' audit trail (``aicc.center`` reads and writes them).

Ids are random strings with a prefix (``org_``, ``ast_``, ``inv_``, ``fnd_``, ``tok_``), never
counters: an organisation must not learn from the gaps between its own ids how much another one
uploads. Tokens are kept as a SHA-256 hash only (``aicc.center.tokens`` says why that is enough).
``users`` log in to the web pages with an argon2 password hash; ``user_sessions`` keeps each
session cookie's SHA-256. ``finding_events`` is append-only: nothing updates or deletes a row.
Times are naive UTC.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from aicc.store.tables import Json, metadata, one_of

SECTORS = ("federal", "hospital", "bank", "utility", "other")
ASSET_KINDS = ("application", "host", "appliance")
# The analysis states of a finding (CycloneDX's analysis states, in the words).
STATES = ("in_triage", "exploitable", "not_affected", "false_positive", "resolved")
ORGANISATION_ROLES = ("admin", "member")
CENTER_ROLES = ("admin", "analyst", "read-only")


organisations = Table(
    "organisations",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("sector", String(16), nullable=False),
    Column("region", Text),
    Column("profile", Text, nullable=False),  # a shipped sector profile's name, or a file's path
    Column("created_at", DateTime, nullable=False),
    one_of("sector", SECTORS, "ck_organisations_sector"),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # SHA-256 hex of the token
    # the scope: one organisation, or the center on behalf of one agency
    Column("organisation_id", String(32), ForeignKey("organisations.id"), index=True),
    Column("agency", Text),
    Column("role", String(16), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime),  # None: never
    Column("revoked_at", DateTime),
    Column("grants", Json),  # a center token's sectors and regions (aicc.center.grants)
    CheckConstraint(
        "(organisation_id IS NULL) <> (agency IS NULL)", name="ck_api_tokens_one_scope"
    ),
)

assets = Table(
    "assets",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("organisation_id", String(32), ForeignKey("organisations.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("exposure", String(16)),  # open | controlled | small; None: the inventory's own
    Column("asset_class", Text),  # a class of the organisation's sector profile
    Column("safety_critical", Boolean, nullable=False),
    Column("created_at", DateTime, nullable=False),
    UniqueConstraint("organisation_id", "name"),
    one_of("kind", ASSET_KINDS, "ck_assets_kind"),
)

inventories = Table(  # every upload of an asset's inventory, kept as numbered versions
    "inventories",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("asset_id", String(32), ForeignKey("assets.id"), nullable=False),
    Column("version", Integer, nullable=False),  # 1, 2, ... per asset
    Column("uploaded_at", DateTime, nullable=False),
    Column("uploaded_by", Text, nullable=False),  # the actor (see aicc.center.access)
    # as uploaded, without folders; of an upload of several files, the inventory's relative name
    Column("filename", Text, nullable=False),
    Column("format", Text, nullable=False),  # e.g. "cyclonedx-json", "appliance-csv"
    Column("digest", String(64), nullable=False),  # SHA-256 hex of the content
    Column("size", Integer, nullable=False),
    # the file itself: the plan and (later) the re-check read it again with the pipeline
    Column("content", LargeBinary, nullable=False),
    Column("components", Json, nullable=False),  # the components read, as scan JSON gives them
    Column("skipped", Json, nullable=False),  # problems: what could not be read, where, why
    Column("unmatched", Json, nullable=False),  # entries naming no product the data knows
    # an upload of several files: [{"name", "size"}] in content's order (aicc.center.upload_files)
    Column("files", Json),
    UniqueConstraint("asset_id", "version"),
)

findings = Table(
    "findings",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("organisation_id", String(32), ForeignKey("organisations.id"), nullable=False),
    Column("asset_id", String(32), ForeignKey("assets.id"), nullable=False),
    # SHA-256 hex of the finding's id and its component's identity: a re-scan finds the row
    Column("key", String(64), nullable=False),
    Column("vulnerability_id", Text, nullable=False),  # the CVE when there is one
    Column("aliases", Json, nullable=False),
    Column("record", Json, nullable=False),  # the pipeline's record: evidence, decisions...
    Column("kev", Boolean, nullable=False),
    Column("priority", Integer, nullable=False),  # deployer decision: 0 Immediate .. 3 Defer, 4
    Column("due", Date),  # the earliest due date of its decisions
    Column("state", String(16), nullable=False),
    Column("justification", Text),  # a VEX justification, for not_affected
    Column("first_seen", DateTime, nullable=False),
    Column("last_seen", DateTime, nullable=False),
    Column("present", Boolean, nullable=False),  # in the asset's latest inventory
    Column("inventory_id", String(32), ForeignKey("inventories.id"), nullable=False),
    UniqueConstraint("asset_id", "key"),
    Index(None, "organisation_id", "priority", "due", "id"),  # the findings list, in order
    Index(None, "vulnerability_id"),  # the portfolio view
    # the portfolio summary's open, KEV and overdue counts per organisation, from the index alone
    Index(None, "organisation_id", "present", "state", "kev", "due"),
    # a re-check chunk's findings, by their component's name (migration 0021, issue 15)
    Index("ix_findings_component_name", text("((record -> 'component') ->> 'name')")),
    one_of("state", STATES, "ck_findings_state"),
)

finding_events = Table(  # append-only: who changed what, when and why
    "finding_events",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("finding_id", String(32), ForeignKey("findings.id"), nullable=False, index=True),
    Column("actor", Text, nullable=False),
    Column("at", DateTime, nullable=False),
    Column("from_state", String(16)),  # None: the finding was first seen
    Column("to_state", String(16), nullable=False),
    Column("justification", Text),
    Column("reason", Text, nullable=False),
)

users = Table(  # people who log in to the web pages, scoped as tokens are
    "users",
    metadata,
    Column("id", String(32), primary_key=True),
    Column("email", Text, nullable=False, unique=True),  # kept lower-case
    Column("password_hash", Text, nullable=False),  # argon2id, with its parameters and salt
    Column("organisation_id", String(32), ForeignKey("organisations.id"), index=True),
    Column("agency", Text),
    Column("role", String(16), nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("disabled_at", DateTime),
    Column("grants", Json),  # a center user's sectors and regions (aicc.center.grants)
    CheckConstraint("(organisation_id IS NULL) <> (agency IS NULL)", name="ck_users_one_scope"),
)

user_sessions = Table(  # a logged-in browser: the cookie's SHA-256, never the cookie itself
    "user_sessions",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 hex of the session cookie
    Column("user_id", String(32), ForeignKey("users.id"), nullable=False, index=True),
    Column("csrf", String(64), nullable=False),  # the token every form of the session carries
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
)

store_changes = Table(  # the portfolio's change marker: triggers replace it on every write (0019)
    "store_changes",
    metadata,
    Column("name", String(32), primary_key=True),  # "portfolio"
    Column("marker", String(32), nullable=False),  # random hex; see aicc.center.portfolio_cache
)
