"""The audit log: append-only, chained with a keyed MAC, verified; tampering of every kind is
caught, in the log, at its end, in the head kept apart from it."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Connection, Engine, delete, select, update

from aicc.frontier import audit
from aicc.frontier.access import AccessDenied
from aicc.frontier.audit import GENESIS
from aicc.store.frontier_tables import frontier_audit
from tests.frontier.program_helpers import ADMIN, BEFORE, DEVELOPER, EVALUATOR, seed

T0 = datetime(2026, 4, 1, 9, 30, 0, 123456)


def fill(conn: Connection, count: int = 5) -> None:
    for n in range(count):
        audit.record(
            conn,
            actor=ADMIN if n % 2 else EVALUATOR,
            action="results.read",
            subject=f"sub-0000000{n}",
            detail={"suite": "builtin", "n": n, "ok": True},
            at=T0 + timedelta(minutes=n),
        )


def test_entries_chain_from_the_genesis_hash(engine: Engine) -> None:
    with engine.begin() as conn:
        fill(conn, 3)
        log = audit.entries(conn)
        result = audit.verify(conn)
    assert [e.seq for e in log] == [1, 2, 3]
    assert log[0].prev_hash == GENESIS
    assert [e.prev_hash for e in log[1:]] == [e.hash for e in log[:-1]]
    assert result.ok and result.entries == 3 and result.head == log[-1].hash


def test_the_hash_is_an_hmac_of_the_canonical_json_under_a_derived_key(
    engine: Engine, program_key: str
) -> None:
    with engine.begin() as conn:
        entry = audit.record(
            conn,
            actor="admin:ada",
            action="submission.create",
            subject="sub-1234abcd",
            detail={"b": 1, "a": "é"},
            at=T0,
        )
    canonical = json.dumps(
        {
            "action": "submission.create",
            "actor": "admin:ada",
            "at": "2026-04-01T09:30:00.123456",
            "detail": {"a": "é", "b": 1},
            "prev_hash": GENESIS,
            "seq": 1,
            "subject": "sub-1234abcd",
        },
        separators=(",", ":"),
        sort_keys=True,
        ensure_ascii=False,
    )
    derived = HKDF(
        algorithm=hashes.SHA256(),
        length=32,
        salt=None,
        info=b"aicc frontier audit chain MAC key v1",
    ).derive(base64.urlsafe_b64decode(program_key))
    expected = hmac.new(derived, canonical.encode(), hashlib.sha256).hexdigest()
    assert entry.hash == expected
    assert entry.hash != hashlib.sha256(canonical.encode()).hexdigest()  # not a plain hash


def test_an_empty_log_verifies(engine: Engine) -> None:
    with engine.connect() as conn:
        result = audit.verify(conn)
    assert result.ok and result.entries == 0 and result.head == GENESIS


def _swap_seq(conn: Connection, a: int, b: int) -> None:
    table = frontier_audit
    conn.execute(update(table).where(table.c.seq == a).values(seq=-1))
    conn.execute(update(table).where(table.c.seq == b).values(seq=a))
    conn.execute(update(table).where(table.c.seq == -1).values(seq=b))


def _rehash(conn: Connection, seq: int) -> None:
    """Change an entry's detail and re-hash it with plain SHA-256, as the unkeyed chain allowed."""
    row = conn.execute(select(frontier_audit).where(frontier_audit.c.seq == seq)).mappings().one()
    fields = {k: row[k] for k in ("seq", "at", "actor", "action", "subject", "detail", "prev_hash")}
    conn.execute(
        update(frontier_audit)
        .where(frontier_audit.c.seq == seq)
        .values(detail={"n": 99}, hash=audit.legacy_hash(**{**fields, "detail": {"n": 99}}))
    )


TAMPERING: list[tuple[str, Callable[[Connection], object], int, str]] = [
    (
        "detail changed",
        lambda c: c.execute(
            update(frontier_audit)
            .where(frontier_audit.c.seq == 3)
            .values(detail={"suite": "builtin", "n": 2, "ok": False})
        ),
        3,
        "entry 3 was changed",
    ),
    (
        "actor changed",
        lambda c: c.execute(
            update(frontier_audit)
            .where(frontier_audit.c.seq == 2)
            .values(actor="evaluator:mallory")
        ),
        2,
        "entry 2 was changed",
    ),
    (
        "time changed",
        lambda c: c.execute(
            update(frontier_audit)
            .where(frontier_audit.c.seq == 4)
            .values(at=T0 - timedelta(days=1))
        ),
        4,
        "entry 4 was changed",
    ),
    (
        "middle entry deleted",
        lambda c: c.execute(delete(frontier_audit).where(frontier_audit.c.seq == 3)),
        3,
        "entry 3 is missing",
    ),
    (
        "first entry deleted",
        lambda c: c.execute(delete(frontier_audit).where(frontier_audit.c.seq == 1)),
        1,
        "entry 1 is missing",
    ),
    ("entries reordered", lambda c: _swap_seq(c, 2, 3), 2, "entry 2 is out of order"),
    # the unkeyed chain named entry 3 ("does not follow"): the MAC now names the edited entry
    ("entry changed and re-hashed", lambda c: _rehash(c, 2), 2, "entry 2 was changed"),
]


@pytest.mark.parametrize(
    ("tamper", "seq", "message"), [t[1:] for t in TAMPERING], ids=[t[0] for t in TAMPERING]
)
def test_verify_names_the_first_broken_entry(
    engine: Engine, tamper: Callable[[Connection], object], seq: int, message: str
) -> None:
    with engine.begin() as conn:
        fill(conn, 5)
    with engine.begin() as conn:
        tamper(conn)
    with engine.connect() as conn:
        result = audit.verify(conn)
    assert not result.ok
    assert result.broken_seq == seq
    assert result.problem is not None and result.problem.startswith(message)


def test_removing_the_last_entry_is_caught_by_the_head(engine: Engine) -> None:
    with engine.begin() as conn:
        fill(conn, 5)
        conn.execute(delete(frontier_audit).where(frontier_audit.c.seq == 5))
        truncated = audit.verify(conn)
    assert not truncated.ok and truncated.entries == 4
    assert truncated.broken_seq == 5
    assert truncated.problems == (
        "chain truncated after entry 4: the head in the store names entry 5, so entry 5 was "
        "deleted",
    )


def test_concurrent_appends_do_not_fork_the_chain(engine: Engine) -> None:
    with engine.begin() as conn:
        fill(conn, 1)
    start = threading.Barrier(3)
    errors: list[BaseException] = []

    def append(worker: int) -> None:
        try:
            start.wait()
            for n in range(15):
                with engine.begin() as conn:
                    audit.record(
                        conn,
                        actor=f"evaluator:w{worker}",
                        action="model.access",
                        subject=None,
                        detail={"n": n},
                        at=T0,
                    )
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=append, args=(w,)) for w in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with engine.connect() as conn:
        result = audit.verify(conn)
        log = audit.entries(conn)
    assert result.ok and result.entries == 46
    assert len({e.prev_hash for e in log}) == 46  # no two entries share a predecessor


def test_an_append_waits_for_an_open_transaction_that_appended(engine: Engine) -> None:
    first_appended, second_done = threading.Event(), threading.Event()
    seen: dict[str, str] = {}

    def second() -> None:
        first_appended.wait()
        with engine.begin() as conn:
            seen["prev"] = audit.record(
                conn, actor=ADMIN, action="b", subject=None, detail=None, at=T0
            ).prev_hash
        second_done.set()

    thread = threading.Thread(target=second)
    thread.start()
    with engine.begin() as conn:
        first = audit.record(conn, actor=ADMIN, action="a", subject=None, detail=None, at=T0)
        first_appended.set()
        assert not second_done.wait(0.5)  # blocked on the log's lock
    thread.join()
    assert seen["prev"] == first.hash


def test_reading_and_verifying_the_log_are_checked_and_logged(engine: Engine) -> None:
    with engine.begin() as conn:
        ref = seed(conn)
        about = audit.read_log(conn, actor=ADMIN, subject=ref, as_of=BEFORE)
        result = audit.verify_log(conn, actor=EVALUATOR, as_of=BEFORE)
        with pytest.raises(AccessDenied):
            audit.read_log(conn, actor=EVALUATOR, as_of=BEFORE)
        with pytest.raises(AccessDenied):
            audit.verify_log(conn, actor=DEVELOPER, as_of=BEFORE)
        last_two = [e.action for e in audit.entries(conn)][-2:]
    assert [e.action for e in about] == ["submission.create"]
    assert result.ok
    assert last_two == ["audit.read", "audit.verify"]
