"""Benchmark: import ../shared/data into a fresh store, re-import it, and scale a synthetic OSV set.

Prints one JSON line. Each measurement runs in its own process so its peak memory is its own.
PostgreSQL is measured when AICC_BENCH_DATABASE_URL (or AICC_TEST_DATABASE_URL) names a server;
a fresh database is created on it for the run and dropped afterwards.

    python bench/import_bench.py [--shared ../shared/data] [--scale 1,2,5,10]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from sqlalchemy import create_engine, text

ROOT = Path(__file__).resolve().parent.parent


def _sources(shared: Path) -> list[Path]:
    return [
        shared / "osv" / "PyPI-all.zip",
        shared / "osv" / "Go-all.zip",
        shared / "kev" / "known_exploited_vulnerabilities.json",
        shared / "cve" / "vulnrichment.zip",
    ]


def measure(url: str, paths: list[str]) -> None:
    """Child process: import ``paths`` into ``url`` and print wall time, records and peak RSS."""
    from aicc.store.db import open_store
    from aicc.store.importer import import_path

    engine = open_store(url)
    started = time.perf_counter()
    per_source: dict[str, float] = {}
    written = unchanged = 0
    for path in paths:
        summary = import_path(engine, Path(path))
        per_source[Path(path).name] = round(summary.seconds, 2)
        written += summary.counts.added + summary.counts.updated
        unchanged += summary.counts.unchanged
    wall = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "seconds": round(wall, 2),
                "written": written,
                "unchanged": unchanged,
                "peak_mb": round(peak_mb),
                "per_file": per_source,
            }
        )
    )


def _child(url: str, paths: list[Path]) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", url, *map(str, paths)],
        check=True,
        capture_output=True,
        text=True,
    )
    result: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _fresh_and_again(url: str, paths: list[Path]) -> dict[str, object]:
    return {"fresh": _child(url, paths), "reimport": _child(url, paths)}


def synthetic_osv(shared: Path, factor: int, folder: Path) -> tuple[Path, int]:
    """The PyPI and Go records ``factor`` times over, re-keyed (``-x2``...), as one zip."""
    target = folder / f"osv-x{factor}.zip"
    count = 0
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as out:
        for source in (shared / "osv" / "PyPI-all.zip", shared / "osv" / "Go-all.zip"):
            with zipfile.ZipFile(source) as archive:
                for name in archive.namelist():
                    record = json.loads(archive.read(name))
                    for copy in range(factor):
                        rekeyed = {**record, "id": f"{record['id']}-x{copy}"}
                        out.writestr(f"{rekeyed['id']}.json", json.dumps(rekeyed))
                        count += 1
    return target, count


def _postgres(base: str) -> tuple[str, str, str]:
    name = f"aicc_bench_{os.getpid()}"
    admin = base.replace("postgresql://", "postgresql+psycopg://", 1)
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"CREATE DATABASE {name}"))
    engine.dispose()
    url = admin.rsplit("/", 1)[0] + f"/{name}"
    return url, admin, name


def _drop(admin: str, name: str) -> None:
    engine = create_engine(admin, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
    engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--scale", default="1,2,5,10")
    parser.add_argument("--skip-postgres", action="store_true")
    args = parser.parse_args()
    paths = _sources(args.shared)
    results: dict[str, object] = {"machine": {"cpus": os.cpu_count()}}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        results["sqlite"] = _fresh_and_again(f"sqlite:///{folder / 'bench.db'}", paths)
        base = os.environ.get("AICC_BENCH_DATABASE_URL") or os.environ.get("AICC_TEST_DATABASE_URL")
        if base and not args.skip_postgres:
            url, admin, name = _postgres(base)
            try:
                results["postgresql"] = _fresh_and_again(url, paths)
            finally:
                _drop(admin, name)
        curve = []
        for factor in (int(f) for f in args.scale.split(",") if f):
            zipped, records = synthetic_osv(args.shared, factor, folder)
            run = _child(f"sqlite:///{folder / f'scale-{factor}.db'}", [zipped])
            seconds = float(str(run["seconds"]))
            curve.append(
                {
                    "factor": factor,
                    "records": records,
                    "seconds": seconds,
                    "records_per_second": round(records / seconds),
                    "peak_mb": run["peak_mb"],
                }
            )
            zipped.unlink()
        results["osv_scale_sqlite"] = curve
    print(json.dumps(results))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        measure(sys.argv[2], sys.argv[3:])
    else:
        main()
