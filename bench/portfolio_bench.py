"""Benchmark the re-check of a portfolio on Celery workers (issue 15).

Prints one JSON line. Builds the knowledge base from ../shared/data (OSV PyPI, KEV) in the store
``AICC_DATABASE_URL`` names (PostgreSQL; a fresh database beside it, dropped at the end, unless
``--keep``), then ``--organisations`` organisations each uploading one requirements.txt of
``--components`` real PyPI packages: ``--known-share`` of them packages the OSV data names, at
versions its advisories list (so many match), the rest private names no advisory knows, as most
of a real inventory is. With a broker from ``AICC_BROKER_URL`` it starts the workers itself
(``aicc worker --concurrency 1`` each), runs a full re-match of every component for each count
in ``--workers`` (``1,2``: per-worker throughput, so scaling shows), then an incremental
re-check after a daily delta (``--changed`` advisories modified, ``--kev`` KEV additions), stops
the workers and prints the figures, with the CPU seconds the workers and the database's backends
spent (``db_cpu_per_worker_cpu``: how much of a database core one busy worker costs).

    AICC_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1/aicc AICC_BROKER_URL=redis://... \\
    python bench/portfolio_bench.py --organisations 50 --components 500 --workers 1,2
"""

from __future__ import annotations

import argparse
import atexit
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, func, select, text

from aicc.center import Principal, create_organisation, upload_inventory
from aicc.center.recheck import start_run
from aicc.center.recheck_plan import CHUNK_COMPONENTS
from aicc.store.center_tables import inventories
from aicc.store.db import open_store
from aicc.store.importer import import_path
from aicc.store.recheck_tables import knowledge_changes
from aicc.workers.app import make_app
from aicc.workers.runner import CeleryRunner

ROOT = Path(__file__).resolve().parent.parent
AICC = str(Path(sys.executable).parent / "aicc")
TICKS = os.sysconf("SC_CLK_TCK")


def pypi_packages(shared: Path) -> dict[str, list[str]]:
    """Name -> versions the PyPI advisories of the OSV data list (at most five per advisory)."""
    found: dict[str, set[str]] = {}
    with zipfile.ZipFile(shared / "osv" / "PyPI-all.zip") as archive:
        for member in archive.namelist():
            for affected in json.loads(archive.read(member)).get("affected", []):
                name = affected.get("package", {}).get("name")
                if name and affected.get("versions"):
                    found.setdefault(name, set()).update(affected["versions"][:5])
    return {name: sorted(v) for name, v in sorted(found.items())}


def inventory(n: int, size: int, packages: dict[str, list[str]], share: float) -> bytes:
    rng = random.Random(n)
    names = rng.sample(sorted(packages), min(round(size * share), len(packages)))
    lines = [f"{name}=={rng.choice(packages[name])}" for name in names]
    lines += [f"org{n}-internal-{i}==1.0.{i}" for i in range(size - len(lines))]
    return ("\n".join(lines) + "\n").encode()


def daily_delta(shared: Path, folder: Path, names: set[str], changed: int) -> Path:
    """``changed`` real advisories of packages the portfolio runs, modified today."""
    target = folder / "delta"
    target.mkdir()
    picked = 0
    stamp = time.strftime("2099-%m-%dT%H:%M:%SZ", time.gmtime())
    with zipfile.ZipFile(shared / "osv" / "PyPI-all.zip") as archive:
        for member in sorted(archive.namelist()):
            record = json.loads(archive.read(member))
            if not any(a.get("package", {}).get("name") in names for a in record["affected"]):
                continue
            record["modified"] = stamp  # newer than the data, and than an earlier run's delta
            record["summary"] = (record.get("summary") or "") + " (updated)"
            (target / f"{record['id']}.json").write_text(json.dumps(record))
            picked += 1
            if picked == changed:
                break
    return target


def kev_with(shared: Path, folder: Path, cves: list[str]) -> Path:
    catalogue = json.loads((shared / "kev" / "known_exploited_vulnerabilities.json").read_text())
    known = {v["cveID"] for v in catalogue["vulnerabilities"]}
    for cve in (c for c in cves if c not in known):
        catalogue["vulnerabilities"].append(
            {
                **catalogue["vulnerabilities"][0],
                "cveID": cve,
                "dateAdded": "2099-01-01",
                "dueDate": "2099-01-22",
            }
        )
    catalogue["count"] = len(catalogue["vulnerabilities"])
    path = folder / "known_exploited_vulnerabilities.json"
    path.write_text(json.dumps(catalogue))
    return path


def _upload_share(
    url: str, shared: Path, first: int, step: int, total: int, size: int, share: float
) -> None:
    """Organisations ``first``, ``first + step``, ... of the portfolio, each uploading its
    requirements.txt as a center user would (one process of the build)."""
    engine = open_store(url)
    packages = pypi_packages(shared)
    for n in range(first, total, step):
        made = create_organisation(engine, name=f"Portfolio {n}", sector="hospital")
        who = Principal("tok_bench", "admin", organisation_id=made["id"])
        content = inventory(n, size, packages, share)
        upload_inventory(engine, who, asset="app", filename="requirements.txt", content=content)
    engine.dispose()


def build(
    url: str, shared: Path, organisations: int, size: int, share: float, processes: int
) -> None:
    """Upload the portfolio in ``processes`` processes at once (the uploads take turns on the
    store's write lock only while they write)."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    jobs = [
        context.Process(
            target=_upload_share,
            args=(url, shared, first, processes, organisations, size, share),
        )
        for first in range(processes)
    ]
    for job in jobs:
        job.start()
    for job in jobs:
        job.join()
        if job.exitcode != 0:
            raise SystemExit(f"a build process failed with exit code {job.exitcode}")


def portfolio_names(engine: Engine) -> set[str]:
    """The package names the stored inventories run."""
    with engine.connect() as conn:
        rows = conn.execute(select(inventories.c.components)).scalars()
        return {str(c.get("name")) for components in rows for c in components}


@contextmanager
def fresh_database(url: str, keep: bool, reuse: str | None = None) -> Iterator[str]:
    if not url.startswith("postgresql"):
        yield url
        return
    base, _, _ = url.rpartition("/")
    if reuse:  # a portfolio built by an earlier run with --keep
        yield f"{base}/{reuse}"
        return
    name = f"aicc_portfolio_{os.getpid()}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    try:
        yield f"{base}/{name}"
    finally:
        if not keep:
            with admin.connect() as conn:
                conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def _group(pgid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == pgid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _rss_peak_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _backends(engine: Engine) -> list[int]:
    if engine.dialect.name != "postgresql":
        return []
    with engine.connect() as conn:
        return list(
            conn.execute(
                text(
                    "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                    "AND pid <> pg_backend_pid()"
                )
            ).scalars()
        )


class Workers:
    def __init__(self, count: int, env: dict[str, str], logs: Path):
        self.processes = [
            subprocess.Popen(
                [AICC, "-q", "worker", "--concurrency", "1", "--name", f"bench{n}@%h"],
                env=env,
                stdout=(logs / f"worker{n}.log").open("wb"),
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
            for n in range(count)
        ]

    def pids(self) -> list[int]:
        return [pid for p in self.processes for pid in _group(p.pid)]

    def stop(self) -> None:
        for process in self.processes:
            os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            process.wait(60)


def full_rematch(
    engine: Engine, count: int, env: dict[str, str], logs: Path, chunk_size: int
) -> dict[str, Any]:
    """Start ``count`` workers, re-match every component, stop them."""
    workers = Workers(count, env, logs)
    try:
        time.sleep(3)  # let them connect: the figure is the work, not the start-up
        backends_before = {pid: _cpu(pid) for pid in _backends(engine)}
        workers_before = {pid: _cpu(pid) for pid in workers.pids()}  # their start-up excluded
        run_id = start_run(engine, trigger="manual", full=True)
        assert run_id is not None
        started = time.perf_counter()
        runner = CeleryRunner(engine, make_app(env), poll=0.5, chunk_size=chunk_size)
        run = runner.run(run_id)
        seconds = time.perf_counter() - started
        worker_cpu = sum(_cpu(pid) - workers_before.get(pid, 0.0) for pid in workers.pids())
        db_cpu = sum(_cpu(pid) - backends_before.get(pid, 0.0) for pid in _backends(engine))
        peak = max(_rss_peak_mb(pid) for pid in workers.pids())
    finally:
        workers.stop()
    assert run["state"] == "done", run
    return {
        "workers": count,
        "full_rematch_seconds": round(seconds, 1),
        "components_per_second": round(run["components"] / seconds),
        "components_per_second_per_worker": round(run["components"] / seconds / count),
        "chunks": run["progress"]["chunks_total"],
        "worker_cpu_seconds": round(worker_cpu, 1),
        "db_cpu_seconds": round(db_cpu, 1),
        "db_cpu_per_worker_cpu": round(db_cpu / worker_cpu, 3) if worker_cpu else None,
        "peak_worker_rss_mb": round(peak),
        "findings": run["findings"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=50)
    parser.add_argument("--components", type=int, default=500)
    parser.add_argument("--workers", default="1,2", help="worker counts, e.g. 1,2")
    parser.add_argument("--known-share", type=float, default=0.3)
    parser.add_argument("--changed", type=int, default=300, help="advisories in the delta")
    parser.add_argument("--kev", type=int, default=5, help="KEV additions in the delta")
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--keep", action="store_true", help="keep the bench database")
    parser.add_argument("--chunk-size", type=int, default=CHUNK_COMPONENTS, help="components")
    parser.add_argument("--build-processes", type=int, default=2, help="uploads at once")
    parser.add_argument("--build-only", action="store_true", help="build and keep; no runs")
    parser.add_argument(
        "--reuse", metavar="DATABASE", help="a portfolio kept by an earlier run (--keep)"
    )
    args = parser.parse_args()
    counts = [int(c) for c in args.workers.split(",")]
    broker = os.environ["AICC_BROKER_URL"]
    work = Path(tempfile.mkdtemp(prefix="aicc-portfolio-bench-"))
    atexit.register(shutil.rmtree, work, True)  # the workers' logs and the delta files
    keep = args.keep or args.build_only
    with fresh_database(os.environ["AICC_DATABASE_URL"], keep, args.reuse) as url:
        engine = open_store(url)
        kb_seconds = upload_seconds = 0.0
        if not args.reuse:
            started = time.perf_counter()
            import_path(engine, args.shared / "osv" / "PyPI-all.zip")
            import_path(engine, args.shared / "kev" / "known_exploited_vulnerabilities.json")
            kb_seconds = time.perf_counter() - started
            started = time.perf_counter()
            build(
                url,
                args.shared,
                args.organisations,
                args.components,
                args.known_share,
                args.build_processes,
            )
            upload_seconds = time.perf_counter() - started
        if args.build_only:
            print(
                json.dumps({"database": url.rpartition("/")[2], "upload_seconds": upload_seconds})
            )
            return
        names = portfolio_names(engine)
        with engine.begin() as conn:  # the uploads' own knowledge is current: nothing to claim
            conn.execute(knowledge_changes.delete().where(knowledge_changes.c.run_id.is_(None)))
        with engine.connect() as conn:
            stored = conn.execute(select(func.count()).select_from(inventories)).scalar_one()
            assert stored == args.organisations, f"{stored} inventories stored"
        env = dict(os.environ, AICC_DATABASE_URL=url, AICC_BROKER_URL=broker)
        env["AICC_HOME"] = str(work)
        full = [full_rematch(engine, count, env, work, args.chunk_size) for count in counts]

        delta = daily_delta(args.shared, work, names, args.changed)
        with engine.connect() as conn:
            cves = list(
                conn.execute(
                    text(
                        "SELECT DISTINCT vulnerability_id FROM findings "
                        "WHERE kev = false AND vulnerability_id LIKE 'CVE-%' "
                        "ORDER BY vulnerability_id LIMIT :n"
                    ),
                    {"n": args.kev},
                ).scalars()
            )
        started = time.perf_counter()
        import_path(engine, delta)
        import_path(engine, kev_with(args.shared, work, cves))
        import_seconds = time.perf_counter() - started
        workers = Workers(max(counts), env, work)
        try:
            time.sleep(3)
            started = time.perf_counter()
            run_id = start_run(engine, trigger="sync")
            assert run_id is not None
            runner = CeleryRunner(engine, make_app(env), poll=0.2, chunk_size=args.chunk_size)
            incremental = runner.run(run_id)
            incremental_seconds = time.perf_counter() - started
        finally:
            workers.stop()
        with engine.connect() as conn:
            claimed = conn.execute(
                select(knowledge_changes.c.source).where(knowledge_changes.c.run_id == run_id)
            ).all()
        engine.dispose()
    last = max(full, key=lambda f: f["workers"])  # the headline: the most workers
    print(
        json.dumps(
            {
                "backend": url.split(":", 1)[0],
                "organisations": args.organisations,
                "components": args.organisations * args.components,
                "workers": last["workers"],
                "full_rematch_seconds": last["full_rematch_seconds"],
                "components_per_second": last["components_per_second"],
                "components_per_second_per_worker": last["components_per_second_per_worker"],
                "incremental_seconds": round(incremental_seconds, 1),
                "peak_worker_rss_mb": max(f["peak_worker_rss_mb"] for f in full),
                "by_workers": full,
                "incremental": {
                    "changes": len(claimed),
                    "components": incremental["components"],
                    "chunks": incremental["progress"]["chunks_total"],
                    "findings": incremental["findings"],
                    "new_exploited": incremental["new_exploited"],
                    "import_seconds": round(import_seconds, 1),
                },
                "chunk_size": args.chunk_size,
                "knowledge_base_seconds": round(kb_seconds, 1),
                "upload_seconds": round(upload_seconds, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
