"""Shared fixtures: the store on SQLite and (when configured) PostgreSQL, and the shared data."""

from __future__ import annotations

import os
import sqlite3
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
    """A clean, unmigrated schema in the test database for one test; returns the URL to use."""
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    return url


def copy_sqlite(template: str | Path, path: Path) -> str:
    """A SQLite store at ``path`` copied from the file ``template`` with SQLite's backup API
    (a plain file copy would miss what is still in the template's write-ahead log); returns its
    URL."""
    with sqlite3.connect(template) as source, sqlite3.connect(path) as target:
        source.backup(target)
    source.close()
    target.close()
    return f"sqlite:///{path}"


def copy_postgres(template: str, url: str) -> str:
    """The database of ``url`` made anew as a copy of the database ``template`` (which nobody
    may be connected to); returns ``url``. Copying a migrated store takes a tenth of the time
    its migrations take, and most tests start from one."""
    head, name = url.rsplit("/", 1)
    admin = create_engine(f"{head}/postgres", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(
            text("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = :t"),
            {"t": template},
        )
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}" TEMPLATE "{template}" STRATEGY WAL_LOG'))
    admin.dispose()
    return url


@pytest.fixture(scope="session")
def postgres_url(worker_id: str) -> str | None:
    """This worker's PostgreSQL test database, or None when none is configured."""
    return _worker_database(PG_URL, worker_id) if PG_URL else None


@pytest.fixture(scope="session")
def migrated_template(
    tmp_path_factory: pytest.TempPathFactory, postgres_url: str | None
) -> dict[str, str]:
    """A migrated, empty store made once per test process for each backend: the SQLite file's
    path and the PostgreSQL database's name, which `store_url` copies for each test."""
    path = tmp_path_factory.mktemp("template") / "aicc.db"
    open_store(f"sqlite:///{path}").dispose()
    templates = {"sqlite": str(path)}
    if postgres_url is not None:
        name = f"{postgres_url.rsplit('/', 1)[1]}_tmpl"
        url = _reset_postgres(_worker_database(postgres_url, "tmpl"))
        open_store(url).dispose()
        templates["postgresql"] = name
    return templates


@pytest.fixture(params=BACKENDS)
def store_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    postgres_url: str | None,
    migrated_template: dict[str, str],
) -> str:
    """The URL of a migrated, empty store: SQLite always, PostgreSQL when
    AICC_TEST_DATABASE_URL is set (`_reset_postgres` empties it for a test of the migrations)."""
    if request.param == "sqlite":
        return copy_sqlite(migrated_template["sqlite"], tmp_path / "aicc.db")
    assert postgres_url is not None
    return copy_postgres(migrated_template["postgresql"], postgres_url)


@pytest.fixture(scope="session")
def sample_template(
    tmp_path_factory: pytest.TempPathFactory,
    postgres_url: str | None,
    migrated_template: dict[str, str],
) -> dict[str, str]:
    """The migrated store with `aicc db import --sample` done, once per test process for each
    backend (the SQLite file's path, the PostgreSQL database's name), copied by the tests and
    centers that start from the sample knowledge base."""
    from typer.testing import CliRunner

    from aicc.cli.main import app

    folder = tmp_path_factory.mktemp("sample-template")
    path = folder / "aicc.db"
    urls = {"sqlite": copy_sqlite(migrated_template["sqlite"], path)}
    templates = {"sqlite": str(path)}
    if postgres_url is not None:
        url = f"{postgres_url}_sample"
        urls["postgresql"] = copy_postgres(migrated_template["postgresql"], url)
        templates["postgresql"] = url.rsplit("/", 1)[1]
    for backend, url in urls.items():
        env = {"AICC_HOME": str(folder / backend), "AICC_DATABASE_URL": url}
        imported = CliRunner().invoke(app, ["db", "import", "--sample"], env=env)
        assert imported.exit_code == 0, imported.output
    return templates


def sample_copy(
    templates: dict[str, str], backend: str, *, folder: Path, postgres_url: str | None, suffix: str
) -> str:
    """A store URL holding a fresh copy of the sample store: a file in ``folder`` (SQLite) or
    the database named after ``postgres_url``'s with ``_suffix``."""
    if backend == "sqlite":
        return copy_sqlite(templates["sqlite"], folder / "aicc.db")
    assert postgres_url is not None
    return copy_postgres(templates["postgresql"], f"{postgres_url}_{suffix}")


@pytest.fixture(params=BACKENDS)
def sample_store_url(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    postgres_url: str | None,
    sample_template: dict[str, str],
) -> str:
    """The URL of a store holding the sample knowledge base (what `aicc db import --sample`
    writes), on each backend: a copy of `sample_template`, so each test has its own."""
    if request.param == "sqlite":
        return sample_copy(sample_template, "sqlite", folder=tmp_path, postgres_url=None, suffix="")
    assert postgres_url is not None
    return copy_postgres(sample_template["postgresql"], postgres_url)


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
