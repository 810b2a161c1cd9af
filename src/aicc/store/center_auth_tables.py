"""Tables of the center's log-in: single sign-on (OIDC) requests and links, password resets,
and failed log-ins (``aicc.center.oidc``, ``aicc.center.resets``, ``aicc.center.login_limits``
read and write them).

Secrets are kept as their SHA-256 only: an OIDC request is found by its ``state``'s hash, a reset
by its link's token's hash. Failed log-ins are kept in the store, not in a process, so that
several server processes count them together; their key is a hash too (of the e-mail or the
client's address). Times are naive UTC. The center's users and tokens carry their sector grants
in a ``grants`` column of ``users`` and ``api_tokens`` (`aicc.store.center_tables`).
"""

from __future__ import annotations

from sqlalchemy import Column, DateTime, ForeignKey, Index, Integer, String, Table, Text

from aicc.store.tables import metadata

oidc_requests = Table(  # a log-in sent to the identity provider, until it comes back (once)
    "oidc_requests",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 hex of the request's state
    Column("nonce", String(64), nullable=False),  # the ID token must carry it back
    Column("code_verifier", String(128), nullable=False),  # PKCE (RFC 7636)
    Column("next", Text, nullable=False),  # the page to go to once logged in
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("used_at", DateTime),  # set when it came back: a second time is a replay
)

oidc_links = Table(  # an identity of the provider, linked to one AICC user
    "oidc_links",
    metadata,
    Column("issuer", Text, primary_key=True),
    Column("subject", Text, primary_key=True),  # the ID token's "sub"
    Column("user_id", String(32), ForeignKey("users.id"), nullable=False, index=True),
    Column("linked_by", Text, nullable=False),  # the admin, or "verified e-mail ..."
    Column("created_at", DateTime, nullable=False),
)

password_resets = Table(  # one-time links to set a new password
    "password_resets",
    metadata,
    Column("id", String(64), primary_key=True),  # SHA-256 hex of the link's token
    Column("user_id", String(32), ForeignKey("users.id"), nullable=False, index=True),
    Column("issued_by", Text, nullable=False),
    Column("created_at", DateTime, nullable=False),
    Column("expires_at", DateTime, nullable=False),
    Column("used_at", DateTime),  # used, or made void by a newer link
)

login_failures = Table(  # one row per failed password log-in and per key it counts against
    "login_failures",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("key", String(64), nullable=False),  # SHA-256 hex of "account:EMAIL" / "address:IP"
    Column("at", DateTime, nullable=False),
    Index(None, "key", "at"),
)
