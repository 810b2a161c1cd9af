"""The audit log under hostile writes (issue 17): whoever can write the database but lacks the
key cannot re-hash an edit, cut the log's end, or replace the head kept outside the store
unnoticed; a log from before the key is checked and re-keyed once, or refused."""

from __future__ import annotations

import json
import os
import stat
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, delete, func, insert, select, update

from aicc.core.errors import ConfigError
from aicc.frontier import audit
from aicc.frontier.audit import GENESIS, AuditKeyMismatch, Head, LegacyChainBroken
from aicc.frontier.crypto import KEY_VARIABLE, audit_key, new_key
from aicc.store.db import MIGRATIONS, create_engine_for, open_store
from aicc.store.frontier_tables import frontier_audit, frontier_audit_head
from tests.frontier.program_helpers import ADMIN, BEFORE, EVALUATOR, cipher

T0 = datetime(2026, 4, 1, 9, 30, 0, 123456)


def append(engine: Engine, count: int, *, start: int = 0) -> None:
    for n in range(start, start + count):
        with engine.begin() as conn:
            audit.record(
                conn,
                actor=ADMIN,
                action="results.read",
                subject=f"sub-{n:08x}",
                detail={"n": n},
                at=T0 + timedelta(minutes=n),
            )


def check(engine: Engine, head_file: Path | None = None) -> audit.VerifyResult:
    with engine.connect() as conn:
        return audit.verify(conn, head_file=head_file)


def rehash_from(conn: Connection, seq: int, detail: Any) -> None:
    """Edit entry ``seq`` and re-chain it and every later entry with plain SHA-256, then point
    the head row at the new last hash: all an attacker without the key can do."""
    rows = conn.execute(select(frontier_audit).order_by(frontier_audit.c.seq)).mappings().all()
    prev = GENESIS
    for row in rows:
        fields = {k: row[k] for k in ("seq", "at", "actor", "action", "subject", "detail")}
        if row["seq"] == seq:
            fields["detail"] = detail
        if row["seq"] >= seq:
            digest = audit.legacy_hash(**fields, prev_hash=prev)
            conn.execute(
                update(frontier_audit)
                .where(frontier_audit.c.seq == row["seq"])
                .values(detail=fields["detail"], prev_hash=prev, hash=digest)
            )
            prev = digest
        else:
            prev = row["hash"]
    conn.execute(update(frontier_audit_head).values(mac=prev))


@pytest.fixture
def head_file(tmp_path: Path, engine: Engine) -> Path:
    """The head file, kept by the engine as the CLI keeps it."""
    path = tmp_path / "home" / audit.HEAD_FILE
    audit.keep_head_file(engine, path)
    return path


# --------------------------------------------------------------------------- the key


def test_the_audit_key_is_derived_not_the_program_key(program_key: str) -> None:
    import base64

    raw = base64.urlsafe_b64decode(program_key)
    derived = audit_key(raw)
    assert len(derived) == 32 and derived != raw
    assert derived not in (raw[:16] + raw[16:], raw[16:] + raw[:16])  # neither Fernet half
    assert audit_key(raw) == derived  # deterministic
    assert audit_key(base64.urlsafe_b64decode(new_key())) != derived


def test_an_edit_re_hashed_with_sha256_to_the_end_is_caught(engine: Engine) -> None:
    append(engine, 5)
    with engine.begin() as conn:
        rehash_from(conn, 3, {"n": 99})
    result = check(engine)
    assert not result.ok and result.broken_seq == 3
    assert [p.split(":")[0] for p in result.problems] == [
        "entry 3 was changed",
        "entry 4 was changed",
        "entry 5 was changed",
        "the head record was changed",
    ]


def test_the_wrong_key_cannot_append(engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    append(engine, 2)
    monkeypatch.setenv(KEY_VARIABLE, new_key())
    with engine.begin() as conn, pytest.raises(AuditKeyMismatch, match="nothing was written"):
        audit.record(conn, actor=ADMIN, action="x", subject=None, detail=None, at=T0)
    with engine.connect() as conn:
        assert len(audit.entries(conn)) == 2


# --------------------------------------------------------------------------- the head row


def test_the_head_row_follows_the_last_entry(engine: Engine) -> None:
    append(engine, 3)
    with engine.connect() as conn:
        head = audit.stored_head(conn)
        last = audit.entries(conn)[-1]
    assert head is not None and (head.seq, head.mac) == (3, last.hash)
    assert check(engine).ok


def test_cutting_the_end_and_pointing_the_head_back_is_caught(engine: Engine) -> None:
    append(engine, 5)
    with engine.begin() as conn:
        fourth = audit.entries(conn)[3]
        conn.execute(delete(frontier_audit).where(frontier_audit.c.seq == 5))
        conn.execute(update(frontier_audit_head).values(seq=4, mac=fourth.hash))  # old tag
    result = check(engine)
    assert not result.ok
    assert result.problems == ("the head record was changed: its tag does not verify with the key",)


def test_a_deleted_head_row_is_caught(engine: Engine) -> None:
    append(engine, 3)
    with engine.begin() as conn:
        conn.execute(delete(frontier_audit_head))
    result = check(engine)
    assert not result.ok and result.problem is not None
    assert result.problem.startswith("the head record is missing (deleted from the store)")


def test_appends_after_a_truncation_keep_it_visible(engine: Engine) -> None:
    append(engine, 5)
    with engine.begin() as conn:
        conn.execute(delete(frontier_audit).where(frontier_audit.c.seq >= 4))
    append(engine, 3, start=10)  # the log goes on to entry 6, keyed and chained...
    result = check(engine)
    assert result.entries == 6
    assert not result.ok  # ...but the head still names the old entry 5
    assert result.problems == (
        "entry 5 is not the one the head in the store names: it was replaced, and the entries "
        "after it appended again",
    )


# --------------------------------------------------------------------------- the head file


def test_the_head_file_is_written_with_each_commit(engine: Engine, head_file: Path) -> None:
    append(engine, 3)
    with engine.connect() as conn:
        head = audit.stored_head(conn)
    assert head is not None
    assert json.loads(head_file.read_text()) == head.as_dict()
    assert stat.S_IMODE(head_file.stat().st_mode) == 0o600
    assert list(head_file.parent.iterdir()) == [head_file]  # no temporary left behind
    result = check(engine, head_file)
    assert result.ok and result.head_file == "matches"


def test_a_rolled_back_append_leaves_the_file(engine: Engine, head_file: Path) -> None:
    append(engine, 2)
    before = head_file.read_bytes()
    with pytest.raises(RuntimeError), engine.begin() as conn:
        audit.record(conn, actor=ADMIN, action="x", subject=None, detail=None, at=T0)
        raise RuntimeError("the command failed")
    assert head_file.read_bytes() == before
    assert check(engine, head_file).ok


def test_a_deleted_head_file_is_caught_and_not_silently_recreated(
    engine: Engine, head_file: Path
) -> None:
    append(engine, 3)
    head_file.unlink()
    result = check(engine, head_file)
    assert not result.ok and result.head_file == "missing"
    assert result.problem is not None and "is missing (deleted)" in result.problem
    append(engine, 1, start=3)  # an ordinary command does not write it back
    assert not head_file.exists() and not check(engine, head_file).ok
    with engine.begin() as conn:
        rewritten = audit.rewrite_head_file(conn, actor=ADMIN, as_of=BEFORE, head_file=head_file)
    assert rewritten.ok and rewritten.head_file == "matches"
    append(engine, 1, start=4)
    assert check(engine, head_file).ok
    with engine.connect() as conn:
        assert audit.entries(conn)[-2].action == "audit.head"


def test_a_store_restored_from_an_older_copy_is_caught_by_the_file(
    engine: Engine, head_file: Path
) -> None:
    append(engine, 3)
    with engine.connect() as conn:
        old_head = audit.stored_head(conn)
    assert old_head is not None
    append(engine, 2, start=3)
    with engine.begin() as conn:  # the log and its head row as they were: consistent in the store
        conn.execute(delete(frontier_audit).where(frontier_audit.c.seq > 3))
        conn.execute(
            update(frontier_audit_head).values(seq=old_head.seq, mac=old_head.mac, tag=old_head.tag)
        )
    assert check(engine).ok  # the store alone cannot tell
    result = check(engine, head_file)
    assert not result.ok and result.head_file == "ahead" and result.broken_seq == 4
    assert result.problem is not None
    assert result.problem.startswith("chain truncated after entry 3: the head in the file")
    append(engine, 1, start=5)  # later appends do not overwrite the evidence
    assert json.loads(head_file.read_text())["seq"] == 5


@pytest.mark.parametrize(
    ("replace", "state", "message"),
    [
        (lambda head: {**head, "seq": head["seq"] + 1}, "changed", "its tag does not verify"),
        (lambda head: "not json", "damaged", "is damaged"),
    ],
    ids=["forged", "damaged"],
)
def test_a_replaced_head_file_is_caught(
    engine: Engine, head_file: Path, replace: Any, state: str, message: str
) -> None:
    append(engine, 2)
    head_file.write_text(json.dumps(replace(json.loads(head_file.read_text()))))
    result = check(engine, head_file)
    assert not result.ok and result.head_file == state
    assert result.problem is not None and message in result.problem


def test_an_older_head_file_is_caught(engine: Engine, head_file: Path) -> None:
    append(engine, 2)
    older = head_file.read_bytes()
    append(engine, 2, start=2)
    head_file.write_bytes(older)
    result = check(engine, head_file)
    assert not result.ok and result.head_file == "behind"
    assert result.problem is not None and "names entry 2, the log's head is entry 4" in (
        result.problem
    )


def test_a_head_file_that_cannot_be_written_fails_the_commit(
    engine: Engine, head_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def full_disk(source: str, target: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", full_disk)
    with pytest.raises(ConfigError, match=r"cannot write the audit log's head file .*No space"):
        append(engine, 1)
    monkeypatch.undo()
    with engine.connect() as conn:
        assert audit.entries(conn) == [] and audit.stored_head(conn) is None
    assert list(head_file.parent.iterdir()) == []  # the temporary file is removed


# --------------------------------------------------------------------------- confidential detail


def test_sealed_fields_are_encrypted_and_opened_with_the_cipher(engine: Engine) -> None:
    key = cipher()
    with engine.begin() as conn:
        audit.record(
            conn,
            actor=EVALUATOR,
            action="determination.make",
            subject="sub-00000001",
            detail={"outcome": "covered"},
            sealed={"fired": ["professional-tier-solve-rate"]},
            cipher=key,
            at=T0,
        )
    with engine.connect() as conn:
        (stored,) = audit.entries(conn)
        (opened,) = audit.entries(conn, cipher=key)
        (unopened,) = audit.entries(conn, cipher=cipher())
    assert set(stored.detail) == {"outcome", "encrypted"}
    assert "professional" not in json.dumps(stored.detail)
    assert opened.detail == {"outcome": "covered", "fired": ["professional-tier-solve-rate"]}
    assert opened.opened == ("fired",) and opened.as_dict()["decrypted"] == ["fired"]
    assert unopened.detail == stored.detail  # another key shows it sealed
    assert check(engine).ok


# --------------------------------------------------------------------------- legacy chains


def legacy_store(tmp_path: Path, entries: int) -> str:
    """A store at revision 0007 with an unkeyed (SHA-256) log of ``entries``; its URL."""
    url = f"sqlite:///{tmp_path / 'legacy.db'}"
    old = create_engine_for(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0007")
    prev = GENESIS
    with old.begin() as conn:
        for n in range(1, entries + 1):
            fields: dict[str, Any] = {
                "seq": n,
                "at": T0 + timedelta(minutes=n),
                "actor": "admin:ada",
                "action": "determination.make",
                "subject": "sub-00000001",
                "detail": {"fired": ["developer-declared-level"], "n": n},
                "prev_hash": prev,
            }
            prev = audit.legacy_hash(**fields)
            conn.execute(insert(frontier_audit).values(**fields, hash=prev))
    old.dispose()
    return url


def test_the_migration_keeps_a_legacy_head_and_the_first_keyed_entry_rekeys(
    tmp_path: Path,
) -> None:
    engine = open_store(legacy_store(tmp_path, 4))
    with engine.connect() as conn:
        head = audit.stored_head(conn)
        sha_head = audit.entries(conn)[-1].hash
    assert head is not None and head.tag is None and (head.seq, head.mac) == (4, sha_head)
    before = check(engine)
    assert before.ok and not before.keyed and "not yet keyed" in before.notes[0]
    path = tmp_path / "home" / audit.HEAD_FILE
    audit.keep_head_file(engine, path)
    append(engine, 1, start=10)
    with engine.connect() as conn:
        log = audit.entries(conn)
    assert [e.action for e in log[-2:]] == ["audit.rekey", "results.read"]
    assert log[-2].detail == {"entries": 4, "legacy_head": sha_head, "legacy": "sha256"}
    after = check(engine, path)
    assert after.ok and after.keyed and after.head_file == "matches"
    assert log[3].hash != sha_head  # every entry re-authenticated with the key
    engine.dispose()


@pytest.mark.parametrize(
    ("tamper", "message"),
    [
        (
            lambda c: c.execute(
                update(frontier_audit).where(frontier_audit.c.seq == 2).values(detail={"n": 0})
            ),
            "entry 2 was changed",
        ),
        (
            lambda c: c.execute(delete(frontier_audit).where(frontier_audit.c.seq == 4)),
            "chain truncated after entry 3",
        ),
    ],
    ids=["edited", "truncated"],
)
def test_a_broken_legacy_chain_is_refused(tmp_path: Path, tamper: Any, message: str) -> None:
    engine = open_store(legacy_store(tmp_path, 4))
    with engine.begin() as conn:
        tamper(conn)
        hashes = [e.hash for e in audit.entries(conn)]
    with engine.begin() as conn, pytest.raises(LegacyChainBroken, match=message):
        audit.record(conn, actor=ADMIN, action="x", subject=None, detail=None, at=T0)
    with engine.connect() as conn:
        assert [e.hash for e in audit.entries(conn)] == hashes  # nothing re-keyed or written
        verified = audit.verify_log(conn, actor=ADMIN, as_of=BEFORE)
        assert conn.execute(select(func.count()).select_from(frontier_audit)).scalar() == len(
            hashes
        )
    assert not verified.ok and not verified.keyed
    assert verified.problem is not None and verified.problem.startswith(message)
    assert "this check is not logged" in verified.notes[-1]
    engine.dispose()


def test_head_equality_is_by_value() -> None:
    assert Head(1, "a", "b") == Head(1, "a", "b") != Head(1, "a", None)
