"""Benchmark the re-check after feed updates over a portfolio of stored inventories.

Prints one JSON line. Each organisation uploads one inventory (a requirements.txt) of
``--components`` packages: a dozen real ones from the sample knowledge base at vulnerable
versions, the rest names no advisory knows. Then one new OSV advisory for ``flask`` is imported
and re-checked (``incremental_seconds``: only the flask components are re-matched), and a full
re-check of every component follows (``full_seconds``, ``components_per_second``; it finds
nothing new, which it must). Single process, the in-process runner, on the store
``--database-url`` names (a temporary SQLite file by default).

    python bench/recheck_bench.py [--organisations 100] [--components 100] [--database-url URL]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from aicc.center import Principal, create_organisation, upload_inventory
from aicc.center.recheck import start_run
from aicc.center.recheck_runner import InProcessRunner, recheck_now
from aicc.feeds.sample import sample_paths
from aicc.store.db import open_store
from aicc.store.importer import import_path

VULNERABLE = (
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
)
ADVISORY = {
    "id": "PYSEC-2099-1",
    "aliases": ["CVE-2099-0001"],
    "summary": "A new flaw in Flask",
    "modified": "2099-01-01T00:00:00Z",
    "published": "2099-01-01T00:00:00Z",
    "affected": [
        {
            "package": {"name": "flask", "ecosystem": "PyPI", "purl": "pkg:pypi/flask"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.3.0"}]}],
        }
    ],
}


def _inventory(n: int, components: int) -> bytes:
    lines = list(VULNERABLE[: min(components, len(VULNERABLE))])
    lines += [f"aicc-bench-{n}-{i}==1.0.{i}" for i in range(components - len(lines))]
    return ("\n".join(lines) + "\n").encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--organisations", type=int, default=100)
    parser.add_argument("--components", type=int, default=100)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="aicc-recheck-bench-"))
    engine = open_store(args.database_url or f"sqlite:///{work / 'aicc.db'}")
    for path in sample_paths():
        import_path(engine, path)
    started = time.perf_counter()
    for n in range(args.organisations):
        made = create_organisation(engine, name=f"Bench organisation {n}", sector="hospital")
        who = Principal("tok_bench", "admin", organisation_id=made["id"], organisation_name="x")
        content = _inventory(n, args.components)
        upload_inventory(engine, who, asset="app", filename="requirements.txt", content=content)
    upload_seconds = time.perf_counter() - started

    feed = work / "osv"
    feed.mkdir()
    (feed / "PYSEC-2099-1.json").write_text(json.dumps(ADVISORY))
    started = time.perf_counter()
    import_path(engine, feed)
    import_seconds = time.perf_counter() - started
    started = time.perf_counter()
    [incremental] = recheck_now(engine, InProcessRunner(engine))
    incremental_seconds = time.perf_counter() - started

    started = time.perf_counter()
    run_id = start_run(engine, trigger="manual", full=True)
    assert run_id is not None
    full = InProcessRunner(engine).run(run_id)
    full_seconds = time.perf_counter() - started
    assert full["findings"] == {"new": 0, "closed": 0, "again": 0, "redecided": 0}, full
    print(
        json.dumps(
            {
                "backend": engine.dialect.name,
                "organisations": args.organisations,
                "components": args.organisations * args.components,
                "upload_seconds": round(upload_seconds, 2),
                "import_with_change_log_seconds": round(import_seconds, 3),
                "incremental_components": incremental["components"],
                "incremental_new_findings": incremental["findings"]["new"],
                "incremental_seconds": round(incremental_seconds, 2),
                "full_components": full["components"],
                "full_chunks": full["progress"]["chunks_total"],
                "full_seconds": round(full_seconds, 2),
                "components_per_second": round(full["components"] / full_seconds),
            }
        )
    )


if __name__ == "__main__":
    main()
