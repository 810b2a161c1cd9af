"""PostgreSQL restarted during an import and during a scan (issue 17): the command fails with one
clear line and exit status 2 (or, had it retried, succeeds), never a traceback, a hang or a
half-written report; and one more import makes the store equal to a clean import.

The server restarted is a private cluster this module starts on a free port (``initdb`` and
``pg_ctl`` from the PostgreSQL installation), never the shared one the other tests use, so the
tests run wherever PostgreSQL is installed, CI included, and skip where it is not.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable, Generator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from sqlalchemy import Integer, create_engine, select, text
from sqlalchemy.pool import NullPool

from aicc.store import tables as t
from aicc.store.db import IDLE_PING_S, open_store
from aicc.store.importer import import_path

COMMAND_TIMEOUT = 180  # seconds any one command may take before it counts as a hang
# Tables that log imports (when, how many added) rather than hold knowledge: a re-import after a
# failed one rightly logs different counts there; and store_changes, whose marker is random in
# every database (migration 0019), so two databases never hold the same one.
LOG_TABLES = frozenset({"sync_state", "fetch_state", "store_changes"})
ADVISORIES = 4000  # enough that an import takes a few seconds on PostgreSQL
PACKAGES = 400
INITDB_OPTIONS = ("-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8")


def _binaries() -> Path | None:
    """The folder holding initdb and pg_ctl: beside pg_ctl on PATH, else the newest Debian
    installation (Debian keeps them off PATH)."""
    found = shutil.which("pg_ctl")
    folders = [str(Path(found).resolve().parent)] if found else []
    folders += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=_version, reverse=True)
    for folder in folders:
        if (Path(folder) / "initdb").exists() and (Path(folder) / "pg_ctl").exists():
            return Path(folder)
    return None


def _version(folder: str) -> int:
    number = Path(folder).parent.name
    return int(number) if number.isdigit() else 0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Client(NamedTuple):
    """One client connection as pg_stat_activity shows it."""

    query: str  # the statement running, or the last one run
    idle_for: float | None  # seconds since it went idle (outside a transaction), else None


@dataclass
class PrivatePostgres:
    """A PostgreSQL cluster of this test module's own, which it may restart at will."""

    binaries: Path
    folder: Path
    port: int
    as_user: list[str]  # a prefix that runs a command as the cluster's owner (root cannot)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def _pg_ctl(self, *args: str, check: bool = True) -> None:
        subprocess.run(
            [*self.as_user, str(self.binaries / "pg_ctl"), "-D", str(self.data), *args],
            check=check,
            cwd=self.folder,
            capture_output=True,
            timeout=60,
        )

    def start(self) -> None:
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c max_connections=30 -c shared_buffers=16MB"
        )
        self._pg_ctl("-o", options, "-l", str(self.folder / "log"), "-w", "start")

    def restart(self) -> None:
        """Stop (disconnecting every client, as an administrator's restart does) and start."""
        self._pg_ctl("-m", "fast", "-w", "stop")
        self.start()

    def stop(self) -> None:
        self._pg_ctl("-m", "immediate", "-w", "stop", check=False)  # a failed restart stopped it

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def fresh_database(self, name: str) -> str:
        admin = create_engine(
            self.url("postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool
        )
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()
        return self.url(name)

    def watch(self, database: str) -> Generator[list[Client]]:
        """What each client connected to ``database`` runs or last ran, again at each step: on
        one connection kept open, so that a step takes a millisecond and a short moment is not
        missed."""
        admin = create_engine(
            self.url("postgres"), isolation_level="AUTOCOMMIT", poolclass=NullPool
        )
        query = text(
            "SELECT query, CASE WHEN state = 'idle' THEN "
            "extract(epoch FROM clock_timestamp() - state_change) END "
            "FROM pg_stat_activity WHERE datname = :db AND pid <> pg_backend_pid()"
        )
        try:
            with admin.connect() as conn:
                while True:
                    rows = conn.execute(query, {"db": database})
                    yield [Client(str(q), None if s is None else float(s)) for q, s in rows]
        finally:
            admin.dispose()


def _owner_prefix(folder: Path) -> list[str]:
    """Root may not run PostgreSQL: run it as the ``postgres`` user (or ``nobody``) then."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root and setpriv is absent: cannot start a private PostgreSQL")
    try:
        user = pwd.getpwnam("postgres")
    except KeyError:
        user = pwd.getpwnam("nobody")
    for path in (folder, *folder.rglob("*")):
        os.chown(path, user.pw_uid, user.pw_gid)
    return [setpriv, f"--reuid={user.pw_uid}", f"--regid={user.pw_gid}", "--clear-groups", "--"]


@pytest.fixture(scope="module")
def private_postgres() -> Iterator[PrivatePostgres]:
    """A private PostgreSQL cluster on a free port, stopped and removed afterwards."""
    pytest.importorskip("psycopg", reason="the postgres extra (psycopg) is not installed")
    binaries = _binaries()
    if binaries is None:
        reason = "no PostgreSQL server binaries (initdb, pg_ctl) on PATH or /usr/lib/postgresql"
        if os.environ.get("AICC_REQUIRE_POSTGRES"):
            pytest.fail(f"AICC_REQUIRE_POSTGRES is set but there are {reason}")
        pytest.skip(reason)
    folder = Path(tempfile.mkdtemp(prefix="aicc-pg-"))  # short: the socket path has a limit
    try:
        prefix = _owner_prefix(folder)
        subprocess.run(
            [*prefix, str(binaries / "initdb"), "-D", str(folder / "data"), *INITDB_OPTIONS],
            check=True,
            cwd=folder,
            capture_output=True,
            timeout=120,
        )
        server = PrivatePostgres(binaries, folder, _free_port(), prefix)
        server.start()
        try:
            yield server
        finally:
            server.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _osv_zip(path: Path, count: int) -> Path:
    """``count`` OSV advisories over ``PACKAGES`` PyPI packages, each affected below 2.0."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for index in range(count):
            package = f"faultpkg{index % PACKAGES}"
            record = {
                "schema_version": "1.6.0",
                "id": f"PYSEC-2099-{index}",
                "modified": "2024-01-01T00:00:00Z",
                "published": "2023-12-01T00:00:00Z",
                "aliases": [f"CVE-2099-{10000 + index}"],
                "summary": f"synthetic advisory {index} for {package}",
                "details": "A synthetic advisory for the PostgreSQL restart test. " * 4,
                "severity": [
                    {"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}
                ],
                "affected": [
                    {
                        "package": {"ecosystem": "PyPI", "name": package},
                        "ranges": [
                            {
                                "type": "ECOSYSTEM",
                                "events": [{"introduced": "0"}, {"fixed": f"2.{index % 7}.0"}],
                            }
                        ],
                        "versions": [f"1.{minor}.0" for minor in range(5)],
                    }
                ],
                "references": [{"type": "WEB", "url": f"https://example.org/{index}"}],
            }
            archive.writestr(f"PYSEC-2099-{index}.json", json.dumps(record))
    return path


def _sbom(path: Path, size: int) -> Path:
    """A CycloneDX SBOM: every synthetic package at an affected version, then unknown ones."""
    components = [
        {
            "type": "library",
            "bom-ref": f"c{index}",
            "name": name,
            "version": version,
            "purl": f"pkg:pypi/{name}@{version}",
        }
        for index, (name, version) in enumerate(
            [(f"faultpkg{i}", "1.2.0") for i in range(PACKAGES)]
            + [(f"internal-lib-{i}", "1.0.0") for i in range(size - PACKAGES)]
        )
    ]
    path.write_text(
        json.dumps(
            {"bomFormat": "CycloneDX", "specVersion": "1.5", "version": 1, "components": components}
        )
    )
    return path


def _aicc(url: str, home: Path, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "aicc.cli.main", *args],
        env={**os.environ, "AICC_HOME": str(home), "AICC_DATABASE_URL": url},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(child: subprocess.Popen[str]) -> tuple[int, str, str]:
    """The exit status, stdout and stderr; a command still running after the limit is a hang."""
    try:
        out, err = child.communicate(timeout=COMMAND_TIMEOUT)
    except subprocess.TimeoutExpired:
        child.kill()
        out, err = child.communicate()
        pytest.fail(f"hung for over {COMMAND_TIMEOUT} s after the restart; stderr: {err[-2000:]}")
    return child.returncode, out, err


Moment = Callable[[list[Client]], bool]


def _restart_during(
    server: PrivatePostgres, store: Callable[[], str], command: list[str], home: Path, at: Moment
) -> tuple[str, int, str]:
    """Run ``aicc command`` on the store at ``store()`` and restart the server at the moment
    ``at(the store's clients)`` first holds; the store's URL, the exit status and stderr. A
    command that ended before that moment (some are short) runs again on a new ``store()``, up
    to three times in all."""
    for _attempt in range(3):
        url = store()
        child = _aicc(url, home, *command)
        clients = server.watch(url.rsplit("/", 1)[1])
        deadline = time.monotonic() + COMMAND_TIMEOUT
        restarted = False
        while child.poll() is None and time.monotonic() < deadline:
            if at(next(clients)):
                restarted = True
                break
            time.sleep(0.002)
        clients.close()
        if restarted:
            server.restart()
        code, _out, err = _finish(child)
        if restarted:
            return url, code, err
        assert code == 0, err
    pytest.fail(f"aicc {' '.join(command)} ended before the moment, three times over")


def _assert_clear_failure_or_success(code: int, err: str) -> None:
    assert "Traceback" not in err, err
    if code == 0:
        return
    assert code == 2, (code, err)
    lines = err.strip().splitlines()
    assert lines, "exit status 2 and nothing on stderr"
    for line in lines:  # each failed file, or the command, says so in one line of its own
        assert line.startswith("error: "), err
        assert "store" in line, err


def _content(url: str) -> dict[str, tuple[int, str]]:
    """Per knowledge table, its row count and a digest of its rows (autoincrement ids left out,
    since a retried insert may number the rows differently)."""
    engine = open_store(url, upgrade=False)
    content: dict[str, tuple[int, str]] = {}
    with engine.connect() as conn:
        for table in t.metadata.sorted_tables:
            if table.name in LOG_TABLES:
                continue
            columns = [
                c
                for c in table.columns
                if not (c.primary_key and isinstance(c.type, Integer) and c.autoincrement)
            ]
            rows = sorted(
                json.dumps(list(row), default=str, sort_keys=True)
                for row in conn.execute(select(*columns))
            )
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            content[table.name] = (len(rows), digest)
    engine.dispose()
    return content


@pytest.fixture(scope="module")
def feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("feed")
    return _osv_zip(folder / "osv-restart.zip", ADVISORIES)


IMPORT = ("db", "import", "--sample")  # the sample after the big file: OSV, CVE JSON 5, KEV


@pytest.fixture(scope="module")
def clean_import(
    private_postgres: PrivatePostgres, feed: Path, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, tuple[int, str]]:
    """What the store holds after the import ran undisturbed into a fresh database."""
    url = private_postgres.fresh_database("clean_import")
    home = tmp_path_factory.mktemp("home")
    code, _out, err = _finish(_aicc(url, home, *IMPORT, str(feed)))
    assert code == 0, err
    content = _content(url)
    assert content["advisories"][0] > ADVISORIES
    assert content["cve_records"][0] and content["kev_entries"][0]
    return content


def _seen(*starts: str) -> Moment:
    """True once a client runs (or has just run) a statement beginning with one of ``starts``."""
    return lambda clients: any(c.query.lstrip().upper().startswith(starts) for c in clients)


def _idle_in_the_pool(clients: list[Client]) -> bool:
    """A connection back in the pool a while: the store was opened, the next query is to come."""
    return any(c.idle_for is not None and c.idle_for > 0.2 for c in clients)


# When the server restarts: as the schema is made (a fresh store migrates first), while the big
# file's advisories are written, and while the sample's CVE records are merged.
IMPORT_MOMENTS = {
    "migration": _seen("CREATE"),
    "writing": _seen("INSERT INTO ADVISOR", "INSERT INTO AFFECTED"),
    "cve merge": _seen("INSERT INTO CVE_", "DELETE FROM CVE_"),
}


@pytest.mark.parametrize("moment", list(IMPORT_MOMENTS))
def test_a_restart_during_an_import_fails_clearly_and_one_more_import_equals_a_clean_one(
    private_postgres: PrivatePostgres,
    feed: Path,
    clean_import: dict[str, tuple[int, str]],
    tmp_path: Path,
    moment: str,
) -> None:
    home = tmp_path / "home"
    command = [*IMPORT, str(feed)]
    url, code, err = _restart_during(
        private_postgres,
        lambda: private_postgres.fresh_database(f"import_{moment.replace(' ', '_')}"),
        command,
        home,
        IMPORT_MOMENTS[moment],
    )
    _assert_clear_failure_or_success(code, err)

    code, _out, err = _finish(_aicc(url, home, *command))
    assert code == 0, err
    assert _content(url) == clean_import


@pytest.fixture(scope="module")
def scan_store(private_postgres: PrivatePostgres, feed: Path) -> str:
    """The big feed imported: 400 packages with 10 advisories each."""
    url = private_postgres.fresh_database("scan_store")
    engine = open_store(url)
    import_path(engine, feed)
    engine.dispose()
    return url


# When the server restarts: once the scan opened the store (it reads the SBOM, then matches on
# a pooled connection the restart closed), while it matches, while it collects evidence.
SCAN_MOMENTS = {
    "opened": _idle_in_the_pool,
    "matching": _seen("SELECT AFFECTED_PACKAGES"),
    "evidence": _seen("SELECT KEV_ENTRIES", "SELECT EPSS_SCORES", "SELECT CVE_METRICS"),
}


@pytest.mark.parametrize("moment", list(SCAN_MOMENTS))
def test_a_restart_during_a_scan_fails_clearly_and_writes_no_partial_report(
    private_postgres: PrivatePostgres, scan_store: str, tmp_path: Path, moment: str
) -> None:
    sbom = _sbom(tmp_path / "sbom.cdx.json", 20_000)
    reports = tmp_path / "reports"
    reports.mkdir()
    report = reports / "report.json"
    command = ["scan", str(sbom), "-f", "json", "-o", str(report)]

    def attempt() -> str:
        # an attempt that ended before the moment wrote the report: the next starts without it
        report.unlink(missing_ok=True)
        return scan_store

    _url, code, err = _restart_during(
        private_postgres, attempt, command, tmp_path / "home", SCAN_MOMENTS[moment]
    )
    assert "Traceback" not in err, err
    if code == 0:  # the restart came too late to matter
        document = json.loads(report.read_text())  # whole, or it would not parse
        assert len(document["findings"]) == ADVISORIES
    else:
        _assert_clear_failure_or_success(code, err)
        assert not report.exists()
    assert [p.name for p in reports.iterdir()] == (["report.json"] if code == 0 else [])


def test_a_long_running_process_goes_on_after_a_restart(
    private_postgres: PrivatePostgres, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server and the workers keep one engine for hours: a pooled connection left idle is
    tested before it is handed out, so after a restart the next statement simply works; one
    handed back a moment ago is used without that round trip (issue 13: the ping on every
    checkout was a third of a cached answer's cost)."""
    engine = open_store(private_postgres.fresh_database("reconnect"), upgrade=False)
    pings: list[object] = []
    ping = engine.dialect.do_ping

    def counted(dbapi_connection: Any) -> bool:
        pings.append(dbapi_connection)
        return ping(dbapi_connection)

    monkeypatch.setattr(engine.dialect, "do_ping", counted)
    try:
        for _ in range(3):  # in quick succession: the first checkout is tested, not the others
            with engine.connect() as conn:
                assert conn.execute(text("SELECT 1")).scalar() == 1
        assert len(pings) == 1
        private_postgres.restart()
        time.sleep(IDLE_PING_S + 0.2)
        with engine.connect() as conn:  # the dead connection is tested, dropped, replaced
            assert conn.execute(text("SELECT 2")).scalar() == 2
        assert len(pings) >= 2  # the dead one was tested (and its replacement may be)
    finally:
        engine.dispose()
