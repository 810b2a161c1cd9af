"""Real Celery workers for the tests: a private Redis on a Unix socket (never the machine's
shared one, so a test may stop and restart it), `aicc worker` processes started and killed
by the test, and a small portfolio built from the shipped sample knowledge base."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Engine, create_engine, select, text

from aicc.center import Principal, create_organisation, upload_inventory
from aicc.center.findings import component_identity
from aicc.feeds.sample import sample_paths
from aicc.store.center_tables import assets, finding_events, findings, organisations
from aicc.store.importer import import_path
from aicc.store.recheck_tables import recheck_findings
from tests.support.recheck_feeds import changes

AICC = str(Path(sys.executable).parent / "aicc")
# Real packages of the sample knowledge base, most at versions its advisories name.
PACKAGES = (
    "flask==2.2.2",
    "jinja2==2.11.2",
    "pyyaml==5.3",
    "requests==2.25.0",
    "urllib3==1.26.5",
    "django==4.2.10",
    "werkzeug==2.2.2",
    "certifi==2022.9.24",
    "cryptography==41.0.1",
    "pillow==9.2.0",
    "setuptools==65.0.0",
    "aiohttp==3.9.1",
    "rich==13.7.0",
    "click==8.1.7",
)


class PrivateRedis:
    """``redis-server`` on a Unix socket in a folder of its own, without persistence."""

    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.skip("redis-server is not installed")
        self.binary = binary
        self.folder = Path(tempfile.mkdtemp(prefix="aicc-redis-", dir="/tmp"))  # a short path
        self.socket = self.folder / "redis.sock"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis+socket://{self.socket}"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                *(self.binary, "--port", "0", "--unixsocket", str(self.socket)),
                *("--unixsocketperm", "700", "--save", "", "--appendonly", "no"),
                *("--dir", str(self.folder)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while not self.socket.exists():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("the private redis-server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(20)
        self.socket.unlink(missing_ok=True)

    def close(self) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


@contextmanager
def private_redis() -> Iterator[PrivateRedis]:
    redis = PrivateRedis()
    redis.start()
    try:
        yield redis
    finally:
        redis.close()


class Workers:
    """`aicc worker` processes, each in a process group of its own so that one can be killed
    whole (its main process and its pool) as a lost machine would be."""

    def __init__(self, env: dict[str, str], log_folder: Path):
        self.env = env
        self.log_folder = log_folder
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def start(self, name: str, *, concurrency: int = 1) -> None:
        self.start_with(name, "--concurrency", str(concurrency))

    def start_with(self, name: str, *options: str) -> None:
        log = (self.log_folder / f"{name}.log").open("wb")
        self.processes[name] = subprocess.Popen(
            [AICC, "worker", "--name", f"{name}@%h", *options],
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def pause(self, name: str, *, resume: bool = False) -> None:
        """SIGSTOP (or with ``resume`` SIGCONT) the worker's process group."""
        os.killpg(self.processes[name].pid, signal.SIGCONT if resume else signal.SIGSTOP)

    def kill(self, name: str) -> None:
        """SIGKILL the worker's whole process group, with no chance to hand anything back."""
        process = self.processes.pop(name)
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(20)

    def log(self, name: str) -> str:
        return (self.log_folder / f"{name}.log").read_text(errors="replace")

    def stop_all(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(10)
        self.processes.clear()


def worker_env(broker: str, database_url: str, home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AICC_")}
    env.update(AICC_BROKER_URL=broker, AICC_DATABASE_URL=database_url, AICC_HOME=str(home))
    return env | extra


def second_store_url(store_url: str, tmp_path: Path) -> str:
    """An empty store beside ``store_url`` on the same backend (a second PostgreSQL database)."""
    if store_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'clean.db'}"
    base, _, name = store_url.rpartition("/")
    clean = f"{name}_clean"
    admin = create_engine(f"{base}/{name}", isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{clean}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{clean}"'))
    admin.dispose()
    return f"{base}/{clean}"


def build_portfolio(engine: Engine, folder: Path, *, organisations_count: int = 6) -> None:
    """The sample knowledge base, organisations with two assets each (inventories of the
    sample's packages), then a day's feed update imported (new, narrowed and withdrawn
    advisories, KEV additions) for a re-check to apply."""
    for path in sample_paths():
        import_path(engine, path)
    for n in range(organisations_count):
        made = create_organisation(engine, name=f"Organisation {n}", sector="hospital")
        who = Principal(f"tok_{n}", "admin", organisation_id=made["id"])
        for asset in range(2):
            chosen = [PACKAGES[(n + asset + i) % len(PACKAGES)] for i in range(8)]
            content = ("\n".join(chosen) + "\n").encode()
            upload_inventory(
                engine, who, asset=f"app-{asset}", filename="requirements.txt", content=content
            )
    update = folder / "update"
    update.mkdir(parents=True)
    for path in changes(update):
        import_path(engine, path)


def findings_of(engine: Engine) -> list[tuple[Any, ...]]:
    """Every finding as a re-check leaves it, by names (ids differ between two stores)."""
    query = (
        select(
            organisations.c.name,
            assets.c.name,
            findings.c.vulnerability_id,
            findings.c.record,
            findings.c.present,
            findings.c.priority,
            findings.c.due,
            findings.c.kev,
            findings.c.state,
        )
        .join(assets, assets.c.id == findings.c.asset_id)
        .join(organisations, organisations.c.id == findings.c.organisation_id)
    )
    with engine.connect() as conn:
        rows = [
            (org, asset, vuln, component_identity(record.get("component") or {}), *rest)
            for org, asset, vuln, record, *rest in conn.execute(query)
        ]
    return sorted(rows, key=repr)


def changes_of(engine: Engine) -> tuple[list[tuple[str, str, bool]], int]:
    """What the runs recorded per finding (change, CVE, KEV) and the audit events in all."""
    rf = recheck_findings
    with engine.connect() as conn:
        recorded = sorted(
            (r.change, r.vulnerability_id, r.kev)
            for r in conn.execute(select(rf.c.change, rf.c.vulnerability_id, rf.c.kev))
        )
        events = conn.execute(select(finding_events.c.id)).all()
    return recorded, len(events)
