"""The program's audit log: append-only, chained and keyed, so that any change to it shows.

**Entries.** Each entry's ``hash`` is an HMAC-SHA256 (hex), under the audit key, of a canonical
JSON (sorted keys, no spaces) of its ``seq``, ``at``, ``actor``, ``action``, ``subject``,
``detail`` and ``prev_hash``; ``prev_hash`` is the MAC of the entry before it (64 zeros for the
first). The audit key is derived from ``AICC_FRONTIER_KEY`` with HKDF and a label of its own
(`aicc.frontier.crypto.audit_key_from_env`): whoever can write the database but lacks the key
cannot change, insert or re-chain an entry unnoticed. Re-hashing a changed entry with plain
SHA-256, as an unkeyed chain allowed, makes its MAC fail.

**Confidential detail.** What an entry's detail must not show in clear (the rules a
determination fired) is stored under ``"encrypted"`` as a token of the program's cipher; the
MAC covers the token, so the log verifies without decrypting, and ``entries(..., cipher=)``
shows the entry with those fields in clear.

**The head.** Deleting the last entries leaves a valid, shorter chain. So the last entry's seq
and MAC, with a tag (an HMAC over both), are also kept apart from the log: in the
``frontier_audit_head`` row, written in the same transaction as the entry, and in a file under
``AICC_HOME`` (`HEAD_FILE`, mode 0600), written atomically just before that transaction commits
(`keep_head_file`). `verify` checks every entry, then the log's end against the head row and
the head row against the file, and names each thing that is wrong: an entry changed, missing
or out of order, the chain truncated after an entry, the head row or file missing or changed.

A head that does not match the log is never moved forward: entries appended after a truncation
are still chained and keyed, but the head row and the file keep what the log had, so the loss
stays visible until the store is restored. The file is only replaced when it holds the head
the transaction started from; `rewrite_head_file` writes it anew for a new ``AICC_HOME`` or a
lost file, once the log in the store checks out (logged).

**Legacy chains.** A log from before the key (migration 0008) has a head row without a tag:
the SHA-256 chain of the time. The first entry written with the key checks that chain and its
end against that row, then re-authenticates every entry under the key and logs an
``audit.rekey`` entry with the old SHA-256 head; a legacy chain that is already broken is
refused (`LegacyChainBroken`) and nothing is written.

Appending holds the log's lock until the transaction ends, and so does `verify`, so a check
never sees the file ahead of a commit in progress. A process killed after writing the file and
before committing leaves the file one step ahead: `verify` reports it, as it would a
truncation.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import tempfile
import weakref
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

import orjson
from cryptography.fernet import Fernet
from sqlalchemy import Connection, Engine, event, false, insert, select, text, update

from aicc.core.errors import ConfigError
from aicc.core.times import iso, utcnow
from aicc.frontier import crypto
from aicc.frontier.access import Action, Actor, require
from aicc.frontier.window import FrontierError
from aicc.store.frontier_tables import frontier_audit, frontier_audit_head

GENESIS = "0" * 64
HEAD_FILE = "frontier-audit-head.json"  # under AICC_HOME
REKEY_ACTION = "audit.rekey"
ENCRYPTED = "encrypted"  # the key of an entry's detail that holds its confidential fields
MAX_PROBLEMS = 20  # `verify` names at most this many broken entries, then counts the rest
_HEAD_LABEL = b"aicc frontier audit head v1\n"
_PENDING = "aicc.frontier.audit.pending_head"


class AuditRefused(FrontierError):
    """The log accepts no entry in its present state: nothing was written."""


class LegacyChainBroken(AuditRefused):
    """A log from before the key is broken: it is not re-keyed."""


class AuditKeyMismatch(AuditRefused, crypto.WrongKey):
    """The log's head does not verify with the configured key."""


# --------------------------------------------------------------------------- entries


@dataclass(frozen=True)
class AuditEntry:
    """One entry of the log; ``opened`` names the confidential fields shown in clear."""

    seq: int
    at: datetime
    actor: str
    action: str
    subject: str | None
    detail: Any
    prev_hash: str
    hash: str
    opened: tuple[str, ...] = ()

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "seq": self.seq,
            "at": iso(self.at),
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "detail": self.detail,
            "decrypted": list(self.opened),
            "prev_hash": self.prev_hash,
            "hash": self.hash,
        }

    def fields(self) -> dict[str, Any]:
        """What its MAC covers."""
        return {
            "seq": self.seq,
            "at": self.at,
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "detail": self.detail,
            "prev_hash": self.prev_hash,
        }

    def open(self, cipher: Fernet) -> AuditEntry:
        """This entry with its confidential fields decrypted into its detail."""
        detail = self.detail
        if not isinstance(detail, Mapping) or not isinstance(detail.get(ENCRYPTED), str):
            return self
        try:
            secret = orjson.loads(crypto.decrypt(cipher, detail[ENCRYPTED].encode("ascii")))
        except (crypto.DecryptionError, orjson.JSONDecodeError, UnicodeEncodeError):
            return self  # shown sealed; a damaged entry also fails `verify`
        if not isinstance(secret, dict):
            return self
        clear = {key: value for key, value in detail.items() if key != ENCRYPTED}
        return replace(self, detail={**clear, **secret}, opened=tuple(sorted(secret)))


def _canonical(fields: Mapping[str, Any]) -> bytes:
    at: datetime = fields["at"]
    return orjson.dumps(
        {
            "seq": fields["seq"],
            "at": at.isoformat(timespec="microseconds"),
            "actor": fields["actor"],
            "action": fields["action"],
            "subject": fields["subject"],
            "detail": fields["detail"],
            "prev_hash": fields["prev_hash"],
        },
        option=orjson.OPT_SORT_KEYS,
    )


def legacy_hash(**fields: Any) -> str:
    """The SHA-256 an entry carried before the log was keyed (and all an attacker can compute)."""
    return hashlib.sha256(_canonical(fields)).hexdigest()


def entry_mac(key: bytes, **fields: Any) -> str:
    """The MAC an entry with these fields must carry under the audit key ``key``."""
    return hmac.new(key, _canonical(fields), hashlib.sha256).hexdigest()


def head_tag(key: bytes, seq: int, mac: str) -> str:
    """The tag that binds a head (the last entry's seq and MAC) to the audit key."""
    message = _HEAD_LABEL + f"{seq}\n{mac}".encode("ascii")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def _same(a: str, b: str) -> bool:
    return hmac.compare_digest(a.encode("ascii", "replace"), b.encode("ascii", "replace"))


# The program key of a caller that holds it other than in the environment (the server reads it
# from the environment it was started with); `_key` falls back to AICC_FRONTIER_KEY.
_program_env: ContextVar[Mapping[str, str] | None] = ContextVar("frontier_env", default=None)


@contextmanager
def keyed_with(env: Mapping[str, str]) -> Iterator[None]:
    """Within the block, entries are keyed with the program key in ``env`` (a server's)."""
    token = _program_env.set(env)
    try:
        yield
    finally:
        _program_env.reset(token)


def _key(key: bytes | None) -> bytes:
    if key is not None:
        return key
    return crypto.audit_key_from_env(_program_env.get() or os.environ)


# --------------------------------------------------------------------------- the head


@dataclass(frozen=True)
class Head:
    """The log's last entry as kept apart from it; no ``tag``: a legacy (unkeyed) chain."""

    seq: int
    mac: str
    tag: str | None

    def verifies(self, key: bytes) -> bool:
        return self.tag is not None and _same(self.tag, head_tag(key, self.seq, self.mac))

    def as_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "mac": self.mac, "tag": self.tag}


def stored_head(conn: Connection) -> Head | None:
    """The head row, or None when there is none."""
    row = conn.execute(
        select(frontier_audit_head.c.seq, frontier_audit_head.c.mac, frontier_audit_head.c.tag)
    ).first()
    return None if row is None else Head(row.seq, row.mac, row.tag)


def _save_head(conn: Connection, head: Head, at: datetime) -> None:
    values = {"seq": head.seq, "mac": head.mac, "tag": head.tag, "updated_at": at}
    if conn.execute(update(frontier_audit_head).values(**values)).rowcount == 0:
        conn.execute(insert(frontier_audit_head).values(id=1, **values))


@dataclass(frozen=True)
class HeadFile:
    """What the head file holds: ``missing``, ``damaged`` (with ``reason``) or a ``head``."""

    state: Literal["missing", "damaged", "present"]
    head: Head | None = None
    reason: str = ""


def read_head_file(path: Path) -> HeadFile:
    """The head kept in ``path``."""
    try:
        data = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        return HeadFile("missing")
    except OSError as exc:
        return HeadFile("damaged", reason=f"cannot be read: {exc.strerror or exc}")
    except orjson.JSONDecodeError as exc:
        return HeadFile("damaged", reason=f"not JSON: {exc}")
    if (
        not isinstance(data, dict)
        or not isinstance(data.get("seq"), int)
        or not isinstance(data.get("mac"), str)
        or not isinstance(data.get("tag"), str)
    ):
        return HeadFile("damaged", reason='expected {"seq": N, "mac": HEX, "tag": HEX}')
    return HeadFile("present", Head(data["seq"], data["mac"], data["tag"]))


def write_head_file(path: Path, head: Head) -> None:
    """Replace ``path`` with ``head`` atomically (a new file, mode 0600, renamed over it)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        try:
            os.fchmod(handle, 0o600)
            with os.fdopen(handle, "wb") as out:
                out.write(orjson.dumps(head.as_dict(), option=orjson.OPT_APPEND_NEWLINE))
                out.flush()
                os.fsync(out.fileno())
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
    except OSError as exc:
        raise ConfigError(
            f"cannot write the audit log's head file {path}: {exc.strerror or exc}; "
            "nothing was written"
        ) from exc


@dataclass
class _Pending:
    """The head a transaction moves the log to, and the one it found (what the file holds)."""

    transaction: object
    found: Head | None
    head: Head


def _note_pending(conn: Connection, found: Head | None, head: Head) -> None:
    transaction = conn.get_transaction()
    pending = conn.info.get(_PENDING)
    if isinstance(pending, _Pending) and pending.transaction is transaction:
        pending.head = head
    else:
        conn.info[_PENDING] = _Pending(transaction, found, head)


_kept: weakref.WeakKeyDictionary[Engine, Path] = weakref.WeakKeyDictionary()


def keep_head_file(engine: Engine, path: Path) -> None:
    """Keep ``path`` at the log's head: written just before each commit that appends to the log.

    The file is replaced only when it holds the head the transaction started from (missing
    when the log had no keyed head yet); otherwise it is left as it is, for `verify` to report.
    A file that cannot be written fails the commit. Keeping the same file twice does nothing
    more; an engine keeps one file.
    """
    path = Path(path)
    kept = _kept.get(engine)
    if kept is not None:
        if kept != path:
            raise ValueError(f"this store already keeps its audit head in {kept}")
        return
    _kept[engine] = path

    def commit(conn: Connection) -> None:
        pending = conn.info.pop(_PENDING, None)
        if not isinstance(pending, _Pending) or pending.transaction is not conn.get_transaction():
            return
        current = read_head_file(path)
        if pending.found is None:
            if current.state != "missing":
                return
        elif current.head != pending.found:
            return
        write_head_file(path, pending.head)

    def rollback(conn: Connection) -> None:
        conn.info.pop(_PENDING, None)

    event.listen(engine, "commit", commit)
    event.listen(engine, "rollback", rollback)


# --------------------------------------------------------------------------- appending


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


def _last(conn: Connection) -> tuple[int, str] | None:
    row = conn.execute(
        select(frontier_audit.c.seq, frontier_audit.c.hash)
        .order_by(frontier_audit.c.seq.desc())
        .limit(1)
    ).first()
    return None if row is None else (row.seq, row.hash)


def _head_follows(head: Head | None, last: tuple[int, str] | None, key: bytes) -> bool:
    """Whether the head row is the log's own last entry, so an append may move it on."""
    if head is None or last is None:
        return head is None and last is None  # a new log; else a head or entries deleted
    if (head.seq, head.mac) != last:
        return False  # the log lost its last entries (or the row was replaced): keep it
    if not head.verifies(key):
        raise AuditKeyMismatch(
            f"the audit log's head does not verify with {crypto.KEY_VARIABLE}: it is not the "
            "key the log was written with (or the head was forged); nothing was written"
        )
    return True


def _seal(
    detail: Mapping[str, Any] | None, sealed: Mapping[str, Any] | None, cipher: Fernet | None
) -> dict[str, Any] | None:
    if not sealed:
        return dict(detail) if detail is not None else None
    if cipher is None:
        raise ConfigError("confidential audit detail needs the program's cipher")
    clear = dict(detail or {})
    if ENCRYPTED in clear or set(clear) & set(sealed):
        raise ValueError(f"audit detail: {ENCRYPTED!r} and the sealed fields are reserved")
    token = crypto.encrypt(cipher, orjson.dumps(dict(sealed)))
    return {**clear, ENCRYPTED: token.decode("ascii")}


def _append(
    conn: Connection,
    key: bytes,
    *,
    actor: Actor | str,
    action: str,
    subject: str | None,
    detail: Any,
    at: datetime,
) -> AuditEntry:
    """Append after the current last entry (the lock is held); move the head if it follows."""
    head = stored_head(conn)
    last = _last(conn)
    follows = _head_follows(head, last, key)
    seq, prev = (last[0] + 1, last[1]) if last is not None else (1, GENESIS)
    fields: dict[str, Any] = {
        "seq": seq,
        "at": at,
        "actor": str(actor),
        "action": action,
        "subject": subject,
        "detail": detail,
        "prev_hash": prev,
    }
    mac = entry_mac(key, **fields)
    conn.execute(insert(frontier_audit).values(**fields, hash=mac))
    if follows:
        moved = Head(seq, mac, head_tag(key, seq, mac))
        _save_head(conn, moved, at)
        _note_pending(conn, head, moved)
    return AuditEntry(**fields, hash=mac)


def record(
    conn: Connection,
    *,
    actor: Actor | str,
    action: str,
    subject: str | None,
    detail: Mapping[str, Any] | None,
    at: datetime,
    sealed: Mapping[str, Any] | None = None,
    cipher: Fernet | None = None,
    key: bytes | None = None,
) -> AuditEntry:
    """Append an entry after the current last one, in the caller's transaction.

    ``sealed`` fields are stored encrypted with ``cipher``; ``key`` is the audit key (default:
    derived from ``AICC_FRONTIER_KEY``). A legacy log is re-keyed first (see the module).
    """
    key = _key(key)
    stored = _seal(detail, sealed, cipher)
    _lock_log(conn)
    head = stored_head(conn)
    if head is not None and head.tag is None:
        _rekey(conn, key, head, actor=actor, at=at)
    return _append(conn, key, actor=actor, action=action, subject=subject, detail=stored, at=at)


def _rekey(conn: Connection, key: bytes, legacy: Head, *, actor: Actor | str, at: datetime) -> None:
    """Check the legacy SHA-256 chain up to its head row, then key every entry (lock held)."""
    log = entries(conn)
    problems = [problem for _, problem in _walk(log, _legacy_check)]
    end = log[-1] if log else None
    if not problems and (end is None or (end.seq, end.hash) != (legacy.seq, legacy.mac)):
        problems.append(_truncation(end.seq if end else 0, legacy.seq, "recorded in migration"))
    if problems:
        raise LegacyChainBroken(
            f"the audit log written before it was keyed is broken: {problems[0]}. It was not "
            "re-keyed and nothing was written: restore the store from a copy whose log "
            "verifies, then run the command again"
        )
    prev = GENESIS
    for entry in log:
        mac = entry_mac(key, **{**entry.fields(), "prev_hash": prev})
        conn.execute(
            update(frontier_audit)
            .where(frontier_audit.c.seq == entry.seq)
            .values(prev_hash=prev, hash=mac)
        )
        prev = mac
    assert end is not None  # a legacy head row is only written for a log with entries
    keyed = Head(end.seq, prev, head_tag(key, end.seq, prev))
    _save_head(conn, keyed, at)
    _note_pending(conn, None, keyed)
    _append(
        conn,
        key,
        actor=actor,
        action=REKEY_ACTION,
        subject=None,
        detail={"entries": len(log), "legacy_head": legacy.mac, "legacy": "sha256"},
        at=at,
    )


def entries(
    conn: Connection, *, subject: str | None = None, cipher: Fernet | None = None
) -> list[AuditEntry]:
    """The log in order, or only the entries about ``subject``; with ``cipher``, confidential
    fields in clear."""
    query = select(frontier_audit).order_by(frontier_audit.c.seq)
    if subject is not None:
        query = query.where(frontier_audit.c.subject == subject)
    found = [AuditEntry(**row) for row in conn.execute(query).mappings()]
    return found if cipher is None else [entry.open(cipher) for entry in found]


# --------------------------------------------------------------------------- verifying


@dataclass(frozen=True)
class VerifyResult:
    """What `verify` found: ``ok``, or every problem (the first one also as ``broken_seq`` and
    ``problem``). ``keyed`` is false for a legacy SHA-256 chain not yet re-keyed."""

    ok: bool
    entries: int  # entries in the log
    head: str  # the last entry's MAC (GENESIS for an empty log)
    broken_seq: int | None = None
    problem: str | None = None
    problems: tuple[str, ...] = ()
    keyed: bool = True
    head_file: str | None = None  # "matches", "missing", ... ; None: not checked
    notes: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view."""
        return {
            "ok": self.ok,
            "entries": self.entries,
            "head": self.head,
            "keyed": self.keyed,
            "broken_seq": self.broken_seq,
            "problem": self.problem,
            "problems": list(self.problems),
            "head_file": self.head_file,
            "notes": list(self.notes),
        }


Check = Callable[[AuditEntry], bool]


def _legacy_check(entry: AuditEntry) -> bool:
    return _same(legacy_hash(**entry.fields()), entry.hash)


def _walk(log: Sequence[AuditEntry], check: Check) -> list[tuple[int, str]]:
    """Every entry that is missing, out of order, unlinked or changed: (seq, what)."""
    seq_of_hash = {entry.hash: entry.seq for entry in log}
    found: list[tuple[int, str]] = []
    prev_hash, expected = GENESIS, 1
    for entry in log:
        if entry.seq != expected:
            found.append(
                (
                    expected,
                    f"entry {expected} is missing (deleted): the log goes from entry "
                    f"{expected - 1} to entry {entry.seq}",
                )
            )
        elif entry.prev_hash != prev_hash:
            after = seq_of_hash.get(entry.prev_hash)
            if after is not None:
                found.append(
                    (
                        entry.seq,
                        f"entry {entry.seq} is out of order: it was appended after entry {after}",
                    )
                )
            elif check(entry):
                found.append(
                    (
                        entry.seq,
                        f"entry {entry.seq} does not follow entry {entry.seq - 1}: "
                        f"entry {entry.seq - 1} was replaced or removed",
                    )
                )
        if not check(entry) and not (found and found[-1][0] == entry.seq):
            found.append(
                (
                    entry.seq,
                    f"entry {entry.seq} was changed: its content does not match its "
                    + (
                        "hash"
                        if check is _legacy_check
                        else "MAC (an edit, or a re-hash without the key)"
                    ),
                )
            )
        prev_hash, expected = entry.hash, entry.seq + 1
    return found


def _truncation(last: int, named: int, where: str) -> str:
    if last == 0:
        return f"all entries were deleted: the head {where} names entry {named}"
    return (
        f"chain truncated after entry {last}: the head {where} names entry {named}, "
        f"so entries {last + 1}-{named} were deleted"
        if named > last + 1
        else f"chain truncated after entry {last}: the head {where} names entry {named}, "
        f"so entry {named} was deleted"
    )


def verify(
    conn: Connection, *, key: bytes | None = None, head_file: Path | None = None
) -> VerifyResult:
    """Check every entry, the log's end against the head row, and the head row against the
    head file (when ``head_file`` is given); name everything that is wrong.

    Holds the log's lock (the check waits for an append in progress and its file write).
    """
    key = _key(key)
    _lock_log(conn)
    head = stored_head(conn)
    log = entries(conn)
    keyed = not (head is not None and head.tag is None)
    check: Check = (
        (lambda entry: _same(entry_mac(key, **entry.fields()), entry.hash))
        if keyed
        else _legacy_check
    )
    found = _walk(log, check)
    last_seq = log[-1].seq if log else 0
    by_seq = {entry.seq: entry for entry in log}
    notes: list[str] = []
    if not keyed:
        assert head is not None
        notes.append(
            "the log is a legacy SHA-256 chain, not yet keyed: the next entry written with "
            f"{crypto.KEY_VARIABLE} checks and re-keys it"
        )
    found += _head_problems(head, key, keyed, last_seq, by_seq)
    file_state = None
    if head_file is not None:
        file_state, file_problems = _file_problems(head_file, head, key, keyed, last_seq, log)
        found += file_problems
    problems = [problem for _, problem in found]
    if len(problems) > MAX_PROBLEMS:
        problems = [*problems[:MAX_PROBLEMS], f"... and {len(problems) - MAX_PROBLEMS} more"]
    first = min((seq for seq, _ in found if seq > 0), default=None)
    return VerifyResult(
        ok=not found,
        entries=len(log),
        head=log[-1].hash if log else GENESIS,
        broken_seq=first,
        problem=problems[0] if problems else None,
        problems=tuple(problems),
        keyed=keyed,
        head_file=file_state,
        notes=tuple(notes),
    )


def _head_problems(
    head: Head | None, key: bytes, keyed: bool, last_seq: int, by_seq: Mapping[int, AuditEntry]
) -> list[tuple[int, str]]:
    """The log's end against the head row ((0, ...) for a problem of no single entry)."""
    if head is None:
        if last_seq:
            return [
                (
                    0,
                    "the head record is missing (deleted from the store): entries removed "
                    "from the log's end could not be told",
                )
            ]
        return []
    if keyed and not head.verifies(key):
        return [(0, "the head record was changed: its tag does not verify with the key")]
    if head.seq > last_seq:
        return [(last_seq + 1, _truncation(last_seq, head.seq, "in the store"))]
    entry = by_seq.get(head.seq)
    if entry is None or not _same(entry.hash, head.mac):
        return [
            (
                head.seq,
                f"entry {head.seq} is not the one the head in the store names: it was "
                "replaced, and the entries after it appended again",
            )
        ]
    if head.seq < last_seq:
        return [
            (
                head.seq + 1,
                f"the head in the store names entry {head.seq} but the log goes on to entry "
                f"{last_seq}: the head record was replaced by an older one, or entries were "
                "appended after the log was truncated",
            )
        ]
    return []


def _file_problems(
    path: Path,
    head: Head | None,
    key: bytes,
    keyed: bool,
    last_seq: int,
    log: Sequence[AuditEntry],
) -> tuple[str, list[tuple[int, str]]]:
    """The head file against the head row and the log: (its state, the problems)."""
    kept = read_head_file(path)
    if not keyed:
        if kept.state == "missing":
            return "none (legacy log)", []
        return "present", [
            (
                0,
                f"the head file {path} exists but the log in the store is not keyed: the store "
                "was replaced by a copy from before the key",
            )
        ]
    if kept.state == "missing":
        if head is None and not log:
            return "none (empty log)", []
        return "missing", [
            (
                0,
                f"the head file {path} is missing (deleted): the log cannot be checked "
                "against the copy of its head kept outside the store "
                "(`aicc frontier audit verify --rewrite-head` writes it anew)",
            )
        ]
    if kept.state == "damaged" or kept.head is None:
        return "damaged", [(0, f"the head file {path} is damaged: {kept.reason}")]
    held = kept.head
    if not held.verifies(key):
        return "changed", [
            (0, f"the head file {path} was changed: its tag does not verify with the key")
        ]
    if head is not None and held == head:
        return "matches", []
    if held.seq > last_seq:
        return "ahead", [(last_seq + 1, _truncation(last_seq, held.seq, f"in the file {path}"))]
    entry = next((item for item in log if item.seq == held.seq), None)
    if entry is None or not _same(entry.hash, held.mac):
        return "mismatch", [
            (
                held.seq,
                f"entry {held.seq} is not the one the head file {path} names: the log was "
                "replaced from that entry on",
            )
        ]
    return "behind", [
        (
            0,
            f"the head file {path} names entry {held.seq}, the log's head is entry "
            f"{head.seq if head else last_seq}: the file was replaced by an older copy (or "
            "another machine with another AICC_HOME writes this store)",
        )
    ]


# --------------------------------------------------------------------------- as an actor


def read_log(
    conn: Connection,
    *,
    actor: Actor,
    subject: str | None = None,
    as_of: date,
    at: datetime | None = None,
    cipher: Fernet | None = None,
) -> list[AuditEntry]:
    """The log (or one subject's entries) for a program administrator, with confidential
    fields in clear given ``cipher``; the reading is logged."""
    require(actor, Action.audit_read, None, (), as_of)
    found = entries(conn, subject=subject, cipher=cipher)
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
    conn: Connection,
    *,
    actor: Actor,
    as_of: date,
    at: datetime | None = None,
    head_file: Path | None = None,
) -> VerifyResult:
    """`verify` for an administrator or evaluator; the check and its result are logged, unless
    the log accepts no entry (a broken legacy chain), which the result then notes."""
    require(actor, Action.audit_verify, None, (), as_of)
    result = verify(conn, head_file=head_file)
    try:
        record(
            conn,
            actor=actor,
            action=Action.audit_verify.value,
            subject=None,
            detail={
                "ok": result.ok,
                "entries": result.entries,
                "broken_seq": result.broken_seq,
                "problems": len(result.problems),
            },
            at=at or utcnow(),
        )
    except AuditRefused as exc:
        return replace(result, notes=(*result.notes, f"this check is not logged: {exc}"))
    return result


def rewrite_head_file(
    conn: Connection, *, actor: Actor, as_of: date, head_file: Path, at: datetime | None = None
) -> VerifyResult:
    """Write the head file anew from the store's head, once the log in the store verifies
    (program administrators; for a new ``AICC_HOME`` or a lost file); logged."""
    require(actor, Action.audit_head, None, (), as_of)
    result = verify(conn)
    if not result.ok or not result.keyed:
        reason = result.problem or "it is not keyed yet"
        raise AuditRefused(
            f"the log in the store does not verify ({reason}): the head file is not rewritten"
        )
    before = read_head_file(head_file)
    record(
        conn,
        actor=actor,
        action=Action.audit_head.value,
        subject=None,
        detail={
            "file": str(head_file),
            "was": before.state if before.head is None else f"entry {before.head.seq}",
        },
        at=at or utcnow(),
    )
    head = stored_head(conn)
    assert head is not None  # the log verified, so the entry just written moved the head
    write_head_file(head_file, head)
    return verify(conn, head_file=head_file)
