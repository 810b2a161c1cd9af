"""Tables of the frontier model program: developers, submissions, partners, evaluations, audit.

The program is advisory: no table has an approve, deny, licence or block state for a release.
Secrets are never stored: a submission names the environment variable or file that holds the
API key. Blobs marked "encrypted" hold Fernet tokens (``aicc.frontier.crypto``). Times are
naive UTC; dates are calendar dates.
"""

from __future__ import annotations

from sqlalchemy import (
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
)

from aicc.store.tables import Json, metadata

frontier_developers = Table(
    "frontier_developers",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("contact", Text),
    Column("created_at", DateTime, nullable=False),
)

frontier_submissions = Table(
    "frontier_submissions",
    metadata,
    Column("id", String(32), primary_key=True),  # "sub-" + 8 hex digits, printed by `submit`
    Column(
        "developer_id", Integer, ForeignKey("frontier_developers.id"), nullable=False, index=True
    ),
    Column("model_name", Text, nullable=False, index=True),
    Column("model_version", Text, nullable=False),
    Column("release_date", Date, nullable=False),  # the current planned release date
    Column("submitted_at", DateTime, nullable=False),
    Column("access_kind", String(16), nullable=False),  # "endpoint" | "inspect"
    Column("endpoint_url", Text),  # an OpenAI-compatible base URL
    Column("api_key_env", Text),  # the environment variable holding the key (never the key)
    Column("api_key_file", Text),  # or a secret file holding it
    Column("inspect_model", Text),  # an Inspect model string, e.g. "vllm/org/model"
    Column("declarations", Json),  # the developer's own: capabilities, safeguards, levels
)

frontier_release_dates = Table(  # every planned release date a submission has had, in order
    "frontier_release_dates",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "submission_id",
        String(32),
        ForeignKey("frontier_submissions.id"),
        nullable=False,
        index=True,
    ),
    Column("release_date", Date, nullable=False),
    Column("changed_at", DateTime, nullable=False),
    Column("changed_by", Text),
    Column("reason", Text),
)

frontier_attachments = Table(  # the developer's own evaluation results, as files
    "frontier_attachments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "submission_id",
        String(32),
        ForeignKey("frontier_submissions.id"),
        nullable=False,
        index=True,
    ),
    Column("filename", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("content", LargeBinary, nullable=False),  # encrypted
    Column("added_at", DateTime, nullable=False),
)

frontier_partners = Table(  # organisations the center has vetted
    "frontier_partners",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", Text, nullable=False, unique=True),
    Column("vetted_at", DateTime, nullable=False),
    Column("vetted_by", Text),
)

frontier_grants = Table(  # a partner's time-boxed, scoped access to one submission
    "frontier_grants",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "submission_id",
        String(32),
        ForeignKey("frontier_submissions.id"),
        nullable=False,
        index=True,
    ),
    Column("partner_id", Integer, ForeignKey("frontier_partners.id"), nullable=False),
    Column("state", String(16), nullable=False),  # proposed | confirmed | revoked
    Column("scope", Json, nullable=False),  # {"model": bool, "suites": [...], "results": [...]}
    Column("proposed_at", DateTime, nullable=False),
    Column("proposed_by", Text),
    Column("confirmed_at", DateTime),
    Column("confirmed_by", Text),
    Column("revoked_at", DateTime),
    Column("revoked_by", Text),
    Column("ends_on", Date),  # None: at the release date (moves with it); else an extension
    Index(None, "submission_id", "partner_id"),
)

frontier_partner_findings = Table(  # what a partner files against a submission
    "frontier_partner_findings",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "submission_id",
        String(32),
        ForeignKey("frontier_submissions.id"),
        nullable=False,
        index=True,
    ),
    Column("partner_id", Integer, ForeignKey("frontier_partners.id"), nullable=False),
    Column("title", Text, nullable=False),
    Column("body", LargeBinary, nullable=False),  # encrypted
    Column("filed_at", DateTime, nullable=False),
)

frontier_evaluations = Table(  # one evaluation run: suites against the model and references
    "frontier_evaluations",
    metadata,
    Column("id", String(32), primary_key=True),
    Column(
        "submission_id",
        String(32),
        ForeignKey("frontier_submissions.id"),
        nullable=False,
        index=True,
    ),
    Column("suite", Text, nullable=False),
    Column("settings", Json, nullable=False),  # solver, limits, epochs, reference models
    Column("state", String(16), nullable=False),  # running | finished | failed
    Column("started_at", DateTime, nullable=False),
    Column("finished_at", DateTime),
    Column("log_dir", Text),  # where the Inspect logs are kept
    Column("results", LargeBinary),  # encrypted JSON: scores per model and tier
    Column("error", Text),
)

frontier_determinations = Table(
    "frontier_determinations",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column(
        "submission_id",
        String(32),
        ForeignKey("frontier_submissions.id"),
        nullable=False,
        index=True,
    ),
    Column("policy", Text, nullable=False),  # "name version (effective date)"
    Column("outcome", String(32), nullable=False),  # covered | not_covered | insufficient_evidence
    Column("rules", Json, nullable=False),  # the rules that fired, with their numbers
    Column("determined_at", DateTime, nullable=False),
)

frontier_audit = Table(  # append-only and chained with a keyed MAC: see aicc.frontier.audit
    "frontier_audit",
    metadata,
    Column("seq", Integer, primary_key=True, autoincrement=True),
    Column("at", DateTime, nullable=False),
    Column("actor", Text, nullable=False),  # "role:name", e.g. "evaluator:alice"
    Column("action", Text, nullable=False),  # e.g. "submission.create", "results.read"
    Column("subject", Text),  # what it was done to, e.g. a submission id
    Column("detail", Json),  # confidential parts under "sealed", encrypted
    Column("prev_hash", String(64), nullable=False),  # the MAC of the entry before
    Column("hash", String(64), nullable=False, unique=True),  # HMAC-SHA256 (hex) of the entry
)

frontier_audit_head = Table(  # the log's last entry, kept apart from it: see aicc.frontier.audit
    "frontier_audit_head",
    metadata,
    Column("id", Integer, primary_key=True),  # one row: 1
    Column("seq", Integer, nullable=False),  # the last entry's seq
    Column("mac", String(64), nullable=False),  # its MAC (its SHA-256 hash while legacy)
    Column("tag", String(64)),  # HMAC of (seq, mac); NULL: a legacy chain, not yet keyed
    Column("updated_at", DateTime, nullable=False),
)

frontier_key_check = Table(  # proves which key the program's data is encrypted with
    "frontier_key_check",
    metadata,
    Column("id", Integer, primary_key=True),  # one row: 1
    Column("token", LargeBinary, nullable=False),  # encrypted KEY_CHECK (aicc.frontier.crypto)
    Column("created_at", DateTime, nullable=False),
)
