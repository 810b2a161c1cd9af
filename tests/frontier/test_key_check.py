"""A wrong AICC_FRONTIER_KEY is refused before anything is read or written (issue 17): the
store can never end up holding data under two keys."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import Engine, func, insert, select

from aicc.frontier.crypto import WrongKey, check_key, new_key
from aicc.store.db import open_store
from aicc.store.frontier_tables import (
    frontier_developers,
    frontier_evaluations,
    frontier_key_check,
    frontier_submissions,
)
from aicc.store.locks import writing
from tests.frontier.program_helpers import Invoke, ok

NOW = datetime(2026, 12, 7, tzinfo=UTC)


def test_the_first_key_is_recorded_and_another_is_refused(engine: Engine) -> None:
    right, wrong = Fernet(new_key()), Fernet(new_key())
    with engine.begin() as conn:
        check_key(conn, right, now=NOW)
    with engine.begin() as conn:
        check_key(conn, right, now=NOW)  # the same key again: fine
        assert conn.execute(select(func.count()).select_from(frontier_key_check)).scalar() == 1
    with engine.begin() as conn, pytest.raises(WrongKey, match="not the key this program"):
        check_key(conn, wrong, now=NOW)


def test_a_store_from_before_the_check_is_checked_against_its_data(engine: Engine) -> None:
    right, wrong = Fernet(new_key()), Fernet(new_key())
    with engine.begin() as conn:  # encrypted results written before migration 0005
        conn.execute(insert(frontier_developers).values(id=1, name="Lab", created_at=NOW))
        conn.execute(
            insert(frontier_submissions).values(
                id="s1",
                developer_id=1,
                model_name="m",
                model_version="1",
                submitted_at=NOW,
                release_date=NOW.date(),
                access_kind="inspect",
            )
        )
        conn.execute(
            insert(frontier_evaluations).values(
                id="e1",
                submission_id="s1",
                suite="builtin",
                settings={},
                state="finished",
                started_at=NOW,
                results=right.encrypt(b"{}"),
            )
        )
    with engine.begin() as conn, pytest.raises(WrongKey):
        check_key(conn, wrong, now=NOW)
    with engine.connect() as conn:  # the refused key recorded nothing
        assert conn.execute(select(func.count()).select_from(frontier_key_check)).scalar() == 0
    with engine.begin() as conn:
        check_key(conn, right, now=NOW)


def test_a_wrong_key_can_no_longer_write(frontier: Invoke) -> None:
    ok(frontier("developer", "add", "Example AI"))
    refused = frontier("developer", "add", "Other Labs", AICC_FRONTIER_KEY=new_key())
    assert refused.exit_code == 2
    assert "is not the key this program's data is encrypted with" in refused.stderr
    listed = ok(frontier("developer", "list")).stdout
    assert "Example AI" in listed and "Other Labs" not in listed


def test_a_busy_store_is_one_clear_line_not_a_traceback(frontier: Invoke, store_url: str) -> None:
    if not store_url.startswith("sqlite"):
        pytest.skip("SQLite's writer lock; PostgreSQL writers wait on rows")
    ok(frontier("developer", "add", "Example AI"))
    holder = open_store(store_url)
    with writing(holder):  # an import holds the store for longer than SQLite waits
        busy = frontier("developer", "add", "Other Labs", AICC_STORE_TIMEOUT="0.3")
    holder.dispose()
    assert busy.exit_code == 2
    assert isinstance(busy.exception, SystemExit)  # an exit, not an uncaught error
    assert "the store is busy (another command is writing to it)" in busy.stderr
