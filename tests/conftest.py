"""Shared fixtures: the store on SQLite and (when configured) PostgreSQL, and the shared data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine, text

from aicc.store.db import open_store

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED_DATA = ROOT.parent / "shared" / "data"
PG_URL = os.environ.get("AICC_TEST_DATABASE_URL")

BACKENDS = ["sqlite"] + (["postgresql"] if PG_URL else [])


@pytest.fixture
def fixtures() -> Path:
    """The folder of small real-shaped test files."""
    return FIXTURES


@pytest.fixture
def shared_data() -> Path:
    """../shared/data, or a skip saying it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"the shared data folder {SHARED_DATA} is absent")
    return SHARED_DATA


def _worker_database(url: str, worker: str) -> str:
    """Under pytest-xdist each worker gets its own database beside the configured one."""
    if worker == "master":
        return url
    base = url.replace("postgresql://", "postgresql+psycopg://", 1)
    name = f"{base.rsplit('/', 1)[1]}_{worker}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.execute(text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name})
        if exists.first() is None:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return f"{base.rsplit('/', 1)[0]}/{name}"


def _reset_postgres(url: str) -> str:
    """A clean schema in the test database for one test; returns the URL to use."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


@pytest.fixture(scope="session")
def postgres_url(worker_id: str) -> str | None:
    """This worker's PostgreSQL test database, or None when none is configured."""
    return _worker_database(PG_URL, worker_id) if PG_URL else None


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path, postgres_url: str | None) -> str:
    """The URL of an empty store: SQLite always, PostgreSQL when AICC_TEST_DATABASE_URL is set."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'aicc.db'}"
    assert postgres_url is not None
    return _reset_postgres(postgres_url)


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    """An opened, migrated, empty store on each backend."""
    store = open_store(store_url)
    yield store
    store.dispose()


def pytest_sessionstart(session: pytest.Session) -> None:
    """In CI, a missing PostgreSQL is a failure, not a silent SQLite-only run."""
    if os.environ.get("AICC_REQUIRE_POSTGRES") and not PG_URL:
        raise pytest.UsageError("AICC_REQUIRE_POSTGRES is set but AICC_TEST_DATABASE_URL is not")
