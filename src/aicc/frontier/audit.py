"""The program's audit log: append-only and hash-chained, so that any change to it shows.

Each entry's ``hash`` is the SHA-256 of a canonical JSON (sorted keys, no spaces) of its
``seq``, ``at``, ``actor``, ``action``, ``subject``, ``detail`` and ``prev_hash``;
``prev_hash`` is the hash of the entry before it (64 zeros for the first). `verify` walks the
chain and names the first entry where it breaks: a changed entry, a missing (deleted) one, or
one out of order. Removing entries from the *end* leaves a valid, shorter chain: compare the
head hash `verify` reports with one kept elsewhere to catch that.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

import orjson
from sqlalchemy import Connection, false, insert, select, text, update

from aicc.core.times import iso, utcnow
from aicc.frontier.access import Action, Actor, require
from aicc.store.frontier_tables import frontier_audit

GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    """One entry of the log."""

    seq: int
    at: datetime
    actor: str
    action: str
    subject: str | None
    detail: Any
    prev_hash: str
    hash: str

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "seq": self.seq,
            "at": iso(self.at),
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "detail": self.detail,
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }


@dataclass(frozen=True)
class VerifyResult:
    """What `verify` found: ``ok``, or the first broken entry and what is wrong with it."""

    ok: bool
    entries: int  # entries checked
    head: str  # the last entry's hash (GENESIS for an empty log): keep it to detect truncation
    broken_seq: int | None = None
    problem: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head": self.head,
            "broken_seq": self.broken_seq,
            "problem": self.problem,
        }


def entry_hash(
    *,
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    subject: str | None,
    detail: Any,
    prev_hash: str,
) -> str:
    """The hash an entry with these fields must carry."""
    canonical = orjson.dumps(
        {
            "seq": seq,
            "at": at.isoformat(timespec="microseconds"),
            "actor": actor,
            "action": action,
            "subject": subject,
            "detail": detail,
            "prev_hash": prev_hash,
        },
        option=orjson.OPT_SORT_KEYS,
    )
    return hashlib.sha256(canonical).hexdigest()


def _lock_log(conn: Connection) -> None:
    """Hold the log's write lock until the transaction ends, so two appends cannot fork it.

    PostgreSQL: a table lock that conflicts with itself. ``SELECT ... FOR UPDATE`` on the last
    entry is not enough: it locks nothing while the log is empty, and under READ COMMITTED the
    waiting transaction re-reads the *old* last entry once it gets the lock. SQLite: a write
    that changes nothing takes the database's write lock (waiting up to busy_timeout), and a
    read after it sees every committed entry.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("LOCK TABLE frontier_audit IN SHARE ROW EXCLUSIVE MODE"))
    else:
        conn.execute(update(frontier_audit).where(false()).values(seq=frontier_audit.c.seq))


def record(
    conn: Connection,
    *,
    actor: Actor | str,
    action: str,
    subject: str | None,
    detail: Mapping[str, Any] | None,
    at: datetime,
) -> AuditEntry:
    """Append an entry after the current last one, in the caller's transaction."""
    _lock_log(conn)
    last = conn.execute(
        select(frontier_audit.c.seq, frontier_audit.c.hash)
        .order_by(frontier_audit.c.seq.desc())
        .limit(1)
    ).first()
    seq, prev_hash = (last.seq + 1, last.hash) if last is not None else (1, GENESIS)
    values: dict[str, Any] = {
        "seq": seq,
        "at": at,
        "actor": str(actor),
        "action": action,
        "subject": subject,
        "detail": dict(detail) if detail is not None else None,
        "prev_hash": prev_hash,
    }
    values["hash"] = entry_hash(**values)
    conn.execute(insert(frontier_audit).values(**values))
    return AuditEntry(**values)


def entries(conn: Connection, *, subject: str | None = None) -> list[AuditEntry]:
    """The log in order, or only the entries about ``subject``."""
    query = select(frontier_audit).order_by(frontier_audit.c.seq)
    if subject is not None:
        query = query.where(frontier_audit.c.subject == subject)
    return [AuditEntry(**row) for row in conn.execute(query).mappings()]


def _break_at(
    entry: AuditEntry, expected: int, prev_hash: str, seq_of_hash: Mapping[str, int]
) -> str | None:
    """What is wrong where ``entry`` stands in the chain, or None."""
    if entry.seq != expected:
        return (
            f"entry {expected} is missing (deleted): the log goes from entry "
            f"{expected - 1} to entry {entry.seq}"
        )
    if entry.prev_hash != prev_hash:
        after = seq_of_hash.get(entry.prev_hash)
        if after is not None:
            return f"entry {entry.seq} is out of order: it was appended after entry {after}"
        return (
            f"entry {entry.seq} does not follow entry {entry.seq - 1}: an earlier entry was "
            "changed and re-hashed, or removed"
        )
    if (
        entry_hash(
            seq=entry.seq,
            at=entry.at,
            actor=entry.actor,
            action=entry.action,
            subject=entry.subject,
            detail=entry.detail,
            prev_hash=entry.prev_hash,
        )
        != entry.hash
    ):
        return f"entry {entry.seq} was changed: its content does not match its hash"
    return None


def verify(conn: Connection) -> VerifyResult:
    """Walk the chain from the first entry and report the first place where it breaks."""
    log = entries(conn)
    seq_of_hash = {entry.hash: entry.seq for entry in log}
    prev_hash, expected = GENESIS, 1
    for entry in log:
        problem = _break_at(entry, expected, prev_hash, seq_of_hash)
        if problem is not None:
            return VerifyResult(False, expected - 1, prev_hash, min(entry.seq, expected), problem)
        prev_hash, expected = entry.hash, expected + 1
    return VerifyResult(True, len(log), prev_hash)


def read_log(
    conn: Connection,
    *,
    actor: Actor,
    subject: str | None = None,
    as_of: date,
    at: datetime | None = None,
) -> list[AuditEntry]:
    """The log (or one subject's entries) for a program administrator; the reading is logged."""
    require(actor, Action.audit_read, None, (), as_of)
    found = entries(conn, subject=subject)
    record(
        conn,
        actor=actor,
        action=Action.audit_read.value,
        subject=subject,
        detail={"entries": len(found)},
        at=at or utcnow(),
    )
    return found


def verify_log(
    conn: Connection, *, actor: Actor, as_of: date, at: datetime | None = None
) -> VerifyResult:
    """`verify` for an administrator or evaluator; the check and its result are logged."""
    require(actor, Action.audit_verify, None, (), as_of)
    result = verify(conn)
    record(
        conn,
        actor=actor,
        action=Action.audit_verify.value,
        subject=None,
        detail={"ok": result.ok, "entries": result.entries, "broken_seq": result.broken_seq},
        at=at or utcnow(),
    )
    return result
